// The records the yearly report counts (issue 10) end to end: staff of one
// agency can neither see nor change another agency's records (pages and
// API), forms refuse a missing CSRF token, a bad value is refused with a
// Chinese message naming the field and the form keeps what was typed, the
// API round trip with its revision check, the year figures, an
// application's page listing its disputes, the demo's 2017 totals, and
// `gongkai import records` with a bad line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { csrfFrom, gk, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());

const HBJ = '035205000'; // 市环保局: hbj.handler, hbj.editor
const YG = '035221000'; // 阳高县: yg.admin

async function staff(user) {
	const c = srv.client();
	await login(c, user);
	const who = await c.get('/api/v1/staff/whoami');
	assert.equal(who.status, 200);
	c.csrf = who.json.csrf;
	return c;
}

function json(c, method, p, body) {
	return c.request(method, p, {
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
	});
}

/* The id of the record a create redirected to. */
function createdId(r) {
	assert.equal(r.status, 303, r.text.slice(0, 1500));
	const m = /\/staff\/\w+\/(\d+)\?saved=1$/.exec(r.headers.get('location'));
	assert.ok(m, `redirect to the record: ${r.headers.get('location')}`);
	return m[1];
}

test('the 年报数据 page is in the staff menu and leads to each kind', async () => {
	const c = await staff('hbj.handler');
	const home = await c.get('/staff');
	assert.match(home.text, /<a href="\/staff\/records">年报数据<\/a>/);
	const page = await c.get('/staff/records');
	assert.equal(page.status, 200);
	assert.match(page.text, /href="\/staff\/disputes"/);
	assert.match(page.text, /href="\/staff\/complaints"/);
	assert.doesNotMatch(page.text, /href="\/staff\/responses"/, 'responses are the editor\'s');
	assert.equal((await c.get('/staff/responses')).status, 403);
	assert.equal((await c.get('/staff/figures')).status, 403);
	const editor = await staff('hbj.editor');
	assert.equal((await editor.get('/staff/disputes')).status, 403);
	assert.equal((await editor.get('/staff/responses?year=2021')).status, 200);

	// a response through its form: channels as checkboxes, the leader as one
	const form = await editor.get('/staff/responses/new');
	assert.equal(form.status, 200);
	assert.match(form.text, /name="ch_weibo"/);
	const fields = { csrf: csrfFrom(form.text), agency: HBJ, kind: 'interview', held: '2022-06-01', title: '垃圾分类在线访谈', ch_interview: '1', ch_wechat: '1', leader: '1', note: '' };
	const id = createdId(await editor.post('/staff/responses', fields));
	const rpage = await editor.get(`/staff/responses/${id}`);
	assert.match(rpage.text, /name="ch_interview" value="1" checked/);
	assert.match(rpage.text, /name="ch_wechat" value="1" checked/);
	assert.doesNotMatch(rpage.text, /name="ch_weibo" value="1" checked/);
	assert.match(rpage.text, /name="leader" value="1" checked/);
	const list = await editor.get(`/staff/responses?year=2022&agency=${HBJ}`);
	assert.match(list.text, /在线访谈、微信/);
	// unticking the leader is saved as no
	const { leader: _, ...noLeader } = fields;
	const rev = /name="revision" value="(\d+)"/.exec(rpage.text)[1];
	assert.equal((await editor.post(`/staff/responses/${id}`, { ...noLeader, csrf: csrfFrom(rpage.text), revision: rev })).status, 303);
	assert.doesNotMatch((await editor.get(`/staff/responses/${id}`)).text, /name="leader" value="1" checked/);

	// complaints: the handler's form
	const cform = await c.get('/staff/complaints/new');
	assert.equal(cform.status, 200);
	const r = await c.post('/staff/complaints', { csrf: csrfFrom(cform.text), agency: HBJ, received: '2022-03-01', source: '电话', application: 'NOSUCHCODE', subject: '未答复', status: 'open', closed: '', result: '' });
	assert.equal(r.status, 400);
	assert.match(r.text, /“关联申请（查询码）”：没有查询码为 NOSUCHCODE 的申请/);
});

test('a dispute through the form: bad values named in Chinese with the input kept, CSRF, scope', async () => {
	const c = await staff('hbj.handler');
	const form = await c.get('/staff/disputes/new');
	assert.equal(form.status, 200);
	const csrf = csrfFrom(form.text);
	const fields = {
		csrf, agency: HBJ, kind: 'review', case_no: '同复〔2024〕E2E-1号', authority: '大同市人民政府',
		application: '', review: '', subject: '对答复不服', filed: '2024-05-01', result: 'upheld',
		decided: '2024-04-01', note: '请保留这段备注',
	};
	let r = await c.post('/staff/disputes', fields);
	assert.equal(r.status, 400);
	assert.match(r.text, /“审结日期”不能早于“立案日期”/);
	assert.match(r.text, /value="同复〔2024〕E2E-1号"/, 'the case number is kept');
	assert.match(r.text, /请保留这段备注<\/textarea>/, 'the note is kept');
	assert.match(r.text, /<option value="upheld" selected>/, 'the result is kept');

	r = await c.post('/staff/disputes', { ...fields, result: 'lost' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /“审理结果”不在可选范围内/);
	r = await c.post('/staff/disputes', { ...fields, filed: '2024-13-01' });
	assert.match(r.text, /“立案日期”不是有效日期/);
	r = await c.post('/staff/disputes', { ...fields, result: 'pending' });
	assert.match(r.text, /尚未办结的案件不能填写“审结日期”/);

	// no CSRF token: refused, nothing stored
	const { csrf: _, ...without } = fields;
	r = await c.post('/staff/disputes', { ...without, decided: '2024-06-01' });
	assert.equal(r.status, 403);

	// another agency's: refused
	r = await c.post('/staff/disputes', { ...fields, agency: YG, decided: '2024-06-01' });
	assert.equal(r.status, 403);
	assert.match(r.text, /只能登记本机关及下属机关的记录/);

	const id = createdId(await c.post('/staff/disputes', { ...fields, decided: '2024-06-01' }));
	const edit = await c.get(`/staff/disputes/${id}?saved=1`);
	assert.equal(edit.status, 200);
	assert.match(edit.text, /已保存。/);
	assert.match(edit.text, /市环保局申请办理员/, 'who entered it');
	const list = await c.get(`/staff/disputes?year=2024&agency=${HBJ}`);
	assert.match(list.text, new RegExp(`href="/staff/disputes/${id}"`));

	// a stale revision is a conflict; the form is shown again
	const stale = { ...fields, decided: '2024-06-01', revision: '1', note: '第一次修改', csrf: csrfFrom(edit.text) };
	assert.equal((await c.post(`/staff/disputes/${id}`, stale)).status, 303);
	r = await c.post(`/staff/disputes/${id}`, { ...stale, note: '第二次修改' });
	assert.equal(r.status, 409);
	assert.match(r.text, /已被他人修改/);
	assert.match(r.text, /第二次修改<\/textarea>/);

	// the county's administrator neither sees nor changes it
	const yg = await staff('yg.admin');
	assert.equal((await yg.get(`/staff/disputes/${id}`)).status, 404);
	const ygForm = await yg.get('/staff/disputes/new');
	r = await yg.post(`/staff/disputes/${id}`, { ...stale, revision: '2', csrf: csrfFrom(ygForm.text) });
	assert.equal(r.status, 404);
	assert.equal((await yg.get(`/staff/disputes?agency=${HBJ}`)).status, 403);
	const ygList = await yg.get('/staff/disputes?year=2024');
	assert.doesNotMatch(ygList.text, /E2E-1号/);
	assert.equal((await json(yg, 'GET', `/api/v1/disputes/${id}`)).status, 404);
	assert.equal((await json(yg, 'PUT', `/api/v1/disputes/${id}`, { revision: 2, note: 'x' })).status, 404);
	assert.equal((await yg.request('DELETE', `/api/v1/disputes/${id}?revision=2`, { headers: { 'x-csrf-token': yg.csrf } })).status, 404);

	// the city office sees it
	const office = await staff('admin');
	assert.equal((await office.get(`/staff/disputes/${id}`)).status, 200);

	// deleted through its form (a record entered by mistake), with the revision it shows
	const again = await c.get(`/staff/disputes/${id}`);
	const rev = /id="record-delete"[\s\S]*?name="revision" value="(\d+)"/.exec(again.text);
	assert.ok(rev, 'the delete form carries the revision');
	assert.equal((await c.post(`/staff/disputes/${id}/delete`, { revision: rev[1] })).status, 403, 'no CSRF token');
	r = await c.post(`/staff/disputes/${id}/delete`, { csrf: csrfFrom(again.text), revision: rev[1] });
	assert.equal(r.status, 303);
	assert.equal((await c.get(`/staff/disputes/${id}`)).status, 404);
});

test('the API: create, list, update with the revision, delete; scope and validation', async () => {
	const c = await staff('hbj.handler');
	let r = await json(c, 'POST', '/api/v1/complaints', { agency: HBJ, received: '2023-03-02', source: '来信', subject: '答复超期', status: 'open' });
	assert.equal(r.status, 201, r.text);
	const id = r.json.id;
	assert.equal(r.json.revision, 1);
	assert.equal(r.json.agency_name, '大同市环境保护局');
	assert.equal(r.headers.get('location'), `/api/v1/complaints/${id}`);

	r = await json(c, 'POST', '/api/v1/complaints', { agency: HBJ, received: '2023-03-02', subject: '', status: 'open' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /“投诉举报事项”不能为空/);
	r = await json(c, 'POST', '/api/v1/complaints', { agency: YG, received: '2023-03-02', subject: '某事' });
	assert.equal(r.status, 403);
	r = await json(c, 'POST', '/api/v1/complaints', { agency: HBJ, received: '2023-03-02', subject: '某事', colour: 'red' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /未知字段/);
	r = await c.request('POST', '/api/v1/complaints', { body: JSON.stringify({ agency: HBJ, received: '2023-03-02', subject: '某事' }), headers: { 'content-type': 'application/json' } });
	assert.equal(r.status, 403, 'no CSRF token');

	r = await json(c, 'PUT', `/api/v1/complaints/${id}`, { revision: 1, status: 'upheld', closed: '2023-03-01' });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /“办结日期”不能早于“收到日期”/);
	r = await json(c, 'PUT', `/api/v1/complaints/${id}`, { revision: 1, status: 'upheld', closed: '2023-03-20', result: '已整改' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.revision, 2);
	assert.equal(r.json.subject, '答复超期', 'fields not sent are kept');
	r = await json(c, 'PUT', `/api/v1/complaints/${id}`, { revision: 1, result: '又改' });
	assert.equal(r.status, 409);
	r = await json(c, 'PUT', `/api/v1/complaints/${id}`, { result: '又改' });
	assert.equal(r.status, 400, 'the revision is required');

	r = await json(c, 'GET', `/api/v1/complaints?year=2023&agency=${HBJ}`);
	assert.equal(r.status, 200);
	assert.ok(r.json.complaints.some((x) => x.id === id && x.status === 'upheld'));
	assert.equal((await json(c, 'GET', `/api/v1/complaints?agency=${YG}`)).status, 403);

	r = await c.request('DELETE', `/api/v1/complaints/${id}?revision=1`, { headers: { 'x-csrf-token': c.csrf } });
	assert.equal(r.status, 409);
	r = await c.request('DELETE', `/api/v1/complaints/${id}?revision=2`, { headers: { 'x-csrf-token': c.csrf } });
	assert.equal(r.status, 200);
	assert.equal((await json(c, 'GET', `/api/v1/complaints/${id}`)).status, 404);

	// responses are the editor's, with channels and the leader
	assert.equal((await json(c, 'POST', '/api/v1/responses', { agency: HBJ, kind: 'opinion', held: '2023-04-01', title: 'x' })).status, 403);
	const ed = await staff('hbj.editor');
	r = await json(ed, 'POST', '/api/v1/responses', { agency: HBJ, kind: 'press_conference', held: '2023-04-01', title: '空气质量发布会', channels: ['press_conference', 'weibo'], leader: true });
	assert.equal(r.status, 201, r.text);
	assert.deepEqual(r.json.channels, ['press_conference', 'weibo']);
	assert.equal(r.json.leader, true);
	r = await json(ed, 'POST', '/api/v1/responses', { agency: HBJ, kind: 'opinion', held: '2023-04-01', title: '舆情', leader: true });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /主要负责同志参加/);
	r = await json(ed, 'POST', '/api/v1/responses', { agency: HBJ, kind: 'opinion', held: '2023-04-01', title: '舆情', channels: ['fax'] });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /“回应渠道”不在可选范围内/);
});

test('a dispute linked to an application: listed on its page, not before its receipt, same agency only', async () => {
	const c = await staff('hbj.handler');
	const q = await json(c, 'GET', '/api/v1/staff/requests?view=all&year=2021');
	const app = q.json.requests.find((a) => a.agency_code === HBJ || a.agency === HBJ) || q.json.requests[0];
	assert.ok(app, 'a demo application of 2021');
	const full = await json(c, 'GET', `/api/v1/staff/requests/${app.tracking_code}`);
	const received = full.json.received;
	assert.match(received, /^2021-/);
	const before = new Date(Date.parse(received + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);
	let r = await json(c, 'POST', '/api/v1/disputes', { agency: HBJ, kind: 'review', application: app.tracking_code, filed: before });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /“立案日期”不能早于关联申请的收到日期/);
	r = await json(c, 'POST', '/api/v1/disputes', { agency: HBJ, kind: 'direct_suit', application: app.tracking_code, filed: received, case_no: '（2021）E2E行初1号' });
	assert.equal(r.status, 201, r.text);
	const page = await c.get(`/staff/requests/${app.tracking_code}`);
	assert.match(page.text, new RegExp(`<a href="/staff/disputes/${r.json.id}">行政诉讼（未经复议直接起诉）</a>`));
	assert.match(page.text, /id="dispute-add" href="\/staff\/disputes\/new\?application=/);
	const prefilled = await c.get(`/staff/disputes/new?application=${app.tracking_code}&agency=${HBJ}`);
	assert.match(prefilled.text, new RegExp(`name="application" value="${app.tracking_code}"`));

	// the county cannot link its case to the city department's application
	const yg = await staff('yg.admin');
	r = await json(yg, 'POST', '/api/v1/disputes', { agency: YG, kind: 'review', application: app.tracking_code, filed: received });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /关联申请/);
});

test('year figures: one form, absent is not 0, who entered it, the API', async () => {
	const ed = await staff('hbj.editor');
	let page = await ed.get('/staff/figures?year=2012');
	assert.equal(page.status, 200);
	assert.match(page.text, /name="training_sessions" inputmode="decimal" value=""/);
	assert.match(page.text, /未填报/);
	const csrf = csrfFrom(page.text);
	let r = await ed.post('/staff/figures', { csrf, year: '2012', agency: HBJ, training_sessions: '3', staff_full_time: '0', admin_fees: '-1', meetings: '2' });
	assert.equal(r.status, 400);
	assert.match(r.text, /“行政事业性收费金额”不能为负数/);
	assert.match(r.text, /name="meetings" inputmode="decimal" value="2"/, 'input kept');
	r = await ed.post('/staff/figures', { csrf, year: '2012', agency: HBJ, training_sessions: '3', staff_full_time: '0', admin_fees: '1234.5' });
	assert.equal(r.status, 200);
	assert.match(r.text, /已保存（3项有变动）/);
	assert.match(r.text, /name="admin_fees" inputmode="decimal" value="1234.50"/);
	assert.match(r.text, /市环保局信息发布员 \d{4}-\d\d-\d\d \d\d:\d\d/);
	r = await ed.post('/staff/figures', { year: '2012', agency: HBJ, training_sessions: '4' });
	assert.equal(r.status, 403, 'no CSRF token');

	r = await json(ed, 'GET', `/api/v1/figures?agency=${HBJ}&year=2012`);
	assert.equal(r.status, 200);
	assert.equal(r.json.figures.training_sessions.value, 3);
	assert.equal(r.json.figures.staff_full_time.value, 0);
	assert.equal(r.json.figures.meetings.value, null, 'never entered: absent');
	assert.equal(r.json.figures.admin_fees.fen, 123450);
	r = await json(ed, 'PUT', '/api/v1/figures', { agency: HBJ, year: 2012, figures: { training_sessions: null, meetings: 5 } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.changed, 2);
	assert.equal(r.json.figures.training_sessions.value, null);
	r = await json(ed, 'PUT', '/api/v1/figures', { agency: HBJ, year: 2012, figures: { meetings: -5 } });
	assert.equal(r.status, 400);
	assert.match(r.json.error, /不能为负数/);
	r = await json(ed, 'PUT', '/api/v1/figures', { agency: YG, year: 2012, figures: { meetings: 5 } });
	assert.equal(r.status, 403);
	assert.equal((await ed.get(`/staff/figures?year=2012&agency=${YG}`)).status, 403);
});

test('the demo holds the seed report\'s 2017 totals and data for every agency since 2019', async () => {
	const admin = await staff('admin');
	const count = async (kind, filter = '') => {
		const out = { total: 0 };
		for (let page = 1; ; page++) {
			const r = (await json(admin, 'GET', `/api/v1/${kind}?year=2017&per_page=1000&page=${page}${filter}`)).json;
			out.total = r.total;
			out[kind] = [...(out[kind] || []), ...r[kind]];
			if (out[kind].length >= r.total || !r[kind].length) return out;
		}
	};
	const disputes = (await count('disputes'))[ 'disputes' ];
	const tally = (k, res) => disputes.filter((d) => k.includes(d.kind) && d.result === res).length;
	assert.equal(disputes.filter((d) => d.kind === 'review').length, 11);
	assert.deepEqual([tally(['review'], 'upheld'), tally(['review'], 'corrected'), tally(['review'], 'other')], [7, 1, 3]);
	const suits = ['direct_suit', 'suit_after_review'];
	assert.deepEqual([tally(suits, 'upheld'), tally(suits, 'corrected'), tally(suits, 'other')], [29, 0, 6]);
	assert.equal((await count('complaints')).total, 10);
	const responses = await count('responses');
	assert.equal(responses.total, 6 + 25 + 3661);
	const opinions = responses.responses.filter((x) => x.kind === 'opinion');
	assert.equal(opinions.filter((x) => x.channels.includes('weibo') && x.channels.includes('wechat')).length, 20);
	assert.equal(opinions.filter((x) => x.channels.includes('media')).length, 2170);
	const sum = { training_sessions: 0, training_attendance: 0, staff_full_time: 0, staff_part_time: 0 };
	const agencies = (await admin.get('/api/v1/agencies')).json;
	const list = Array.isArray(agencies) ? agencies : agencies.agencies;
	for (const a of list) {
		const f = (await json(admin, 'GET', `/api/v1/figures?agency=${a.code}&year=2017`)).json.figures;
		for (const k of Object.keys(sum)) sum[k] += f[k].value ?? 0;
		const recent = (await json(admin, 'GET', `/api/v1/figures?agency=${a.code}&year=2021`)).json.figures;
		assert.notEqual(recent.license_decisions.value, null, `${a.code} has 2021 figures`);
		assert.notEqual(recent.license_items.value, null, `${a.code} has 2019-format figures`);
	}
	assert.deepEqual(sum, { training_sessions: 10, training_attendance: 1150, staff_full_time: 201, staff_part_time: 149 });

	// a county alone, or with its offices (subtree); its staff see the same
	const only = (await json(admin, 'GET', `/api/v1/responses?year=2021&agency=${YG}&per_page=1000`)).json;
	const tree = (await json(admin, 'GET', `/api/v1/responses?year=2021&agency=${YG}&subtree=1&per_page=1000`)).json;
	assert.ok(only.total > 0 && tree.total > only.total, `${only.total} < ${tree.total}`);
	assert.deepEqual([...new Set(tree.responses.map((x) => x.agency))].sort(), [YG, '035221100', '035221200']);
	const yg = await staff('yg.admin');
	assert.equal((await json(yg, 'GET', '/api/v1/responses?year=2021&per_page=1000')).json.total, tree.total);
	const page = await yg.get(`/staff/responses?year=2021&agency=${YG}&subtree=1`);
	assert.match(page.text, new RegExp(`共 ${tree.total} 条`));
});

test('gongkai import records: added, a bad line reported and skipped, idempotent by case number and figure', async () => {
	const dir = fs.mkdtempSync(path.join(srv.dir, 'imp-'));
	const file = path.join(dir, 'records.jsonl');
	fs.writeFileSync(file, [
		JSON.stringify({ type: 'dispute', agency: HBJ, kind: 'review', case_no: '同复〔2022〕IMP-1号', filed: '2022-02-01', result: 'upheld', decided: '2022-03-01' }),
		JSON.stringify({ type: 'dispute', agency: HBJ, kind: 'review', case_no: '同复〔2022〕IMP-2号', filed: '2022-02-01', result: 'upheld', decided: '2022-01-01' }),
		'',
		JSON.stringify({ type: 'figure', agency: HBJ, year: 2011, code: 'training_sessions', value: 7 }),
		JSON.stringify({ type: 'figure', agency: HBJ, year: 2011, figures: { admin_fees: '99.9', meetings: 2 } }),
		'{not json',
	].join('\n') + '\n');
	let r = gk(['import', 'records', '--db', srv.db, file]);
	assert.equal(r.status, 1, r.stderr);
	assert.match(r.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: “审结日期”不能早于“立案日期”`));
	assert.match(r.stderr, /:6: not valid JSON/);
	assert.match(r.stdout, /5 lines: 1 added, 2 updated, 0 unchanged, 2 bad/);
	r = gk(['import', 'records', '--db', srv.db, file]);
	assert.match(r.stdout, /5 lines: 0 added, 0 updated, 3 unchanged, 2 bad/);

	const admin = await staff('admin');
	const list = await json(admin, 'GET', `/api/v1/disputes?year=2022&agency=${HBJ}&per_page=1000`);
	assert.equal(list.json.disputes.filter((d) => d.case_no === '同复〔2022〕IMP-1号').length, 1);
	assert.equal(list.json.disputes.some((d) => d.case_no === '同复〔2022〕IMP-2号'), false);
	const f = await json(admin, 'GET', `/api/v1/figures?agency=${HBJ}&year=2011`);
	assert.equal(f.json.figures.training_sessions.value, 7);
	assert.equal(f.json.figures.admin_fees.value, '99.90');
	assert.equal(f.json.figures.training_sessions.updated_by, '', 'entered by the command line');
});
