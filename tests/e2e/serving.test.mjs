// Serving under load, end to end: public pages kept ready show a write at
// the next request — whether the server made it (an editor's form) or
// another process (the command line) — conditional requests get 304 until
// the page changes, staff pages are never kept nor a kept page shown to
// staff, and an overloaded server answers 503 with Retry-After.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { csrfFrom, gk, login, makeDemoDb, startServer, tempDir } from './lib.mjs';

let srv, pub;

before(async () => {
	srv = await startServer();
	pub = srv.client();
});

after(() => srv?.kill());

/* An editor's form publishing TITLE in the city office; returns the item's id. */
async function publish(title) {
	const c = srv.client();
	await login(c, 'editor');
	const form = await c.get('/staff/items/new');
	const r = await c.post('/staff/items', {
		csrf: csrfFrom(form.text), revision: '0', agency: '035200000', title, topic: '10.3', genre: 'notice',
		column: '', doc_no: '', written: '', published: '', normative: '', effective: '', keywords: '',
		summary: '', body: '正文。', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'publish',
	});
	assert.equal(r.status, 303, r.text.slice(0, 1500));
	return Number(/\/items\/(\d+)/.exec(r.headers.get('location'))[1]);
}

/* Reads PATH twice anonymously; asserts the second is the kept page (same ETag). */
async function kept(p) {
	const a = await pub.get(p);
	assert.equal(a.status, 200, p);
	const etag = a.headers.get('etag');
	assert.match(etag || '', /^"[0-9a-f]{32}"$/, `${p}: a strong ETag`);
	assert.ok(a.headers.get('last-modified'), `${p}: Last-Modified`);
	assert.equal(a.headers.get('cache-control'), 'public, no-cache', p);
	const b = await pub.get(p);
	assert.equal(b.headers.get('etag'), etag, `${p}: read again, the same page`);
	assert.equal(b.text, a.text, p);
	return a;
}

describe('kept pages show every write at once', () => {
	test('a publication through the staff form: the listing, API, feed and home page at the next request', async () => {
		const title = '关于缓存页面立即更新的测试通知';
		const pages = ['/items', '/items?topic=10.3', '/api/v1/items?per_page=5', '/'];
		const before = {};
		for (const p of pages) {
			const r = await kept(p);
			assert.ok(!r.text.includes(title), `${p}: not there yet`);
			before[p] = r.headers.get('etag');
		}
		const id = await publish(title);
		for (const p of pages) {
			const r = await pub.get(p);
			assert.equal(r.status, 200, p);
			assert.ok(r.text.includes(title), `${p}: the new item at the next request`);
			assert.notEqual(r.headers.get('etag'), before[p], `${p}: a new ETag`);
		}
		const item = await kept(`/items/${id}`);
		assert.ok(item.text.includes(title));
	});

	test('a write by another process (gongkai import, agency add) while the server runs', async () => {
		const title = '命令行导入的信息立即可见';
		const search = '/items?q=' + encodeURIComponent('命令行导入');
		assert.ok(!(await kept(search)).text.includes(title));
		const file = path.join(srv.dir, 'one.jsonl');
		fs.writeFileSync(file, JSON.stringify({
			index_no: '035200000/2018-09999', agency: '035200000', title, topic: '10.3', genre: 'notice',
			published: '2018-06-01', body: '正文。',
		}) + '\n');
		const imp = gk(['import', 'items', '--db', srv.db, '--no-progress', file]);
		assert.equal(imp.status, 0, imp.stderr);
		const list = await pub.get(search);
		assert.ok(list.text.includes(title), 'the imported item is found at once');

		// an agency is no catalogue change: the site's own counter moves
		assert.ok(!(await kept('/agencies')).text.includes('缓存测试监测站'));
		const add = gk(['agency', 'add', '--db', srv.db, '--code', '035205901', '--name', '缓存测试监测站',
			'--parent', '035205000', '--kind', 'other']);
		assert.equal(add.status, 0, add.stderr);
		const agencies = await pub.get('/agencies');
		assert.ok(agencies.text.includes('缓存测试监测站'), 'a new agency is listed at once');
	});
});

describe('conditional requests', () => {
	test('If-None-Match gets 304 with no body, and a 200 with a new ETag once the page changed', async () => {
		const first = await kept('/items?genre=notice');
		const etag = first.headers.get('etag');
		const nm = await pub.get('/items?genre=notice', { headers: { 'if-none-match': etag } });
		assert.equal(nm.status, 304);
		assert.equal(nm.text, '');
		assert.equal(nm.headers.get('etag'), etag);
		assert.equal(nm.headers.get('x-content-type-options'), 'nosniff', 'security headers kept');
		for (const h of [`W/${etag}`, `"0000", ${etag}`, '*'])
			assert.equal((await pub.get('/items?genre=notice', { headers: { 'if-none-match': h } })).status, 304, h);
		assert.equal((await pub.get('/items?genre=notice', { headers: { 'if-none-match': '"0000"' } })).status, 200);
		const head = await pub.request('HEAD', '/items?genre=notice');
		assert.equal(head.status, 200);
		assert.equal(head.headers.get('etag'), etag, 'HEAD and GET share the kept page');
		assert.equal(head.text, '');
		// the parameters' order does not matter
		const swapped = await pub.get('/items?genre=notice&topic=10.3');
		const ordered = await pub.get('/items?topic=10.3&genre=notice');
		assert.equal(swapped.headers.get('etag'), ordered.headers.get('etag'));

		await publish('条件请求测试通知');
		const after = await pub.get('/items?genre=notice', { headers: { 'if-none-match': etag } });
		assert.equal(after.status, 200, 'the page changed: the full page again');
		assert.ok(after.text.includes('条件请求测试通知'));
		assert.notEqual(after.headers.get('etag'), etag);
	});

	test('a write that leaves a page as it was keeps its ETag', async () => {
		const page = await kept('/agencies/035205000/guide');
		await publish('不影响指南页面的信息');
		const again = await pub.get('/agencies/035205000/guide', { headers: { 'if-none-match': page.headers.get('etag') } });
		assert.equal(again.status, 304, 'drawn again at the new version, the same bytes, the same validators');
	});
});

describe('staff and kept pages never mix', () => {
	test('an editor never gets the public copy, and the public never gets the editor\'s', async () => {
		const id = await publish('员工与公众页面分开的测试');
		const editor = srv.client();
		await login(editor, 'editor');
		// staff first, on a page nobody has read yet
		const staff = await editor.get(`/items/${id}`);
		assert.equal(staff.status, 200);
		assert.match(staff.text, /id="edit-link"/, 'the editor sees the edit link');
		assert.equal(staff.headers.get('etag'), null, 'a staff page has no ETag');
		assert.equal(staff.headers.get('cache-control'), 'no-store');
		const anon = await kept(`/items/${id}`);
		assert.ok(!anon.text.includes('edit-link'), 'the public page has no staff markup');
		assert.ok(!anon.text.includes('退出登录'));
		// now the page is kept: staff still get their own
		const again = await editor.get(`/items/${id}`);
		assert.match(again.text, /id="edit-link"/);
		assert.equal(again.headers.get('etag'), null);
		const cond = await editor.get(`/items/${id}`, { headers: { 'if-none-match': anon.headers.get('etag') } });
		assert.equal(cond.status, 200, 'no 304 from the public copy for staff');
		// a stale session cookie is not served the kept page either (and nothing is kept for it)
		const stale = srv.client();
		stale.cookies.set('gk_session', 'A'.repeat(43));
		const s = await stale.get(`/items/${id}`);
		assert.equal(s.status, 200);
		assert.equal(s.headers.get('etag'), null);
	});

});

describe('overload', () => {
	let busy;
	before(async () => {
		const dir = tempDir();
		busy = await startServer({ dir, db: makeDemoDb(dir), extraArgs: ['--max-wait-ms', '0'] });
	});
	after(() => busy?.kill());

	// --max-wait-ms 0 (documented as for tests) treats every request that
	// would need drawing as having waited too long: the answer an overloaded
	// server gives, without having to overload it
	test('a request that cannot be served in time gets 503 with Retry-After, and the connection is kept', async () => {
		const c = busy.client();
		for (const [p, type] of [['/track', 'text/html'], ['/items', 'text/html'], ['/api/v1/items', 'application/json']]) {
			const r = await c.get(p);
			assert.equal(r.status, 503, p);
			assert.equal(r.headers.get('retry-after'), '1', p);
			assert.ok((r.headers.get('content-type') || '').startsWith(type), p);
			assert.equal(r.headers.get('x-frame-options'), 'DENY', `${p}: security headers`);
		}
		assert.deepEqual((await c.get('/api/v1/items')).json, { error: '服务器繁忙，请稍后再试', status: 503 });
		await busy.stop();
	});
});

test('the server stops cleanly (no leak of kept pages)', async () => {
	await srv.stop();
});
