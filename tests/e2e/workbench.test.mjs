// The clerk's side (issue 12): the workbench's counts equal the lists they
// link to; lists by days left with the days in words; a case page with the
// state and the deadline on top, one action panel offering only what this
// person can do now, the next step named, 撤回 and 送达 confirmed on the
// server; and a staff navigation where no link answers 403 to its role.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { csrfFrom, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '工作台测试申请人', id_number: '140202199001011234',
	phone: '13503520001', email: 'wb@example.cn', address: '大同市平城区测试路9号', description: '2025年城区供暖管网改造的立项批复。',
	delivery: 'email', channel: 'in_person',
};

async function staff(user) {
	const c = srv.client();
	await login(c, user);
	const who = await c.get('/api/v1/staff/whoami');
	c.csrf = who.json.csrf;
	return c;
}

async function api(c, p, body, expect) {
	const r = await c.request('POST', p, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf } });
	if (expect) assert.equal(r.status, expect, r.text.slice(0, 400));
	return r.json;
}

const register = async (c, extra = {}) => (await api(c, '/api/v1/staff/requests', { ...PERSON, ...extra }, 201)).tracking_code;
const act = (c, code, body) => api(c, `/api/v1/staff/requests/${code}/actions`, body, 200);

/* The counts on the workbench, by queue. */
function counts(html) {
	const out = {};
	for (const m of html.matchAll(/<a id="count-(\w+)" href="\/staff\/requests\?view=\1"[^>]*><strong>(\d+)<\/strong>/g)) out[m[1]] = Number(m[2]);
	return out;
}

test('the workbench counts overdue, due soon and waiting for me, each equal to its list', async () => {
	for (const user of ['handler', 'reviewer', 'hbj.handler']) {
		const c = await staff(user);
		const home = await c.get('/staff');
		assert.equal(home.status, 200);
		const n = counts(home.text);
		assert.deepEqual(Object.keys(n).sort(), ['action', 'due', 'overdue'], `${user}: three counts`);
		for (const [view, count] of Object.entries(n)) {
			const list = await c.get(`/staff/requests?view=${view}`);
			assert.equal(list.status, 200);
			const total = Number(/<p id="count">共 (\d+) 件/.exec(list.text)[1]);
			assert.equal(total, count, `${user}: ${view} on the workbench = the list`);
			const rows = (list.text.match(/<tr[^>]*><td><a href="\/staff\/requests\/[2-9A-HJ-NP-Z]{10}">/g) || []).length;
			assert.equal(rows, Math.min(count, 50), `${user}: ${view} rows`);
			const j = await c.get(`/api/v1/staff/requests?view=${view}`);
			assert.equal(j.json.total, count, `${user}: ${view} in the API`);
		}
		if (user === 'handler') assert.ok(n.overdue > 0, 'the demo city has overdue applications');
	}
	// an editor handles no applications: no counts, no link to them
	const e = await staff('editor');
	const eh = await e.get('/staff');
	assert.deepEqual(counts(eh.text), {});
});

test('waiting for my action follows the role: a new registration waits for a reviewer, not the handler', async () => {
	const h = await staff('handler'), rv = await staff('reviewer');
	const before = [counts((await h.get('/staff')).text).action, counts((await rv.get('/staff')).text).action];
	const code = await register(h);
	const after = [counts((await h.get('/staff')).text).action, counts((await rv.get('/staff')).text).action];
	assert.equal(after[0], before[0], 'registered: nothing for the handler');
	assert.equal(after[1], before[1] + 1, 'registered: the reviewer assigns');
	assert.ok((await rv.get('/staff/requests?view=action')).text.includes(`href="/staff/requests/${code}"`));
	await act(rv, code, { action: 'assign', handler: 'handler' });
	assert.equal(counts((await h.get('/staff')).text).action, before[0] + 1, 'assigned to him: the handler drafts');
	assert.equal(counts((await rv.get('/staff')).text).action, before[1]);
});

test('lists are sorted by days left and say them in words; overdue red, due soon amber', async () => {
	const c = await staff('handler');
	const open = await c.get('/staff/requests?view=open');
	const rows = [...open.text.matchAll(/<tr( class="[^"]+")?><td><a[^>]*>[^<]*<\/a><\/td>(?:<td>[^<]*<\/td>){5}<td class="due">([^<]*)<\/td><td class="days">(.*?)<\/td><\/tr>/g)];
	assert.ok(rows.length > 10);
	let lastDue = '', runningDone = false;
	for (const [, cls, due, days] of rows) {
		const text = unescapeHtml(days.replace(/<[^>]+>/g, ''));
		if (/^(剩余\d+个工作日|今日到期|已超期(\d+个工作日)?)$/.test(text)) {
			assert.ok(!runningDone, 'running deadlines come first');
			assert.ok(due.slice(0, 10) >= lastDue, `sorted by due date: ${due} after ${lastDue}`);
			lastDue = due.slice(0, 10);
			if (text.startsWith('已超期')) assert.equal(cls, ' class="overdue"');
			else if (text === '今日到期' || Number(/\d+/.exec(text)[0]) <= 3) assert.equal(cls, ' class="due-soon"');
			else assert.equal(cls, undefined);
		} else {
			assert.match(text, /^(待补正，暂不计时|计时暂停)$/);
			runningDone = true;
		}
	}
	assert.ok(rows.some((r) => r[1] === ' class="overdue"'), 'some are overdue');
	const overdue = await c.get('/staff/requests?view=overdue');
	assert.match(overdue.text, /<td class="days"><strong>已超期\d+个工作日<\/strong><\/td>/);
});

test('the case page: state and deadline on top, one panel, only what this person can do, the next step named', async () => {
	const h = await staff('handler'), rv = await staff('reviewer');
	const code = await register(h);
	const path = `/staff/requests/${code}`;
	let p = await h.get(path);
	const at = (s) => p.text.indexOf(s);
	assert.ok(at('id="status"') > 0 && at('id="status"') < at('id="applicant"'), 'status before the applicant');
	assert.match(p.text, /<dd id="state">已登记<\/dd>/);
	assert.match(p.text, /<dd id="deadline"[^>]*><strong id="due">\d{4}-\d\d-\d\d<\/strong> <span class="days[^"]*" id="days-left">剩余\d+个工作日<\/span>/);
	assert.match(p.text, /<dd id="next-step">由审核人分办 · <a href="#actions">去办理<\/a><\/dd>/);
	// the handler can only record a withdrawal here: no 分办, 延期 or 审核通过 forms
	assert.equal((p.text.match(/<form method="post" class="stacked action"/g) || []).length, 1);
	assert.ok(p.text.includes('id="act-withdraw"'));
	for (const a of ['assign', 'extend', 'approve_reply', 'delay']) assert.ok(!p.text.includes(`id="act-${a}"`), a);
	// the reviewer: 分办 only (withdrawals are recorded by handlers)
	p = await rv.get(path);
	assert.ok(p.text.includes('id="act-assign"'));
	assert.equal((p.text.match(/<form method="post" class="stacked action"/g) || []).length, 1);
	await act(rv, code, { action: 'assign', handler: 'handler' });
	p = await h.get(path);
	// several steps: offered as choices, one form at a time
	assert.equal((p.text.match(/<form method="post" class="stacked action"/g) || []).length, 1);
	assert.match(p.text, /<nav class="tabs" id="action-choices"[^>]*>[\s\S]*?告知补正<\/a>[\s\S]*?申请人撤回<\/a>/);
	assert.match(p.text, /<dd id="next-step">由办理人拟写答复/);
	assert.ok(p.text.includes('id="act-draft_reply"'), 'drafting is the step offered first');
	assert.ok(!p.text.includes('id="act-extend"'), 'an extension is the reviewer\'s');
	p = await h.get(path + '?act=request_supplement');
	assert.ok(p.text.includes('id="act-request_supplement"') && !p.text.includes('id="act-draft_reply"'));
	// the reviewer may extend once up to the maximum; then it is no longer offered
	assert.ok((await rv.get(path + '?act=extend')).text.includes('id="act-extend"'));
	await act(rv, code, { action: 'extend', days: 20 });
	p = await rv.get(path + '?act=extend');
	assert.ok(!p.text.includes('id="act-extend"'), 'no extension past the maximum');
	assert.ok(!p.text.includes('>延长答复期限</a>'));
	// the drafter holding the reviewer's role is not offered his own approval
	const hbj = await staff('hbj.handler');
	const own = await register(hbj, { agency: '035205000' });
	await act(hbj, own, { action: 'assign', handler: 'hbj.handler' });
	await act(hbj, own, { action: 'draft_reply', outcome: 'not_exist' });
	p = await hbj.get(`/staff/requests/${own}`);
	assert.ok(!p.text.includes('id="act-approve_reply"'));
	assert.match(p.text, /<dd id="next-step">由审核人（拟稿人以外）审核答复书 · <a href="#actions">去办理<\/a><\/dd>/);
});

test('撤回 and 送达 need a confirmation checked on the server', async () => {
	const h = await staff('handler'), rv = await staff('reviewer');
	const code = await register(h);
	const path = `/staff/requests/${code}`;
	let p = await h.get(path);
	assert.match(p.text, /<input type="checkbox" id="f-withdraw-confirm" name="confirm" value="1" required> <label for="f-withdraw-confirm">我已确认申请人撤回申请/);
	const csrf = csrfFrom(p.text);
	let r = await h.post(path + '/act', { csrf, action: 'withdraw', note: '申请人来电撤回' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /“申请人撤回”不能撤销：请勾选“我已确认申请人撤回申请/);
	assert.match(r.text, /<dd id="state">已登记<\/dd>/, 'nothing was done');
	assert.match(r.text, /name="note" rows="2" maxlength="1000">\n申请人来电撤回<\/textarea>/, 'the note is kept');
	r = await h.post(path + '/act', { csrf, action: 'withdraw', note: '申请人来电撤回', confirm: '1' });
	assert.equal(r.status, 303);
	assert.match((await h.get(path)).text, /<dd id="state">已撤回<\/dd>/);
	// 送达
	const code2 = await register(h);
	await act(rv, code2, { action: 'assign', handler: 'handler' });
	await act(h, code2, { action: 'draft_reply', outcome: 'not_exist' });
	await act(rv, code2, { action: 'approve_reply' });
	p = await h.get(`/staff/requests/${code2}`);
	assert.match(p.text, /<dd id="next-step">由办理人送达答复 · <a href="#actions">去办理<\/a><\/dd>/);
	assert.ok(p.text.includes('id="f-send_reply-confirm"'));
	r = await h.post(`/staff/requests/${code2}/act`, { csrf, action: 'send_reply', reply_way: 'email' });
	assert.equal(r.status, 400);
	r = await h.post(`/staff/requests/${code2}/act`, { csrf, action: 'send_reply', reply_way: 'email', confirm: '1' });
	assert.equal(r.status, 303);
});

test('a reply letter with a placeholder left is refused at approval, naming it', async () => {
	const h = await staff('handler'), rv = await staff('reviewer');
	const code = await register(h, { delivery: 'pickup' });
	await act(rv, code, { action: 'assign', handler: 'handler' });
	const d = await act(h, code, { action: 'draft_reply', outcome: 'disclosed' });
	assert.ok(!/。。|【或/.test(d.letter), d.letter);
	assert.match(d.letter, /您申请获取的政府信息为：2025年城区供暖管网改造的立项批复。\n现答复如下：/);
	const page = await rv.get(`/staff/requests/${code}`);
	const r = await rv.post(`/staff/requests/${code}/act`, { csrf: csrfFrom(page.text), action: 'approve_reply' });
	assert.equal(r.status, 400);
	assert.match(unescapeHtml(r.text), /“答复书”中还有待填写的内容“【领取期限】”/);
	await act(h, code, { action: 'draft_reply', outcome: 'disclosed', letter: d.letter.replace('【领取期限】', '2025年12月31日').replace('【领取地点】', '市政府办公厅201室') });
	assert.equal((await act(rv, code, { action: 'approve_reply' })).state, 'approved');
});

test('the deadline explanation is Chinese', async () => {
	const h = await staff('handler');
	const code = await register(h);
	const p = await h.get(`/staff/requests/${code}`);
	const pre = unescapeHtml(/<details id="deadline-explain"><summary>计算过程<\/summary>\n<pre>([\s\S]*?)<\/pre>/.exec(p.text)[1]);
	assert.match(pre, /^规则：《政府信息公开条例》（2019年修订）第三十三条/);
	assert.ok(!/[A-Za-z]+[\s,;:]+[A-Za-z]+[\s,;:]+[A-Za-z]+/.test(pre), pre);
});

test('the staff navigation: each role sees its own links and none answers 403', async () => {
	const expect = {
		admin: { has: [], lacks: ['/staff/requests', '/staff/items'] },
		editor: { has: ['/staff/items'], lacks: ['/staff/requests'] },
		handler: { has: ['/staff/requests'], lacks: ['/staff/items'] },
		reviewer: { has: ['/staff/requests'], lacks: ['/staff/items'] },
		'hbj.handler': { has: ['/staff/requests'], lacks: ['/staff/items'] },
		'yg.admin': { has: [], lacks: ['/staff/requests'] },
	};
	for (const [user, want] of Object.entries(expect)) {
		const c = await staff(user);
		const home = await c.get('/staff');
		const nav = /<nav class="staff-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(home.text)[1];
		const navLinks = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
		for (const h of want.has) assert.ok(navLinks.includes(h), `${user} has ${h}`);
		for (const h of want.lacks) assert.ok(!navLinks.includes(h), `${user} lacks ${h}`);
		// crawl: the nav and the workbench, and the staff links on those pages
		const seen = new Set();
		let frontier = ['/staff', ...navLinks.filter((h) => h.startsWith('/staff'))];
		for (let depth = 0; depth < 2 && frontier.length; depth++) {
			const next = [];
			for (const href of frontier) {
				if (seen.has(href) || seen.size >= 60) continue;
				seen.add(href);
				const r = await c.get(href);
				assert.notEqual(r.status, 403, `${user}: ${href} answers 403`);
				assert.ok(r.status < 500, `${user}: ${href} answers ${r.status}`);
				if (!(r.headers.get('content-type') || '').startsWith('text/html')) continue;
				for (const m of r.text.matchAll(/<a [^>]*href="(\/staff[^"#]*)"/g)) {
					const u = unescapeHtml(m[1]);
					if (!/\.(xlsx|pdf|csv)$|\/download|\/files\//.test(u)) next.push(u);
				}
			}
			frontier = next;
		}
		assert.ok(seen.size > 3, `${user}: crawled ${seen.size}`);
	}
});
