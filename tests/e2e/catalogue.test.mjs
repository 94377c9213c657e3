// The public catalogue (主动公开目录) end to end: every catalogue page, feed,
// export and API route on the demo city; editors publishing, editing,
// repealing and withdrawing; editors of one agency refused another's items
// (403); markup typed into every field escaped on every page and feed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { csrfFrom, gk, login, makeDemoDb, startServer, tempDir, unescapeHtml } from './lib.mjs';

const NASTY = `<script>alert(1)</script>"'&`;
const NASTY_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const NASTY_AGENCY = { code: '035205900', name: '环保<script>alert(2)</script>监测站"&' };

let srv, pub;

before(async () => {
	const dir = tempDir();
	const db = makeDemoDb(dir);
	const r = gk(['agency', 'add', '--db', db, '--code', NASTY_AGENCY.code, '--name', NASTY_AGENCY.name,
		'--parent', '035205000', '--kind', 'other']);
	assert.equal(r.status, 0, r.stderr);
	srv = await startServer({ dir, db });
	pub = srv.client();
});

after(() => srv?.kill());

/* No markup of ours survives unescaped anywhere in TEXT. */
function assertNoRawScript(text, where) {
	assert.ok(!/<script/i.test(text), `${where}: raw <script> in the answer`);
	assert.ok(!text.includes('alert(1)</script>'), `${where}: unescaped payload`);
}

/* The item form with FIELDS filled in, as a browser would send it. */
function itemForm(csrf, fields) {
	return {
		csrf, revision: '0', agency: '035200000', title: '测试信息', topic: '10.3', genre: 'notice',
		column: '', doc_no: '', written: '', published: '', normative: '', effective: '', keywords: '',
		summary: '', body: '', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'save', ...fields,
	};
}

async function editorClient(user = 'editor') {
	const c = srv.client();
	await login(c, user);
	return c;
}

async function newItemCsrf(c) {
	const form = await c.get('/staff/items/new');
	assert.equal(form.status, 200, form.text.slice(0, 500));
	return csrfFrom(form.text);
}

function idFrom(location) {
	const m = /\/items\/(\d+)/.exec(location || '');
	assert.ok(m, `no item id in ${location}`);
	return Number(m[1]);
}

describe('public pages', () => {
	test('the home page has the search box and the newest items per column', async () => {
		const r = await pub.get('/');
		assert.equal(r.status, 200);
		assert.match(r.text, /<form method="get" action="\/items"/);
		assert.match(r.text, /id="latest"/);
		assert.match(r.text, /id="col-interpretation"/);
		assert.match(r.text, /id="col-environment"/);
		assert.match(r.text, /href="\/items"/, 'nav link to the catalogue');
	});

	test('the catalogue lists, filters and pages', async () => {
		const all = await pub.get('/items');
		assert.equal(all.status, 200);
		const total = Number(/id="result-count">共 (\d+) 条/.exec(all.text)[1]);
		assert.ok(total > 2000, `demo catalogue has thousands of items (${total})`);
		assert.match(all.text, /<nav class="pager"/);
		for (const q of ['agency=035205000', 'topic=10', 'genre=interpretation', 'year=2016', 'validity=repealed', 'column=health']) {
			const r = await pub.get('/items?' + q);
			assert.equal(r.status, 200, q);
			const n = Number(/id="result-count">共 (\d+) 条/.exec(r.text)[1]);
			assert.ok(n > 0 && n < total, `${q}: ${n} of ${total}`);
		}
		const p2 = await pub.get('/items?topic=10&page=2');
		assert.equal(p2.status, 200);
		assert.match(p2.text, /rel="prev" href="\/items\?topic=10"/);
		assert.match(p2.text, /href="\/items\?topic=10&amp;page=3"/);
		assert.equal((await pub.get('/items?page=999999')).status, 404);
	});

	test('search finds two-character words', async () => {
		const r = await pub.get('/items?q=' + encodeURIComponent('环保'));
		assert.equal(r.status, 200);
		assert.ok(Number(/共 (\d+) 条/.exec(r.text)[1]) > 0);
		const none = await pub.get('/items?q=' + encodeURIComponent('绝无此词语'));
		assert.match(none.text, /共 0 条/);
		const quoted = await pub.get('/items?q=' + encodeURIComponent('"* OR NEAR('));
		assert.equal(quoted.status, 200, 'FTS syntax in a search is plain text');
	});

	test('bad filters are refused with the parameter named', async () => {
		for (const [q, word] of [['year=20x6', '“年份”'], ['agency=nope', '“机关”'], ['topic=99', '“主题分类”'],
			['validity=maybe', '“时效”'], ['per_page=1000', '“每页条数”'], ['colour=red', '“colour”']]) {
			const r = await pub.get('/items?' + q);
			assert.equal(r.status, 400, q);
			assert.match(unescapeHtml(r.text), new RegExp(word), q);
		}
	});

	test('an item shows its metadata block above the body, links and QR code', async () => {
		const api = await pub.get('/api/v1/items?genre=interpretation&per_page=1');
		const interp = api.json.items[0];
		const r = await pub.get(`/items/${interp.id}`);
		assert.equal(r.status, 200);
		const meta = r.text.indexOf('id="meta"'), body = r.text.indexOf('id="body"');
		assert.ok(meta > 0 && body > meta, 'metadata block above the body');
		for (const label of ['索 引 号', '信息分类', '发布机构', '发布日期', '标　　题', '文　　号', '时　　效'])
			assert.ok(r.text.includes(label), label);
		assert.ok(r.text.includes(interp.index_no));
		assert.match(r.text, /<img id="qr" src="\/items\/\d+\/qr\.svg"/);
		assert.match(r.text, /id="related-policy"/, '相关政策 on the interpretation');
		const policy = await pub.get(`/items/${interp.interprets.id}`);
		assert.match(policy.text, /id="related-interpretations"/, '相关解读 on the policy');
		assert.ok(policy.text.includes(`/items/${interp.id}"`));
		const qr = await pub.get(`/items/${interp.id}/qr.svg`);
		assert.equal(qr.status, 200);
		assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
		assert.match(qr.text, /<svg[^>]*viewBox/);
		const print = await pub.get(`/items/${interp.id}/print`);
		assert.equal(print.status, 200);
		assert.ok(print.text.includes('id="meta"'));
		assert.ok(print.text.includes(srv.url + `/items/${interp.id}`), 'print shows the address');
		for (const bad of ['/items/0', '/items/abc', '/items/99999999', '/items/abc/qr.svg'])
			assert.equal((await pub.get(bad)).status, 404, bad);
	});

	test('each agency has its disclosure guide', async () => {
		const r = await pub.get('/agencies/035205000/guide');
		assert.equal(r.status, 200);
		assert.match(r.text, /政府信息公开指南/);
		assert.match(r.text, /id="guide-contact"/);
		assert.match(r.text, /0352-5100501/);
		assert.equal((await pub.get('/agencies/nope/guide')).status, 404);
	});

	test('Atom feeds per agency and topic, and the sitemap', async () => {
		for (const p of ['/feeds/agency/035205000', '/feeds/topic/10']) {
			const r = await pub.get(p);
			assert.equal(r.status, 200, p);
			assert.equal(r.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
			assert.match(r.text, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
			assert.ok((r.text.match(/<entry>/g) || []).length > 5, p);
			assert.ok(r.text.includes(`<link rel="alternate" type="text/html" href="${srv.url}/items/`), 'absolute links');
		}
		assert.equal((await pub.get('/feeds/agency/nope')).status, 404);
		assert.equal((await pub.get('/feeds/topic/99')).status, 404);
		const sm = await pub.get('/sitemap.xml');
		assert.equal(sm.status, 200);
		assert.match(sm.headers.get('content-type'), /^application\/xml/);
		assert.ok((sm.text.match(/<url>/g) || []).length > 2000);
	});

	test('CSV and JSON Lines export', async () => {
		const csv = await pub.get('/export/items.csv?agency=035205000&per_page=50');
		assert.equal(csv.status, 200);
		assert.match(csv.headers.get('content-type'), /^text\/csv/);
		assert.ok(csv.text.startsWith('\uFEFFindex_no,agency,agency_name,title,'));
		const jl = await pub.get('/export/items.jsonl?year=2017&per_page=20');
		assert.equal(jl.status, 200);
		const lines = jl.text.trim().split('\n').map((l) => JSON.parse(l));
		assert.equal(lines.length, 20);
		assert.ok(lines.every((o) => o.published.startsWith('2017') && 'body' in o));
	});
});

describe('API', () => {
	test('GET /api/v1/items filters and pages', async () => {
		const r = await pub.get('/api/v1/items?agency=035205000&year=2016&per_page=5&page=2');
		assert.equal(r.status, 200);
		assert.equal(typeof r.json.total, 'number');
		assert.equal(r.json.items.length, 5);
		for (const it of r.json.items) {
			assert.equal(it.agency.code.slice(0, 5), '03520');
			assert.ok(it.published.startsWith('2016'));
			assert.ok(!('body' in it));
		}
		const v = await pub.get('/api/v1/items?validity=repealed&per_page=3');
		assert.ok(v.json.total > 0 && v.json.items.every((it) => it.validity === 'repealed' && it.ended));
		const bad = await pub.get('/api/v1/items?per_page=0');
		assert.equal(bad.status, 400);
		assert.deepEqual(Object.keys(bad.json).sort(), ['code', 'error', 'status']);
		assert.equal(bad.json.code, 'invalid_input');
		assert.match(bad.json.error, /“每页条数”须为1至100之间的整数/);
	});

	test('GET /api/v1/items/{id} has every field and the interpretations', async () => {
		const list = await pub.get('/api/v1/items?genre=interpretation&per_page=1');
		const policyId = list.json.items[0].interprets.id;
		const r = await pub.get(`/api/v1/items/${policyId}`);
		assert.equal(r.status, 200);
		for (const k of ['index_no', 'doc_no', 'agency', 'published', 'title', 'validity', 'body', 'interpretations', 'topic', 'genre', 'channels', 'url'])
			assert.ok(k in r.json, k);
		assert.match(r.json.index_no, /^\d{9}\/\d{4}-\d{5}$/);
		assert.ok(r.json.interpretations.some((i) => i.id === list.json.items[0].id));
		assert.equal((await pub.get('/api/v1/items/99999999')).status, 404);
		assert.equal((await pub.get('/api/v1/items/x')).status, 404);
	});
});

describe('editors', () => {
	test('create a draft, publish it, find it, edit, repeal, see the history', async () => {
		const c = await editorClient();
		const home = await c.get('/staff');
		assert.match(home.text, /href="\/staff\/items"/);
		const csrf = await newItemCsrf(c);
		const title = '关于开展噪声污染专项整治的通知';
		const draft = await c.post('/staff/items', itemForm(csrf, {
			title, doc_no: '同政办发[2018]007号', body: '第一段。\n第二段。', summary: '噪声整治',
			normative: 'normative', effective: '2018-05-01',
		}));
		assert.equal(draft.status, 303, draft.text.slice(0, 1500));
		const id = idFrom(draft.headers.get('location').replace('/staff', ''));
		assert.equal((await pub.get(`/items/${id}`)).status, 404, 'a draft is not public');
		const edit = await c.get(`/staff/items/${id}/edit?saved=1`);
		assert.equal(edit.status, 200);
		assert.ok(edit.text.includes('value="同政办发〔2018〕7号"'), '文号 normalised');
		const pubd = await c.post(`/staff/items/${id}`, itemForm(csrfFrom(edit.text), {
			title, revision: '1', doc_no: '同政办发〔2018〕7号', body: '第一段。\n第二段。', summary: '噪声整治',
			normative: 'normative', effective: '2018-05-01', published: '2018-05-02 09:30', action: 'publish',
		}));
		assert.equal(pubd.status, 303, pubd.text.slice(0, 1500));
		assert.equal(pubd.headers.get('location'), `/items/${id}`);
		const page = await pub.get(`/items/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, /id="meta-index">035200000\/2018-\d{5}</);
		assert.match(page.text, /<p>第一段。<\/p>/);
		const found = await pub.get('/api/v1/items?q=' + encodeURIComponent('噪声污染'));
		assert.ok(found.json.items.some((it) => it.id === id), 'found by search');
		// a stale revision is refused
		const stale = await c.post(`/staff/items/${id}`, itemForm(csrfFrom(edit.text), { title: '旧版本', revision: '1', published: '2018-05-02 09:30' }));
		assert.equal(stale.status, 409);
		// repeal
		const again = await c.get(`/staff/items/${id}/edit`);
		const rev = /name="revision" value="(\d+)"/.exec(again.text)[1];
		const rep = await c.post(`/staff/items/${id}/repeal`, { csrf: csrfFrom(again.text), revision: rev, validity: 'repealed', ended: '2018-12-01', repealed_by: '同政办发(2018)99号' });
		assert.equal(rep.status, 303, rep.text.slice(0, 800));
		const api = await pub.get(`/api/v1/items/${id}`);
		assert.equal(api.json.validity, 'repealed');
		assert.equal(api.json.repealed_by, '同政办发〔2018〕99号');
		const hist = await c.get(`/staff/items/${id}/history`);
		assert.equal(hist.status, 200);
		assert.equal((hist.text.match(/<tr><td>\d+<\/td>/g) || []).length, 3, 'create, publish, repeal');
		// a Chinese diff of fields: labels, old → new, no JSON or field names
		assert.match(hist.text, /<td>废止<\/td>/);
		assert.match(hist.text, /<span class="field">时效<\/span>：<span class="old">有效<\/span> → <span class="new">废止<\/span>/);
		assert.match(hist.text, /<span class="field">废止依据<\/span>/);
		assert.ok(!/validity|repealed_by|\{"/.test(hist.text.replace(/<[^>]*>/g, '')), 'no field names or JSON');
		// withdraw: gone from public view, 索引号 kept
		const w = await c.get(`/staff/items/${id}/edit`);
		const wr = await c.post(`/staff/items/${id}/withdraw`, { csrf: csrfFrom(w.text), revision: /name="revision" value="(\d+)"/.exec(w.text)[1] });
		assert.equal(wr.status, 303);
		assert.equal((await pub.get(`/items/${id}`)).status, 404);
		assert.equal((await pub.get(`/api/v1/items/${id}`)).status, 404);
	});

	test('bad input re-shows the form with the field named', async () => {
		const c = await editorClient();
		const csrf = await newItemCsrf(c);
		const r = await c.post('/staff/items', itemForm(csrf, { doc_no: '不是文号', title: '保留的标题' }));
		assert.equal(r.status, 400);
		assert.match(r.text, /doc_no/);
		assert.ok(r.text.includes('value="保留的标题"'));
		const r2 = await c.post('/staff/items', itemForm(csrf, { topic: '99' }));
		assert.equal(r2.status, 400);
		assert.match(r2.text, /topic/);
	});

	test('staff routes need a login, the editor role and the CSRF token', async () => {
		const anon = srv.client();
		const g = await anon.get('/staff/items');
		assert.equal(g.status, 303);
		assert.match(g.headers.get('location'), /^\/login\?next=/);
		assert.equal((await anon.post('/staff/items', itemForm('x', {}))).status, 401);
		const handler = srv.client();
		await login(handler, 'handler');
		assert.equal((await handler.get('/staff/items')).status, 403);
		const c = await editorClient();
		assert.equal((await c.post('/staff/items', itemForm('forged', {}))).status, 403);
	});

	test('an editor cannot touch another agency\'s items (403)', async () => {
		const list = await pub.get('/api/v1/items?agency=035200000&per_page=1');
		const id = list.json.items[0].id;
		const c = await editorClient('hbj.editor');
		assert.equal((await c.get(`/staff/items/${id}/edit`)).status, 403);
		assert.equal((await c.get(`/staff/items/${id}/history`)).status, 403);
		const csrf = await newItemCsrf(c);
		assert.equal((await c.post(`/staff/items/${id}`, itemForm(csrf, { revision: '1' }))).status, 403);
		assert.equal((await c.post(`/staff/items/${id}/repeal`, { csrf, revision: '1', validity: 'repealed' })).status, 403);
		assert.equal((await c.post(`/staff/items/${id}/withdraw`, { csrf, revision: '1' })).status, 403);
		const create = await c.post('/staff/items', itemForm(csrf, { agency: '035200000' }));
		assert.equal(create.status, 403);
		const form = await c.get('/staff/items/new');
		assert.ok(!form.text.includes('value="035200000"'), 'other agencies are not offered');
		// its own agency, and the one below it, are fine
		const own = await c.post('/staff/items', itemForm(csrf, { agency: NASTY_AGENCY.code, title: '监测站信息', action: 'publish' }));
		assert.equal(own.status, 303, own.text.slice(0, 800));
		const mine = await c.get('/staff/items');
		assert.equal(mine.status, 200);
		assert.ok(!/大同市人民政府办公厅<\/td>/.test(mine.text), 'the list holds only its own subtree');
	});

	test('markup in every field is escaped on every page and feed', async () => {
		const c = await editorClient();
		const csrf = await newItemCsrf(c);
		const policy = (await pub.get('/api/v1/items?agency=035200000&genre=opinion&per_page=1')).json.items[0];
		const r = await c.post('/staff/items', itemForm(csrf, {
			agency: NASTY_AGENCY.code, title: `标题${NASTY}`, doc_no: `同<script>alert(1)</script>发〔2018〕5号`,
			summary: `概述${NASTY}`, keywords: `词${NASTY}`, body: `<p>正文</p>${NASTY}<img src=x onerror=alert(1)>`,
			attachments: `附件${NASTY}|/files/a.pdf`, genre: 'interpretation', interp_kind: 'expert',
			interprets: policy.index_no, published: '2018-06-01 10:00', action: 'publish',
		}));
		assert.equal(r.status, 303, r.text.slice(0, 1500));
		const id = idFrom(r.headers.get('location'));
		const pages = [`/items/${id}`, `/items/${id}/print`, `/items?q=${encodeURIComponent('标题')}`,
			`/items?agency=${NASTY_AGENCY.code}`, `/items/${policy.id}`, '/', `/agencies/${NASTY_AGENCY.code}/guide`,
			`/feeds/agency/${NASTY_AGENCY.code}`, '/feeds/topic/10', '/sitemap.xml', `/staff/items/${id}/edit`,
			`/staff/items/${id}/history`, '/staff/items'];
		for (const p of pages) {
			const page = p.startsWith('/staff') ? await c.get(p) : await pub.get(p);
			assert.equal(page.status, 200, p);
			assertNoRawScript(page.text, p);
		}
		const item = await pub.get(`/items/${id}`);
		assert.ok(item.text.includes(`标题${NASTY_ESCAPED}`), 'title shown escaped');
		assert.ok(item.text.includes(`概述${NASTY_ESCAPED}`), 'summary shown escaped');
		assert.ok(!item.text.includes('<img src=x'), 'no img from the body');
		const feed = await pub.get(`/feeds/agency/${NASTY_AGENCY.code}`);
		assert.ok(feed.text.includes(`标题${NASTY_ESCAPED}`), 'feed title escaped');
		const api = await pub.get(`/api/v1/items/${id}`);
		assert.equal(api.json.title, `标题${NASTY}`, 'the API returns the text as typed');
		assert.ok(!api.json.body.includes('<script'), 'the stored body is sanitised');
		const csv = await pub.get(`/export/items.csv?agency=${NASTY_AGENCY.code}`);
		assert.ok(csv.text.includes(`"标题<script>alert(1)</script>""'&"`), 'CSV quotes the field');
	});
});
