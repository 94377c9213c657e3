// A database that cannot be written: at start, every command says so and
// writes nothing; while serving (the files made immutable under the running
// server, as storage that turned read-only), a write is refused with an
// error, nothing of it is kept, reads go on, and writes work again once the
// storage can be written. The same for a disk that fills up under the
// server (a small tmpfs in a mount namespace of its own), until space
// returns.
//
// Root ignores file modes, so as root the files are made immutable
// (chattr +i, which binds root too); as anyone else they lose their write
// bits. Where neither works (chattr on tmpfs) the tests skip.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { BIN, ENV, Client, assertNoSanitizer, gk, login, makeDemoDb, startServer, tempDir } from './lib.mjs';

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
let full;
after(() => {
	for (const p of [...locked]) unlock(p);
	srv?.kill();
	if (full && full.exitCode === null && full.signalCode === null) full.kill('SIGKILL');
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

/* gongkai serve on a copy of the demo database in a tmpfs of SIZE bytes,
 * mounted in a mount namespace of the server's own; resolves to {child,
 * url, root} where ROOT is the tmpfs as this process reaches it. */
async function serveOnTmpfs(size) {
	const mnt = path.join(dir, 'full');
	fs.mkdirSync(mnt);
	const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c',
		'mount -t tmpfs -o size="$1" none "$2" && cp "$3" "$2/gongkai.db" && exec "$4" serve --db "$2/gongkai.db" --listen 127.0.0.1:0 --quiet',
		'sh', String(size), mnt, demo, BIN], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '', err = '';
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d) => { err += d; });
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no start in 20 s: ${err}`)), 20000);
		child.stdout.on('data', (d) => {
			out += d;
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
			if (m) { clearTimeout(timer); resolve(m[1]); }
		});
		child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${err}`)); });
	});
	/* unshare and sh exec: the server keeps the child's pid */
	return { child, url, root: `/proc/${child.pid}/root${mnt}`, db: path.join(mnt, 'gongkai.db'), stderr: () => err };
}

test('a disk that fills up under the server: writes refused, nothing half-written, then writes again', async (t) => {
	if (!ROOT_USER || spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status !== 0)
		return t.skip('needs root and mount namespaces (unshare -m) for a small tmpfs');
	const size = fs.statSync(demo).size + 8 * 1048576;
	const s = await serveOnTmpfs(size);
	full = s.child;
	const c = new Client(s.url);
	await login(c, 'handler');
	const csrf = (await c.get('/api/v1/staff/whoami')).json.csrf;
	const attempts = [];
	const register = async (description) => {
		const r = await c.request('POST', '/api/v1/staff/requests', {
			body: JSON.stringify({ ...PERSON, description }), headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
		});
		attempts.push({ description, status: r.status });
		return r;
	};
	assert.equal((await register('磁盘测试：之前')).status, 201);

	// fill the disk
	const filler = path.join(s.root, 'filler');
	const fd = fs.openSync(filler, 'w');
	for (const chunk of [1048576, 4096, 512, 1]) {
		const buf = Buffer.alloc(chunk, 0x20);
		try { for (;;) fs.writeSync(fd, buf); } catch (e) { assert.equal(e.code, 'ENOSPC'); }
	}
	fs.closeSync(fd);
	let refused = 0;
	for (let i = 0; i < 20 && refused < 3; i++) {
		const r = await register(`磁盘测试：满${i}`);
		if (r.status === 201) continue; /* room left in the log's last pages */
		assert.ok(r.status >= 500, `a write to a full disk answered ${r.status}: ${r.text.slice(0, 300)}`);
		assert.equal(r.json?.code, 'storage_full', r.text.slice(0, 300));
		assert.equal(r.status, 507, 'a full disk is named as such');
		refused++;
	}
	assert.ok(refused >= 1, 'writes to a full disk are refused');
	const health = await fetch(`${s.url}/api/v1/health`);
	assert.equal(health.status, 200, 'reads go on');
	assert.equal((await c.get('/items')).status, 200);

	// space returns
	fs.unlinkSync(filler);
	assert.equal((await register('磁盘测试：之后')).status, 201);

	// sqlite3 inside the server's namespace (it resolves /proc/PID/root to /)
	const inside = (query) => {
		const r = spawnSync('nsenter', ['-t', String(s.child.pid), '-m', 'sqlite3', s.db, query], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		return r.stdout.trim();
	};
	assert.equal(inside('PRAGMA integrity_check'), 'ok');
	const kept = new Set(inside("SELECT description FROM applications WHERE description LIKE '磁盘测试：%'").split('\n'));
	for (const a of attempts)
		assert.equal(kept.has(a.description), a.status === 201, `${a.description} (answered ${a.status}) kept only if acknowledged`);
	const exited = new Promise((r) => s.child.once('exit', (code, signal) => r({ code, signal })));
	s.child.kill('SIGTERM');
	const { code, signal } = await exited;
	assertNoSanitizer(s.stderr(), 'gongkai serve on a full disk');
	assert.equal(signal, null);
	assert.equal(code, 0, s.stderr());
	console.log(`# full disk: ${refused} writes refused, ${attempts.filter((a) => a.status === 201).length} kept`);
});
