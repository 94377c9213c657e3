// Notices delivered (issue 15): `gongkai serve --smtp … --sms-gateway …`
// against local sinks (tests/e2e/sinks.mjs). A receipt reaches the applicant
// by e-mail and by SMS with the tracking code; a 补正 notice says what and by
// when; headers and bodies read as UTF-8 in python's standard mail parser; a
// gateway failing five times then succeeding delivers exactly once, with
// every attempt on the case page; a server killed with notices pending sends
// them once it runs again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { TODAY, addDays, csrfFrom, humanCheck, login, makeDemoDb, startServer, tempDir, unescapeHtml } from './lib.mjs';
import { decodeMail, startHttpSink, startSmtpSink } from './sinks.mjs';

let smtp, gw, srv, dir, gateway;

/* The server with both channels; retries after 1 s, its sender every 1 s. */
function channelArgs() {
	return ['--smtp', smtp.url, '--mail-from', '大同市政府信息公开办公室 <gkb@example.gov.cn>',
		'--sms-gateway', gateway, '--notice-interval', '1', '--notice-retry-first', '1',
		'--notice-retry-max', '1'];
}

before(async () => {
	smtp = await startSmtpSink();
	gw = await startHttpSink();
	dir = tempDir();
	gateway = path.join(dir, 'gateway.conf');
	fs.writeFileSync(gateway, [
		`url = ${gw.url}/v1/sms/send`,
		'method = POST',
		'encoding = json',
		'body = {"phone":"{to}","text":"{text}","out_id":"{key}"}',
		'idempotency_header = Idempotency-Key',
		'success_status = 200',
		'permanent_status = 400-499',
		'receipt_field = data.message_id',
		'timeout = 10',
		'',
	].join('\n'));
	srv = await startServer({ dir, extraArgs: channelArgs() });
});
after(async () => {
	srv?.kill();
	await smtp?.close();
	await gw?.close();
});

const BASE = {
	agency: '035200000', applicant_type: 'natural_person', id_type: 'resident',
	id_number: '11010519491231002X', address: '大同市平城区通知路1号', doc_no: '', medium: '',
};

/* Applies online; returns the tracking code as printed (XXXXX-XXXXX). */
async function apply(fields, server = srv) {
	const c = server.client();
	const form = await c.get('/apply');
	const r = await c.post('/apply', { csrf: csrfFrom(form.text), ...BASE, ...fields, ...humanCheck(form.text) });
	assert.equal(r.status, 201, r.text.slice(0, 600));
	return /<strong id="tracking-code">(\w{5}-\w{5})<\/strong>/.exec(r.text)[1];
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

const mailsTo = (addr) => smtp.messages.filter((m) => m.to.some((t) => t.includes(addr)));
const smsWith = (text) => gw.requests.filter((r) => JSON.parse(r.body).text.includes(text));

test('a receipt e-mail arrives with the tracking code, in UTF-8 a standard parser reads', async () => {
	const code = await apply({ name: '邮件申请人', phone: '', email: 'applicant@example.cn', delivery: 'email',
		description: '2025年城市道路维修资金的安排文件' });
	const [mail] = await until(() => mailsTo('applicant@example.cn').length && mailsTo('applicant@example.cn'), 'the receipt mail');
	const m = decodeMail(mail.data);
	assert.deepEqual(m.defects, []);
	assert.equal(m.charset, 'utf-8');
	assert.match(m.subject, /[\u4e00-\u9fff]/, 'a Chinese subject, decoded');
	assert.match(m.from, /大同市政府信息公开办公室 <gkb@example\.gov\.cn>/);
	assert.ok(m.body.includes(`查询码：${code}`), m.body);
	// the case page records it sent, with its attempt
	const h = srv.client();
	await login(h, 'handler');
	const page = await h.get(`/staff/requests/${code.replace('-', '')}`);
	assert.match(page.text, /data-kind="receipt" data-state="sent"/);
});

test('a receipt SMS arrives with the tracking code, and a 补正 e-mail says what and by when', async () => {
	const code = await apply({ name: '短信申请人', phone: '13503525678', email: '', delivery: 'online',
		description: '2024年某街道的拆迁补偿方案' });
	const [sms] = await until(() => smsWith(code).length && smsWith(code), 'the receipt SMS');
	const body = JSON.parse(sms.body);
	assert.equal(body.phone, '13503525678');
	assert.ok(body.out_id && sms.headers['idempotency-key'] === body.out_id);

	// an applicant by e-mail is asked to supplement
	const mailCode = await apply({ name: '补正申请人', phone: '', email: 'supplement@example.cn', delivery: 'email',
		description: '某项目的环评报告' });
	const raw = mailCode.replace('-', '');
	const h = srv.client();
	await login(h, 'handler');
	const rv = srv.client();
	await login(rv, 'reviewer');
	const step = async (c, fields) => {
		const page = await c.get(`/staff/requests/${raw}`);
		const r = await c.post(`/staff/requests/${raw}/act`, { csrf: csrfFrom(page.text), ...fields });
		assert.equal(r.status, 303, `${fields.action}: ${r.text.slice(0, 500)}`);
	};
	await step(h, { action: 'register' });
	await step(rv, { action: 'assign', handler: 'handler' });
	const by = addDays(TODAY, 15);
	await step(h, { action: 'request_supplement', until: by, note: '请写明项目名称和所在区县' });
	const found = await until(() => mailsTo('supplement@example.cn').map((x) => decodeMail(x.data))
		.find((x) => x.body.includes('请写明项目名称和所在区县')), 'the 补正 mail');
	assert.ok(found.body.includes(`请于${by}前补正`), found.body);
	assert.deepEqual(found.defects, []);
});

test('a gateway failing five times, then taking it, sends the notice exactly once', async () => {
	gw.failTimes = gw.requests.length + 5;
	const code = await apply({ name: '重试申请人', phone: '13503529999', email: '', delivery: 'online',
		description: '2023年的政府采购目录' });
	await until(() => gw.deliveries.some((r) => JSON.parse(r.body).text.includes(code)), 'the delivery after five failures', 60000);
	// a few more passes: nothing is sent again
	await new Promise((r) => setTimeout(r, 2500));
	const tries = smsWith(code);
	assert.equal(tries.length, 6, 'five failures and one success');
	assert.equal(new Set(tries.map((r) => r.headers['idempotency-key'])).size, 1, 'one key on every attempt');
	assert.equal(gw.deliveries.filter((r) => JSON.parse(r.body).text.includes(code)).length, 1);
	const h = srv.client();
	await login(h, 'handler');
	const page = unescapeHtml((await h.get(`/staff/requests/${code.replace('-', '')}`)).text);
	const row = /<tr class="notice-row" data-kind="receipt" data-state="sent">([\s\S]*?)<\/tr>/.exec(page);
	assert.ok(row, 'the receipt notice is sent');
	const api = await h.get(`/api/v1/staff/requests/${code.replace('-', '')}`);
	const receipt = api.json.notices.find((n) => n.kind === 'receipt');
	assert.equal(receipt.attempts.length, 6);
	assert.equal(receipt.attempts.filter((a) => a.outcome === 'sent').length, 1);
});

test('notices pending when the server is killed are sent once it runs again', async () => {
	// a server without channels: the notice waits in the outbox
	const d = tempDir();
	const db = makeDemoDb(d);
	const quiet = await startServer({ dir: d, db });
	let code;
	try {
		code = await apply({ name: '重启申请人', phone: '', email: 'restart@example.cn', delivery: 'email',
			description: '2022年的财政预算报告' }, quiet);
	} finally {
		quiet.child.kill('SIGKILL');
		await new Promise((r) => quiet.child.once('exit', r));
	}
	assert.equal(mailsTo('restart@example.cn').length, 0);
	const again = await startServer({ dir: d, db, extraArgs: channelArgs() });
	try {
		const [mail] = await until(() => mailsTo('restart@example.cn').length && mailsTo('restart@example.cn'), 'the mail after the restart');
		assert.ok(decodeMail(mail.data).body.includes(`查询码：${code}`));
		await new Promise((r) => setTimeout(r, 2000));
		assert.equal(mailsTo('restart@example.cn').length, 1, 'sent once');
		await again.stop();
	} finally {
		again.kill();
	}
});
