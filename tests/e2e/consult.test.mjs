// Online consultation (网上咨询, issue 15): a question asked through the
// public form (the human check of /apply) is answered by the agency's
// handler, published because the asker agreed, and then appears in the
// public list, its search (substrings, in Chinese) and the API — never
// with the asker's name or contact; a question without consent cannot be
// published; one turned into an application keeps the day it was asked
// and says so on the asker's page; bad input is refused in Chinese naming
// the field; hostile searches never get a 5xx.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { TODAY, csrfFrom, humanCheck, login, startServer, unescapeHtml } from './lib.mjs';

const HBJ = '035205000';
const ASKER = { name: '咨询隐私人甲', phone: '13912340077', email: 'asker.secret@example.org' };
const QUESTION = {
	agency: HBJ, subject: '扬尘治理方案咨询', question: '请问本市2025年扬尘污染防治实施方案\r\n是否已经公开？', ...ASKER,
};

let srv, handler;
before(async () => {
	srv = await startServer();
	handler = srv.client();
	await login(handler, 'hbj.handler');
});
after(() => srv?.kill());

/* Asks with CHANGES through the form; returns the answer. */
async function ask(changes = {}) {
	const c = srv.client();
	const form = await c.get(`/consult/new?agency=${HBJ}`);
	assert.equal(form.status, 200);
	assert.match(form.text, new RegExp(`<option value="${HBJ}" selected>`));
	return c.post('/consult/new', { csrf: csrfFrom(form.text), ...QUESTION, ...humanCheck(form.text), ...changes });
}

function codeOf(html) {
	const m = /<strong id="consult-code">([^<]+)<\/strong>/.exec(html);
	assert.ok(m, html.slice(0, 2000));
	return m[1].replace('-', '');
}

function noAsker(text, where) {
	const t = unescapeHtml(text);
	for (const v of Object.values(ASKER)) assert.ok(!t.includes(v), `${where} shows the asker's ${v}`);
}

/* The id of question CODE in the staff's queue. */
async function staffId(subject) {
	const q = await handler.get('/staff/consultations?view=all');
	assert.equal(q.status, 200);
	const m = new RegExp(`<a href="/staff/consultations/(\\d+)">${subject}</a>`).exec(q.text);
	assert.ok(m, `${subject} not in the queue`);
	return m[1];
}

async function act(id, fields) {
	const page = await handler.get(`/staff/consultations/${id}`);
	assert.equal(page.status, 200);
	return handler.post(`/staff/consultations/${id}`, { csrf: csrfFrom(page.text), ...fields });
}

test('ask → answer → publish → in the list, the search and the API, never with the asker', async () => {
	const r = await ask({ consent: '1' });
	assert.equal(r.status, 201, r.text.slice(0, 2000));
	const code = codeOf(r.text);
	noAsker(r.text, 'the confirmation');
	let own = await srv.client().get(`/consult/track/${code}`);
	assert.equal(own.status, 200);
	assert.match(own.text, /<dd id="state">待答复<\/dd>/);
	noAsker(own.text, 'the asker\'s page');

	const id = await staffId(QUESTION.subject);
	const page = await handler.get(`/staff/consultations/${id}`);
	assert.ok(unescapeHtml(page.text).includes(ASKER.name), 'the handling agency sees the asker');
	let a = await act(id, { action: 'answer', reply: '该方案已于2025年3月在主动公开目录中公开，\r\n可按标题检索。' });
	assert.equal(a.status, 303, a.text.slice(0, 1000));
	assert.equal((await srv.client().get('/api/v1/consultations')).json.items.filter((x) => x.subject === QUESTION.subject).length, 0,
		'not published before the click');
	a = await act(id, { action: 'publish' });
	assert.equal(a.status, 303, a.text.slice(0, 1000));

	const pub = srv.client();
	const list = await pub.get(`/consult/answers?agency=${HBJ}`);
	assert.equal(list.status, 200);
	assert.ok(list.text.includes(`<a href="/consult/answers/${id}">${QUESTION.subject}</a>`));
	noAsker(list.text, 'the public list');
	for (const q of ['扬尘污染防治', '主动公开目录中公开', '尘治']) {
		const s = await pub.get(`/consult/answers?q=${encodeURIComponent(q)}`);
		assert.ok(s.text.includes(`/consult/answers/${id}"`), `search ${q}`);
		const api = await pub.get(`/api/v1/consultations?q=${encodeURIComponent(q)}`);
		assert.equal(api.status, 200);
		assert.ok(api.json.items.some((x) => String(x.id) === id), `API search ${q}`);
	}
	assert.ok(!(await pub.get('/consult/answers?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D')).text.includes(`/consult/answers/${id}"`));
	const one = await pub.get(`/consult/answers/${id}`);
	assert.equal(one.status, 200);
	assert.match(one.text, /可按标题检索。/);
	noAsker(one.text, 'the published page');
	const apiOne = await pub.get(`/api/v1/consultations/${id}`);
	assert.equal(apiOne.json.subject, QUESTION.subject);
	noAsker(apiOne.text, 'the API');
	noAsker((await pub.get('/api/v1/consultations?per_page=100')).text, 'the API list');
	own = await pub.get(`/consult/track/${code}`);
	assert.match(own.text, /<dd id="state">已答复<\/dd>/);
	assert.match(own.text, /id="published"/);
});

test('without consent: answered, never published', async () => {
	const r = await ask({ subject: '不同意公开的咨询' });
	assert.equal(r.status, 201);
	const id = await staffId('不同意公开的咨询');
	const page = await handler.get(`/staff/consultations/${id}`);
	assert.match(page.text, /id="no-consent"/);
	let a = await act(id, { action: 'answer', reply: '答复内容', publish: '1' });
	assert.equal(a.status, 409);
	assert.match(a.text, /提问人未同意公开答复/);
	a = await act(id, { action: 'answer', reply: '答复内容' });
	assert.equal(a.status, 303);
	a = await act(id, { action: 'publish' });
	assert.equal(a.status, 409);
	assert.equal((await srv.client().get(`/consult/answers/${id}`)).status, 404);
	assert.equal((await srv.client().get(`/api/v1/consultations/${id}`)).status, 404);
});

test('a question that is an application becomes one, received the day it was asked', async () => {
	const r = await ask({ subject: '申请一份批复文件', consent: '1' });
	assert.equal(r.status, 201);
	const code = codeOf(r.text);
	const id = await staffId('申请一份批复文件');
	const a = await act(id, { action: 'convert' });
	assert.equal(a.status, 303, a.text.slice(0, 1000));
	const m = /^\/staff\/requests\/([A-Z0-9]+)$/.exec(a.headers.get('location'));
	assert.ok(m, a.headers.get('location'));
	const app = await handler.get(`/api/v1/staff/requests/${m[1]}`);
	assert.equal(app.status, 200);
	assert.equal(app.json.received, TODAY);
	assert.equal(app.json.channel?.code ?? app.json.channel, 'online');
	assert.equal(app.json.applicant.name, ASKER.name);
	const own = await srv.client().get(`/consult/track/${code}`);
	assert.match(own.text, /<dd id="state">已转为公开申请<\/dd>/);
	assert.ok(own.text.includes(`href="/track/${m[1]}"`));
	noAsker(own.text, 'the converted asker\'s page');
	assert.equal((await act(id, { action: 'convert' })).status, 409);
});

test('a demo question asked weeks ago, converted today, is an application received that day', async () => {
	const city = srv.client();
	await login(city, 'handler'); // the city office: every agency's questions
	const q = await city.get('/staff/consultations?view=open');
	const rows = [...q.text.matchAll(/<tr><td>(\d{4}-\d\d-\d\d)<\/td><td><a href="\/staff\/consultations\/(\d+)">/g)];
	const old = rows.find((m) => m[1] < TODAY);
	assert.ok(old, 'an open demo question from before today');
	const page = await city.get(`/staff/consultations/${old[2]}`);
	const r = await city.post(`/staff/consultations/${old[2]}`, { csrf: csrfFrom(page.text), action: 'convert' });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	const code = /^\/staff\/requests\/([A-Z0-9]+)$/.exec(r.headers.get('location'))[1];
	const app = await city.get(`/api/v1/staff/requests/${code}`);
	assert.equal(app.json.received, old[1]);
	const after = await city.get(`/staff/consultations/${old[2]}`);
	assert.ok(after.text.includes(`href="/staff/requests/${code}"`), 'the question links to its application');
});

test('bad input: Chinese messages naming the field, the form kept', async () => {
	let r = await ask({ subject: '', question: ' ', name: '', phone: '', email: '' });
	assert.equal(r.status, 400);
	const t = unescapeHtml(r.text);
	for (const m of ['请填写“咨询主题”', '“咨询内容”', '请填写“姓名”', '联系电话']) assert.ok(t.includes(m), m);
	r = await ask({ phone: '12', email: 'x@' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /“联系电话”应为11位手机号码/);
	assert.match(unescapeHtml(r.text), /“电子邮箱”格式不正确/);
	assert.ok(r.text.includes('value="12"'), 'what was typed is kept');
	r = await ask({ agency: '999999999' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /所选的“咨询机关”不存在/);
	r = await ask({ subject: '长'.repeat(101) });
	assert.match(unescapeHtml(r.text), /“咨询主题”最多100个字/);
	// the human check is that of /apply
	r = await ask({ pow_nonce: '', answer: '999' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /验证问题的答案不正确/);
	r = await ask({ csrf: 'forged' });
	assert.equal(r.status, 403);
	// the API refuses with its usual shape, naming the field
	const api = srv.client();
	let j = await api.get('/api/v1/consultations?per_page=1000');
	assert.equal(j.status, 400);
	assert.equal(j.json.code, 'invalid_input');
	assert.match(j.json.error, /每页条数/);
	j = await api.get('/api/v1/consultations?agency=nope');
	assert.equal(j.status, 404);
	assert.match(j.json.error, /机关/);
	j = await api.get(`/api/v1/consultations?q=${encodeURIComponent('长'.repeat(101))}`);
	assert.equal(j.status, 400);
	assert.match(j.json.error, /搜索词/);
	// staff: a reply is required
	const id = await staffId(QUESTION.subject);
	const a = await act(id, { action: 'answer', reply: '' });
	assert.equal(a.status, 400);
	assert.match(unescapeHtml(a.text), /请填写“答复内容”/);
});

test('hostile searches and codes never get a 5xx', async () => {
	const c = srv.client();
	const bad = ["' OR 1=1 --", '%', '_', '\\', '%%_\\%', '<script>alert(1)</script>', '"; DROP TABLE consultations; --',
		'\u202E', '𠀀𠀁', '长'.repeat(100), 'a'.repeat(5000), '%FF'];
	for (const q of bad) {
		for (const p of [`/consult/answers?q=${encodeURIComponent(q)}`, `/api/v1/consultations?q=${encodeURIComponent(q)}`,
			`/consult/track/${encodeURIComponent(q)}`, `/consult/track?code=${encodeURIComponent(q)}`,
			`/consult/answers/${encodeURIComponent(q)}`, `/api/v1/consultations/${encodeURIComponent(q)}`]) {
			const r = await c.get(p, { noHtmlCheck: true });
			assert.ok(r.status < 500, `${p}: ${r.status}`);
			assert.ok(!r.text.includes('<script>alert(1)</script>'), `${p} echoes markup`);
		}
	}
	for (const p of ['/consult/answers?q=%FF%FE', '/consult/answers?q=%00', '/consult/answers?before=-1', '/consult/answers?before=abc'])
		assert.ok((await c.get(p, { noHtmlCheck: true })).status < 500, p);
	await srv.assertAlive('the searches');
});

test('other agencies\' staff do not reach the question; the supervision page counts the year', async () => {
	const id = await staffId(QUESTION.subject);
	const other = srv.client();
	await login(other, 'yg.admin');
	assert.equal((await other.get(`/staff/consultations/${id}`)).status, 404);
	const q = await other.get('/staff/consultations?view=all');
	assert.ok(!q.text.includes(`/staff/consultations/${id}"`));
	const editor = srv.client();
	await login(editor, 'editor');
	assert.equal((await editor.get('/staff/consultations')).status, 403);
	const admin = srv.client();
	await login(admin, 'admin');
	const sup = await admin.get(`/staff/supervision?year=${TODAY.slice(0, 4)}`);
	assert.equal(sup.status, 200);
	const m = /<table class="list" id="consult-counts">[\s\S]*?<tbody><tr><td class="num">(\d+)<\/td>/.exec(sup.text);
	assert.ok(m && Number(m[1]) >= 4, 'the year\'s questions are counted');
});

test('the limits of /apply: --intake-limit per address a minute, counted apart from applications', async () => {
	const limited = await startServer({ intakeLimit: 1 });
	try {
		const c = limited.client();
		const post = async (path, fields) => {
			const form = await c.get(path);
			return c.post(path, { csrf: csrfFrom(form.text), ...fields, ...humanCheck(form.text) });
		};
		let r = await post('/consult/new', { ...QUESTION, subject: '限流测试一' });
		assert.equal(r.status, 201, r.text.slice(0, 800));
		r = await post('/consult/new', { ...QUESTION, subject: '限流测试二' });
		assert.equal(r.status, 429);
		assert.match(unescapeHtml(r.text), /提交的咨询过于频繁：每分钟最多1条/);
		assert.ok(r.text.includes('限流测试二'), 'the form is kept');
		// an application from the same address still has its own allowance
		r = await post('/apply', {
			agency: HBJ, applicant_type: 'natural_person', name: '限流申请人', id_type: 'resident', id_number: '11010519491231002X',
			phone: '13503527788', email: '', address: '', description: '某文件', doc_no: '', delivery: 'online', medium: '',
		});
		assert.equal(r.status, 201, r.text.slice(0, 800));
	} finally {
		limited.kill();
	}
});
