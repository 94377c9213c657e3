// Smaller leaks of the catalogue (issue 13): a withdrawn policy's title and
// 索引号 never show through an interpretation that points at it (page,
// API, exports), while its editors still see the link; an upload the item
// already holds is not stored again, and the editor is told so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { csrfFrom, login, startServer } from './lib.mjs';

let srv, pub, ed;
before(async () => {
	srv = await startServer();
	pub = srv.client();
	ed = srv.client();
	await login(ed, 'editor');
});
after(() => srv?.kill());

const fields = (csrf, more) => ({
	csrf, revision: '0', agency: '035200000', title: '测试信息', topic: '10.3', genre: 'notice',
	column: '', doc_no: '', written: '', published: '', normative: '', effective: '', keywords: '',
	summary: '', body: '正文', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
	action: 'save', ...more,
});

function multipart(obj, files = []) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(obj)) fd.append(k, v);
	if (!files.length) fd.append('files', new Blob([]), '');
	for (const [name, bytes] of files) fd.append('files', new Blob([bytes], { type: 'application/pdf' }), name);
	return fd;
}

const publishedIn = (html) => /name="published"[^>]*value="([^"]*)"/.exec(html)[1];

async function csrf() {
	return csrfFrom((await ed.get('/staff/items/new')).text);
}

const idFrom = (r) => {
	assert.equal(r.status, 303, r.text.slice(0, 800));
	return /\/items\/(\d+)/.exec(r.headers.get('location'))[1];
};

test('a withdrawn policy is not named by the interpretation that explains it', async () => {
	const TITLE = '关于撤回测试的政策文件甲乙丙';
	const policy = idFrom(await ed.post('/staff/items', fields(await csrf(), { title: TITLE, action: 'publish' })));
	const index = (await pub.get(`/api/v1/items/${policy}`)).json.index_no;
	assert.ok(index);
	const interp = idFrom(await ed.post('/staff/items', fields(await csrf(), {
		title: '撤回测试政策的解读', genre: 'interpretation', interp_kind: 'dept', interprets: index, action: 'publish',
	})));
	let page = await pub.get(`/items/${interp}`);
	assert.match(page.text, new RegExp(`id="related-policy"><li><a href="/items/${policy}">${TITLE}</a>`), 'named while published');

	const edit = await ed.get(`/staff/items/${policy}/edit`);
	const rev = /name="revision" value="(\d+)"/.exec(edit.text)[1];
	assert.equal((await ed.post(`/staff/items/${policy}/withdraw`, { csrf: csrfFrom(edit.text), revision: rev })).status, 303);

	const where = [`/items/${interp}`, `/items/${interp}/print`, `/api/v1/items/${interp}`, '/api/v1/items?per_page=100',
		'/export/items.csv?agency=035200000', '/export/items.jsonl?agency=035200000', '/feeds/items', '/items?q=撤回测试'];
	for (const p of where) {
		const r = await pub.get(p);
		assert.equal(r.status, 200, p);
		assert.ok(!r.text.includes(TITLE), `${p}: the withdrawn policy's title`);
		assert.ok(!r.text.includes(index), `${p}: the withdrawn policy's 索引号`);
		assert.ok(!r.text.includes(`/items/${policy}"`), `${p}: a link to it`);
	}
	assert.equal((await pub.get(`/api/v1/items/${interp}`)).json.interprets, null);
	page = await pub.get(`/items/${interp}`);
	assert.doesNotMatch(page.text, /id="related-policy"/);

	// its editors still see the link, and a save keeps it
	const form = await ed.get(`/staff/items/${interp}/edit`);
	assert.match(form.text, new RegExp(`name="interprets"[^>]*value="${index}"`));
	const irev = /name="revision" value="(\d+)"/.exec(form.text)[1];
	const saved = await ed.post(`/staff/items/${interp}`, fields(csrfFrom(form.text), {
		revision: irev, title: '撤回测试政策的解读', genre: 'interpretation', interp_kind: 'dept', interprets: index,
		published: publishedIn(form.text),
	}));
	assert.equal(saved.status, 303, /class="notice[^>]*>([^<]*)/.exec(saved.text)?.[1]);
	const again = await ed.get(`/staff/items/${interp}/edit`);
	assert.match(again.text, new RegExp(`name="interprets"[^>]*value="${index}"`));
});

test('an upload the item already holds is not stored twice, and the editor is told', async () => {
	const A = Buffer.from('%PDF-1.4\n% 文件甲\n%%EOF\n'), B = Buffer.from('%PDF-1.4\n% 文件乙\n%%EOF\n');
	// the same bytes twice in one save
	let r = await ed.request('POST', '/staff/items', { body: multipart(fields(await csrf(), { title: '重复附件测试' }), [['甲.pdf', A], ['甲副本.pdf', A]]) });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	assert.match(r.headers.get('location'), /\/edit\?saved=1&same=1$/);
	const id = /\/items\/(\d+)/.exec(r.headers.get('location'))[1];
	let page = await ed.get(r.headers.get('location'));
	assert.match(page.text, /<p class="notice info" role="status">已保存。1 个上传的文件与本条信息已有的附件内容相同，未重复添加。<\/p>/);
	// a file it has, and a new one
	const rev = /name="revision" value="(\d+)"/.exec(page.text)[1];
	r = await ed.request('POST', `/staff/items/${id}`, {
		body: multipart(fields(csrfFrom(page.text), { revision: rev, title: '重复附件测试', action: 'publish' }), [['甲again.pdf', A], ['乙.pdf', B]]),
	});
	assert.equal(r.status, 303, r.text.slice(0, 800));
	assert.match(r.headers.get('location'), /\/edit\?saved=1&same=1$/, 'told even when published');
	page = await ed.get(r.headers.get('location'));
	assert.match(page.text, /1 个上传的文件与本条信息已有的附件内容相同/);
	const files = (await pub.get(`/api/v1/items/${id}`)).json.attachments.filter((a) => a.sha256);
	assert.deepEqual(files.map((f) => f.name).sort(), ['乙.pdf', '甲.pdf']);
	// nothing repeated: the plain redirect
	const p2 = await ed.get(`/staff/items/${id}/edit`);
	const rev2 = /name="revision" value="(\d+)"/.exec(p2.text)[1];
	r = await ed.request('POST', `/staff/items/${id}`, { body: multipart(fields(csrfFrom(p2.text), { revision: rev2, title: '重复附件测试二', published: publishedIn(p2.text) })) });
	assert.equal(r.status, 303, /class="notice[^>]*>([^<]*)/.exec(r.text)?.[1]);
	assert.match(r.headers.get('location'), /\/edit\?saved=1$/);
});
