// Everything a person reads is Chinese: the public pages, the main staff
// pages for each role, and the answers to bad requests (404s, bad
// parameters, oversized values, 403s, CSRF failures, bad JSON) carry no
// English sentence — three or more ASCII words in a row — outside <code>,
// URLs, attribute values and identifiers; every JSON error carries a
// stable machine `code` beside its Chinese `error`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { csrfFrom, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
let itemId;
let trackingCode;

const CITY = '035200000';
const HBJ = '035205000';

before(async () => {
	srv = await startServer();
	const items = await srv.client().get('/api/v1/items?per_page=1');
	assert.equal(items.status, 200);
	itemId = items.json.items[0].id;
	const r = await postJson(srv.client(), '/api/v1/requests', {
		agency: CITY, applicant_type: 'natural_person', name: '测试申请人', id_number: '140202199001011234',
		phone: '13503520001', email: 'ce@example.cn', description: '城区道路改造工程的立项批复', delivery: 'email',
	});
	assert.equal(r.status, 201, r.text);
	trackingCode = r.json.tracking_code;
});

after(() => srv?.kill());

function postJson(c, p, body, headers = {}) {
	return c.request('POST', p, {
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headers: { 'content-type': 'application/json', ...headers },
	});
}

/* The text a person reads on an HTML page: no markup (so no attribute
 * values), no <code>, scripts or styles, entities undone. A sentence does
 * not run from one link into the next ("PDF Excel Markdown" are three). */
function visibleText(html) {
	return unescapeHtml(html
		.replace(/<(code|script|style)\b[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<\/?a\b[^>]*>/gi, ' | ')
		.replace(/<[^>]*>/g, ' '));
}

/* The first English sentence in TEXT (three or more ASCII words separated
 * by blanks), URLs, paths and e-mail addresses aside; null if none. */
export function englishSentence(text) {
	const t = text
		.replace(/\bhttps?:\/\/\S+/g, ' ')
		.replace(/(^|\s)\/\S*/g, ' ')
		.replace(/\S+@\S+/g, ' ');
	const m = /(?<![A-Za-z0-9_.-])[A-Za-z][A-Za-z'’-]*(?:[ \t\r\n]+[A-Za-z][A-Za-z'’-]*){2,}(?![A-Za-z0-9_])/.exec(t);
	return m ? m[0].replace(/\s+/g, ' ') : null;
}

test('the detector finds an English sentence and passes Chinese with codes and URLs', () => {
	assert.equal(englishSentence("'year' must be a whole number"), "year' must be a whole number");
	assert.equal(englishSentence('the request body is larger than allowed'), 'the request body is larger than allowed');
	assert.equal(englishSentence('“年份”须为1949至2100之间的整数'), null);
	assert.equal(englishSentence('请求正文须为JSON（Content-Type: application/json）'), null);
	assert.equal(englishSentence('见 https://example.cn/a b 与 /items?q=a b'), null);
	assert.equal(englishSentence(visibleText('<p>正文<code>make test now</code><a href="/x" title="go to page">去</a></p>')), null);
	assert.equal(englishSentence(visibleText('<p>下载：<a href="/a">PDF</a> <a href="/b">Excel</a> <a href="/c">Markdown</a></p>')), null);
	assert.ok(englishSentence(visibleText('<p>there is <b>no</b> page</p>')));
});

/* What is wrong with answer R (an HTML page or a JSON object), or null. */
function problem(r) {
	const type = r.headers.get('content-type') || '';
	if (r.text.includes('\uFFFD')) return 'invalid UTF-8 (a character cut in the middle?)';
	if (type.startsWith('text/html')) {
		const s = englishSentence(visibleText(r.text));
		return s ? `English on the page: "${s}"` : null;
	}
	if (type.startsWith('application/json') && r.status >= 400) {
		if (typeof r.json.error !== 'string' || !r.json.error) return 'a JSON error without "error"';
		if (!/^[a-z_]+$/.test(r.json.code || '')) return `a JSON error without a machine "code": ${r.text}`;
		if (r.json.status !== r.status) return `"status" ${r.json.status} is not ${r.status}`;
		const s = englishSentence(r.json.error);
		return s ? `English in "error": "${s}"` : null;
	}
	return null;
}

/* Fetches each [method, path, expected status, options] with client C and
 * collects every answer with English or without its JSON code. */
async function sweep(c, requests) {
	const bad = [];
	for (const [method, path, status, opts = {}] of requests) {
		const r = await c.request(method, path, opts);
		const where = `${method} ${path.length > 70 ? path.slice(0, 70) + '…' : path}`;
		if (status && r.status !== status) bad.push(`${where}: status ${r.status}, expected ${status}: ${r.text.slice(0, 200)}`);
		const p = problem(r);
		if (p) bad.push(`${where} (${r.status}): ${p}`);
	}
	return bad;
}

test('public pages are Chinese', async () => {
	const bad = await sweep(srv.client(), [
		['GET', '/', 200],
		['GET', '/items', 200],
		['GET', '/items?q=%E7%8E%AF%E5%A2%83', 200],
		['GET', `/items?agency=${HBJ}`, 200],
		['GET', `/items/${itemId}`, 200],
		['GET', `/items/${itemId}/print`, 200],
		['GET', '/agencies', 200],
		['GET', `/agencies/${CITY}`, 200],
		['GET', `/agencies/${CITY}/guide`, 200],
		['GET', '/reports', 200],
		['GET', '/apply', 200],
		['GET', '/track', 200],
		['GET', `/track/${trackingCode}`, 200],
		['GET', '/login', 200],
	]);
	assert.deepEqual(bad, []);
});

/* A logged-in client and its CSRF token for forms and the JSON API. */
async function staff(user) {
	const c = srv.client();
	await login(c, user);
	const page = await c.get('/staff');
	c.csrf = csrfFrom(page.text);
	return c;
}

test('the main staff pages are Chinese for each role', async () => {
	const bad = [];
	const pages = {
		admin: ['/staff', '/staff/users', `/staff/agencies/${CITY}`, '/staff/holidays', '/staff/check',
			'/staff/supervision', '/staff/records', '/staff/reports', '/staff/disputes', '/staff/disputes/new',
			'/staff/complaints', '/staff/complaints/new', '/staff/responses', '/staff/responses/new'],
		editor: ['/staff', '/staff/items', '/staff/items/new', `/staff/items/${itemId}/edit`,
			'/staff/reports', `/staff/reports/${CITY}/2024`,
			`/staff/reports/${CITY}/2024/preview`, '/staff/figures', '/staff/records'],
		handler: ['/staff', '/staff/requests', '/staff/requests/new', '/staff/records',
			`/staff/requests/${trackingCode}`],
		reviewer: ['/staff', '/staff/requests', `/staff/requests/${trackingCode}`],
	};
	// an item edited once more, so its history shows a diff beside the cut bodies
	const editor = await staff('editor');
	const edit = await editor.get(`/staff/items/${itemId}/edit`);
	assert.equal(edit.status, 200);
	pages.editor.push(`/staff/items/${itemId}/history`);
	// case pages in every state the demo city has, each with its own panel
	const handler = await staff('handler');
	const queue = await handler.get('/api/v1/staff/requests?view=all');
	assert.equal(queue.status, 200, queue.text);
	const byState = new Map();
	for (const a of queue.json.requests) byState.set(a.state, a.tracking_code);
	assert.ok(byState.size >= 4, `the demo city has applications in several states: ${[...byState.keys()]}`);
	for (const code of byState.values()) pages.handler.push(`/staff/requests/${code}`);
	for (const [user, paths] of Object.entries(pages)) {
		const c = await staff(user);
		for (const b of await sweep(c, paths.map((p) => ['GET', p, 200]))) bad.push(`${user}: ${b}`);
	}
	assert.deepEqual(bad, []);
});

test('refusals of bad requests are Chinese, on pages and in the API', async () => {
	const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' } };
	const anon = srv.client();
	const loginPage = await anon.get('/login');
	const csrf = csrfFrom(loginPage.text);
	const bad = await sweep(anon, [
		// not found
		['GET', '/nope', 404],
		['GET', '/items/99999999', 404],
		['GET', '/agencies/999999999', 404],
		['GET', '/track/ZZZZZZZZZZ', 404],
		['GET', '/items?page=999999', 404],
		['GET', '/static/nope.css', 404],
		['GET', '/api/v1/nope', 404],
		['GET', '/api/v1/items/99999999', 404],
		['GET', '/api/v1/requests/ZZZZZZZZZZ', 404],
		// bad parameters
		['GET', '/items?year=3000', 400],
		['GET', '/items?year=abc', 400],
		['GET', '/items?page=0', 400],
		['GET', '/items?per_page=1000', 400],
		['GET', '/items?validity=zzz', 400],
		['GET', '/items?topic=zz', 400],
		['GET', '/items?genre=zz', 400],
		['GET', '/items?agency=nope', 400],
		['GET', '/items?zz_nosuch=1', 400],
		['GET', '/items?q=a&q=b', 400],
		['GET', `/items?q=${'a'.repeat(10001)}`, 400],
		['GET', `/items?q=${'长'.repeat(101)}`, 400],
		['GET', '/login?next=%01', 400],
		['GET', '/login?next=%FF', 400],
		['GET', '/api/v1/items?year=3000', 400],
		['GET', '/api/v1/items?per_page=abc', 400],
		['GET', '/api/v1/health?zz_nosuch=1', 400],
		// methods and sizes
		['POST', '/', 405, { body: '', ...form }],
		['DELETE', '/api/v1/health', 405],
		['POST', '/login', 413, { body: 'login=' + 'a'.repeat(1 << 20), ...form }],
		['POST', '/api/v1/health', 413, { body: 'x'.repeat((1 << 20) + 16) }],
		// forms: CSRF, malformed, missing fields
		['POST', '/login', 403, { body: 'login=admin&password=x', ...form }],
		['POST', '/login', 400, { body: `csrf=${csrf}&login=%G1&password=x`, ...form }],
		['POST', '/login', 400, { body: `csrf=${csrf}&password=xxxxxxxxxxx`, ...form }],
		['POST', '/login', 400, { body: `csrf=${csrf}&login=admin&password=x`, headers: { 'content-type': 'text/plain' } }],
		['POST', '/login', 401, { body: `csrf=${csrf}&login=admin&password=wrong-password`, ...form }],
		['POST', '/logout', 403, { body: '', ...form }],
		['POST', '/apply', 403, { body: 'name=x', ...form }],
		['POST', '/apply', 400, { body: `csrf=${csrf}&name=x`, ...form }],
		// login required
		['POST', '/staff/users', 401, { body: 'login=x', ...form }],
		['GET', '/api/v1/staff/requests', 401],
	]);
	// bad JSON to the API
	const api = srv.client();
	const json = [
		['not json', '{"name": '],
		['an array', '[1, 2]'],
		['a field of the wrong type', { agency: CITY, name: ['x'] }],
		['an unknown field', { agency: CITY, zz_nosuch: 'x' }],
		['missing fields', { agency: CITY }],
		['an unknown agency', { agency: '000000000', applicant_type: 'natural_person', name: '某', description: '某事', delivery: 'post', id_number: '140202199001011234' }],
		['an over-long description', { agency: CITY, applicant_type: 'business', name: '某公司', description: '长'.repeat(2001), delivery: 'post' }],
		['a bad enum', { agency: CITY, applicant_type: 'martian', name: '某', description: '某事', delivery: 'post' }],
	];
	for (const [what, body] of json) {
		const r = await postJson(api, '/api/v1/requests', body);
		if (r.status !== 400) bad.push(`POST /api/v1/requests with ${what}: status ${r.status}`);
		const p = problem(r);
		if (p) bad.push(`POST /api/v1/requests with ${what}: ${p}`);
	}
	const notJson = await api.request('POST', '/api/v1/requests', { body: 'name=x', ...form });
	const p = problem(notJson);
	if (notJson.status !== 400 || p) bad.push(`POST /api/v1/requests as a form: ${notJson.status} ${p}`);
	assert.deepEqual(bad, []);
});

test('refusals for staff (roles, scope, CSRF, bad values) are Chinese', async () => {
	const bad = [];
	const handler = await staff('hbj.handler');
	bad.push(...await sweep(handler, [
		['GET', '/staff/users', 403],
		['GET', '/staff/items', 403],
		['GET', '/api/v1/reports/035205000/2024/texts', 403],
		['GET', '/staff/requests?view=zz', 400],
		['GET', '/staff/requests?year=1', 400],
		['GET', '/staff/requests/ZZZZZZZZZZ', 404],
		['POST', '/staff/requests', 400, { body: 'agency=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/api/v1/staff/requests', 400, { body: '{}', headers: { 'content-type': 'application/json' } }],
		['POST', `/api/v1/staff/requests/${trackingCode}/actions`, 403, { body: '{"action":"withdraw"}', headers: { 'content-type': 'application/json' } }],
		['POST', `/api/v1/staff/requests/${trackingCode}/actions`, 400, { body: '{"action":"fly"}', headers: { 'content-type': 'application/json', 'x-csrf-token': handler.csrf } }],
		['POST', '/api/v1/staff/requests', 400, { body: '{"agency":', headers: { 'content-type': 'application/json', 'x-csrf-token': handler.csrf } }],
	]));
	// steps refused on a case page, and a paper application registered wrongly
	const city = await staff('handler');
	const multipart = (fields) => {
		const fd = new FormData();
		fd.append('csrf', city.csrf);
		for (const [k, v] of Object.entries(fields)) fd.append(k, v);
		return { body: fd };
	};
	const act = `/staff/requests/${trackingCode}/act`;
	const paper = { agency: CITY, channel: 'in_person', applicant_type: 'natural_person', name: '某某', phone: '5189096',
		description: '某文件', delivery: 'post', address: '大同市某路1号' };
	bad.push(...await sweep(city, [
		['POST', act, 0, multipart({ action: 'approve' })],
		['POST', act, 0, multipart({ action: 'extend', days: '99', note: '情况复杂' })],
		['POST', act, 0, multipart({ action: 'supplement', until: '2000-01-01' })],
		['POST', act, 0, multipart({ action: 'register', day: '2000-01-01' })],
		['POST', act, 0, multipart({ action: 'withdraw' })],
		['POST', act, 0, multipart({ action: 'reply', outcome: 'zz' })],
		['POST', '/staff/requests', 400, multipart(paper)],
		['POST', '/staff/requests', 400, multipart({ ...paper, id_type: 'resident', id_number: '12345' })],
		['POST', '/staff/requests', 400, multipart({ ...paper, id_number: '140202199001011234', name: '　 ' })],
		['POST', '/staff/requests', 400, multipart({ ...paper, id_number: '140202199001011234', delivery: 'email' })],
	]));
	const editor = await staff('hbj.editor');
	bad.push(...await sweep(editor, [
		['GET', '/staff/requests', 403],
		['GET', '/api/v1/staff/requests', 403],
		['GET', '/staff/items/99999999/edit', 404],
		['POST', '/staff/items', 400, { body: new URLSearchParams({ csrf: editor.csrf, agency: HBJ, title: '', topic: 'zz', genre: 'notice' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/staff/items', 400, { body: new URLSearchParams({ csrf: editor.csrf, agency: HBJ, title: '标题', topic: '01', genre: 'notice', written: '2024-13-40' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/staff/items', 400, { body: new URLSearchParams({ csrf: editor.csrf, agency: HBJ, title: '长'.repeat(301), topic: '01', genre: 'notice' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
	]));
	const admin = await staff('admin');
	const checkForm = (fields) => {
		const fd = new FormData();
		fd.append('csrf', admin.csrf);
		for (const [k, v] of Object.entries(fields)) fd.append(k, v);
		return { body: fd };
	};
	bad.push(...await sweep(admin, [
		['POST', '/staff/check', 400, checkForm({ text: '' })],
		['POST', '/staff/check', 0, checkForm({ text: '大同市2017年政府信息公开工作年度报告\n一、总体情况\n本年共收到申请10件，其中办结12件。' })],
		['POST', '/staff/holidays', 400, checkForm({ text: 'year 2030\n2030-13-01 off 元旦\n' })],
		['POST', '/staff/disputes', 400, { body: new URLSearchParams({ csrf: admin.csrf, agency: HBJ, kind: 'review', filed: '2024-13-01' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/api/v1/complaints', 400, { body: '{"agency":"035205000","subject":""}', headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf } }],
		['POST', '/api/v1/complaints', 400, { body: '{"agency":', headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf } }],
	]));
	const yg = await staff('yg.admin');
	bad.push(...await sweep(yg, [
		['GET', `/staff/agencies/${CITY}`, 403],
		['POST', '/staff/users', 403, { body: new URLSearchParams({ csrf: yg.csrf, login: 'yg.out', display_name: '某', agency: HBJ, role: 'editor', password: 'bureau-staff-key-7' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/staff/users', 400, { body: new URLSearchParams({ csrf: yg.csrf, login: 'Bad Login', display_name: '某', agency: '035221100', role: 'editor', password: 'bureau-staff-key-7' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/staff/users', 400, { body: new URLSearchParams({ csrf: yg.csrf, login: 'yg.short', display_name: '某', agency: '035221100', role: 'editor', password: 'short' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
		['POST', '/staff/users', 403, { body: new URLSearchParams({ login: 'yg.nocsrf', display_name: '某', agency: '035221100', role: 'editor', password: 'bureau-staff-key-7' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
	]));
	assert.deepEqual(bad, []);
});
