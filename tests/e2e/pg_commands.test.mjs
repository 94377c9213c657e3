// The commands that take --db, on a PostgreSQL database (issue 14): an
// import beside a serving gongkai is searchable there at the next request
// and a second run changes nothing; reindex and search from the command
// line; a backup (pg_dump) taken while the server writes, checked without
// naming a database, restored into an empty database, which then serves the
// same catalogue and applications.
//
// PostgreSQL only: run by tests/run-all.sh (make test-pg), which sets
// GONGKAI_TEST_PG; on SQLite the same commands have suites of their own
// (import, cli, backup).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { PG, gk, makeDemoDb, makePgDb, psql, startServer, tempDir } from './lib.mjs';

const skip = PG ? false : 'PostgreSQL only: make test-pg sets GONGKAI_TEST_PG';
const servers = [];
after(() => { for (const s of servers) s.kill(); });

/* three items under a word no demo item holds */
const WORD = '栖霞湾滩涂';
const rows = [
	{ index_no: '035205000/2019-09001', agency: '035205000', title: `关于${WORD}保护的通知`, topic: '10.3', genre: 'notice',
		doc_no: '同环发〔2019〕901号', published: '2019-05-06 09:00', body: `${WORD}第一段\n第二段` },
	{ index_no: '035205000/2019-09002', agency: '035205000', title: `${WORD}治理办法`, topic: '10.3', genre: 'measures',
		published: '2019-05-07', body: '正文' },
	{ index_no: '035205000/2019-09003', agency: '035205000', title: '其他事项', topic: '10', genre: 'news',
		published: '2019-05-08', body: `提到${WORD}的正文` },
];

const count = (db, table) => Number(psql(db, `SELECT count(*) FROM ${table}`).trim());

test('import beside a server: found there at the next request; a second run changes nothing', { skip, timeout: 180000 }, async () => {
	const dir = tempDir();
	const srv = await startServer({ dir });
	servers.push(srv);
	const pub = srv.client();
	const before = await pub.get('/api/v1/items?q=' + encodeURIComponent(WORD));
	assert.equal(before.json.total, 0);

	const file = path.join(dir, 'items.jsonl');
	fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
	const first = gk(['import', 'items', '--db', srv.db, '--no-progress', file]);
	assert.equal(first.status, 0, first.stderr);
	assert.match(first.stdout + first.stderr, /3 added/);
	const found = await pub.get('/api/v1/items?q=' + encodeURIComponent(WORD));
	assert.equal(found.json.total, 3);
	assert.deepEqual(found.json.items.map((it) => it.index_no).sort(), rows.map((r) => r.index_no));

	const again = gk(['import', 'items', '--db', srv.db, '--no-progress', file]);
	assert.equal(again.status, 0, again.stderr);
	assert.match(again.stdout + again.stderr, /0 added, 0 updated, 3 unchanged/);
	assert.equal(count(srv.db, `items WHERE index_no LIKE '035205000/2019-090%'`), 3);

	// the command line's own index: rebuilt, then searched
	const re = gk(['reindex', '--db', srv.db, '--no-progress']);
	assert.equal(re.status, 0, re.stderr);
	const cli = gk(['search', '--db', srv.db, '--json', WORD]);
	assert.equal(cli.status, 0, cli.stderr);
	assert.equal(JSON.parse(cli.stdout).total, 3);
	await srv.stop();
});

test('backup while serving, check, restore into an empty database', { skip, timeout: 180000 }, async () => {
	const dir = tempDir();
	const srv = await startServer({ dir, db: makeDemoDb(dir) });
	servers.push(srv);
	const items = count(srv.db, 'items');
	const apps = count(srv.db, 'applications');
	assert.ok(items > 0 && apps > 0);

	const dump = path.join(dir, 'province.dump');
	const b = gk(['backup', '--db', srv.db, '--to', dump]);
	assert.equal(b.status, 0, b.stderr);
	assert.match(b.stdout, /integrity check ok/);
	assert.equal(fs.readFileSync(dump).subarray(0, 5).toString(), 'PGDMP');
	assert.equal(fs.statSync(dump).mode & 0o077, 0, 'the dump holds personal data: its owner alone reads it');
	await srv.stop();

	// checked without naming a database: the file says whose it is
	const check = gk(['restore', '--check', '--from', dump]);
	assert.equal(check.status, 0, check.stderr);
	assert.match(check.stdout, /integrity check ok, schema \d+/);

	// a damaged dump is refused, and the target is left alone
	const bad = path.join(dir, 'bad.dump');
	fs.writeFileSync(bad, fs.readFileSync(dump).subarray(0, 200));
	const empty = makePgDb(dir);
	const refused = gk(['restore', '--from', bad, '--db', empty]);
	assert.notEqual(refused.status, 0);
	assert.equal(Number(psql(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim()), 0);

	const r = gk(['restore', '--from', dump, '--db', empty]);
	assert.equal(r.status, 0, r.stderr);
	assert.equal(count(empty, 'items'), items);
	assert.equal(count(empty, 'applications'), apps);
	const copy = await startServer({ dir, db: empty });
	servers.push(copy);
	const list = await copy.client().get('/api/v1/items?per_page=1');
	assert.equal(list.status, 200);
	assert.ok(list.json.total > 0);
	await copy.stop();
});
