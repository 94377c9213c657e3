// The citizen's side of applications (issue 12): the online form refuses
// with every problem beside its field and keeps what was typed (line breaks
// and all), limits the same in the browser and the server, ID numbers with
// their check digit, phones, blank text; the tracking page shows the
// applicant his own view (补正, history, his request, the reply obtained
// online with its files) only behind the tracking code and the last four
// digits of his phone or ID number, with one answer for a wrong code and a
// wrong secret, rate limited; no personal data on public pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { TODAY, addDays, csrfFrom, humanCheck, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());


const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '公众申请人乙', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503527788', email: 'yi@example.cn', address: '大同市平城区公众路12号',
	description: '2024年老旧小区改造的\r\n资金安排文件\r\n（第二段）', doc_no: '', delivery: 'online', medium: '',
};


/* A client holding the form, and a function posting it with CHANGES. */
async function applyClient() {
	const c = srv.client();
	const form = await c.get('/apply');
	assert.equal(form.status, 200);
	const csrf = csrfFrom(form.text), human = humanCheck(form.text);
	return { c, form, post: (changes = {}) => c.post('/apply', { csrf, ...PERSON, ...human, ...changes }) };
}

/* The error shown beside field NAME, or null. */
function fieldError(html, name) {
	const m = new RegExp(`<p class="field-error" id="a-${name}-error"><span class="visually-hidden">错误：</span>([^<]*)</p>`).exec(html);
	return m ? unescapeHtml(m[1]) : null;
}

function inputValue(html, name) {
	const m = new RegExp(`<input id="a-${name}" name="${name}"[^>]* value="([^"]*)">`).exec(html);
	return m ? unescapeHtml(m[1]) : null;
}

function textarea(html) {
	const m = /<textarea rows="8" id="a-description"[^>]*>\n([\s\S]*?)<\/textarea>/.exec(html);
	return m ? unescapeHtml(m[1]) : null;
}

test('a fresh form: no agency preselected, limits from the server, the ID required of a person', async () => {
	const { form } = await applyClient();
	const html = form.text;
	assert.match(html, /<select id="a-agency" name="agency" required>\n<option value="" selected>请选择受理机关<\/option>/);
	assert.equal((html.match(/<option value="0\d+" selected>/g) || []).length, 0, 'no agency selected');
	assert.match(html, /<input id="a-name" name="name" required [^>]*maxlength="60"/);
	assert.match(html, /<textarea rows="8" id="a-description" name="description" required [^>]*maxlength="2000"/);
	assert.match(html, /<select id="a-id_type" name="id_type" required/);
	assert.match(html, /<input id="a-id_number" name="id_number" required /);
	assert.match(html, /<input id="a-phone" name="phone" [^>]*type="tel"[^>]*pattern="/);
	for (const t of ['resident', 'passport', 'hk_macao', 'taiwan', 'credit_code', 'other'])
		assert.ok(html.includes(`<option value="${t}">`), `document type ${t}`);
	assert.ok(!html.includes('<option value="any"'), '"not said" is no choice');
	assert.match(html, /<script src="\/static\/apply.js" defer><\/script>/);
	const js = await srv.client().get('/static/apply.js');
	assert.equal(js.status, 200);
	assert.match(js.headers.get('content-type'), /javascript/);
});

test('a refused form comes back filled in, each problem beside its field and linked from the summary', async () => {
	const { post } = await applyClient();
	const bad = {
		agency: '', name: '\u3000 ', id_number: '110105194912310021', phone: 'abc电话', email: '', delivery: 'email',
		description: '第一段：<b>某文件</b> & 附件\r\n\r\n第二段\r\n',
	};
	const r = await post(bad);
	assert.equal(r.status, 400);
	const html = r.text;
	const want = {
		agency: '请选择受理机关（向哪个机关申请）',
		name: '“姓名或名称”不能只填空格，请填写内容',
		id_number: '居民身份证号码的校验位（最后一位）不正确，请逐位核对',
		phone: '联系电话应为11位手机号码',
		email: '选择“电子邮件”方式获取的，请填写电子邮箱',
	};
	for (const [name, message] of Object.entries(want)) {
		const shown = fieldError(html, name);
		assert.ok(shown && shown.startsWith(message), `${name}: ${shown}`);
		assert.match(html, new RegExp(`id="a-${name}" name="${name}"[^>]* aria-invalid="true" aria-describedby="a-${name}-error`));
		assert.match(html, new RegExp(`<li><a href="#a-${name}">`), `the summary links to ${name}`);
	}
	assert.match(html, /<div class="error-summary" id="error-summary" role="alert"[^>]*>\n<h2 id="error-summary-title">提交的内容有 5 处需要修改/);
	assert.equal(fieldError(html, 'description'), null);
	// everything typed is kept, the description with its line breaks and markup as text
	assert.equal(inputValue(html, 'name'), bad.name);
	assert.equal(inputValue(html, 'id_number'), bad.id_number);
	assert.equal(inputValue(html, 'phone'), bad.phone);
	assert.equal(inputValue(html, 'address'), PERSON.address);
	assert.equal(textarea(html).replace(/\r\n/g, '\n'), bad.description.replace(/\r\n/g, '\n'));
	assert.ok(!html.includes('<b>某文件</b>'), 'the text is escaped');
	assert.match(html, /<option value="resident" selected>/);
	assert.match(html, /<option value="email" selected>/);
	// no English sentence on the page
	assert.ok(!/is required|is too long|not an e-mail/.test(html));

	// a description of spaces only, a person without an ID, a document type not chosen
	const r2 = await post({ description: ' \r\n\u3000', id_number: '', id_type: '' });
	assert.equal(r2.status, 400);
	assert.match(fieldError(r2.text, 'description'), /不能只填空格/);
	assert.equal(fieldError(r2.text, 'id_number'), '自然人申请的，请填写身份证件号码');
	assert.equal(fieldError(r2.text, 'id_type'), '请选择证件类型');
	const r3 = await post({ id_number: 'ABCDEFG<script>' });
	assert.equal(r3.status, 400);
	assert.match(fieldError(r3.text, 'id_number'), /18位/);
	assert.equal(inputValue(r3.text, 'id_number'), 'ABCDEFG<script>');
	// other documents are checked by their own format
	const r4 = await post({ id_type: 'hk_macao', id_number: '12345678' });
	assert.match(fieldError(r4.text, 'id_number'), /H或M加8位/);
	// the wrong answer to the question keeps the form too
	const r5 = await post({ pow_nonce: '', answer: '999' });
	assert.equal(r5.status, 400);
	assert.match(r5.text, /验证问题的答案不正确/);
	assert.equal(textarea(r5.text).replace(/\r\n/g, '\n'), PERSON.description.replace(/\r\n/g, '\n'));
	assert.equal(inputValue(r5.text, 'answer'), '', 'a wrong answer is not kept');
});

test('a form whose token fails (cookie lost, page from elsewhere) comes back filled in, and nothing is made', async () => {
	const { form } = await applyClient();
	const stranger = srv.client(); // no cookie: the token is not his
	const r = await stranger.post('/apply', { csrf: csrfFrom(form.text), ...PERSON, ...humanCheck(form.text) });
	assert.equal(r.status, 403);
	assert.match(r.text, /页面已过期或不是从本网站提交的，申请未提交。您填写的内容已保留/);
	assert.equal(textarea(r.text).replace(/\r\n/g, '\n'), PERSON.description.replace(/\r\n/g, '\n'));
	assert.equal(inputValue(r.text, 'name'), PERSON.name);
	assert.ok(!r.text.includes('tracking-code'));
	// the page gave him a token and a question of his own: now it goes through
	const again = await stranger.post('/apply', { csrf: csrfFrom(r.text), ...PERSON, ...humanCheck(r.text) });
	assert.equal(again.status, 201, again.text.slice(0, 400));
});

test('the limit is the same for the browser and the server: 2,000 characters with line breaks pass, 2,001 come back', async () => {
	const { post } = await applyClient();
	const para = '字'.repeat(99) + '\r\n'; // 100 characters as the browser counts them
	const long = para.repeat(20);
	const over = long + '多';
	const r = await post({ description: over });
	assert.equal(r.status, 400);
	assert.equal(fieldError(r.text, 'description'), '“所需政府信息的名称或内容描述”最多2000个字，现在是2001个字，请删减');
	assert.equal(textarea(r.text).replace(/\r\n/g, '\n'), over.replace(/\r\n/g, '\n'), 'the long text is kept whole');
	const ok = await post({ description: long });
	assert.equal(ok.status, 201, ok.text.slice(0, 600));
});

test('the API checks an ID number by the document type it names, in Chinese', async () => {
	const post = (body) => srv.client().request('POST', '/api/v1/requests', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
	const api = { ...PERSON, description: '接口申请', phone: '13503520003' };
	let r = await post({ ...api, id_number: '110105194912310021' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /校验位/);
	r = await post({ ...api, id_type: 'passport', id_number: 'E12345678' });
	assert.equal(r.status, 201, r.text);
	r = await post({ ...api, id_type: 'taiwan', id_number: 'E12345678' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /台湾居民来往大陆通行证号码应为8位数字/);
	r = await post({ ...api, phone: 'abc电话' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /联系电话应为11位手机号码/);
	r = await post({ ...api, name: '   ' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /“姓名或名称”不能只填空格/);
});

async function staff(user) {
	const c = srv.client();
	await login(c, user);
	c.csrf = (await c.get('/api/v1/staff/whoami')).json.csrf;
	return c;
}

async function act(c, code, body, expect = 200) {
	const r = await c.request('POST', `/api/v1/staff/requests/${code}/actions`, {
		body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
	});
	assert.equal(r.status, expect, `${body.action}: ${r.text.slice(0, 400)}`);
	return r.json;
}

function assertNoPersonalData(text, where) {
	for (const v of [PERSON.name, PERSON.id_number, PERSON.phone, PERSON.email, PERSON.address, '资金安排文件'])
		assert.ok(!text.includes(v), `${where}: shows ${v}`);
}

/* The notice of a refused look-up. */
function notice(html) {
	const m = /<p class="notice error" role="status">([^<]*)<\/p>/.exec(html);
	return m && m[1];
}

let code;

test('tracking: the public page shows no personal data; the applicant sees his own view behind the second secret', async () => {
	const { post } = await applyClient();
	const ok = await post();
	assert.equal(ok.status, 201, ok.text.slice(0, 600));
	assert.match(ok.text, /手机号码（联系电话）或证件号码的后四位/);
	code = /<strong id="tracking-code">(\w{5})-(\w{5})<\/strong>/.exec(ok.text).slice(1).join('');

	const c = srv.client();
	const pub = await c.get(`/track/${code}`);
	assert.equal(pub.status, 200);
	assertNoPersonalData(pub.text, 'tracking page');
	assert.match(pub.text, new RegExp(`<form method="post" action="/track/${code}" class="stacked secret" id="secret-form">`));
	const csrf = csrfFrom(pub.text);
	for (const p of ['/', '/track', `/api/v1/requests/${code}`, `/track/${code}/qr.svg`])
		assertNoPersonalData((await c.get(p)).text, p);

	// a wrong secret and a wrong code get the same answer
	const wrong = await c.post(`/track/${code}`, { csrf, secret: '0000' });
	assert.equal(wrong.status, 404);
	assertNoPersonalData(wrong.text, 'wrong secret');
	const noCode = await c.post('/track/ZZZZZZZZZZ', { csrf, secret: '7788' });
	assert.equal(noCode.status, 404);
	assert.ok(notice(wrong.text), 'the refusal says why');
	assert.equal(notice(wrong.text), notice(noCode.text));
	assert.equal((await c.post(`/track/${code}`, { secret: '7788' })).status, 403, 'the form carries its token');

	// the last four of the phone, or of the ID number (X in either case)
	for (const secret of ['7788', '002X', '002x']) {
		const own = await c.post(`/track/${code}`, { csrf, secret });
		assert.equal(own.status, 200, `secret ${secret}: ${own.text.slice(0, 400)}`);
		assert.match(own.text, /<ol class="history" id="history">\n<li><span class="date">\d{4}-\d\d-\d\d<\/span>网上提交申请<\/li>/);
		assert.match(own.text, /<pre class="request-text" id="own-description">2024年老旧小区改造的\r?\n资金安排文件/);
		assert.match(own.text, /<dd id="own-name">公众申请人乙<\/dd>/);
		assert.ok(!own.text.includes(PERSON.id_number) && !own.text.includes(PERSON.phone), 'the secret data are not repeated');
	}
});

test('tracking: what to supplement and by when, the steps in plain words, the reply and its files when obtained online', async () => {
	const handler = await staff('handler'), reviewer = await staff('reviewer');
	await act(handler, code, { action: 'register' });
	await act(reviewer, code, { action: 'assign', handler: 'handler' });
	const until = addDays(TODAY, 15);
	await act(handler, code, { action: 'request_supplement', until, note: '请写明所需文件的年份和发文机关。' });
	const c = srv.client();
	const csrf = csrfFrom((await c.get(`/track/${code}`)).text);
	let own = await c.post(`/track/${code}`, { csrf, secret: '7788' });
	assert.equal(own.status, 200);
	assert.match(own.text, new RegExp(`<div class="supplement" id="supplement">\\n<h2>需要您补正</h2>\\n<p>请于 <strong id="supplement-until">${until}</strong> 前`));
	assert.match(own.text, /<pre class="request-text" id="supplement-note">[^<]*请写明所需文件的年份和发文机关。<\/pre>/);
	for (const words of ['机关确认收到申请并登记', '交由承办人员办理', `机关告知需要补正申请，补正期限至 ${until}`])
		assert.ok(own.text.includes(words), words);
	// the public page does not show the notice
	assert.ok(!(await c.get(`/track/${code}`)).text.includes('发文机关'));

	await act(handler, code, { action: 'receive_supplement' });
	// a fee to pay: how much and by when
	await act(handler, code, { action: 'send_fee_notice', fee_method: 'by_pages', fee_pages: 150 });
	own = await c.post(`/track/${code}`, { csrf, secret: '7788' });
	assert.match(own.text, /<div class="supplement" id="fee">\n<h2>需要您缴费<\/h2>\n<p>信息处理费 <strong id="fee-amount">1700 元<\/strong>，请于 <strong id="fee-due">\d{4}-\d\d-\d\d<\/strong> 前缴纳/);
	assert.ok(!own.text.includes('id="supplement"'), 'the 补正 is done');
	assert.ok(own.text.includes('发出收费通知（缴费前不计入答复期限）'));
	await act(handler, code, { action: 'record_payment' });
	own = await c.post(`/track/${code}`, { csrf, secret: '7788' });
	assert.ok(!own.text.includes('id="fee"'), 'paid');
	assert.ok(own.text.includes('收到缴费，继续办理'));
	await act(handler, code, { action: 'draft_reply', outcome: 'disclosed', letter: '政府信息公开申请答复书\n公众申请人乙：\n所申请的信息见附件。' });
	await act(reviewer, code, { action: 'approve_reply' });
	own = await c.post(`/track/${code}`, { csrf, secret: '7788' });
	assert.ok(!own.text.includes('所申请的信息见附件'), 'no letter before it is sent');
	assert.ok(!own.text.includes('拟写答复') && !own.text.includes('审核通过'), 'drafting and review stay inside');

	const fd = new FormData();
	fd.append('action', 'send_reply');
	fd.append('reply_way', 'online');
	fd.append('file', new Blob([Buffer.from('%PDF-1.4\n公开的文件\n%%EOF\n')]), '资金安排.pdf');
	const sent = await handler.request('POST', `/api/v1/staff/requests/${code}/actions`, { body: fd, headers: { 'x-csrf-token': handler.csrf } });
	assert.equal(sent.status, 200, sent.text.slice(0, 400));

	own = await c.post(`/track/${code}`, { csrf, secret: '7788' });
	assert.equal(own.status, 200);
	assert.ok(!own.text.includes('id="supplement"'), 'no notice once supplemented');
	assert.match(own.text, /<pre class="letter" id="reply-letter">政府信息公开申请答复书\n公众申请人乙：\n所申请的信息见附件。<\/pre>/);
	assert.match(own.text, /作出答复并送达（网上获取）/);
	const m = new RegExp(`<form method="post" class="inline" action="/track/${code}/files/(\\d+)">`).exec(own.text);
	assert.ok(m, 'the released file is offered');
	const file = await c.post(`/track/${code}/files/${m[1]}`, { csrf, secret: '7788' });
	assert.equal(file.status, 200);
	assert.ok(file.text.includes('公开的文件'));
	const refused = await c.post(`/track/${code}/files/${m[1]}`, { csrf, secret: '1111' });
	assert.equal(refused.status, 404);
	assert.ok(!refused.text.includes('公开的文件'));
	assertNoPersonalData((await c.get(`/track/${code}`)).text, 'tracking page after the reply');
	const pub = await c.get(`/track/${code}`);
	assert.ok(!pub.text.includes('所申请的信息见附件'), 'the letter is not public');
});

test('tracking: wrong secrets are rate limited per address, and then even the right one waits', async () => {
	const c = srv.client();
	const csrf = csrfFrom((await c.get(`/track/${code}`)).text);
	let status;
	for (let i = 0; i < 12 && status !== 429; i++)
		status = (await c.post(`/track/${code}`, { csrf, secret: String(1000 + i) })).status;
	assert.equal(status, 429);
	const right = await c.post(`/track/${code}`, { csrf, secret: '7788' });
	assert.equal(right.status, 429);
	assert.match(notice(right.text), /查询失败次数过多/);
	assertNoPersonalData(right.text, 'throttled');
});
