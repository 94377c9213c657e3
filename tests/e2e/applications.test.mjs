// Applications for disclosure (issue 4) end to end: the public form and API
// with their validation, the tracking page, every transition of the
// workflow through HTTP (and illegal ones refused), authorization between
// agencies, personal data kept off public pages, queues, and the holiday
// calendar upload. The real server, a demo database, every HTML page checked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Client, PASSWORD, ROOT, TODAY, addDays, csrfFrom, humanCheck, login, makeDemoDb, startServer, tempDir, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());


const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '测试申请人甲', id_number: '140202199001011234',
	phone: '13503520001', email: 'jia@example.cn', address: '大同市平城区测试路8号', description: '2025年城区道路改造工程的立项批复',
	doc_no: '同政发〔2025〕1号', delivery: 'email',
};

async function postJson(c, p, body, headers = {}) {
	return c.request('POST', p, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

/* A logged-in staff client with its CSRF token for the JSON API. */
async function staff(login_) {
	const c = srv.client();
	await login(c, login_);
	const who = await c.get('/api/v1/staff/whoami');
	assert.equal(who.status, 200);
	c.csrf = who.json.csrf;
	return c;
}

async function act(c, code, body, expect = 200) {
	const r = await postJson(c, `/api/v1/staff/requests/${code}/actions`, body, { 'x-csrf-token': c.csrf });
	assert.equal(r.status, expect, `${body.action} on ${code}: expected ${expect}, got ${r.status}: ${r.text.slice(0, 500)}`);
	return r.json;
}

async function register(c, fields = {}) {
	const r = await postJson(c, '/api/v1/staff/requests', { ...PERSON, channel: 'in_person', ...fields }, { 'x-csrf-token': c.csrf });
	assert.equal(r.status, 201, r.text);
	return r.json;
}

async function applyApi(fields = {}, c = srv.client()) {
	const r = await postJson(c, '/api/v1/requests', { ...PERSON, ...fields });
	assert.equal(r.status, 201, r.text);
	return r.json;
}


function assertNoPersonalData(text, where) {
	for (const v of [PERSON.name, PERSON.id_number, PERSON.phone, PERSON.email, PERSON.address, PERSON.description])
		assert.ok(!text.includes(v), `${where}: shows personal data or the application's text (${v})`);
}

// ------------------------------------------------------------ the public form

test('the online form: challenge, confirmation with tracking code and QR, tracking page without personal data', async () => {
	const c = srv.client();
	const form = await c.get('/apply');
	assert.equal(form.status, 200);
	assert.match(form.text, /<form method="post" action="\/apply"/);
	for (const name of ['agency', 'applicant_type', 'name', 'id_number', 'phone', 'email', 'address', 'description', 'doc_no', 'delivery', 'medium', 'answer'])
		assert.ok(form.text.includes(`name="${name}"`), `field ${name}`);
	const csrf = csrfFrom(form.text);
	const wrong = await c.post('/apply', { csrf, ...PERSON, answer: '999' });
	assert.equal(wrong.status, 400);
	assert.match(wrong.text, /验证问题的答案不正确/);
	assert.ok(wrong.text.includes(PERSON.description), 'the form keeps what was typed');
	const noCsrf = await c.post('/apply', { ...PERSON, ...humanCheck(form.text) });
	assert.equal(noCsrf.status, 403);
	const human = humanCheck(form.text);
	const missing = await c.post('/apply', { csrf, ...PERSON, name: '', ...human });
	assert.equal(missing.status, 400);
	assert.match(unescapeHtml(missing.text), /请填写“姓名或名称”/);

	const ok = await c.post('/apply', { csrf, ...PERSON, id_type: 'resident', ...human });
	assert.equal(ok.status, 201, ok.text.slice(0, 800));
	const m = /<strong id="tracking-code">([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})<\/strong>/.exec(ok.text);
	assert.ok(m, 'the confirmation shows the tracking code in two groups');
	const code = m[1] + m[2];
	assert.ok(ok.text.includes(`<img id="qr" src="/track/${code}/qr.svg"`));
	assert.match(ok.text, new RegExp(`<dd id="received">${TODAY}</dd>`));

	const qr = await c.get(`/track/${code}/qr.svg`);
	assert.equal(qr.status, 200);
	assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
	assert.match(qr.text, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	assert.match(qr.text, /<path fill="#000" d="M\d+ \d+h\d+v1h-\d+z/);

	const track = await srv.client().get(`/track/${code}`);
	assert.equal(track.status, 200);
	assert.match(track.text, /<dd id="state">待登记<\/dd>/);
	assert.match(track.text, new RegExp(`<dd id="received">${TODAY}（网上提交，待确认收到）</dd>`));
	assert.match(track.text, /<dd id="due">\d{4}-\d\d-\d\d/);
	assert.match(track.text, /<dd id="outcome">—<\/dd>/);
	assertNoPersonalData(track.text, 'tracking page');

	// the lookup form normalises what people type
	const lookup = await c.get(`/track?code=${code.slice(0, 5).toLowerCase()}-${code.slice(5).toLowerCase()}`);
	assert.equal(lookup.status, 303);
	assert.equal(lookup.headers.get('location'), `/track/${code}`);
	assert.equal((await c.get('/track?code=0000011111')).status, 404);
	assert.equal((await c.get('/track/ZZZZZZZZZZ')).status, 404);
	assert.equal((await c.get('/track/ZZZZZZZZZZ/qr.svg')).status, 404);
	assert.equal((await c.get('/track')).status, 200);
});

// ---------------------------------------------------------------- the public API

test('POST /api/v1/requests: 201 with tracking_code, received and due; GET gives the public status only', async () => {
	const j = await applyApi();
	assert.match(j.tracking_code, /^[2-9A-HJ-NP-Z]{10}$/);
	assert.equal(j.received, TODAY);
	assert.match(j.due, /^\d{4}-\d\d-\d\d$/);
	assert.equal(j.state, 'received');
	assertNoPersonalData(JSON.stringify(j), 'POST answer');
	const r = await srv.client().get(`/api/v1/requests/${j.tracking_code}`);
	assert.equal(r.status, 200);
	for (const k of ['tracking_code', 'state', 'received', 'due', 'outcome', 'replied']) assert.ok(k in r.json, k);
	assert.equal(r.json.outcome, null);
	assert.equal(r.json.replied, null);
	assertNoPersonalData(r.text, 'GET status');
	assert.equal((await srv.client().get('/api/v1/requests/ABCDEFGHJK')).status, 404);
	assert.equal((await srv.client().get('/api/v1/requests/not-a-code')).status, 404);
});

const API_BAD = [
	// [what, body change, field named in the error]
	['missing agency', { agency: undefined }, 'agency'],
	['unknown agency', { agency: '999999999' }, 'agency'],
	['bad applicant_type', { applicant_type: 'alien' }, 'applicant_type'],
	['missing applicant_type', { applicant_type: undefined }, 'applicant_type'],
	['missing name', { name: undefined }, 'name'],
	['empty name', { name: '' }, 'name'],
	['name too long', { name: '名'.repeat(61) }, 'name'],
	['natural person without id_number', { id_number: undefined }, 'id_number'],
	['id_number too long', { id_number: '1'.repeat(31) }, 'id_number'],
	['phone with control chars', { phone: '135\u000103520001' }, 'phone'],
	['bad email', { email: 'not-an-email' }, 'email'],
	['no contact at all', { phone: undefined, email: undefined, address: undefined, delivery: 'pickup' }, 'phone'],
	['address too long', { address: '路'.repeat(121) }, 'address'],
	['missing description', { description: undefined }, 'description'],
	['description too long', { description: '字'.repeat(2001) }, 'description'],
	['doc_no too long', { doc_no: '号'.repeat(61) }, 'doc_no'],
	['missing delivery', { delivery: undefined }, 'delivery'],
	['bad delivery', { delivery: 'pigeon' }, 'delivery'],
	['post without address', { delivery: 'post', address: undefined }, 'address'],
	['number for a string', { name: 12.5 }, 'name'],
	['unknown field', { shoe_size: '42' }, 'shoe_size'],
];

/* How a refusal names each field: its Chinese label (or, where intake.c
 * still words it, the parameter in quotes). */
const FIELD_NAMED = {
	agency: /机关/, applicant_type: /申请人类型/, name: /名称|姓名/, id_number: /身份证件|证件号码/,
	phone: /电话/, email: /邮箱|电子邮件/, address: /地址/, description: /描述|内容/, doc_no: /文号/,
	delivery: /获取信息的方式|获取方式/, shoe_size: /“shoe_size”/,
};

for (const [what, change, field] of API_BAD) {
	test(`POST /api/v1/requests: ${what} → 400 naming '${field}'`, async () => {
		const body = { ...PERSON, ...change };
		for (const k of Object.keys(change)) if (change[k] === undefined) delete body[k];
		const r = await postJson(srv.client(), '/api/v1/requests', body);
		assert.equal(r.status, 400, r.text);
		assert.deepEqual(Object.keys(r.json).sort(), ['code', 'error', 'status']);
		assert.equal(r.json.code, 'invalid_input');
		assert.ok(FIELD_NAMED[field].test(r.json.error) || r.json.error.includes(`'${field}'`),
			`error names ${field}: ${r.json.error}`);
	});
}

test('POST /api/v1/requests: not JSON → 400', async () => {
	const c = srv.client();
	assert.equal((await c.request('POST', '/api/v1/requests', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 400);
	assert.equal((await c.request('POST', '/api/v1/requests', { body: '{"name":', headers: { 'content-type': 'application/json' } })).status, 400);
	assert.equal((await c.request('POST', '/api/v1/requests', { body: '[1]', headers: { 'content-type': 'application/json' } })).status, 400);
});

// ------------------------------------------------------------------- workflow

test('scenario A: the long path through register, assign, consultation, 补正, fee, drafts, review, reply, archive', async () => {
	const handler = await staff('handler');
	const reviewer = await staff('reviewer');
	const { tracking_code: code } = await applyApi({ description: '场景A：某企业环评批复', delivery: 'post' });
	let j = await act(handler, code, { action: 'register' });
	assert.equal(j.state, 'registered');
	assert.equal(j.received_confirmed, true);
	// the handler lacks the reviewer's role for assignment
	j = await act(handler, code, { action: 'assign', handler: 'handler' }, 403);
	assert.match(j.error, /“分办”（assign）须由具有“审核”角色/);
	j = await act(reviewer, code, { action: 'assign', handler: 'handler' });
	assert.equal(j.state, 'assigned');
	assert.equal(j.handler, '市政府办公厅申请办理员');
	// assigning someone who is not a handler of the agency
	j = await act(reviewer, code, { action: 'assign', handler: 'hbj.handler' }, 400);
	assert.match(j.error, /“承办人”：“hbj.handler”不属于办理机关/);
	j = await act(reviewer, code, { action: 'assign', handler: 'handler' });
	assert.equal(j.state, 'assigned');
	const due0 = j.due;
	j = await act(handler, code, { action: 'start_consultation', party: 'third_party', note: '征求企业意见' });
	assert.equal(j.state, 'consulting');
	assert.equal(j.due, null, 'the clock stands still while consulting');
	j = await act(reviewer, code, { action: 'assign', handler: 'handler' });
	assert.equal(j.state, 'consulting');
	j = await act(reviewer, code, { action: 'extend', days: 5 });
	assert.equal(j.state, 'consulting');
	j = await act(handler, code, { action: 'end_consultation' });
	assert.equal(j.state, 'assigned');
	assert.ok(j.due > due0, `the extension and the pause moved the due date (${due0} → ${j.due})`);
	j = await act(handler, code, { action: 'request_supplement', until: addDays(TODAY, 10), note: '请说明年份' });
	assert.equal(j.state, 'awaiting_supplement');
	assert.equal(j.due, null);
	j = await act(handler, code, { action: 'receive_supplement' });
	assert.equal(j.state, 'assigned');
	j = await act(handler, code, { action: 'send_fee_notice', fee_method: 'by_pages', fee_pages: 150 });
	assert.equal(j.state, 'awaiting_payment');
	assert.ok(j.events.some((e) => e.action === 'send_fee_notice' && e.note.includes('1700 元')), 'fee of 150 pages is 1700 元');
	j = await act(handler, code, { action: 'record_payment' });
	assert.equal(j.state, 'assigned');
	j = await act(handler, code, { action: 'draft_reply', outcome: 'lapsed_no_fee' }, 400);
	assert.match(j.error, /“答复类型”不能选/);
	j = await act(handler, code, { action: 'draft_reply' }, 400);
	assert.match(j.error, /答复类型/);
	j = await act(handler, code, { action: 'draft_reply', outcome: 'disclosed' });
	assert.equal(j.state, 'drafted');
	assert.match(j.letter, /政府信息公开申请答复书\n测试申请人甲：/);
	assert.match(j.letter, /第三十六条第（二）项/);
	j = await act(handler, code, { action: 'draft_reply', outcome: 'partly_disclosed', letter: '修改后的答复书：部分公开。' });
	assert.equal(j.letter, '修改后的答复书：部分公开。');
	j = await act(reviewer, code, { action: 'extend', days: 5 });
	assert.equal(j.state, 'drafted');
	j = await act(reviewer, code, { action: 'return_draft', note: '请补充理由' });
	assert.equal(j.state, 'assigned');
	assert.equal(j.drafter, '');
	j = await act(handler, code, { action: 'draft_reply', outcome: 'partly_disclosed' });
	j = await act(handler, code, { action: 'approve_reply' }, 403);
	// the template leaves the reasons to fill: not approved as it is
	j = await act(reviewer, code, { action: 'approve_reply' }, 400);
	assert.match(j.error, /“答复书”中还有待填写的内容“【请填写理由及依据】”/);
	j = await act(handler, code, { action: 'draft_reply', outcome: 'partly_disclosed', letter: '部分公开，不予公开部分涉及个人隐私（条例第十五条）。' });
	j = await act(reviewer, code, { action: 'approve_reply' });
	assert.equal(j.state, 'approved');
	assert.equal(j.approver, '市政府办公厅审核员');
	j = await act(reviewer, code, { action: 'return_draft' });
	assert.equal(j.state, 'assigned');
	await act(handler, code, { action: 'draft_reply', outcome: 'partly_disclosed', letter: '部分公开，不予公开部分涉及个人隐私。' });
	await act(reviewer, code, { action: 'approve_reply' });
	j = await act(handler, code, { action: 'send_reply', reply_way: 'post' });
	assert.equal(j.state, 'replied');
	assert.equal(j.replied, TODAY);
	j = await act(handler, code, { action: 'archive' });
	assert.equal(j.state, 'archived');
	// the public sees the outcome now, and still no personal data
	const pub = await srv.client().get(`/api/v1/requests/${code}`);
	assert.equal(pub.json.outcome, 'partly_disclosed');
	assert.equal(pub.json.replied, TODAY);
	const page = await srv.client().get(`/track/${code}`);
	assert.match(page.text, /<dd id="outcome">部分公开（区分处理）<\/dd>/);
	assert.match(page.text, new RegExp(`<dd id="replied">${TODAY}</dd>`));
	assertNoPersonalData(page.text, 'tracking page after reply');
	// the timeline has every step with who and when
	const full = await handler.get(`/api/v1/staff/requests/${code}`);
	assert.deepEqual(full.json.events.map((e) => e.action), ['create', 'register', 'assign', 'assign', 'start_consultation', 'assign', 'extend',
		'end_consultation', 'request_supplement', 'receive_supplement', 'send_fee_notice', 'record_payment', 'draft_reply', 'draft_reply',
		'extend', 'return_draft', 'draft_reply', 'draft_reply', 'approve_reply', 'return_draft', 'draft_reply', 'approve_reply', 'send_reply', 'archive']);
	assert.equal(full.json.events[0].by, '申请人');
	assert.equal(full.json.events[2].by, '市政府办公厅审核员');
	assert.deepEqual(full.json.actions, [], 'nothing is left to do');
});

test('withdrawal before the reply, from every open state, and archiving closed ones', async () => {
	const handler = await staff('handler');
	const reviewer = await staff('reviewer');
	const assigned = async (fields) => {
		const j = await register(handler, fields);
		return (await act(reviewer, j.tracking_code, { action: 'assign', handler: 'handler' })).tracking_code;
	};
	// received → withdrawn → archived
	let code = (await applyApi()).tracking_code;
	assert.equal((await act(handler, code, { action: 'withdraw', note: '申请人来电撤回' })).state, 'withdrawn');
	assert.equal((await act(handler, code, { action: 'archive' })).state, 'archived');
	assert.equal((await srv.client().get(`/api/v1/requests/${code}`)).json.outcome, 'other');
	// registered → withdrawn
	code = (await register(handler)).tracking_code;
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// assigned → withdrawn
	code = await assigned();
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// awaiting supplement → withdrawn
	code = await assigned();
	await act(handler, code, { action: 'request_supplement' });
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// consulting → withdrawn
	code = await assigned();
	await act(handler, code, { action: 'start_consultation', party: 'agency' });
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// awaiting payment → withdrawn
	code = await assigned();
	await act(handler, code, { action: 'send_fee_notice', fee_method: 'by_count', fee_first: 11 });
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// drafted → withdrawn (after an Art. 35 delay and an extension)
	code = await assigned();
	assert.equal((await act(reviewer, code, { action: 'delay', until: addDays(TODAY, 70) })).due, addDays(TODAY, 70));
	await act(reviewer, code, { action: 'extend', days: 20 });
	await act(handler, code, { action: 'draft_reply', outcome: 'not_exist' });
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// approved → withdrawn
	code = await assigned();
	await act(handler, code, { action: 'draft_reply', outcome: 'not_exist' });
	await act(reviewer, code, { action: 'approve_reply' });
	assert.equal((await act(handler, code, { action: 'withdraw' })).state, 'withdrawn');
	// replied: too late to withdraw
	await act(handler, code, { action: 'send_reply', reply_way: 'email' }, 409);
});

test('补正 not received in time and a fee not paid in time close the application', async () => {
	const handler = await staff('handler');
	const reviewer = await staff('reviewer');
	const received = addDays(TODAY, -60);
	// 补正: asked the day after receipt, with a limit long past
	let code = (await register(handler, { submitted: received })).tracking_code;
	await act(reviewer, code, { action: 'assign', handler: 'handler', day: received });
	await act(handler, code, { action: 'request_supplement', day: addDays(received, 1), until: addDays(received, 11) });
	let j = await act(handler, code, { action: 'abandon_supplement' });
	assert.equal(j.state, 'abandoned');
	assert.equal(j.outcome, 'lapsed_no_supplement');
	assert.equal((await act(handler, code, { action: 'archive' })).state, 'archived');
	// fee: notice long ago, unpaid → 逾期未缴费
	code = (await register(handler, { submitted: received })).tracking_code;
	await act(reviewer, code, { action: 'assign', handler: 'handler', day: received });
	await act(handler, code, { action: 'send_fee_notice', day: addDays(received, 2), fee_method: 'by_pages', fee_pages: 40 });
	j = await act(handler, code, { action: 'abandon_fee' });
	assert.equal(j.state, 'abandoned');
	assert.equal(j.outcome, 'lapsed_no_fee');
	// a fee notice of today cannot be closed as unpaid yet; it can be waived
	code = (await register(handler)).tracking_code;
	await act(reviewer, code, { action: 'assign', handler: 'handler' });
	await act(handler, code, { action: 'send_fee_notice', fee_method: 'by_pages', fee_pages: 31 });
	j = await act(handler, code, { action: 'abandon_fee' }, 409);
	assert.match(j.error, /申请人的期限至\d{4}-\d\d-\d\d/);
	j = await act(handler, code, { action: 'waive_fee' }, 403);
	j = await act(reviewer, code, { action: 'waive_fee' });
	assert.equal(j.state, 'assigned');
	// a 补正 whose limit is still running cannot be closed as abandoned
	code = (await register(handler)).tracking_code;
	await act(reviewer, code, { action: 'assign', handler: 'handler' });
	await act(handler, code, { action: 'request_supplement', until: addDays(TODAY, 10) });
	j = await act(handler, code, { action: 'abandon_supplement' }, 409);
	assert.match(j.error, /期限至/);
});

test('illegal transitions and rule breaches are refused with a clear message', async () => {
	const handler = await staff('handler');
	const reviewer = await staff('reviewer');
	const code = (await register(handler)).tracking_code;
	let j = await act(handler, code, { action: 'register' }, 409);
	assert.match(j.error, /“已登记”（registered）状态，不能办理“确认收到并登记”（register）；当前可办理：分办、申请人撤回/);
	j = await act(handler, code, { action: 'archive' }, 409);
	assert.match(j.error, /不能办理“归档”（archive）/);
	j = await act(handler, code, { action: 'send_reply', reply_way: 'email' }, 409);
	await act(reviewer, code, { action: 'assign', handler: 'handler' });
	j = await act(handler, code, { action: 'approve_reply' }, 409);
	assert.match(j.error, /不能办理“审核通过”（approve_reply）/);
	j = await act(handler, code, { action: 'extend', days: 21 }, 400);
	assert.match(j.error, /“延长的工作日数”/);
	j = await act(handler, code, { action: 'fly' }, 400);
	assert.match(j.error, /“操作”/);
	j = await act(handler, code, { action: 'request_supplement', day: addDays(TODAY, 1) }, 400);
	assert.match(j.error, /晚于今天/);
	j = await act(handler, code, { action: 'send_fee_notice', fee_method: 'by_pages', fee_pages: 30 }, 400);
	assert.match(j.error, /免费额度/);
	await act(reviewer, code, { action: 'extend', days: 20 });
	j = await act(reviewer, code, { action: 'extend', days: 1 }, 409);
	assert.match(j.error, /延长答复期限/);
	// the drafter may not approve his own reply, even holding the reviewer's role
	const hbj = await staff('hbj.handler');
	const own = (await register(hbj, { agency: '035205000' })).tracking_code;
	await act(hbj, own, { action: 'assign', handler: 'hbj.handler' });
	await act(hbj, own, { action: 'draft_reply', outcome: 'already_public', letter: '经查，您申请获取的政府信息本机关已经主动公开，网址：https://www.dt.gov.cn/。' });
	j = await act(hbj, own, { action: 'approve_reply' }, 403);
	assert.match(j.error, /拟稿人以外的审核人/);
	// city-wide reviewer may
	assert.equal((await act(reviewer, own, { action: 'approve_reply' })).state, 'approved');
	// a 补正 later than 7 working days after receipt (2019 rules)
	const old = (await register(handler, { submitted: addDays(TODAY, -30) })).tracking_code;
	await act(reviewer, old, { action: 'assign', handler: 'handler', day: addDays(TODAY, -30) });
	j = await act(handler, old, { action: 'request_supplement' }, 409);
	assert.match(j.error, /补正|supplement/);
	// a step dated before the last one
	j = await act(handler, old, { action: 'start_consultation', day: addDays(TODAY, -40) }, 400);
	assert.match(j.error, /早于上一个办理步骤/);
	// CSRF is required
	const r = await postJson(handler, `/api/v1/staff/requests/${code}/actions`, { action: 'withdraw' });
	assert.equal(r.status, 403);
});

test('registration channels fix the day of receipt by their rule', async () => {
	const handler = await staff('handler');
	const d = addDays(TODAY, -5);
	let j = await register(handler, { channel: 'in_person', submitted: d });
	assert.equal(j.received, d);
	assert.match(j.receipt_rule, /当面提交之日/);
	j = await register(handler, { channel: 'letter', registered_post: '1', submitted: addDays(d, -3), signed_for: d });
	assert.equal(j.received, d);
	assert.match(j.receipt_rule, /签收之日/);
	j = await register(handler, { channel: 'letter', submitted: addDays(d, -3), confirmed: addDays(d, 1) });
	assert.equal(j.received, addDays(d, 1));
	assert.match(j.receipt_rule, /平常信函/);
	j = await register(handler, { channel: 'fax', confirmed: d });
	assert.match(j.receipt_rule, /双方确认之日/);
	j = await register(handler, { channel: 'email', confirmed: d });
	assert.equal(j.channel, 'email');
	let r = await postJson(handler, '/api/v1/staff/requests', { ...PERSON, channel: 'fax' }, { 'x-csrf-token': handler.csrf });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /确认收到日期|confirmed/);
	r = await postJson(handler, '/api/v1/staff/requests', { ...PERSON, channel: 'letter', registered_post: '1' }, { 'x-csrf-token': handler.csrf });
	assert.match(r.json.error, /签收日期|signed_for/);
	r = await postJson(handler, '/api/v1/staff/requests', { ...PERSON, channel: 'in_person', submitted: addDays(TODAY, 2) }, { 'x-csrf-token': handler.csrf });
	assert.match(r.json.error, /晚于今天/);
	r = await postJson(handler, '/api/v1/staff/requests', { ...PERSON, channel: 'online' }, { 'x-csrf-token': handler.csrf });
	assert.match(r.json.error, /“申请渠道”/);
});

// ------------------------------------------------------------------ the pages

test('staff pages: register through the form, act through the forms, see timeline and deadline', async () => {
	const c = srv.client();
	await login(c, 'handler');
	const form = await c.get('/staff/requests/new');
	assert.equal(form.status, 200);
	const r = await c.post('/staff/requests', { csrf: csrfFrom(form.text), agency: '035200000', channel: 'letter', registered_post: '1',
		submitted: addDays(TODAY, -3), signed_for: TODAY, ...PERSON, note: '挂号信' });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	const loc = r.headers.get('location');
	assert.match(loc, /^\/staff\/requests\/[2-9A-HJ-NP-Z]{10}\?done=create$/);
	const page = await c.get(loc);
	assert.equal(page.status, 200);
	assert.match(page.text, /已办理：登记申请/);
	assert.match(page.text, /<dd id="applicant-name">测试申请人甲<\/dd>/);
	assert.match(page.text, /<strong id="due">\d{4}-\d\d-\d\d<\/strong>/);
	assert.match(page.text, /<details id="deadline-explain"><summary>计算过程<\/summary>/);
	assert.match(page.text, /<table class="list" id="timeline">[\s\S]*收到申请[\s\S]*市政府办公厅申请办理员/);
	// a handler without the reviewer role sees withdraw but not assign
	assert.ok(page.text.includes('id="act-withdraw"'));
	assert.ok(!page.text.includes('id="act-assign"'));
	const path = loc.replace(/\?.*/, '');
	// the reviewer assigns through the page
	const rv = srv.client();
	await login(rv, 'reviewer');
	const rp = await rv.get(path);
	assert.ok(rp.text.includes('id="act-assign"'));
	const a = await rv.post(path + '/act', { csrf: csrfFrom(rp.text), action: 'assign', handler: 'handler', note: '请办理' });
	assert.equal(a.status, 303);
	// the handler drafts from a template
	const tpl = await c.get(path + '?outcome=not_this_agency');
	assert.match(tpl.text, /<textarea id="f-draft_reply-letter" name="letter" rows="14" maxlength="6000">\n政府信息公开申请答复书/);
	assert.match(tpl.text, /第三十六条第（五）项/);
	const d = await c.post(path + '/act', { csrf: csrfFrom(tpl.text), action: 'draft_reply', outcome: 'not_this_agency', letter: '' });
	assert.equal(d.status, 303);
	// an illegal step through the form: the page with the reason and status 409
	const bad = await c.post(path + '/act', { csrf: csrfFrom(tpl.text), action: 'archive' });
	assert.equal(bad.status, 409);
	assert.match(unescapeHtml(bad.text), /不能办理“归档”（archive）/);
	// the reviewer's queue lists it
	const q = await rv.get('/staff/requests?view=review');
	assert.equal(q.status, 200);
	assert.ok(q.text.includes(`href="${path}"`));
	// the template's placeholders were left: approval is refused, naming the first
	const refused = await rv.post(path + '/act', { csrf: csrfFrom(rp.text), action: 'approve_reply' });
	assert.equal(refused.status, 400);
	assert.match(unescapeHtml(refused.text), /“答复书”中还有待填写的内容“【负责公开的机关名称】”/);
	assert.match(refused.text, /<dd id="state">待审核<\/dd>/);
	const filled = await c.post(path + '/act', { csrf: csrfFrom(tpl.text), action: 'draft_reply', outcome: 'not_this_agency',
		letter: tpl.text.match(/maxlength="6000">\n([^<]*)</)[1].replace(/&#39;|&quot;|&amp;/g, '').replace(/【负责公开的机关名称】/, '大同市规划局').replace(/【联系方式】/, '0352-1234567') });
	assert.equal(filled.status, 303);
	const ap = await rv.post(path + '/act', { csrf: csrfFrom(rp.text), action: 'approve_reply' });
	assert.equal(ap.status, 303);
	// 送达 cannot be undone: the page asks to confirm it
	const unconfirmed = await c.post(path + '/act', { csrf: csrfFrom(tpl.text), action: 'send_reply', reply_way: 'post', day: TODAY });
	assert.equal(unconfirmed.status, 400);
	assert.match(unescapeHtml(unconfirmed.text), /请勾选“我已确认答复书已按所选方式送达申请人/);
	assert.match(unconfirmed.text, /<dd id="state">待答复<\/dd>/);
	const s = await c.post(path + '/act', { csrf: csrfFrom(tpl.text), action: 'send_reply', reply_way: 'post', day: TODAY, confirm: '1' });
	assert.equal(s.status, 303);
	const done = await c.get(path);
	assert.match(done.text, /<dd id="state">已答复<\/dd>/);
	assert.match(done.text, /<pre class="letter" id="letter">政府信息公开申请答复书/);
});

test('queues: mine, intake, review, due soon, overdue in red, by agency; the city office sees all agencies', async () => {
	const c = srv.client();
	await login(c, 'handler');
	for (const view of ['mine', 'intake', 'review', 'due', 'overdue', 'open', 'all', 'agencies']) {
		const r = await c.get(`/staff/requests?view=${view}`);
		assert.equal(r.status, 200, view);
		assert.match(r.text, view === 'agencies' ? /id="agency-counts"/ : /<table class="list" id="requests">/);
	}
	const overdue = await c.get('/staff/requests?view=overdue');
	assert.match(overdue.text, /<h1>全市超期申请<\/h1>/);
	assert.match(overdue.text, /<tr class="overdue">/);
	assert.ok(overdue.text.includes('大同市环境保护局') && overdue.text.includes('大同市人民政府办公厅'), 'across agencies');
	const due = await c.get('/staff/requests?view=due');
	assert.match(due.text, /<td class="due">\d{4}-\d\d-\d\d/);
	const byAgency = await c.get('/staff/requests?view=all&agency=035205000');
	assert.ok(!/<td>大同市人民政府办公厅<\/td>/.test(byAgency.text));
	assert.match(byAgency.text, /<td>大同市环境保护局<\/td>/);
	const counts = await c.get('/staff/requests?view=agencies');
	assert.match(counts.text, /<table class="list" id="agency-counts">/);
	assert.match(counts.text, /<tr class="overdue"><td><a href="\/staff\/requests\?view=open&amp;agency=035205000">大同市环境保护局<\/a>/);
	const cj = await c.get('/api/v1/staff/requests?view=agencies');
	assert.ok(cj.json.agencies.find((a) => a.code === '035200000').overdue >= 2);
	const y2017 = await c.get('/api/v1/staff/requests?view=all&year=2017');
	assert.equal(y2017.json.total, 52, 'the seed year has 52 applications');
	// the environment bureau's handler sees only his agency
	const h = srv.client();
	await login(h, 'hbj.handler');
	const his = await h.get('/staff/requests?view=overdue');
	assert.match(his.text, /<h1>依申请公开<\/h1>/);
	assert.ok(!his.text.includes('<td>大同市人民政府办公厅</td>'));
	const api = await h.get('/api/v1/staff/requests?view=all');
	assert.ok(api.json.total > 0);
	assert.ok(api.json.requests.every((x) => x.agency_code === '035205000'));
	assert.equal((await h.get('/staff/requests?agency=035200000')).status, 404);
	// an editor has no access to applications
	const e = srv.client();
	await login(e, 'editor');
	assert.equal((await e.get('/staff/requests')).status, 403);
	assert.equal((await e.get('/api/v1/staff/requests')).status, 403);
});

test('authorization: hbj.handler cannot see or act on the city office\'s applications', async () => {
	const handler = await staff('handler');
	const code = (await register(handler)).tracking_code;
	const hbj = await staff('hbj.handler');
	assert.equal((await hbj.get(`/staff/requests/${code}`)).status, 404);
	assert.equal((await hbj.get(`/api/v1/staff/requests/${code}`)).status, 404);
	await act(hbj, code, { action: 'withdraw' }, 404);
	await act(hbj, code, { action: 'assign', handler: 'hbj.handler' }, 404);
	const page = await hbj.get('/staff/requests');
	const form = csrfFrom(page.text);
	assert.equal((await hbj.post(`/staff/requests/${code}/act`, { csrf: form, action: 'withdraw' })).status, 404);
	// nor register one for the city office
	const r = await postJson(hbj, '/api/v1/staff/requests', { ...PERSON, channel: 'in_person' }, { 'x-csrf-token': hbj.csrf });
	assert.equal(r.status, 403);
	// anonymous: redirected or 401
	const anon = srv.client();
	assert.equal((await anon.get(`/staff/requests/${code}`)).status, 303);
	assert.equal((await anon.get(`/api/v1/staff/requests/${code}`)).status, 401);
	assert.equal((await postJson(anon, `/api/v1/staff/requests/${code}/actions`, { action: 'withdraw' })).status, 401);
	// the state did not change
	assert.equal((await handler.get(`/api/v1/staff/requests/${code}`)).json.state, 'registered');
});

test('personal data: only for staff of the handling agency or city-wide staff', async () => {
	const hbj = await staff('hbj.handler');
	const code = (await register(hbj, { agency: '035205000' })).tracking_code;
	assert.equal((await hbj.get(`/api/v1/staff/requests/${code}`)).json.applicant.name, PERSON.name);
	const city = await staff('reviewer');
	assert.equal((await city.get(`/api/v1/staff/requests/${code}`)).json.applicant.name, PERSON.name);
	// a county handler sees his county's departments but not their applicants
	const yg = srv.client();
	await login(yg, 'yg.admin');
	const users = await yg.get('/staff/users');
	const add = await yg.post('/staff/users', { csrf: csrfFrom(users.text), login: 'yg.handler', display_name: '阳高县申请办理员',
		agency: '035221000', role: 'handler', password: 'county-case-worker-7' });
	assert.equal(add.status, 201);
	const handler = await staff('handler');
	const dept = (await register(handler, { agency: '035221200' })).tracking_code;
	const ygh = srv.client();
	await login(ygh, 'yg.handler', 'county-case-worker-7');
	const j = await ygh.get(`/api/v1/staff/requests/${dept}`);
	assert.equal(j.status, 200);
	assert.ok(!('applicant' in j.json));
	const page = await ygh.get(`/staff/requests/${dept}`);
	assert.match(page.text, /id="applicant-hidden"/);
	assertNoPersonalData(page.text.replace(PERSON.description, ''), 'county page of a department application');
	// public list API: nothing personal
	const pub = await srv.client().get(`/api/v1/requests/${dept}`);
	assertNoPersonalData(pub.text, 'public API');
});

// ----------------------------------------------------------- holiday calendar

test('holiday upload: validated, stored, applied without restart, deadlines recomputed', async () => {
	const handler = await staff('handler');
	const code = (await register(handler)).tracking_code;
	const before = (await handler.get(`/api/v1/staff/requests/${code}`)).json.due;
	const year = before.slice(0, 4);
	const c = srv.client();
	await login(c, 'admin');
	const page = await c.get('/staff/holidays');
	assert.equal(page.status, 200);
	assert.match(page.text, /<span id="known-years">[\d ]*2026/);
	const csrf = csrfFrom(page.text);
	let r = await c.post('/staff/holidays', { csrf, text: 'year 2030\n2030-13-01 off 坏日期\n' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /第2行/);
	r = await c.post('/staff/holidays', { csrf, text: 'hello' });
	assert.equal(r.status, 400);
	// the shipped year with the due day made a holiday: the due date moves on
	const shipped = fs.readFileSync(path.join(ROOT, 'data', 'holidays', `${year}.txt`), 'utf8')
		.split('\n').filter((l) => !l.startsWith(before)).join('\n');
	r = await c.post('/staff/holidays', { csrf, text: shipped + `\n${before} off 测试假日\n` });
	assert.equal(r.status, 200, unescapeHtml(r.text).slice(0, 1500));
	assert.match(r.text, new RegExp(`已载入 ${year} 年节假日安排，并重新计算了 \\d+ 件在办申请的答复期限`));
	assert.match(r.text, new RegExp(`<tr><td>${year}</td>`));
	const after_ = (await handler.get(`/api/v1/staff/requests/${code}`)).json.due;
	assert.ok(after_ > before, `due moved from ${before} to ${after_}`);
	// a year not shipped
	r = await c.post('/staff/holidays', { csrf, text: 'year 2031\n2031-01-01 off 元旦\n' });
	assert.equal(r.status, 200);
	assert.match(r.text, /<span id="known-years">[\d ]*2031<\/span>/);
	// as an uploaded file (multipart)
	const fd = new FormData();
	fd.append('csrf', csrf);
	fd.append('file', new Blob(['# 测试\nyear 2034\n2034-01-02 off 元旦\n'], { type: 'text/plain' }), '2034.txt');
	r = await c.request('POST', '/staff/holidays', { body: fd });
	assert.equal(r.status, 200, unescapeHtml(r.text).slice(0, 1500));
	assert.match(r.text, /<span id="known-years">[\d ]*2031 2034<\/span>/);
	const empty = new FormData();
	empty.append('csrf', csrf);
	r = await c.request('POST', '/staff/holidays', { body: empty });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /请上传节假日文件或粘贴其文本/);
	// only a city-wide administrator
	const yg = srv.client();
	await login(yg, 'yg.admin');
	const yp = await yg.get('/staff/holidays');
	r = await yg.post('/staff/holidays', { csrf: csrfFrom(yp.text), text: 'year 2032\n2032-01-01 off 元旦\n' });
	assert.equal(r.status, 403);
	const h = srv.client();
	await login(h, 'handler');
	assert.equal((await h.get('/staff/holidays')).status, 403);
});

test('holiday years stored in the database are loaded at startup', async () => {
	const dir = tempDir();
	const db = makeDemoDb(dir);
	let s2 = await startServer({ dir, db });
	try {
		const c = s2.client();
		await login(c, 'admin');
		const page = await c.get('/staff/holidays');
		const r = await c.post('/staff/holidays', { csrf: csrfFrom(page.text), text: 'year 2033\n2033-01-03 off 元旦\n' });
		assert.equal(r.status, 200);
		await s2.stop();
		s2 = await startServer({ dir, db });
		const c2 = s2.client();
		await login(c2, 'admin');
		assert.match((await c2.get('/staff/holidays')).text, /<span id="known-years">[\d ]*2033<\/span>/);
		await s2.stop();
	} finally {
		s2.kill();
	}
});

test('the public intake is rate-limited per address (serve --intake-limit)', async () => {
	const dir = tempDir();
	const s3 = await startServer({ dir, intakeLimit: 2 });
	try {
		const c = s3.client();
		for (let i = 0; i < 2; i++) {
			const r = await postJson(c, '/api/v1/requests', PERSON);
			assert.equal(r.status, 201, `application ${i + 1}: ${r.text}`);
		}
		const r = await postJson(c, '/api/v1/requests', PERSON);
		assert.equal(r.status, 429);
		assert.match(r.json.error, /每分钟最多2件/);
		assert.equal(r.json.code, 'rate_limited');
		// the form too, with what was typed kept
		const form = await c.get('/apply');
		const f = await c.post('/apply', { csrf: csrfFrom(form.text), ...PERSON, id_type: 'resident', ...humanCheck(form.text) });
		assert.equal(f.status, 429);
		assert.match(f.text, /每分钟最多2件/);
		assert.ok(f.text.includes(PERSON.description));
		// another address is not limited
		const other = s3.client({ from: '127.0.0.7' });
		assert.equal((await postJson(other, '/api/v1/requests', PERSON)).status, 201);
		await s3.stop();
	} finally {
		s3.kill();
	}
	// 0: no limit (load tests submit at full speed)
	const s4 = await startServer({ intakeLimit: 0 });
	try {
		const c = s4.client();
		for (let i = 0; i < 15; i++)
			assert.equal((await postJson(c, '/api/v1/requests', PERSON)).status, 201, `application ${i + 1}`);
		await s4.stop();
	} finally {
		s4.kill();
	}
});

test('the server stops cleanly', async () => {
	await srv.stop();
});
