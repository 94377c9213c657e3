// SMS delivery reports (issue 15): the gateway calls back POST
// /hooks/sms-delivery with its secret and what became of the messages it
// took. A real server sends SMS notices to tests/e2e/sinks.mjs's HTTP sink
// (whose message ids are the receipts), then reports are posted: a wrong
// or missing secret is 401, a malformed body 400, a report for a known id
// marks the notice delivered (on the staff case page's delivery record), a
// failure report marks it failed with the gateway's reason, a repeated
// report changes nothing, unknown ids are answered 200 and counted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { csrfFrom, humanCheck, login, startServer, tempDir, unescapeHtml } from './lib.mjs';
import { startHttpSink } from './sinks.mjs';

const SECRET = 'e2e-report-secret-0123456789';
let gw, srv, dir, wired = true;

before(async () => {
	gw = await startHttpSink();
	dir = tempDir();
	const gateway = path.join(dir, 'gateway.conf');
	fs.writeFileSync(gateway, [
		`url = ${gw.url}/v1/sms/send`,
		'body = {"phone":"{to}","text":"{text}","out_id":"{key}"}',
		'idempotency_header = Idempotency-Key',
		'receipt_field = data.message_id',
		'# delivery reports',
		`report_secret = ${SECRET}`,
		'report_secret_header = X-Report-Secret',
		'report_list_field = reports',
		'report_id_field = msg_id',
		'report_status_field = status',
		'report_time_field = done_time',
		'report_reason_field = error.message',
		'report_delivered_values = DELIVRD',
		'report_failed_values = UNDELIV, EXPIRED',
		'',
	].join('\n'));
	srv = await startServer({ dir, extraArgs: ['--sms-gateway', gateway, '--notice-interval', '1'] });
	// serve passes its --sms-gateway file to the server (gk_server_config.sms_gateway_path)
	wired = (await report({})).status !== 404;
});
after(async () => {
	srv?.kill();
	await gw?.close();
});

/* Posts BODY (an object or array as JSON, or a string as it is) to the hook. */
async function report(body, { secret = SECRET, type = 'application/json', query = '' } = {}) {
	const headers = { 'content-type': type };
	if (secret !== null) headers['x-report-secret'] = secret;
	const r = await fetch(`${srv.url}/hooks/sms-delivery${query}`, {
		method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await r.text();
	let json;
	try { json = JSON.parse(text); } catch { json = undefined; }
	return { status: r.status, text, json };
}

function skipUnlessWired(t) {
	if (!wired) t.skip('gongkai serve does not pass --sms-gateway to the server (gk_server_config.sms_gateway_path) yet');
	return !wired;
}

const BASE = {
	agency: '035200000', applicant_type: 'natural_person', id_type: 'resident',
	id_number: '11010519491231002X', address: '大同市平城区回执路1号', doc_no: '', medium: '',
	delivery: 'online', email: '',
};

/* Applies online with a mobile number; returns the code as typed (no dash). */
async function apply(name, description) {
	const c = srv.client();
	const form = await c.get('/apply');
	const r = await c.post('/apply', { csrf: csrfFrom(form.text), ...BASE, name, phone: '13912345678', description, ...humanCheck(form.text) });
	assert.equal(r.status, 201, r.text.slice(0, 600));
	return /<strong id="tracking-code">(\w{5}-\w{5})<\/strong>/.exec(r.text)[1].replace('-', '');
}

async function until(cond, what, timeout = 30000) {
	const end = Date.now() + timeout;
	for (;;) {
		const v = await cond();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/* The gateway's message id of the receipt SMS for CODE, once it was sent
 * (the sink answers request N with sink-N). */
async function messageId(code) {
	const shown = `${code.slice(0, 5)}-${code.slice(5)}`;
	const i = await until(() => {
		const n = gw.requests.findIndex((r) => JSON.parse(r.body).text.includes(shown));
		return n >= 0 ? n + 1 : 0;
	}, 'the receipt SMS');
	return `sink-${i}`;
}

/* The receipt notice's row on the staff case page, once its state is STATE. */
async function receiptRow(code, state) {
	const h = srv.client();
	await login(h, 'handler');
	return until(async () => {
		const page = unescapeHtml((await h.get(`/staff/requests/${code}`)).text);
		const m = new RegExp(`<tr class="notice-row" data-kind="receipt" data-state="${state}">([\\s\\S]*?)</tr>`).exec(page);
		return m && m[1];
	}, `the receipt notice ${state}`, 10000);
}

test('a wrong or missing secret is refused (401), in JSON with a stable code', async (t) => {
	if (skipUnlessWired(t)) return;
	const one = { msg_id: 'sink-1', status: 'DELIVRD' };
	for (const secret of [null, '', 'wrong-secret', SECRET.slice(0, -1), SECRET + 'x', SECRET.toUpperCase()]) {
		const r = await report(one, { secret });
		assert.equal(r.status, 401, `secret ${secret}`);
		assert.equal(r.json.code, 'wrong_secret');
		assert.match(r.json.error, /密钥不正确/);
	}
	// in the query when the file says a header: refused too
	const r = await report(one, { secret: null, query: `?secret=${SECRET}` });
	assert.equal(r.status, 401);
	await until(() => /SMS delivery report from 127\.0\.0\.1 refused/.test(srv.stderr), 'the refusal logged', 5000);
});

test('malformed reports are refused (400) with the reason in Chinese', async (t) => {
	if (skipUnlessWired(t)) return;
	const cases = [
		['{"msg_id": "sink-1", ', /不是有效的 JSON/],
		['', /为空/],
		['"DELIVRD"', /JSON/],
		[JSON.stringify({ status: 'DELIVRD' }), /缺少“msg_id”/],
		[JSON.stringify({ msg_id: 'sink-1' }), /缺少“status”/],
		[JSON.stringify([{ msg_id: 'a', status: 'DELIVRD' }, 'x']), /第 2 条/],
		[JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ msg_id: `m${i}`, status: 'DELIVRD' }))), /一次最多 500 条/],
	];
	for (const [body, says] of cases) {
		const r = await report(body);
		assert.equal(r.status, 400, body.slice(0, 80));
		assert.equal(r.json.code, 'malformed_report');
		assert.match(r.json.error, says);
	}
	const typed = await report('msg_id=a', { type: 'text/plain' });
	assert.equal(typed.status, 400);
	assert.match(typed.json.error, /Content-Type/);
	// bounded: a body past the route's limit is refused before it is read
	const big = await report(JSON.stringify({ msg_id: 'x'.repeat(300 << 10), status: 'DELIVRD' }));
	assert.equal(big.status, 413);
	await srv.assertAlive('malformed reports');
});

test('unknown message ids are answered 200 and counted (a gateway retries errors)', async (t) => {
	if (skipUnlessWired(t)) return;
	const r = await report([{ msg_id: 'no-such-id', status: 'DELIVRD' }, { msg_id: 'nor-this', status: 'UNDELIV' }]);
	assert.equal(r.status, 200);
	assert.equal(r.json.code, 'ok');
	assert.equal(r.json.received, 2);
	assert.equal(r.json.unknown, 2);
	// logged (the log line may follow the answer by a moment)
	await until(() => /unknown message id "no-such-id"/.test(srv.stderr), 'the unknown id logged', 5000);
});

test('the secret in a query parameter, when the file says so; other parameters are let be', async (t) => {
	if (skipUnlessWired(t)) return;
	const d = tempDir();
	const file = path.join(d, 'gateway.conf');
	fs.writeFileSync(file, [
		`url = ${gw.url}/v1/sms/send`,
		'body = {"phone":"{to}","text":"{text}"}',
		`report_secret = ${SECRET}`,
		'report_secret_param = token',
		'report_id_field = id',
		'report_status_field = stat',
		'report_delivered_values = 0',
		'',
	].join('\n'));
	const other = await startServer({ dir: d, extraArgs: ['--sms-gateway', file] });
	try {
		const post = (query, body = 'id=nope&stat=0', headers = {}) => fetch(`${other.url}/hooks/sms-delivery${query}`, {
			method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		}).then(async (r) => ({ status: r.status, json: await r.json() }));
		let r = await post(`?token=${encodeURIComponent(SECRET)}&gateway=x&sig=%3Cscript%3E`);
		assert.equal(r.status, 200, JSON.stringify(r.json));
		assert.equal(r.json.unknown, 1);
		r = await post('?token=wrong-token');
		assert.equal(r.status, 401);
		assert.equal(r.json.code, 'wrong_secret');
		r = await post('', undefined, { 'x-report-secret': SECRET });
		assert.equal(r.status, 401, 'a header when the file says a parameter');
		r = await post(`?token=${encodeURIComponent(SECRET)}`, 'stat=0');
		assert.equal(r.status, 400);
		assert.match(r.json.error, /缺少“id”/);
		await other.stop();
	} finally {
		other.kill();
	}
});

test('a delivery report marks the notice delivered on the case page; a repeat changes nothing', async (t) => {
	if (skipUnlessWired(t)) return;
	const code = await apply('回执申请人', '2025年城市供水价格调整的听证材料');
	const id = await messageId(code);
	await receiptRow(code, 'sent');
	const r = await report({ reports: [{ msg_id: id, status: 'DELIVRD', done_time: '2026-03-02 09:30:00' }] });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.delivered, 1);
	const row = await receiptRow(code, 'delivered');
	assert.match(row, /已送达/);
	const again = await report({ reports: [{ msg_id: id, status: 'DELIVRD', done_time: '2026-03-03 10:00:00' }] });
	assert.equal(again.status, 200);
	assert.equal(again.json.delivered, 0);
	assert.equal(again.json.unchanged, 1);
	assert.equal(await receiptRow(code, 'delivered'), row, 'the record unchanged');
	// a failure reported after the delivery does not undo it
	const late = await report({ msg_id: id, status: 'UNDELIV', error: { message: '空号' } });
	assert.equal(late.json.unchanged, 1);
	await receiptRow(code, 'delivered');
});

test('a failure report marks the notice failed with the reason; a repeat changes nothing', async (t) => {
	if (skipUnlessWired(t)) return;
	const code = await apply('失败申请人', '2024年老旧小区改造项目清单');
	const id = await messageId(code);
	await receiptRow(code, 'sent');
	// intermediate statuses are ignored; the batch may mix ids
	const r = await report([{ msg_id: id, status: 'ACCEPTD' }, { msg_id: id, status: 'UNDELIV', error: { message: '用户停机' } },
		{ msg_id: 'elsewhere', status: 'DELIVRD' }]);
	assert.equal(r.status, 200, r.text);
	assert.deepEqual({ ...r.json }, { code: 'ok', received: 3, delivered: 0, failed: 1, unchanged: 0, unknown: 1, ignored: 1 });
	const row = await receiptRow(code, 'failed');
	assert.match(row, /短信网关报告未送达：用户停机/);
	assert.match(row, /重新发送/, 'staff may send it again');
	const again = await report({ msg_id: id, status: 'UNDELIV', error: { message: '用户停机' } });
	assert.equal(again.json.failed, 0);
	assert.equal(again.json.unchanged, 1);
	await srv.stop();
});
