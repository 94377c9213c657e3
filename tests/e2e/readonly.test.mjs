// A database that cannot be written: at start, every command says so and
// writes nothing; while serving (the files made immutable under the running
// server, as storage that turned read-only), a write is refused with an
// error, nothing of it is kept, reads go on, and writes work again once the
// storage can be written.
//
// Root ignores file modes, so as root the files are made immutable
// (chattr +i, which binds root too); as anyone else they lose their write
// bits. Where neither works (chattr on tmpfs) the tests skip.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { gk, login, makeDemoDb, startServer, tempDir } from './lib.mjs';

const ROOT_USER = process.getuid() === 0;
const locked = new Set();
let dir, demo, srv;

function lock(p) {
	if (ROOT_USER) {
		const r = spawnSync('chattr', ['+i', p], { encoding: 'utf8' });
		if (r.status !== 0) return false;
	} else {
		fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o555 : 0o444);
	}
	locked.add(p);
	return true;
}

function unlock(p) {
	if (ROOT_USER) spawnSync('chattr', ['-i', p]);
	else fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
	locked.delete(p);
}

function sql(db, query) {
	const r = spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.trim();
}

const sha = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

let canLock = true;
before(() => {
	dir = tempDir();
	demo = makeDemoDb(dir);
	const probe = path.join(dir, 'probe');
	fs.writeFileSync(probe, '');
	canLock = lock(probe);
	if (canLock) unlock(probe);
});
after(() => {
	for (const p of [...locked]) unlock(p);
	srv?.kill();
});

test('a read-only database or folder: a clear error at start, nothing written', async (t) => {
	if (!canLock) return t.skip('cannot make a file read-only here (chattr on this file system?)');
	const sub = path.join(dir, 'ro');
	fs.mkdirSync(sub);
	const db = path.join(sub, 'gongkai.db');
	fs.copyFileSync(demo, db);
	const good = path.join(dir, 'good.db');
	assert.equal(gk(['backup', '--db', demo, '--to', good]).status, 0);
	assert.ok(lock(db));
	const before_ = sha(db);
	const notWritable = /database '.*ro\/gongkai\.db' is not writable: (Permission denied|Operation not permitted)/;
	const serve = gk(['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'], { timeout: 20000 });
	assert.equal(serve.status, 1, serve.stdout);
	assert.match(serve.stderr, notWritable);
	for (const args of [['user', 'list', '--db', db], ['backup', '--db', db, '--to', path.join(dir, 'x.db')],
		['restore', '--from', good, '--db', db],
		['user', 'add', '--db', db, '--login', 'ro.user', '--name', '只读', '--agency', '035200000', '--role', 'editor']]) {
		const r = gk(args);
		assert.equal(r.status, 1, `${args[0]}: ${r.stdout}`);
		assert.match(r.stderr, notWritable, args.join(' '));
	}
	assert.equal(sha(db), before_, 'the database is untouched');
	assert.deepEqual(fs.readdirSync(sub), ['gongkai.db'], 'no -wal, -shm or journal made');
	unlock(db);

	// a writable file in a folder that is not: the WAL cannot live there
	assert.ok(lock(sub));
	const folder = gk(['user', 'list', '--db', db]);
	assert.equal(folder.status, 1);
	assert.match(folder.stderr, /folder '.*ro' is not writable .*-wal and -shm/);
	unlock(sub);
	assert.equal(sha(db), before_);
	const list = gk(['user', 'list', '--db', db]);
	assert.equal(list.status, 0, list.stderr);
});

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '只读测试申请人', id_number: '140202199001011234',
	phone: '13503520001', email: 'ro@example.cn', address: '大同市平城区测试路8号', delivery: 'email', channel: 'in_person',
};

test('storage that turns read-only under the server: writes refused, nothing half-written, then writes again', async (t) => {
	if (!canLock || !ROOT_USER) return t.skip('needs root and chattr +i (open files keep their write access otherwise)');
	const sub = path.join(dir, 'live');
	fs.mkdirSync(sub);
	const db = path.join(sub, 'gongkai.db');
	fs.copyFileSync(demo, db);
	srv = await startServer({ db, dir: sub });
	const c = srv.client();
	await login(c, 'handler');
	const csrf = (await c.get('/api/v1/staff/whoami')).json.csrf;
	const register = (description) => c.request('POST', '/api/v1/staff/requests', {
		body: JSON.stringify({ ...PERSON, description }), headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
	});
	const kept = [];
	for (let i = 0; i < 3; i++) {
		const r = await register(`只读测试：之前${i}`);
		assert.equal(r.status, 201, r.text);
		kept.push(r.json.tracking_code.replace(/[^0-9A-Z]/gi, '').toUpperCase());
	}
	const files = [db, db + '-wal'];
	for (const f of files) assert.ok(lock(f), `chattr +i ${f}`);
	for (let i = 0; i < 3; i++) {
		const r = await register(`只读测试：拒绝${i}`);
		assert.ok(r.status >= 500, `a write to read-only storage answered ${r.status}: ${r.text.slice(0, 300)}`);
		assert.ok(['database_error', 'io_error'].includes(r.json?.code), r.text.slice(0, 300));
		assert.ok(/[\u4e00-\u9fff]/.test(r.json.error), 'the visitor reads a Chinese message');
	}
	// reads go on
	await srv.assertAlive('writes refused');
	assert.equal((await c.get(`/api/v1/staff/requests/${kept[0]}`)).status, 200);
	assert.equal((await fetch(`${srv.url}/api/v1/items?per_page=1`)).status, 200);
	for (const f of files) unlock(f);
	const back = await register('只读测试：恢复后');
	assert.equal(back.status, 201, back.text);
	await srv.stop();

	assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
	assert.equal(sql(db, "SELECT count(*) FROM applications WHERE description LIKE '只读测试：拒绝%'"), '0', 'nothing of a refused write');
	assert.equal(sql(db, "SELECT count(*) FROM applications WHERE description LIKE '只读测试：之前%' OR description = '只读测试：恢复后'"), '4');
});
