// gongkai backup and restore end to end: a backup taken while the server
// writes holds everything acknowledged before it began and passes the
// integrity check; a restore is refused while the server has the database
// open, brings the backup back once it is stopped, and the server starts on
// it; damaged, foreign and newer copies are refused with a clear message
// and leave the database as it was.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { BIN, ENV, assertNoSanitizer, gk, login, startServer } from './lib.mjs';

let srv, again;
after(() => { srv?.kill(); again?.kill(); });

function sql(db, query) {
	const r = spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.trim();
}

function sha(file) {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/* gongkai ARGS without blocking the event loop (the writers go on). */
function gkAsync(args) {
	return new Promise((resolve) => {
		const child = spawn(BIN, args, { env: ENV });
		let stdout = '', stderr = '';
		child.stdout.on('data', (d) => { stdout += d; });
		child.stderr.on('data', (d) => { stderr += d; });
		child.on('exit', (status) => {
			assertNoSanitizer(stderr, `gongkai ${args.join(' ')}`);
			resolve({ status, stdout, stderr });
		});
	});
}

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '备份测试申请人', id_number: '140202199001011234',
	phone: '13503520001', email: 'backup@example.cn', address: '大同市平城区测试路8号',
	description: '备份测试：2025年城区道路改造工程的立项批复', delivery: 'email', channel: 'in_person',
};

test('a backup while the server writes, a restore once it is stopped', { timeout: 120000 }, async () => {
	srv = await startServer();
	const backup = path.join(srv.dir, 'backups', 'gongkai-backup.db');
	fs.mkdirSync(path.dirname(backup));
	const c = srv.client();
	await login(c, 'handler');
	const csrf = (await c.get('/api/v1/staff/whoami')).json.csrf;
	const acked = [];
	let running = true, failure = null;
	const write = async () => {
		try {
			while (running) {
				const r = await c.request('POST', '/api/v1/staff/requests', {
					body: JSON.stringify(PERSON), headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
				});
				assert.equal(r.status, 201, r.text);
				acked.push(r.json.tracking_code.replace(/[^0-9A-Z]/gi, '').toUpperCase());
			}
		} catch (e) { failure = e; running = false; }
	};
	const until = async (done) => {
		while (!done()) {
			if (failure) throw failure;
			await new Promise((r) => setTimeout(r, 5));
		}
	};
	const writers = [write(), write(), write()];
	await until(() => acked.length >= 10);
	const before = acked.slice();
	const b = await gkAsync(['backup', '--db', srv.db, '--to', backup]);
	const during = acked.length - before.length;
	await until(() => acked.length >= before.length + during + 5);
	running = false;
	await Promise.all(writers);
	if (failure) throw failure;
	assert.equal(b.status, 0, b.stderr);
	assert.match(b.stdout, /^backed up .* to .*gongkai-backup\.db: [\d.]+ MB in [\d.]+ s, integrity check ok\n$/);
	console.log(`# ${during} applications acknowledged while the backup ran`);

	// one self-contained file, sound, holding every write acknowledged before
	assert.deepEqual(fs.readdirSync(path.dirname(backup)), ['gongkai-backup.db']);
	assert.equal(sql(backup, 'PRAGMA integrity_check'), 'ok');
	assert.equal(sql(backup, 'PRAGMA journal_mode'), 'delete');
	assert.equal(fs.statSync(backup).mode & 0o777, 0o600, 'personal data: for the owner alone');
	const inBackup = new Set(sql(backup, 'SELECT tracking_code FROM applications').split('\n'));
	for (const code of before) assert.ok(inBackup.has(code), `${code}, acknowledged before the backup, is in it`);
	const later = acked.filter((code) => !inBackup.has(code));
	assert.ok(later.length >= 5, 'writes after the backup are not in it');
	// the live database's audit log records it
	assert.match(sql(srv.db, "SELECT detail FROM audit_log WHERE action = 'backup' AND object_type = 'database'"), /gongkai-backup\.db$/);
	// gongkai restore --check reads it
	const check = gk(['restore', '--check', '--from', backup]);
	assert.equal(check.status, 0, check.stderr);
	assert.match(check.stdout, /integrity check ok, schema \d+/);

	// a database the server holds open is not overwritten
	const live = sql(srv.db, 'SELECT count(*) FROM applications');
	const busy = gk(['restore', '--from', backup, '--db', srv.db]);
	assert.equal(busy.status, 1);
	assert.match(busy.stderr, /is open in another process .*stop it first/);
	assert.equal(sql(srv.db, 'SELECT count(*) FROM applications'), live);
	await srv.assertAlive('a refused restore');
	await srv.stop();

	// stopped: the restore goes through, the catalogue index is rebuilt
	assert.ok(fs.existsSync(srv.db + '.catalogue'));
	const r = gk(['restore', '--from', backup, '--db', srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^restored .* from .*gongkai-backup\.db \(schema \d+, now \d+\)/);
	assert.ok(!fs.existsSync(srv.db + '.catalogue'), 'the old catalogue index is removed');
	assert.equal(sql(srv.db, 'PRAGMA integrity_check'), 'ok');
	assert.equal(sql(srv.db, 'PRAGMA journal_mode'), 'wal');
	const restored = new Set(sql(srv.db, 'SELECT tracking_code FROM applications').split('\n'));
	for (const code of before) assert.ok(restored.has(code));
	for (const code of later) assert.ok(!restored.has(code), `${code} came after the backup`);
	assert.match(sql(srv.db, "SELECT detail FROM audit_log WHERE action = 'restore'"), /gongkai-backup\.db$/);

	again = await startServer({ db: srv.db, dir: srv.dir });
	await again.assertAlive('restart on the restored database');
	const c2 = again.client();
	await login(c2, 'handler');
	assert.equal((await c2.get(`/api/v1/staff/requests/${before[0]}`)).status, 200);
	assert.equal((await c2.get(`/api/v1/staff/requests/${later[0]}`)).status, 404);
	await again.stop();

	// a restore into a new file
	const fresh = path.join(srv.dir, 'fresh.db');
	const f = gk(['restore', '--from', backup, '--db', fresh]);
	assert.equal(f.status, 0, f.stderr);
	assert.equal(sql(fresh, 'SELECT count(*) FROM applications'), String(inBackup.size));
});

test('damaged, foreign, newer and missing copies are refused; the database is untouched', async () => {
	const dir = srv.dir;
	const db = path.join(dir, 'target.db');
	const good = path.join(dir, 'good.db');
	assert.equal(gk(['restore', '--from', path.join(dir, 'backups', 'gongkai-backup.db'), '--db', db]).status, 0);
	assert.equal(gk(['backup', '--db', db, '--to', good]).status, 0);
	const copy = (name, change) => {
		const p = path.join(dir, name);
		fs.copyFileSync(good, p);
		change(p);
		return p;
	};
	const pages = copy('pages.db', (p) => {
		const fd = fs.openSync(p, 'r+');
		fs.writeSync(fd, Buffer.alloc(16384, 0x5a), 0, 16384, 40960);
		fs.closeSync(fd);
	});
	const truncated = copy('truncated.db', (p) => fs.truncateSync(p, 100000));
	const text = path.join(dir, 'notes.db');
	fs.writeFileSync(text, '这不是数据库\n');
	const foreign = path.join(dir, 'foreign.db');
	sql(foreign, 'CREATE TABLE t(x); INSERT INTO t VALUES (1);');
	const newer = copy('newer.db', (p) => sql(p, 'PRAGMA user_version = 9999'));
	const cases = [
		[pages, /pages\.db' (cannot be read as a database: database disk image is malformed|failed the integrity check)/],
		[truncated, /truncated\.db' (cannot be read as a database: database disk image is malformed|failed the integrity check)/],
		[text, /notes\.db' cannot be read as a database: file is not a database/],
		[foreign, /foreign\.db' is an SQLite database but not gongkai's/],
		[newer, /newer\.db' has schema 9999, newer than this gongkai \(\d+\): upgrade gongkai/],
		[path.join(dir, 'missing.db'), /cannot read '.*missing\.db': No such file or directory/],
	];
	const before = sha(db);
	for (const [from, message] of cases) {
		const r = gk(['restore', '--from', from, '--db', db]);
		assert.equal(r.status, 1, `${from}: ${r.stdout}`);
		assert.match(r.stderr, message);
		assert.equal(r.stdout, '');
		const ck = gk(['restore', '--check', '--from', from]);
		assert.equal(ck.status, 1);
		assert.match(ck.stderr, message);
	}
	assert.equal(sha(db), before, 'the database is untouched');
	assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');

	// a backup into a folder that does not exist: an error, nothing made
	const nowhere = gk(['backup', '--db', db, '--to', path.join(dir, 'no-such-folder', 'b.db')]);
	assert.equal(nowhere.status, 1);
	assert.match(nowhere.stderr, /cannot create '.*no-such-folder\/b\.db\.partial'/);
	assert.ok(!fs.existsSync(path.join(dir, 'no-such-folder')));
	// over the database itself: a usage error
	assert.equal(gk(['backup', '--db', db, '--to', db]).status, 2);
	assert.equal(gk(['restore', '--from', db, '--db', db]).status, 2);
});
