// A server on PostgreSQL when the database goes away (issue 14): the
// postmaster stopped for ten seconds under a steady load of reads and writes
// gets 503s (HTML and JSON, in Chinese, the JSON with its code, Retry-After),
// the server stays up and serves again by itself within seconds of the
// database's return, and every write it acknowledged is in the database. A
// server started while the database is down listens, answers 503, and serves
// once the database is up (it does not exit: the database's return needs no
// restart of the servers). A read-only database: writes get 503, reads work.
//
// PostgreSQL only: run by tests/run-all.sh (make test-pg), which sets
// GONGKAI_TEST_PG (the cluster's maintenance database) and
// GONGKAI_TEST_PG_DIR (its folder, for scripts/pg-cluster.sh). The postmaster
// stopped here is the whole cluster's: no other suite runs meanwhile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, test } from 'node:test';

import { PG, ROOT, csrfFrom, login, makeDemoDb, psql, startServer, tempDir } from './lib.mjs';

const PG_DIR = process.env.GONGKAI_TEST_PG_DIR;
const skip = PG && PG_DIR ? false
	: 'PostgreSQL only: make test-pg sets GONGKAI_TEST_PG and GONGKAI_TEST_PG_DIR';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CJK = /[\u4e00-\u9fff]/;
/* how long the server may take to serve again once the database is back */
const RECOVERY_MS = 10000;

/* scripts/pg-cluster.sh CMD on the test cluster (stop-server, start-server) */
function cluster(cmd) {
	const r = spawnSync('sh', [path.join(ROOT, 'scripts', 'pg-cluster.sh'), cmd, PG_DIR], { encoding: 'utf8', timeout: 90000 });
	if (r.error) throw r.error;
	assert.equal(r.status, 0, `pg-cluster.sh ${cmd}: ${r.stderr}`);
}
const postmasterUp = () => fs.existsSync(path.join(PG_DIR, 'data', 'postmaster.pid'));

/* The name of the database at ADDRESS (postgresql://[host]/NAME?…). */
function dbName(address) {
	return /^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/.exec(address)[1];
}

/* Every session on the database at ADDRESS but ours ended: the server's
 * connections, which it must make again (and then read the database's
 * new defaults). */
function dropConnections(address) {
	psql(address, 'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity ' +
		'WHERE datname = current_database() AND pid <> pg_backend_pid()');
}

/* Makes the database at ADDRESS read-only by default (ON) or not, from the
 * maintenance database: a session on a read-only database could not undo it. */
function setReadOnly(address, on) {
	psql(PG, `ALTER DATABASE "${dbName(address)}" ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`);
}

const servers = [];
const readOnly = [];
/* whatever a failed test left: the postmaster up, no database read-only,
 * no server running */
afterEach(() => {
	if (skip) return;
	if (!postmasterUp()) cluster('start-server');
	for (const db of readOnly.splice(0)) setReadOnly(db, false);
});
after(() => { for (const s of servers) s.kill(); });

const norm = (code) => code.replace(/[^0-9A-Z]/gi, '').toUpperCase();

const PERSON = {
	applicant_type: 'natural_person', name: '断库测试申请人', id_number: '140202199001011234',
	phone: '13503520001', email: 'outage@example.cn', address: '大同市平城区测试路8号',
	description: '2025年城区道路改造工程的立项批复', delivery: 'email', channel: 'in_person', agency: '035200000',
};

/* The handler of the city office on SRV, through the staff API. */
async function apiHandler(srv) {
	const c = srv.client();
	await login(c, 'handler');
	const who = await c.get('/api/v1/staff/whoami');
	assert.equal(who.status, 200);
	c.csrf = who.json.csrf;
	return c;
}

/* Registers one application through the staff API: the response. */
function register(c) {
	return c.request('POST', '/api/v1/staff/requests', {
		body: JSON.stringify(PERSON),
		headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
	});
}

/* The publication form of an item by the editor of the city office. */
function itemForm(csrf, title) {
	return {
		csrf, revision: '0', agency: '035200000', title, topic: '10.3', genre: 'notice', column: '', doc_no: '',
		written: '', published: '', normative: '', effective: '', keywords: '', summary: '',
		body: '数据库故障测试的正文。', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'publish',
	};
}

/* R is the 503 of a database that cannot serve: Retry-After, and a Chinese
 * message (JSON: beside a stable code, CODE when given). */
function assertDb503(r, what, code) {
	assert.equal(r.status, 503, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
	assert.ok(r.headers.get('retry-after'), `${what}: Retry-After`);
	const type = r.headers.get('content-type') || '';
	if (type.startsWith('application/json')) {
		assert.match(r.json.error, CJK, `${what}: the message is Chinese`);
		assert.match(r.json.code || '', /^[a-z_]+$/, `${what}: a stable code`);
		if (code) assert.equal(r.json.code, code, what);
		assert.equal(r.json.status, 503, what);
	} else {
		assert.match(type, /^text\/html/, `${what}: HTML or JSON`);
		const h1 = /<h1>([^<]*)<\/h1>/.exec(r.text);
		assert.ok(h1 && CJK.test(h1[1]), `${what}: a Chinese heading: ${r.text.slice(0, 500)}`);
	}
}

/* SRV's process runs and answers HTTP (its health check may say the
 * database is away: 200 or 503). */
async function assertUp(srv, what) {
	assert.equal(srv.child.exitCode, null, `${what}: the server is still running`);
	assert.equal(srv.child.signalCode, null, `${what}: the server is still running`);
	const r = await fetch(srv.url + '/api/v1/health');
	assert.ok([200, 503].includes(r.status), `${what}: health answered ${r.status}`);
}

/* Polls REQUEST (a function resolving to a response) until it answers OK
 * (a status), for at most MS; returns the time it took. */
async function until(request, ok, ms, what) {
	const t0 = Date.now();
	let last;
	while (Date.now() - t0 < ms) {
		last = await request();
		if (last.status === ok) return Date.now() - t0;
		await sleep(200);
	}
	assert.fail(`${what}: no ${ok} within ${ms} ms; last ${last?.status} ${last?.text.slice(0, 300)}`);
}

test('the database stopped for 10 s under load: 503s, the server stays up, serves again by itself, loses no acknowledged write',
	{ skip, timeout: 180000 }, async () => {
		const srv = await startServer();
		servers.push(srv);
		const writer = await apiHandler(srv), reader = await apiHandler(srv);
		const editor = srv.client();
		await login(editor, 'editor');

		let phase = 'before', running = true;
		const acked = new Set(), seen = [], broken = [];
		const note = (kind, r) => {
			seen.push({ phase, kind, status: r.status, retry: r.headers.get('retry-after') });
			if (kind === 'write' && r.status === 201) acked.add(norm(r.json.tracking_code));
		};
		/* a light, steady load: a registration and a read every 100 ms */
		const load = async (kind) => {
			while (running) {
				try {
					if (kind === 'write') note(kind, await register(writer));
					else note(kind, await reader.get('/api/v1/staff/requests?view=all'));
				} catch (e) {
					if (e.code === 'ERR_ASSERTION') throw e;
					broken.push(`${phase} ${kind}: ${e.message}`); /* a dropped connection */
				}
				await sleep(100);
			}
		};
		const loops = [load('write'), load('read')];
		try {
			const t0 = Date.now();
			while (acked.size < 5 && Date.now() - t0 < 20000) await sleep(50);
			assert.ok(acked.size >= 5, `writes acknowledged before the outage (${acked.size}): ${JSON.stringify(seen.slice(-3))}`);

			phase = 'stopping';
			cluster('stop-server');
			const down = Date.now();
			phase = 'down';
			await sleep(1000);

			// a page and the API while the database is away
			assertDb503(await editor.get('/staff'), 'GET /staff (HTML) while the database is down');
			assertDb503(await reader.get('/api/v1/staff/requests?view=all'), 'GET the staff API while the database is down',
				'database_unavailable');
			const w = await register(writer);
			assertDb503(w, 'POST a registration while the database is down', 'database_unavailable');
			await assertUp(srv, 'the database stopped');

			while (Date.now() - down < 10000) await sleep(200);
			await assertUp(srv, 'ten seconds without the database');

			phase = 'starting';
			cluster('start-server');
			phase = 'up';
			const back = await until(() => register(writer).then((r) => { note('write', r); return r; }), 201,
				RECOVERY_MS, 'a registration after the database came back');
			const t1 = Date.now();
			while (Date.now() - t1 < 2000) await sleep(100);
			console.log(`# served again ${back} ms after the postmaster started`);
		} finally {
			running = false;
			await Promise.all(loops);
		}

		assert.deepEqual(broken, [], 'every request was answered (no dropped connection)');
		for (const s of seen) {
			assert.ok([200, 201, 503].includes(s.status), `${s.phase} ${s.kind}: status ${s.status}`);
			if (s.status === 503) assert.ok(s.retry, `${s.phase} ${s.kind}: 503 without Retry-After`);
			if (s.phase === 'down') assert.equal(s.status, 503, `${s.kind} answered ${s.status} with the database down`);
		}
		const downs = seen.filter((s) => s.phase === 'down');
		assert.ok(downs.length >= 20, `the load went on during the outage (${downs.length} requests)`);
		assert.ok(seen.some((s) => s.phase === 'up' && s.kind === 'read' && s.status === 200), 'reads served again');

		// nothing the server acknowledged is lost: read the database itself
		const have = new Set(psql(srv.db, 'SELECT tracking_code FROM applications').split('\n').filter(Boolean).map(norm));
		const lost = [...acked].filter((c) => !have.has(c));
		assert.deepEqual(lost, [], `${acked.size} acknowledged registrations, all in the database`);
		console.log(`# ${acked.size} registrations acknowledged, ${downs.length} requests during the outage, none lost`);
		await srv.stop();
	});

test('a server started while the database is down listens, answers 503, and serves once the database is up',
	{ skip, timeout: 120000 }, async () => {
		const dir = tempDir();
		const db = makeDemoDb(dir);
		cluster('stop-server');
		let srv;
		try {
			srv = await startServer({ db, dir });
			servers.push(srv);
			assertDb503(await srv.client().get('/api/v1/agencies'), 'GET /api/v1/agencies, database down', 'database_unavailable');
			assertDb503(await srv.client().get('/apply'), 'GET /apply (HTML), database down');
			await assertUp(srv, 'a start without the database');
		} finally {
			cluster('start-server');
		}
		await until(() => srv.client().get('/api/v1/agencies'), 200, RECOVERY_MS, 'the agencies once the database is up');
		const c = await apiHandler(srv);
		assert.equal((await register(c)).status, 201, 'a registration once the database is up');
		await srv.stop();
	});

test('a read-only database: writes get 503 with a clear message, reads work; writable again, writes work',
	{ skip, timeout: 120000 }, async () => {
		const srv = await startServer();
		servers.push(srv);
		const c = await apiHandler(srv);
		const editor = srv.client();
		await login(editor, 'editor');
		const csrf = csrfFrom((await editor.get('/staff/items/new')).text);
		const first = await register(c);
		assert.equal(first.status, 201);
		const code = first.json.tracking_code;

		readOnly.push(srv.db);
		setReadOnly(srv.db, true);
		dropConnections(srv.db);

		// the first answers may be those of a lost connection; then reads come back
		await until(() => c.get(`/api/v1/staff/requests/${code}`), 200, RECOVERY_MS, 'a staff read, database read-only');
		assertDb503(await register(c), 'a registration (JSON), database read-only');
		const html = await editor.post('/staff/items', itemForm(csrf, '只读数据库测试'));
		assertDb503(html, 'a publication (HTML form), database read-only');
		assert.equal((await editor.get('/staff')).status, 200, 'a staff page, database read-only');
		assert.equal((await srv.client().get('/items')).status, 200, 'the public catalogue, database read-only');
		assert.equal((await srv.client().get('/api/v1/agencies')).status, 200, 'the public API, database read-only');
		await srv.assertAlive('a read-only database');
		const none = psql(srv.db, "SELECT count(*) FROM items WHERE title = '只读数据库测试'").trim();
		assert.equal(none, '0', 'nothing written');

		setReadOnly(srv.db, false);
		readOnly.splice(0);
		dropConnections(srv.db);
		await until(() => register(c), 201, RECOVERY_MS, 'a registration, database writable again');
		await srv.stop();
	});
