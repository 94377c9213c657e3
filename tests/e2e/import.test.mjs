// `gongkai import items`: JSON Lines and CSV, good rows kept and bad rows
// reported by line, idempotent by 索引号, interpretations linked even when
// the policy comes later in the file, and the catalogue then serving them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { gk, PASSWORD, startServer, tempDir } from './lib.mjs';

const dir = tempDir('gongkai-import-');
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function emptyCity(name) {
	const db = path.join(dir, name);
	const r = gk(['demo', '--db', db, '--password', PASSWORD, '--items', '0']);
	assert.equal(r.status, 0, r.stderr);
	return db;
}

const good = [
	{ index_no: '035205000/2018-00032', agency: '035205000', title: '关于加强扬尘污染防治的通知', topic: '10.3', genre: 'notice',
		doc_no: '同环发(2018)12号', published: '2018-02-13 12:30', validity: '有效', channels: ['website', 'wechat'], body: '第一段\n第二段' },
	// an interpretation of a policy that comes later in the file
	{ index_no: '035205000/2018-00034', agency: '035205000', title: '《扬尘污染防治办法》解读', topic: '城乡建设、环境保护 / 环境监测、保护与治理',
		genre: '政策解读', interp_kind: 'expert', interprets: '035205000/2018-00033', published: '2018-03-02' },
	{ index_no: '035205000/2018-00033', agency: '035205000', title: '大同市扬尘污染防治办法', topic: '10.3', genre: 'measures',
		normative: 'normative', doc_no: '同环发〔2018〕13号', published: '2018-03-01' },
	// no 索引号: one is assigned after the imported ones
	{ agency: '035205000', title: '无索引号的信息', topic: '10', genre: 'news', published: '2018-04-01' },
];

test('JSON Lines: bad rows reported by line, good rows kept, a second run changes nothing', () => {
	const db = emptyCity('jsonl.db');
	const file = path.join(dir, 'items.jsonl');
	const lines = [
		JSON.stringify(good[0]),
		'{"agency": "035205000", "title": "坏的 JSON"',
		JSON.stringify({ ...good[0], index_no: '035205000/2018-00040', agency: 'nope' }),
		'',
		JSON.stringify(good[1]),
		JSON.stringify({ ...good[0], index_no: '035205000/2018-00041', doc_no: '不是文号' }),
		JSON.stringify(good[2]),
		JSON.stringify({ ...good[0], index_no: '035205000/2018-00042', topic: '99' }),
		JSON.stringify({ ...good[0], index_no: '035205000/2018-00043', published: '2018-02-30' }),
		JSON.stringify(good[3]),
		JSON.stringify({ ...good[0], index_no: 'has space 1' }),
	];
	fs.writeFileSync(file, lines.join('\n') + '\n');
	const r = gk(['import', 'items', '--db', db, file]);
	assert.equal(r.status, 1, 'bad rows make the exit status 1');
	for (const [line, why] of [[2, 'not valid JSON'], [3, '机关|机构'], [6, '文号'], [8, '主题分类'], [9, '发布日期'], [11, '索引号']])
		assert.match(r.stderr, new RegExp(`items\\.jsonl:${line}: .*${why}`), `line ${line}`);
	assert.match(r.stdout, /4 added, 0 updated, 0 unchanged, 6 bad/);
	const again = gk(['import', 'items', '--db', db, file]);
	assert.match(again.stdout, /0 added, 0 updated, 4 unchanged, 6 bad/);
	return db;
});

test('CSV import, then the items are served with their links', async () => {
	const db = emptyCity('csv.db');
	const cols = ['index_no', 'agency', 'title', 'topic', 'genre', 'doc_no', 'published', 'normative', 'interp_kind', 'interprets', 'channels', 'body'];
	const q = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	const rows = good.map((g) => cols.map((c) => q(Array.isArray(g[c]) ? g[c].join(',') : (g[c] ?? ''))).join(','));
	rows.push('035205000/2018-00050,035205000,"未闭合的引号,10.3,notice');
	const file = path.join(dir, 'items.csv');
	fs.writeFileSync(file, '\uFEFF' + cols.join(',') + '\r\n' + rows.join('\r\n') + '\r\n');
	const r = gk(['import', 'items', '--db', db, file]);
	assert.equal(r.status, 1, r.stderr);
	assert.match(r.stdout, /\(CSV\): .*4 added/);
	assert.match(r.stderr, /items\.csv:7: malformed CSV/);
	const srv = await startServer({ db, dir: tempDir() });
	try {
		const c = srv.client();
		const list = await c.get('/api/v1/items?agency=035205000');
		assert.equal(list.json.total, 4);
		const byIndex = Object.fromEntries(list.json.items.map((it) => [it.index_no, it]));
		assert.equal(byIndex['035205000/2018-00032'].doc_no, '同环发〔2018〕12号');
		const fresh = list.json.items.find((it) => it.title === '无索引号的信息');
		assert.equal(fresh.index_no, '035205000/2018-00035', 'the series continues after imported numbers');
		const policy = await c.get(`/api/v1/items/${byIndex['035205000/2018-00033'].id}`);
		assert.equal(policy.json.interpretations.length, 1, 'linked although the policy came later');
		assert.equal(policy.json.normative, 'normative');
		const page = await c.get(`/items/${byIndex['035205000/2018-00032'].id}`);
		assert.match(page.text, /<p>第一段<\/p>/);
	} finally {
		await srv.stop();
	}
});

test('an export imports back unchanged', async () => {
	const src = path.join(dir, 'src.db');
	assert.equal(gk(['demo', '--db', src, '--password', PASSWORD, '--items', '3']).status, 0);
	const srv = await startServer({ db: src, dir: tempDir() });
	let jsonl;
	try {
		jsonl = (await srv.client().get('/export/items.jsonl?per_page=10000')).text;
	} finally {
		await srv.stop();
	}
	const file = path.join(dir, 'export.jsonl');
	fs.writeFileSync(file, jsonl);
	const n = jsonl.trim().split('\n').length;
	const db = emptyCity('round.db');
	const r = gk(['import', 'items', '--db', db, '--no-progress', file]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, new RegExp(`${n} rows: ${n} added, 0 updated, 0 unchanged, 0 bad`));
	const again = gk(['import', 'items', '--db', db, file]);
	assert.match(again.stdout, new RegExp(`0 added, 0 updated, ${n} unchanged`));
});

test('usage errors', () => {
	assert.equal(gk(['import']).status, 2);
	assert.equal(gk(['import', 'items', '--db', path.join(dir, 'x.db')]).status, 2);
	const r = gk(['import', 'items', '--db', path.join(dir, 'missing.db'), path.join(dir, 'nope.jsonl')]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /cannot open/);
	assert.equal(gk(['import', '--help']).status, 0);
});
