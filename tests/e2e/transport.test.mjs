// The notice transports end to end, through `gongkai notify-test` against
// local sinks (sinks.mjs): an e-mail that a standard parser reads back as
// the Chinese we sent, SMTP failures judged retry or failed with a Chinese
// reason, settings refused at start, and an SMS gateway that receives the
// templated body with the idempotency key and whose answers are judged.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';


import { BIN, ENV, ROOT, assertNoSanitizer, gk, tempDir } from './lib.mjs';
import { decodeMail, selfSignedCert, startHttpSink, startSmtpSink } from './sinks.mjs';

const dir = tempDir('gongkai-transport-');
const FROM = '大同市人民政府办公室 <noreply@dt.gov.cn>';
let smtp;

before(async () => {
	smtp = await startSmtpSink({
		rejectPermanent: ['nobody@example.com'],
		rejectTemporary: ['busy@example.com'],
	});
});
after(async () => {
	await smtp.close();
});

/* gk() is synchronous, and the sinks live in this process: run the CLI
 * asynchronously so they can answer. */
function notifyTest(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(BIN, ['notify-test', ...args], { env: ENV });
		let stdout = '', stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (status) => {
			assertNoSanitizer(stderr, `notify-test ${args.join(' ')}`);
			resolve({ status, stdout, stderr });
		});
	});
}

/* A port nothing listens on (taken, then freed). */
async function deadPort() {
	const s = net.createServer();
	await new Promise((r) => s.listen(0, '127.0.0.1', r));
	const port = s.address().port;
	await new Promise((r) => s.close(r));
	return port;
}

function gatewayFile(name, text) {
	const p = path.join(dir, name);
	fs.writeFileSync(p, text);
	return p;
}

test('a test e-mail arrives and decodes as the Chinese sent', async () => {
	const before = smtp.messages.length;
	const r = await notifyTest(['--smtp', smtp.url, '--mail-from', FROM, '--to-mail', 'zhangsan@example.com']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^已发送：zhangsan@example\.com，回执 <[0-9a-f]{32}\.gongkai@dt\.gov\.cn>/);
	await smtp.waitFor(before + 1);
	const m = smtp.messages[before];
	assert.equal(m.from, 'noreply@dt.gov.cn');
	assert.deepEqual(m.to, ['zhangsan@example.com']);
	// every line of the raw message short, CRLF-ended, ASCII
	for (const line of m.data.split('\r\n')) {
		assert.ok(line.length <= 76, `line of ${line.length}: ${line}`);
		assert.ok(!line.includes('\n') && !line.includes('\r'));
		assert.match(line, /^[\x20-\x7e]*$/);
	}
	const d = decodeMail(m.data);
	assert.deepEqual(d.defects, []);
	assert.equal(d.subject, '政府信息公开系统通知测试');
	assert.equal(d.from, FROM);
	assert.equal(d.to, 'zhangsan@example.com');
	assert.equal(d.content_type, 'text/plain');
	assert.equal(d.charset, 'utf-8');
	assert.equal(d.cte, 'base64');
	assert.match(d.body, /^这是政府信息公开系统发出的测试邮件，发送时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d。\r?\n收到本邮件说明通知设置正确，无需回复。/);
	assert.match(d.message_id, /^<[0-9a-f]{32}\.gongkai@dt\.gov\.cn>$/);
	assert.match(r.stdout, new RegExp(d.message_id.replace(/[.]/g, '\\.')));
	assert.ok(!Number.isNaN(Date.parse(d.date)));
});

test('a long Chinese subject and a text of several lines decode back exactly', async () => {
	const subject = '关于您的政府信息公开申请（受理编号 DT-2026-000123）的补正告知书：请于十五个工作日内补正😀 =?UTF-8?B?x?=';
	const text = '张三：\n\n您于2026年12月1日提交的政府信息公开申请，所需信息的内容描述不明确。\n' +
		'请于收到本告知之日起15个工作日内补正。\n.\n..以点开头的行\n大同市人民政府办公室';
	const before = smtp.messages.length;
	const r = await notifyTest(['--smtp', smtp.url, '--mail-from', FROM, '--to-mail', 'zhangsan@example.com',
		'--subject', subject, '--text', text]);
	assert.equal(r.status, 0, r.stderr);
	await smtp.waitFor(before + 1);
	const raw = smtp.messages[before].data;
	for (const line of raw.split('\r\n')) assert.ok(line.length <= 76, `line of ${line.length}: ${line}`);
	const d = decodeMail(raw);
	assert.deepEqual(d.defects, []);
	assert.equal(d.subject, subject);
	assert.equal(d.body.replace(/\r\n/g, '\n'), text);
});

test('SMTP credentials are sent (AUTH PLAIN) and TLS can be required', async () => {
	const sink = await startSmtpSink({ auth: true });
	try {
		const pw = path.join(dir, 'smtp-password');
		fs.writeFileSync(pw, 's3cret-密码\n');
		const r = await notifyTest(['--smtp', sink.url, '--smtp-user', 'notices', '--smtp-password-file', pw,
			'--mail-from', 'noreply@dt.gov.cn', '--to-mail', 'a@example.com']);
		assert.equal(r.status, 0, r.stderr);
		await sink.waitFor(1);
		assert.deepEqual(sink.messages[0].auth, { user: 'notices', password: 's3cret-密码' });
		// a server that offers no STARTTLS: refused rather than sent in clear
		const t = await notifyTest(['--smtp', sink.url, '--smtp-require-tls', '--mail-from', 'noreply@dt.gov.cn',
			'--to-mail', 'a@example.com']);
		assert.equal(t.status, 1);
		assert.match(t.stderr, /暂未发送（稍后可重试）：邮件服务器不支持加密连接/);
		assert.equal(sink.messages.length, 1);
	} finally {
		await sink.close();
	}
});

test('STARTTLS is used when offered, the certificate verified; smtps:// speaks TLS at once', async (t) => {
	const cert = selfSignedCert(dir);
	if (!cert) return t.skip('no openssl command to make a certificate');
	const tlsOpts = { key: cert.key, cert: cert.cert };
	const sink = await startSmtpSink({ tls: tlsOpts, auth: true });
	const smtps = await startSmtpSink({ tls: tlsOpts, implicitTls: true });
	try {
		// a certificate nobody vouches for: not sent, and said why
		const u = await notifyTest(['--smtp', sink.url, '--mail-from', 'noreply@dt.gov.cn', '--to-mail', 'a@example.com']);
		assert.equal(u.status, 1);
		assert.match(u.stderr, /暂未发送（稍后可重试）：(邮件服务器的证书未通过验证|与邮件服务器建立加密连接失败)/);
		assert.equal(sink.messages.length, 0);
		// trusted through --smtp-ca-file: sent inside TLS, the login too
		const pw = path.join(dir, 'tls-password');
		fs.writeFileSync(pw, 'tls-secret\n');
		const r = await notifyTest(['--smtp', sink.url, '--smtp-ca-file', cert.certFile, '--smtp-require-tls',
			'--smtp-user', 'notices', '--smtp-password-file', pw, '--mail-from', 'noreply@dt.gov.cn', '--to-mail', 'a@example.com']);
		assert.equal(r.status, 0, r.stderr);
		await sink.waitFor(1);
		assert.equal(sink.messages[0].tls, true);
		assert.deepEqual(sink.messages[0].auth, { user: 'notices', password: 'tls-secret' });
		assert.equal(decodeMail(sink.messages[0].data).subject, '政府信息公开系统通知测试');
		const s = await notifyTest(['--smtp', smtps.url, '--smtp-ca-file', cert.certFile, '--mail-from', 'noreply@dt.gov.cn',
			'--to-mail', 'b@example.com']);
		assert.equal(s.status, 0, s.stderr);
		await smtps.waitFor(1);
		assert.equal(smtps.messages[0].tls, true);
		// a CA file that is not there: refused at start
		const m = await notifyTest(['--smtp', sink.url, '--smtp-ca-file', path.join(dir, 'none.pem'), '--mail-from',
			'noreply@dt.gov.cn', '--to-mail', 'a@example.com']);
		assert.equal(m.status, 1);
		assert.match(m.stderr, /无法读取邮件服务器的 CA 证书文件（--smtp-ca-file）/);
	} finally {
		await sink.close();
		await smtps.close();
	}
});

test('an unreachable SMTP server is a retry, with a Chinese reason', async () => {
	const port = await deadPort();
	const r = await notifyTest(['--smtp', `smtp://127.0.0.1:${port}`, '--mail-from', 'noreply@dt.gov.cn',
		'--to-mail', 'a@example.com']);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /暂未发送（稍后可重试）：邮件服务器不可达（连接被拒绝）/);
});

test('a recipient refused for good is failed, a temporary refusal a retry', async () => {
	const p = await notifyTest(['--smtp', smtp.url, '--mail-from', 'noreply@dt.gov.cn', '--to-mail', 'nobody@example.com']);
	assert.equal(p.status, 1);
	assert.match(p.stderr, /发送失败：邮件服务器拒绝了这封邮件（代码 550/);
	const t = await notifyTest(['--smtp', smtp.url, '--mail-from', 'noreply@dt.gov.cn', '--to-mail', 'busy@example.com']);
	assert.equal(t.status, 1);
	assert.match(t.stderr, /暂未发送（稍后可重试）：邮件服务器暂时不能接收（代码 451）/);
});

test('a malformed address is refused before any connection', async () => {
	const before = smtp.messages.length;
	for (const to of ['zhangsan', 'a@b', 'a b@example.com', 'a@example.com\r\nBcc: x@example.com']) {
		const r = await notifyTest(['--smtp', smtp.url, '--mail-from', 'noreply@dt.gov.cn', '--to-mail', to]);
		assert.equal(r.status, 1, to);
		assert.match(r.stderr, /发送失败：邮箱地址格式不正确/, to);
	}
	assert.equal(smtp.messages.length, before);
});

test('bad settings are refused at start, naming the problem', async () => {
	const bad = gatewayFile('bad-placeholder.conf', 'url = http://127.0.0.1:9/send\nbody = {"to":"{phone}","text":"{text}"}\n');
	const cases = [
		[['--smtp', 'http://127.0.0.1:25', '--mail-from', 'a@b.cn', '--to-mail', 'a@b.cn'], /须以 smtp:\/\/ 或 smtps:\/\/ 开头/],
		[['--smtp', 'smtp://', '--mail-from', 'a@b.cn', '--to-mail', 'a@b.cn'], /邮件服务器地址（--smtp）“smtp:\/\/”格式不正确/],
		[['--smtp', smtp.url, '--mail-from', 'noreply', '--to-mail', 'a@b.cn'], /发件人地址（--mail-from）“noreply”不是有效的邮箱地址/],
		[['--sms-gateway', bad, '--to-sms', '13800138000'], /未知的占位符“\{phone\}”/],
		[['--sms-gateway', path.join(dir, 'missing.conf'), '--to-sms', '13800138000'], /无法读取短信网关配置文件/],
	];
	for (const [args, says] of cases) {
		const r = await notifyTest(args);
		assert.equal(r.status, 1, args.join(' '));
		assert.match(r.stderr, says, args.join(' '));
	}
	// usage errors
	for (const args of [[], ['--to-mail', 'a@b.cn'], ['--to-sms', '13800138000'], ['--to-mail', 'a@b.cn', '--to-sms', '13800138000']]) {
		const r = gk(['notify-test', ...args]);
		assert.equal(r.status, 2, args.join(' '));
		assert.match(r.stderr, /usage: gongkai notify-test/);
	}
});

function jsonGateway(sink, extra = '') {
	return gatewayFile(`gw-${sink.port}.conf`, [
		'# a JSON POST gateway',
		`url = ${sink.url}/v1/sms/send`,
		'method = POST',
		'header = Authorization: Bearer test-key',
		'encoding = json',
		'body = {"phone":"{to}","intl":"{to_e164}","text":"{text}","out_id":"{key}"}',
		'idempotency_header = Idempotency-Key',
		'success_status = 200',
		'permanent_status = 400-499',
		'receipt_field = data.message_id',
		'timeout = 10',
		extra,
	].join('\n'));
}

test('the gateway receives the templated body with the key', async () => {
	const gw = await startHttpSink();
	try {
		const r = await notifyTest(['--sms-gateway', jsonGateway(gw), '--to-sms', '+86 138-0013-8000']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^已发送：\+86 138-0013-8000，回执 sink-1/);
		assert.equal(gw.requests.length, 1);
		const q = gw.requests[0];
		assert.equal(q.method, 'POST');
		assert.equal(q.url, '/v1/sms/send');
		assert.equal(q.headers.authorization, 'Bearer test-key');
		assert.match(q.headers['content-type'], /^application\/json/);
		const body = JSON.parse(q.body);
		assert.equal(body.phone, '13800138000');
		assert.equal(body.intl, '+8613800138000');
		assert.match(body.text, /^这是政府信息公开系统发出的测试短信/);
		assert.match(body.out_id, /^notify-test-/);
		assert.equal(q.headers['idempotency-key'], body.out_id);
	} finally {
		await gw.close();
	}
});

test('a form-encoded GET gateway gets its placeholders percent-encoded', async () => {
	const gw = await startHttpSink();
	try {
		const file = gatewayFile('get.conf', `url = ${gw.url}/send?mobile={to}&msg={text}&id={key}\nmethod = GET\n`);
		const r = await notifyTest(['--sms-gateway', file, '--to-sms', '13900139000']);
		assert.equal(r.status, 0, r.stderr);
		const u = new URL(gw.requests[0].url, gw.url);
		assert.equal(gw.requests[0].method, 'GET');
		assert.equal(u.searchParams.get('mobile'), '13900139000');
		assert.match(u.searchParams.get('msg'), /^这是政府信息公开系统发出的测试短信/);
		assert.match(u.searchParams.get('id'), /^notify-test-/);
	} finally {
		await gw.close();
	}
});

test('a gateway 500 is a retry, a 4xx the file calls permanent is failed', async () => {
	const gw = await startHttpSink({ failTimes: 1, failStatus: 500 });
	try {
		const file = jsonGateway(gw);
		const r = await notifyTest(['--sms-gateway', file, '--to-sms', '13800138000']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /暂未发送（稍后可重试）：短信网关暂时不能发送（HTTP 500）/);
		// the next try gets through
		assert.equal((await notifyTest(['--sms-gateway', file, '--to-sms', '13800138000'])).status, 0);
		gw.failTimes = gw.requests.length + 1;
		gw.failStatus = 403;
		const f = await notifyTest(['--sms-gateway', file, '--to-sms', '13800138000']);
		assert.equal(f.status, 1);
		assert.match(f.stderr, /发送失败：短信网关拒绝发送（HTTP 403）/);
		// 429 is always a retry
		gw.failTimes = gw.requests.length + 1;
		gw.failStatus = 429;
		const t = await notifyTest(['--sms-gateway', file, '--to-sms', '13800138000']);
		assert.equal(t.status, 1);
		assert.match(t.stderr, /暂未发送/);
	} finally {
		await gw.close();
	}
});

test('a gateway answering 200 with an error code is failed with its code', async () => {
	const gw = await startHttpSink({ answer: () => ({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '号码非法' }) });
	try {
		const file = jsonGateway(gw, 'ok_field = Code\nok_value = OK\n');
		const r = await notifyTest(['--sms-gateway', file, '--to-sms', '13800138000']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /发送失败：短信网关拒绝发送（Code = isv\.MOBILE_NUMBER_ILLEGAL）/);
	} finally {
		await gw.close();
	}
});

test('an unreachable gateway is a retry; a malformed number is refused before sending', async () => {
	const port = await deadPort();
	const dead = gatewayFile('dead.conf', `url = http://127.0.0.1:${port}/send\nbody = {"to":"{to}","text":"{text}"}\n`);
	const r = await notifyTest(['--sms-gateway', dead, '--to-sms', '13800138000']);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /暂未发送（稍后可重试）：短信网关不可达（连接被拒绝）/);
	const gw = await startHttpSink();
	try {
		for (const to of ['12345', '12800138000', '+1 415 555 0100', '1380013800x']) {
			const b = await notifyTest(['--sms-gateway', jsonGateway(gw), '--to-sms', to]);
			assert.equal(b.status, 1, to);
			assert.match(b.stderr, /发送失败：手机号码格式不正确/, to);
		}
		assert.equal(gw.requests.length, 0);
	} finally {
		await gw.close();
	}
});

test('the sample gateway file in docs/ works as written (its URL aside)', async () => {
	const gw = await startHttpSink({ answer: (r, n) => ({ code: 'OK', data: { message_id: `m-${n}` } }) });
	try {
		const sample = fs.readFileSync(path.join(ROOT, 'docs', 'sms-gateway.sample.conf'), 'utf8');
		assert.match(sample, /^url = https:\/\/sms\.example\.com\/v1\/messages$/m);
		const file = gatewayFile('sample.conf', sample.replace(/^url = .*$/m, `url = ${gw.url}/v1/messages`));
		const r = await notifyTest(['--sms-gateway', file, '--to-sms', '13800138000']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /回执 m-1/);
		const q = gw.requests[0];
		assert.equal(q.headers.authorization, 'Bearer REPLACE-WITH-YOUR-API-KEY');
		const body = JSON.parse(q.body);
		assert.equal(body.phone_numbers, '13800138000');
		assert.equal(body.sign_name, '大同市人民政府');
		assert.equal(body.out_id, q.headers['idempotency-key']);
		assert.equal(gw.deliveries.length, 1);
	} finally {
		await gw.close();
	}
});
