// Notices (issue 15): an online application's receipt notice is written with
// it and shown to the applicant on his own tracking view and to staff on the
// case page, pending (no sender configured); a 补正 step gives a notice that
// says what to supplement and by when; each person chooses a channel per
// kind of staff notice on /staff/notices (CSRF, Chinese, checked).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { TODAY, addDays, csrfFrom, humanCheck, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '通知测试人', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503521234', email: '', address: '大同市平城区通知路1号',
	description: '2025年某项资金的安排文件', doc_no: '', delivery: 'online', medium: '',
};

let code;

async function own(c = srv.client()) {
	const pub = await c.get(`/track/${code}`);
	const r = await c.post(`/track/${code}`, { csrf: csrfFrom(pub.text), secret: '1234' });
	assert.equal(r.status, 200, r.text.slice(0, 400));
	return r.text;
}

async function staff(user) {
	const c = srv.client();
	await login(c, user);
	return c;
}

async function act(c, fields, expect = 303) {
	const page = await c.get(`/staff/requests/${code}`);
	assert.equal(page.status, 200);
	const r = await c.post(`/staff/requests/${code}/act`, { csrf: csrfFrom(page.text), ...fields });
	assert.equal(r.status, expect, `${fields.action}: ${r.text.slice(0, 600)}`);
	return r;
}

test('the receipt notice is kept with the application and shown to the applicant and to staff', async () => {
	const c = srv.client();
	const form = await c.get('/apply');
	const ok = await c.post('/apply', { csrf: csrfFrom(form.text), ...PERSON, ...humanCheck(form.text) });
	assert.equal(ok.status, 201, ok.text.slice(0, 600));
	code = /<strong id="tracking-code">(\w{5})-(\w{5})<\/strong>/.exec(ok.text).slice(1).join('');
	const shown = `${code.slice(0, 5)}-${code.slice(5)}`;

	// the public page (no secret) shows no notice
	const pub = await c.get(`/track/${code}`);
	assert.ok(!pub.text.includes('id="own-notices"'));
	assert.ok(!pub.text.includes('13503521234'));

	const html = await own();
	const list = /<ol class="history" id="own-notices">([\s\S]*?)<\/ol>/.exec(html);
	assert.ok(list, 'the applicant sees his notices');
	assert.match(list[1], /data-kind="receipt"/);
	assert.match(list[1], /收到申请<\/strong>（短信，<span class="notice-state pending">待发送<\/span>）/);
	assert.ok(unescapeHtml(list[1]).includes(`查询码：${shown}`));

	const h = await staff('handler');
	const page = await h.get(`/staff/requests/${code}`);
	assert.equal(page.status, 200);
	const table = /<table class="list" id="notices">([\s\S]*?)<\/table>/.exec(page.text);
	assert.ok(table, 'the case page lists the notices');
	assert.match(table[1], /<tr class="notice-row" data-kind="receipt" data-state="pending">/);
	assert.match(table[1], /尚未发送/);
});

test('a 补正 step gives the applicant a notice saying what to supplement and by when', async () => {
	const h = await staff('handler');
	const rv = await staff('reviewer');
	await act(h, { action: 'register' });
	await act(rv, { action: 'assign', handler: 'handler' });
	const until = addDays(TODAY, 10);
	await act(h, { action: 'request_supplement', until, note: '请写明文件的年份和发文机关' });

	const html = unescapeHtml(await own());
	const m = /<li class="own-notice" data-kind="supplement_request">([\s\S]*?)<\/li>/.exec(html);
	assert.ok(m, 'the 补正 notice is on the applicant\'s view');
	assert.ok(m[1].includes('请写明文件的年份和发文机关'), m[1]);
	assert.ok(m[1].includes(`请于${until}前补正`), m[1]);
	// the staff notices are not the applicant's
	assert.ok(!html.includes('data-kind="assigned"'));

	const page = await h.get(`/staff/requests/${code}`);
	assert.match(page.text, /data-kind="supplement_request" data-state="pending"/);
	// the handler gave no e-mail address: the assignment is kept with the reason
	assert.match(page.text, /data-kind="assigned" data-state="kept">[\s\S]*?本人未填写电子邮箱/);
	// the same through the API
	const api = await h.get(`/api/v1/staff/requests/${code}`);
	assert.equal(api.status, 200);
	const sup = api.json.notices.find((n) => n.kind === 'supplement_request');
	assert.equal(sup.state, 'pending');
	assert.equal(sup.channel, 'sms');
	assert.equal(sup.recipient, '13503521234');
	assert.deepEqual(sup.attempts, []);
	assert.ok(sup.body.includes(`请于${until}前补正`));
	// only a failed notice is sent again: a pending one is refused, in Chinese
	const again = await h.post(`/staff/requests/${code}/notices/retry`, { csrf: csrfFrom(page.text), notice: String(sup.id) });
	assert.equal(again.status, 409);
	assert.match(unescapeHtml(again.text), /只有发送失败的电子邮件或短信通知才能重新发送/);
});

test('each person chooses e-mail, SMS or none per kind of staff notice', async () => {
	const h = await staff('handler');
	const page = await h.get('/staff/notices');
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1[^>]*>通知设置<\/h1>/);
	// the notices to me, whatever their channel: the assignment of the case above
	assert.match(page.text, /<li class="my-notice" data-kind="assigned">[\s\S]*?已分办给您[\s\S]*?本人未填写电子邮箱/);
	for (const k of ['assigned', 'due_soon', 'overdue', 'review_waiting', 'daily_digest'])
		assert.match(page.text, new RegExp(`id="ch-${k}-email" value="email"[^>]* checked>`), k);
	const csrf = csrfFrom(page.text);
	// e-mail chosen without an address: refused in Chinese, naming the field
	const bad = await h.post('/staff/notices', { csrf, email: '', phone: '', ch_assigned: 'email' });
	assert.equal(bad.status, 400);
	assert.match(unescapeHtml(bad.text), /请填写“电子邮箱”/);
	const badPhone = await h.post('/staff/notices', { csrf, email: 'h@example.cn', phone: '12345' });
	assert.equal(badPhone.status, 400);
	assert.match(unescapeHtml(badPhone.text), /“手机号码”须为11位手机号码/);
	// without the token: refused
	assert.equal((await h.post('/staff/notices', { email: 'h@example.cn' })).status, 403);
	const ok = await h.post('/staff/notices', {
		csrf, email: 'h@example.cn', phone: '13800000000', ch_assigned: 'sms', ch_due_soon: 'email',
		ch_overdue: 'none', ch_review_waiting: 'email', ch_daily_digest: 'none',
	});
	assert.equal(ok.status, 200, ok.text.slice(0, 500));
	assert.match(ok.text, /通知设置已保存/);
	const again = await h.get('/staff/notices');
	assert.match(again.text, /id="ch-assigned-sms" value="sms"[^>]* checked>/);
	assert.match(again.text, /id="ch-overdue-none" value="none"[^>]* checked>/);
	assert.match(again.text, /name="email"[^>]*value="h@example.cn"/);
	// another person's settings are his own
	const rv = await staff('reviewer');
	const theirs = await rv.get('/staff/notices');
	assert.ok(!theirs.text.includes('h@example.cn'));
});

test('a SIGKILL with notices pending loses none; the notice worker stops cleanly on SIGTERM', async () => {
	const { db, dir, child } = srv;
	const gone = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
	child.kill('SIGKILL');
	await gone;
	srv = await startServer({ db, dir });
	const html = await own();
	assert.match(html, /data-kind="receipt">[\s\S]*?<span class="notice-state pending">待发送<\/span>/);
	assert.match(html, /data-kind="supplement_request">[\s\S]*?<span class="notice-state pending">待发送<\/span>/);
	// the worker's passes ran meanwhile (no sender: nothing sent, nothing lost)
	await new Promise((resolve) => setTimeout(resolve, 1500));
	const h = await staff('handler');
	const page = await h.get(`/staff/requests/${code}`);
	assert.equal((page.text.match(/class="notice-row"/g) || []).length, 4); // receipt, its confirmation, assigned, 补正
	await srv.stop(); // exit status 0, no sanitizer report
});
