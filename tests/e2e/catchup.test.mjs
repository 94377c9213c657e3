// A bulk import beside a running server: the import ends by bringing the
// saved search index up to date, the server catches up with the large gap
// in the background (thresholds lowered for the test through
// GONGKAI_TEST_CATCHUP_SYNC and GONGKAI_TEST_IMPORT_INDEX), no page drawn
// from the lagging index is kept or given an ETag, and once caught up the
// searches and listings equal a recount.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertNoSanitizer, BIN, ENV, gk, startServer } from './lib.mjs';

const MARK = '批量导入追赶测试';
const N = 400;
let srv, pub;

before(async () => {
	srv = await startServer({ env: { GONGKAI_TEST_CATCHUP_SYNC: '5' } });
	pub = srv.client();
});

after(() => srv?.kill());

async function total(p) {
	const r = await pub.get(p);
	assert.equal(r.status, 200, p);
	return { total: JSON.parse(r.text).total, etag: r.headers.get('etag') };
}

function items() {
	const lines = [];
	for (let i = 0; i < N; i++) {
		lines.push(JSON.stringify({
			index_no: `BULK-${String(i).padStart(5, '0')}`, agency: '035200000',
			title: `${MARK}第${i}号通知`, topic: '10.3', genre: 'notice',
			published: `2019-0${1 + (i % 9)}-1${i % 10}`, body: `第${i}份批量导入的正文。`,
		}));
	}
	return lines.join('\n') + '\n';
}

/* Runs the import in the background (the server keeps answering). */
function importAsync(file) {
	return new Promise((resolve, reject) => {
		const child = spawn(BIN, ['import', 'items', '--db', srv.db, '--no-progress', file], {
			env: { ...ENV, GONGKAI_TEST_IMPORT_INDEX: '100' }, stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '', stderr = '';
		child.stdout.on('data', (d) => { stdout += d; });
		child.stderr.on('data', (d) => { stderr += d; });
		child.on('error', reject);
		child.on('exit', (status) => resolve({ status, stdout, stderr }));
	});
}

test('a large import beside the server: never a stale page kept, then equal to a recount', async () => {
	const search = '/api/v1/items?per_page=1&q=' + encodeURIComponent(MARK);
	const all = '/api/v1/items?per_page=1';
	const topic = '/api/v1/items?per_page=1&topic=10.3';
	const listedBefore = (await total(all)).total;
	const topicBefore = (await total(topic)).total;
	assert.equal((await total(search)).total, 0);

	const file = path.join(srv.dir, 'bulk.jsonl');
	fs.writeFileSync(file, items());
	const running = importAsync(file);
	// requests while the rows are written and while the server catches up
	let done = null;
	running.then((r) => { done = r; });
	const seen = [];
	while (!done) seen.push(await total(search));
	const imp = done;
	assertNoSanitizer(imp.stderr, 'gongkai import');
	assert.equal(imp.status, 0, imp.stderr);
	assert.match(imp.stdout, new RegExp(`${N} added`));
	const m = /search index: (\d+) items at change (\d+)/.exec(imp.stdout);
	assert.ok(m, 'the import updated the saved search index:\n' + imp.stdout);

	// the saved file holds the database's version: a rebuild from the rows
	// reaches the same change
	const header = fs.readFileSync(srv.db + '.catalogue').subarray(0, 32);
	assert.equal(header.subarray(0, 8).toString('latin1'), 'GKCATIX1');
	assert.equal(header.readBigInt64LE(8), BigInt(m[2]));

	// once the rows are in, until the server has caught up, an answer short
	// of the import has no ETag (it is not kept); then every answer is the
	// whole import (before the commit, a kept 0 was right)
	seen.length = 0;
	for (let tries = 0; tries < 600; tries++) {
		const r = await total(search);
		seen.push(r);
		if (r.total === N) break;
		await new Promise((res) => setTimeout(res, 50));
	}
	for (const r of seen)
		if (r.total !== N) assert.equal(r.etag, null, `a partial answer (${r.total}) was kept`);
	const a = await total(search), b = await total(search);
	assert.equal(a.total, N, 'the kept page shows the whole import');
	assert.equal(b.total, N);
	assert.ok(b.etag, 'once caught up the page is kept again');
	assert.equal((await total(all)).total, listedBefore + N);
	assert.equal((await total(topic)).total, topicBefore + N);
	const page = await pub.get('/items?q=' + encodeURIComponent(MARK));
	assert.match(page.text, new RegExp(`共\\s*(<[^>]+>)?\\s*${N}\\s*(<[^>]+>)?\\s*条`));

	const re = gk(['reindex', '--db', srv.db, '--no-progress']);
	assert.equal(re.status, 0, re.stderr);
	assert.match(re.stdout, new RegExp(`\\(change ${m[2]}\\)`), 'the file was at the version');
	await srv.stop();
});
