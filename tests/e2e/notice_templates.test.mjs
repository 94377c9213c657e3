// Notice templates (issue 15): the city office's administrator edits the
// receipt template (with a preview rendered on the server) and a new
// application's receipt notice, on the case page, uses it; a template
// naming an unknown placeholder is refused with a message naming it and the
// old template stays; reset brings the default back; a handler gets 403.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { csrfFrom, humanCheck, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '模板测试人', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503521235', email: '', address: '大同市平城区模板路1号',
	description: '2025年某项资金的安排文件', doc_no: '', delivery: 'online', medium: '',
};

async function staff(user) {
	const c = srv.client();
	await login(c, user);
	return c;
}

async function apply() {
	const c = srv.client();
	const form = await c.get('/apply');
	const ok = await c.post('/apply', { csrf: csrfFrom(form.text), ...PERSON, ...humanCheck(form.text) });
	assert.equal(ok.status, 201, ok.text.slice(0, 600));
	return /<strong id="tracking-code">(\w{5})-(\w{5})<\/strong>/.exec(ok.text).slice(1).join('');
}

/* The receipt notice's text on the case page of CODE. */
async function receiptOnCase(c, code) {
	const page = await c.get(`/staff/requests/${code}`);
	assert.equal(page.status, 200);
	const row = /<tr class="notice-row" data-kind="receipt"[^>]*>([\s\S]*?)<\/tr>/.exec(page.text);
	assert.ok(row, 'the case page lists the receipt notice');
	return unescapeHtml(row[1]);
}

const SUBJECT = '【{agency}】已收到您的申请';
const BODY = '模板已修改：查询码{code}，请于{due}前留意答复。';

test('the administrator edits the receipt template and a new receipt uses it', async () => {
	const a = await staff('admin');
	const settings = await a.get('/staff/notices');
	assert.match(settings.text, /<a href="\/staff\/notice-templates">修改各类通知的模板<\/a>/);
	const list = await a.get('/staff/notice-templates');
	assert.equal(list.status, 200);
	assert.match(list.text, /<h1[^>]*>通知模板<\/h1>/);
	assert.match(list.text, /<tr class="notice-template" data-kind="receipt" data-edited="0">/);
	assert.match(list.text, /data-kind="daily_digest"/);

	const edit = await a.get('/staff/notice-templates/receipt');
	assert.equal(edit.status, 200);
	const text = unescapeHtml(edit.text);
	assert.ok(text.includes('<code>{code}</code></td><td>查询码</td>'), 'the placeholders are listed with their meaning');
	assert.ok(text.includes('<code>{due}</code></td><td>答复期限</td>'));
	const csrf = csrfFrom(edit.text);

	// the preview: rendered with the sample values, nothing saved
	const pre = await a.post('/staff/notice-templates/receipt', { csrf, subject: SUBJECT, body: BODY, op: 'preview' });
	assert.equal(pre.status, 200, pre.text.slice(0, 600));
	const shown = unescapeHtml(pre.text);
	assert.match(shown, /<section id="template-preview">/);
	assert.ok(shown.includes('模板已修改：查询码ABCDE-FGHJK，请于2026-03-23前留意答复。'), shown.slice(0, 2000));
	assert.ok(shown.includes('【某市某局】已收到您的申请'));
	assert.match((await a.get('/staff/notice-templates')).text, /data-kind="receipt" data-edited="0"/);

	const saved = await a.post('/staff/notice-templates/receipt', { csrf, subject: SUBJECT, body: BODY, op: 'save' });
	assert.equal(saved.status, 200, saved.text.slice(0, 600));
	assert.ok(unescapeHtml(saved.text).includes('模板已保存'));
	assert.match((await a.get('/staff/notice-templates')).text, /data-kind="receipt" data-edited="1"/);

	const code = await apply();
	const row = await receiptOnCase(await staff('handler'), code);
	assert.ok(row.includes(`模板已修改：查询码${code.slice(0, 5)}-${code.slice(5)}，请于`), row);
	assert.ok(row.includes('已收到您的申请'), row);
	assert.match(row, /待发送/);
});

test('an unknown placeholder is refused by name and the old template stays', async () => {
	const a = await staff('admin');
	const csrf = csrfFrom((await a.get('/staff/notice-templates/receipt')).text);
	const bad = await a.post('/staff/notice-templates/receipt', { csrf, subject: SUBJECT, body: '查询码{code}，金额{amount}元', op: 'save' });
	assert.equal(bad.status, 400);
	const msg = unescapeHtml(bad.text);
	assert.ok(msg.includes('“收到申请”通知模板的“正文”有误：模板中的占位符“{amount}”未知'), msg.slice(0, 2000));
	// the typed text stays in the form for correcting
	assert.ok(msg.includes('金额{amount}元</textarea>'));
	// an unclosed brace too, in the preview
	const open = await a.post('/staff/notice-templates/receipt', { csrf, subject: '【{agency', body: BODY, op: 'preview' });
	assert.ok(unescapeHtml(open.text).includes('“{agency”缺少右花括号'));

	const edit = unescapeHtml((await a.get('/staff/notice-templates/receipt')).text);
	assert.ok(edit.includes(`${BODY}</textarea>`), 'the saved template is unchanged');
	const code = await apply();
	assert.ok((await receiptOnCase(await staff('handler'), code)).includes('模板已修改'));
});

test('reset brings the default template back', async () => {
	const a = await staff('admin');
	const edit = await a.get('/staff/notice-templates/receipt');
	assert.match(edit.text, /<form method="post" id="template-reset"/);
	const r = await a.post('/staff/notice-templates/receipt/reset', { csrf: csrfFrom(edit.text) });
	assert.equal(r.status, 200);
	assert.ok(unescapeHtml(r.text).includes('已恢复默认模板'));
	assert.match((await a.get('/staff/notice-templates')).text, /data-kind="receipt" data-edited="0"/);
	const code = await apply();
	const row = await receiptOnCase(await staff('handler'), code);
	assert.ok(row.includes(`查询码：${code.slice(0, 5)}-${code.slice(5)}`), row);
	assert.ok(!row.includes('模板已修改'));
});

test('a handler may neither see nor change the templates', async () => {
	const h = await staff('handler');
	assert.equal((await h.get('/staff/notice-templates')).status, 403);
	assert.equal((await h.get('/staff/notice-templates/receipt')).status, 403);
	const page = await h.get('/staff/notices');
	assert.ok(!page.text.includes('/staff/notice-templates'));
	const r = await h.post('/staff/notice-templates/receipt', { csrf: csrfFrom(page.text), subject: 'x', body: 'y', op: 'save' });
	assert.equal(r.status, 403);
	const reset = await h.post('/staff/notice-templates/receipt/reset', { csrf: csrfFrom(page.text) });
	assert.equal(reset.status, 403);
	// the unknown kind
	const a = await staff('admin');
	assert.equal((await a.get('/staff/notice-templates/nosuch')).status, 404);
});
