// The staff's registration form of paper applications (issue 12) takes its
// limits from the same table as /apply (core/intake.h), offers 证件类型 as
// /apply does and checks the number by it, counts a line break as one
// character as the browser does, keeps what was typed when it refuses,
// and stays lenient on the phone's form (a clerk copies what is written).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { csrfFrom, login, startServer, unescapeHtml } from './lib.mjs';

let srv, c;

before(async () => {
	srv = await startServer();
	c = srv.client();
	await login(c, 'handler');
	c.csrf = csrfFrom((await c.get('/staff')).text);
});
after(() => srv?.kill());

/* name → maxlength of the form's fields in HTML. */
function maxlengths(html) {
	const out = {};
	for (const m of html.matchAll(/<(input|textarea)\b[^>]*>/g)) {
		const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
		const max = /\bmaxlength="(\d+)"/.exec(m[0])?.[1];
		if (name && max) out[name] = Number(max);
	}
	return out;
}

/* The options of <select name=NAME> as [value, label]. */
function options(html, name) {
	const sel = new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
	assert.ok(sel, `a <select name="${name}">`);
	return [...sel[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], unescapeHtml(m[2])]);
}

const PAPER = {
	agency: '035200000', channel: 'in_person', applicant_type: 'natural_person', name: '纸质申请人',
	phone: '大同 5189096（白天）', address: '大同市某路1号', delivery: 'post',
};

function register(fields) {
	const fd = new FormData();
	fd.append('csrf', c.csrf);
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	return c.request('POST', '/staff/requests', { body: fd });
}

/* The textarea of the page with id ID as the browser reads it (its
 * parser makes every CR LF a LF). */
function textarea(html, id) {
	const m = new RegExp(`<textarea\\b[^>]*id="${id}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(html);
	assert.ok(m, `a textarea #${id}`);
	return unescapeHtml(m[1]).replace(/\r\n/g, '\n');
}

test('the limits are those of /apply, and 证件类型 is offered as there', async () => {
	const staff = await c.get('/staff/requests/new');
	assert.equal(staff.status, 200);
	const apply = await srv.client().get('/apply');
	const mine = maxlengths(staff.text), theirs = maxlengths(apply.text);
	for (const f of ['name', 'id_number', 'phone', 'email', 'address', 'description', 'doc_no'])
		assert.equal(mine[f], theirs[f], `${f}: ${mine[f]} on the staff form, ${theirs[f]} on /apply`);
	assert.equal(mine.description, 2000);
	assert.equal(mine.note, 1000);
	assert.match(staff.text, /<label for="a-id_type">证件类型<\/label>/);
	assert.match(staff.text, /<label for="a-id_number">证件号码/);
	const types = options(staff.text, 'id_type');
	assert.deepEqual(types.slice(1), options(apply.text, 'id_type').slice(1), 'the same documents as /apply');
	assert.deepEqual(types[0][0], '', 'not said, for a paper application that does not say');
	assert.ok(types.some(([v, l]) => v === 'resident' && l === '居民身份证'));
});

test('a line break counts as one character; the form keeps what was typed when refused', async () => {
	// 2000 characters as the browser counts them, 2020 code points as sent (CR LF)
	const lines = Array.from({ length: 20 }, (_, i) => (i % 10).toString().repeat(98));
	const description = lines.join('\r\n') + '\r\n' + '长'.repeat(20);
	assert.equal(description.replace(/\r\n/g, '\n').length, 2000);
	const ok = await register({ ...PAPER, id_number: '140202199001011234', description });
	assert.equal(ok.status, 303, ok.text.slice(0, 500));
	const code = /\/staff\/requests\/([2-9A-HJ-NP-Z]{10})/.exec(ok.headers.get('location'))[1];
	const api = await c.get(`/api/v1/staff/requests/${code}`);
	assert.equal(api.json.description, description.replace(/\r\n/g, '\n'), 'stored with LF line breaks');

	const long = description + '多';
	const refused = await register({ ...PAPER, id_number: '140202199001011234', description: long, note: '第一行\r\n第二行' });
	assert.equal(refused.status, 400);
	assert.match(refused.text, /“所需政府信息的名称或内容描述”最多2000个字，现在是2001个字/);
	assert.equal(textarea(refused.text, 'a-description'), long.replace(/\r\n/g, '\n'));
	assert.equal(textarea(refused.text, 'a-note'), '第一行\n第二行');
	assert.match(refused.text, /id="a-name"[^>]*value="纸质申请人"/);
});

test('the number is checked by the document type chosen; the phone is taken as written', async () => {
	const wrong = await register({ ...PAPER, description: '某文件', id_type: 'resident', id_number: '140202199001011235' });
	assert.equal(wrong.status, 400);
	assert.match(wrong.text, /居民身份证号码的校验位（最后一位）不正确/);
	assert.deepEqual(options(wrong.text, 'id_type').find(([v]) => v === 'resident'), ['resident', '居民身份证']);
	assert.match(wrong.text, /<option value="resident" selected>/, 'the type chosen is kept');

	const short = await register({ ...PAPER, description: '某文件', id_type: 'resident', id_number: '12345' });
	assert.equal(short.status, 400);
	assert.match(short.text, /居民身份证号码应为18位/);

	const none = await register({ ...PAPER, description: '某文件' });
	assert.equal(none.status, 400);
	assert.match(none.text, /自然人申请的，请填写“证件号码”/);

	// not said: a plausible number of any document passes
	const any = await register({ ...PAPER, description: '某文件', id_number: '南字第0123456号' });
	assert.equal(any.status, 303, any.text.slice(0, 300));
	const right = await register({ ...PAPER, description: '某文件', id_type: 'resident', id_number: '140202199001011234' });
	assert.equal(right.status, 303, right.text.slice(0, 300));
	const code = /\/staff\/requests\/([2-9A-HJ-NP-Z]{10})/.exec(right.headers.get('location'))[1];
	const api = await c.get(`/api/v1/staff/requests/${code}`);
	assert.equal(api.json.applicant.phone, PAPER.phone, 'a phone as written on paper');
});

test('every problem of a refused registration is shown beside its field', async () => {
	const r = await register({ ...PAPER, description: '某文件', id_type: 'resident', id_number: '140202199001011235',
		delivery: 'email', name: '　' });
	assert.equal(r.status, 400);
	const problems = {
		name: '“姓名或名称”不能只填空格',
		id_number: '居民身份证号码的校验位（最后一位）不正确',
		email: '选择“电子邮件”方式获取的，请填写电子邮箱',
	};
	for (const [name, text] of Object.entries(problems)) {
		const error = new RegExp(`<label for="a-${name}">[^<]*</label><p class="field-error" id="a-${name}-error"><span class="visually-hidden">错误：</span>([^<]*)</p>\\n<input id="a-${name}" name="${name}" aria-invalid="true" aria-describedby="a-${name}-error"`).exec(r.text);
		assert.ok(error, `${name}: its problem beside it`);
		assert.ok(unescapeHtml(error[1]).includes(text), `${name}: ${error[1]}`);
	}
	assert.equal((r.text.match(/class="field-error"/g) || []).length, 3, 'no other field is said to be wrong');
	assert.doesNotMatch(r.text, /id="a-phone"[^>]*aria-invalid/, 'the phone as written is no problem');
});
