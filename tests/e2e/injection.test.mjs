// The injection corpus (issue 13): SQL, script, template, control and
// oversized payloads sent through every form and API field that takes
// text — every POST/PUT route of the route table, checked for completeness
// against src/web/routes.c — then every page, feed, export and API answer
// that shows those values read back and searched for markup formed from a
// payload: a script holding one, an event handler attribute, a javascript:
// URL, an <img src=x>. No answer anywhere may be a 5xx. A field that refuses
// a payload with a 4xx is safe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, TODAY, csrfFrom, humanCheck, login, startServer, unescapeHtml } from './lib.mjs';

const CITY = '035200000';
const HBJ = '035205000';
const YEAR = Number(TODAY.slice(0, 4)) - 1;

const PAYLOADS = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'</textarea><svg onload=alert(1)>',
	"'><svg/onload=alert(1)>",
	"' OR 1=1 --",
	'"; DROP TABLE items; --',
	'{{7*7}}${7*7}<%= 7*7 %>',
	'=HYPERLINK("http://x.example/","x")',
	'\u202Egnp.exe\u202C <b onmouseover=alert(1)>',
	'a\r\nb\nc<script>alert(1)</script>',
	'x\u0000y<script>alert(1)</script>',
	'长'.repeat(3000) + '<script>alert(1)</script>',
];
/* short enough for the one-line fields with small limits */
const SHORT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', "' OR 1=1 --", '{{7*7}}'];

let srv;
const answers = []; // [method, path, status]
const toVisit = new Set(); // pages a successful submission pointed to

before(async () => { srv = await startServer(); });
after(() => srv?.kill());

/* --- the check: markup formed from a payload ------------------------------------ */

const ATTR_RE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?/g;
// a tag as a browser reads it: attributes after spaces or a '/'
const TAG_RE = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)[\s/]*>/g;

/* Fails when TEXT (HTML or XML) holds a tag or attribute a payload made. */
function assertNoInjectedMarkup(text, where) {
	assert.ok(!/<\/textarea>\s*<svg/i.test(text), `${where}: a textarea broken out of`);
	for (const m of text.matchAll(TAG_RE)) {
		const name = m[1].toLowerCase();
		const attrs = [...m[2].matchAll(ATTR_RE)].map((a) => [a[1].toLowerCase(), unescapeHtml((a[2] || '').replace(/^["']|["']$/g, ''))]);
		for (const [k, v] of attrs) {
			assert.ok(!/^on/.test(k), `${where}: event handler ${k}= in <${name}>: ${m[0].slice(0, 200)}`);
			if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(k))
				assert.ok(!/^(javascript|vbscript):|^data:[^,]*(html|script|svg)/i.test(v.replace(/[\u0000-\u0020]/g, '')), `${where}: ${k}="${v}" in <${name}>`);
		}
		if (name === 'img')
			assert.ok(!attrs.some(([k, v]) => k === 'src' && v === 'x'), `${where}: an <img src=x> from a payload`);
		if (name === 'iframe' || name === 'object' || name === 'embed')
			assert.ok(false, `${where}: a <${name}> element: ${m[0].slice(0, 200)}`);
		if (name === 'script') {
			const body = text.slice(m.index + m[0].length, text.indexOf('</script>', m.index));
			assert.ok(!/alert\(/.test(body), `${where}: a script holding a payload`);
			assert.ok(attrs.some(([k]) => k === 'src') || attrs.some(([k, v]) => k === 'type' && /json/.test(v)),
				`${where}: an inline script: ${m[0]}`);
		}
	}
}

/* Checks one answer: never a 5xx; HTML and XML without injected markup;
 * JSON parses and is served as JSON; CSV keeps a formula a text. */
function checkAnswer(method, p, r, sent = '') {
	answers.push([method, p, r.status, r.status >= 400 ? (/class="(?:notice error|field-error|error)"[^>]*>([\s\S]{0,200}?)<\/p>/.exec(r.text)?.[1] ?? r.text.slice(0, 160)) : '']);
	assert.ok(r.status < 500, `${method} ${p}: ${r.status}\n${r.text.slice(0, 500)}\nsent: ${String(sent).slice(0, 300)}`);
	const type = r.headers.get('content-type') || '';
	const where = `${method} ${p} (${r.status})`;
	if (/html|xml/.test(type)) assertNoInjectedMarkup(r.text, where);
	else if (/json/.test(type) && !/jsonl|ndjson/.test(type) && r.text) JSON.parse(r.text);
	else if (/csv/.test(type))
		for (const line of r.text.split('\n'))
			assert.ok(!/(^|,)"?=HYPERLINK/.test(line), `${where}: a formula a spreadsheet would run: ${line.slice(0, 200)}`);
	else if (type && !/text\/plain|octet-stream|image\/|pdf|spreadsheet|wordprocessing|zip|javascript|css|font|ndjson|markdown/.test(type))
		assert.fail(`${where}: unexpected content type ${type}`);
	// never a JavaScript URL as a redirect
	const loc = r.headers.get('location');
	if (loc) {
		assert.ok(!/^\s*(javascript|data):/i.test(loc) && !/^\s*\/\//.test(loc), `${where}: redirect to ${loc}`);
		if (r.status === 303 && loc.startsWith('/')) toVisit.add(JSON.stringify([r.user, loc]));
	}
	return r;
}

/* --- clients ------------------------------------------------------------------------- */

/* one logged-in client per account (a login costs a password hash) */
const sessions = new Map();
async function staff(user) {
	if (sessions.has(user)) return sessions.get(user);
	const c = srv.client();
	await login(c, user);
	c.user = user;
	c.csrf = (await c.get('/api/v1/staff/whoami')).json.csrf;
	sessions.set(user, c);
	return c;
}

async function get(c, p) {
	const r = await c.get(p, { noHtmlCheck: true });
	r.user = c.user;
	return checkAnswer('GET', p, r);
}

async function form(c, p, fields) {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) body.append(k, String(v));
	const r = await c.request('POST', p, {
		body: body.toString(), noHtmlCheck: true,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	r.user = c.user;
	return checkAnswer('POST', p, r, body.toString());
}

async function json(c, method, p, obj) {
	const r = await c.request(method, p, {
		body: JSON.stringify(obj), noHtmlCheck: true,
		headers: { 'content-type': 'application/json', ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) },
	});
	r.user = c.user;
	return checkAnswer(method, p, r, JSON.stringify(obj));
}

/* Sends SEND(fields) with each payload in every field of FREE at once; when
 * that is refused, with the payload in one field at a time (a field's own
 * rules may refuse a payload another would keep). */
async function inject(free, base, send, payloads = PAYLOADS) {
	for (const payload of payloads) {
		const all = { ...base };
		for (const f of free) all[f] = payload;
		const r = await send(all);
		if (r.status < 400) continue;
		for (const f of free) await send({ ...base, [f]: payload });
	}
}

/* --- the forms and API fields, by route ------------------------------------------------ */

const ctx = {};

const PERSON = {
	agency: CITY, applicant_type: 'natural_person', name: '注入测试人', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503527788', email: 'inj@example.cn',
	address: '大同市平城区公众路12号', description: '注入测试的申请内容', doc_no: '', delivery: 'online', medium: '',
};
const PERSON_TEXT = ['name', 'address', 'description', 'doc_no', 'phone', 'email'];
const ITEM = {
	revision: '0', agency: CITY, title: '注入测试信息', topic: '10.3', genre: 'notice', column: '', doc_no: '',
	written: '', published: '', normative: '', effective: '', keywords: '', summary: '', body: '', attachments: '',
	interp_kind: '', interprets: '', ch_website: '1', action: 'publish',
};
const ITEM_TEXT = ['title', 'keywords', 'summary', 'body', 'attachments', 'doc_no', 'interprets'];
const RECORDS = {
	disputes: {
		user: 'handler',
		base: { agency: CITY, kind: 'review', case_no: '同复〔2024〕注入1号', authority: '大同市人民政府', application: '', review: '', subject: '对答复不服', filed: '2024-05-01', result: 'pending', decided: '', note: '' },
		text: ['case_no', 'authority', 'subject', 'note', 'application', 'review'],
		show: ['subject', 'note'], // free text the record's pages show
	},
	complaints: {
		user: 'handler',
		base: { agency: CITY, received: '2024-03-01', source: '电话', application: '', subject: '未答复', status: 'open', closed: '', result: '' },
		text: ['source', 'subject', 'result', 'application'],
		show: ['subject', 'result'],
	},
	responses: {
		user: 'editor',
		base: { agency: CITY, kind: 'interview', held: '2024-06-01', title: '在线访谈', ch_interview: '1', note: '' },
		api: { channels: ['interview'] },
		text: ['title', 'note'],
		show: ['title', 'note'],
	},
};

/* each POST/PUT route of the table: what sends the payloads through it */
const ROUTES = {
	'POST /apply': async () => {
		const c = srv.client();
		await inject(PERSON_TEXT, PERSON, async (f) => {
			const page = await get(c, '/apply');
			const r = await form(c, '/apply', { ...f, csrf: csrfFrom(page.text), ...humanCheck(page.text) });
			const m = /\/track\/([A-Z0-9]+)/.exec(r.headers.get('location') || r.text);
			if (m) ctx.publicCode = m[1];
			return r;
		}, PAYLOADS.slice(0, 8));
	},
	/* the filled-in application form to print (issue 15): a document or the form again */
	'POST /apply/form': async () => {
		const c = srv.client({ from: '127.0.0.7' });
		const csrf = csrfFrom((await get(c, '/apply')).text);
		await inject(PERSON_TEXT, PERSON, (f) => form(c, '/apply/form', { ...f, csrf, format: 'pdf' }), PAYLOADS.slice(0, 6));
		for (const p of SHORT) await form(c, '/apply/form', { ...PERSON, csrf, format: p });
	},
	'POST /api/v1/requests': async () => {
		const c = srv.client();
		await inject(PERSON_TEXT, PERSON, async (f) => {
			const r = await json(c, 'POST', '/api/v1/requests', f);
			if (r.status === 201) ctx.publicCode ??= r.json.code ?? r.json.tracking_code;
			return r;
		});
		// a field's name quoted in the refusal, cut inside a character (once a 500)
		await json(c, 'POST', '/api/v1/requests', { ['a' + '长'.repeat(30)]: 'x' });
	},
	'POST /track/{code}': async () => {
		const c = srv.client();
		const codes = [ctx.publicCode ?? 'NOSUCHCODE', ...SHORT.map(encodeURIComponent)];
		for (const code of codes) {
			const page = await get(c, `/track/${code}`);
			const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? 'x';
			for (const secret of SHORT) await form(c, `/track/${code}`, { csrf, secret });
		}
	},
	'POST /track/{code}/files/{id}': async () => {
		const c = srv.client();
		const page = await get(c, `/track/${ctx.publicCode ?? 'NOSUCHCODE'}`);
		const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? 'x';
		for (const p of SHORT)
			await form(c, `/track/${encodeURIComponent(p)}/files/${encodeURIComponent(p)}`, { csrf, secret: p });
	},
	'POST /staff/requests': async () => {
		const c = await staff('handler');
		const base = { ...PERSON, channel: 'in_person', registered_post: '', submitted: '', signed_for: '', confirmed: '', note: '' };
		await inject([...PERSON_TEXT, 'note'], base, async (f) => {
			const r = await form(c, '/staff/requests', { ...f, csrf: c.csrf });
			const m = /\/staff\/requests\/([A-Z0-9]+)/.exec(r.headers.get('location') || '');
			if (m) ctx.staffCode ??= m[1];
			return r;
		});
	},
	'POST /api/v1/staff/requests': async () => {
		const c = await staff('handler');
		await inject([...PERSON_TEXT, 'note'], { ...PERSON, channel: 'in_person' }, async (f) => {
			const r = await json(c, 'POST', '/api/v1/staff/requests', f);
			if (r.status === 201) ctx.staffCode ??= r.json.code;
			return r;
		});
	},
	'POST /staff/requests/{code}/act': async () => {
		const c = await staff('handler');
		const code = ctx.staffCode ?? 'NOSUCHCODE';
		// registered and assigned, it takes notes
		await form(c, `/staff/requests/${code}/act`, { action: 'register', csrf: c.csrf });
		const reviewer = await staff('reviewer');
		await form(reviewer, `/staff/requests/${code}/act`, { action: 'assign', handler: 'handler', csrf: reviewer.csrf });
		await inject(['note'], { action: 'start_consultation', party: 'third_party' }, (f) => form(c, `/staff/requests/${code}/act`, { ...f, csrf: c.csrf }));
		for (const p of SHORT) await form(c, `/staff/requests/${encodeURIComponent(p)}/act`, { action: 'register', csrf: c.csrf });
	},
	'POST /staff/requests/{code}/notices/retry': async () => {
		// issue 15: payloads as the notice and as the code; none is failed, nothing changes
		const c = await staff('handler');
		const code = ctx.staffCode ?? 'NOSUCHCODE';
		for (const p of SHORT) {
			await form(c, `/staff/requests/${code}/notices/retry`, { notice: p, csrf: c.csrf });
			await form(c, `/staff/requests/${encodeURIComponent(p)}/notices/retry`, { notice: '1', csrf: c.csrf });
		}
		await form(c, `/staff/requests/${code}/notices/retry`, { notice: '1', csrf: c.csrf });
	},
	'POST /hooks/sms-delivery': async () => {
		// issue 15: the gateway's delivery reports (no gateway here: refused, never a 5xx)
		const c = srv.client();
		for (const p of PAYLOADS.slice(0, 8)) {
			await json(c, 'POST', '/hooks/sms-delivery', { msg_id: p, status: p, time: p });
			await json(c, 'POST', '/hooks/sms-delivery', [{ msg_id: p, status: 'DELIVRD' }]);
			await form(c, `/hooks/sms-delivery?token=${encodeURIComponent(p)}`, { msg_id: p, status: p });
		}
	},
	'POST /api/v1/staff/requests/{code}/actions': async () => {
		const c = await staff('handler');
		const code = ctx.staffCode ?? 'NOSUCHCODE';
		await inject(['note'], { action: 'start_consultation', party: 'third_party' }, (f) => json(c, 'POST', `/api/v1/staff/requests/${code}/actions`, f));
		await json(c, 'POST', `/api/v1/staff/requests/${code}/actions`, { action: 'end_consultation' });
		await inject(['letter'], { action: 'draft_reply', outcome: 'disclosed' }, (f) => json(c, 'POST', `/api/v1/staff/requests/${code}/actions`, f));
		for (const p of SHORT) await json(c, 'POST', `/api/v1/staff/requests/${code}/actions`, { action: p, handler: p, outcome: p });
	},
	'POST /staff/holidays': async () => {
		const c = await staff('admin');
		for (const p of PAYLOADS.slice(0, 6)) await form(c, '/staff/holidays', { csrf: c.csrf, text: `${YEAR + 2}-01-01 ${p}\n${p}` });
	},
	'POST /staff/items': async () => {
		const c = await staff('editor');
		await inject(ITEM_TEXT, ITEM, async (f) => {
			const r = await form(c, '/staff/items', { ...f, csrf: c.csrf });
			const m = /\/staff\/items\/(\d+)/.exec(r.headers.get('location') || '');
			if (m) ctx.itemId ??= m[1];
			return r;
		});
		// a policy with an injected title, then an interpretation naming it
		await form(c, '/staff/items', { ...ITEM, csrf: c.csrf, attachments: '<script>alert(1)</script>|javascript:alert(1)\n"><img src=x onerror=alert(1)>|/x' });
	},
	'POST /staff/items/{id}': async () => {
		const c = await staff('editor');
		const id = ctx.itemId ?? '1';
		for (const p of PAYLOADS.slice(0, 9)) {
			const edit = await get(c, `/staff/items/${id}/edit`);
			const revision = /name="revision" value="(\d+)"/.exec(edit.text)?.[1] ?? '0';
			await form(c, `/staff/items/${id}`, { ...ITEM, revision, published: TODAY, csrf: c.csrf, title: `修改${p}`.slice(0, 290), body: p, summary: p, keywords: p.slice(0, 80) });
		}
	},
	'POST /staff/items/{id}/files/{file}/remove': async () => {
		const c = await staff('editor');
		for (const p of SHORT) await form(c, `/staff/items/${ctx.itemId ?? 1}/files/${encodeURIComponent(p)}/remove`, { csrf: c.csrf, revision: p });
	},
	'POST /staff/items/{id}/repeal': async () => {
		const c = await staff('editor');
		for (const p of SHORT) await form(c, `/staff/items/${ctx.itemId ?? 1}/repeal`, { csrf: c.csrf, revision: '1', validity: 'repealed', ended: '', repealed_by: p });
	},
	'POST /staff/items/{id}/withdraw': async () => {
		const c = await staff('editor');
		for (const p of SHORT) await form(c, `/staff/items/${encodeURIComponent(p)}/withdraw`, { csrf: c.csrf, revision: p });
	},
	'POST /login': async () => {
		const c = srv.client();
		for (const p of [...SHORT.slice(0, 3), '//evil.example/', 'https://evil.example/']) {
			const page = await get(c, '/login?next=' + encodeURIComponent(p));
			await form(c, '/login', { csrf: csrfFrom(page.text), login: p.slice(0, 60), password: p, next: p });
		}
	},
	'POST /logout': async () => {
		const c = srv.client();
		for (const p of SHORT) await form(c, '/logout', { csrf: p });
	},
	'POST /staff/agencies/{code}': async () => {
		const c = await staff('admin');
		const base = { name: '大同市人民政府办公室', address: '', postcode: '', phone: '', fax: '', email: '', office_hours: '', website: '' };
		await inject(['address', 'phone', 'fax', 'email', 'office_hours', 'website'], base, (f) => form(c, `/staff/agencies/${HBJ}`, { ...f, csrf: c.csrf }), SHORT);
		for (const p of SHORT) await form(c, `/staff/agencies/${encodeURIComponent(p)}`, { ...base, csrf: c.csrf, name: p });
	},
	'POST /staff/check': async () => {
		const c = await staff('editor');
		for (const p of PAYLOADS.slice(0, 8)) await form(c, '/staff/check', { csrf: c.csrf, text: `${p}\n一、总体情况\n${p}\n二、主动公开政府信息情况\n${p}` });
	},
	'POST /staff/users': async () => {
		const c = await staff('admin');
		let n = 0;
		await inject(['display_name', 'login'], { login: 'inj.user', display_name: '注入', agency: CITY, role: 'editor', password: '公开透明-Wq7x-Lm3z' },
			(f) => form(c, '/staff/users', { ...f, csrf: c.csrf, login: f.login === 'inj.user' ? `inj.user${n++}` : f.login }), SHORT);
	},
	'POST /staff/users/{login}': async () => {
		const c = await staff('admin');
		// payloads as the account's login and as the action; a forced reset's temporary password
		for (const p of SHORT) {
			await form(c, `/staff/users/${encodeURIComponent(p)}`, { csrf: c.csrf, action: 'disable' });
			await form(c, '/staff/users/inj.user0', { csrf: c.csrf, action: p });
			await form(c, '/staff/users/inj.user0', { csrf: c.csrf, action: 'reset', password: p });
		}
	},
	'POST /staff/password': async () => {
		const c = await staff('editor');
		// a wrong current password: nothing may change, whatever the payloads
		for (const p of SHORT)
			await form(c, '/staff/password', { csrf: c.csrf, current: p, password: p, again: p });
	},
	'POST /staff/notices': async () => {
		const c = await staff('handler');
		// issue 15: a person's notice settings; payloads as the addresses and the choices
		for (const p of SHORT) {
			await form(c, '/staff/notices', { csrf: c.csrf, email: p, phone: p, ch_assigned: 'none' });
			await form(c, '/staff/notices', { csrf: c.csrf, email: '', phone: '', ch_due_soon: p });
		}
	},
	'POST /staff/notice-templates/{kind}': async () => {
		// issue 15: payloads as a template (previewed; saved for a staff kind, reset after) and as the kind
		const c = await staff('admin');
		await inject(['subject', 'body'], { op: 'preview' }, (f) => form(c, '/staff/notice-templates/receipt', { ...f, csrf: c.csrf }));
		await inject(['subject', 'body'], { op: 'save' }, (f) => form(c, '/staff/notice-templates/daily_digest', { ...f, csrf: c.csrf }), SHORT);
		for (const p of SHORT) {
			await form(c, `/staff/notice-templates/${encodeURIComponent(p)}`, { subject: '标题', body: '正文', op: 'save', csrf: c.csrf });
			await form(c, '/staff/notice-templates/receipt', { subject: '标题', body: '正文', op: p, csrf: c.csrf });
		}
		await form(c, '/staff/notice-templates/daily_digest/reset', { csrf: c.csrf });
	},
	'POST /staff/notice-templates/{kind}/reset': async () => {
		const c = await staff('admin');
		for (const p of SHORT) await form(c, `/staff/notice-templates/${encodeURIComponent(p)}/reset`, { csrf: c.csrf });
		await form(c, '/staff/notice-templates/daily_digest/reset', { csrf: c.csrf });
	},
	'POST /staff/reports/{code}/{year}': async () => {
		const c = await staff('editor');
		for (const p of PAYLOADS.slice(0, 9)) {
			const page = await get(c, `/staff/reports/${CITY}/${YEAR}`);
			const rev = (k) => new RegExp(`name="rev_${k}" value="(\\d+)"`).exec(page.text)?.[1] ?? '0';
			await form(c, `/staff/reports/${CITY}/${YEAR}`, {
				csrf: c.csrf, overview: p, rev_overview: rev('overview'), problems: p, rev_problems: rev('problems'), other: p, rev_other: rev('other'),
			});
		}
	},
	'POST /staff/reports/{code}/{year}/publish': async () => {
		const c = await staff('editor');
		for (const p of SHORT) await form(c, `/staff/reports/${encodeURIComponent(p)}/${YEAR}/publish`, { csrf: c.csrf, scope: p, style: p });
	},
	'PUT /api/v1/reports/{code}/{year}/texts': async () => {
		const c = await staff('editor');
		for (const p of PAYLOADS.slice(0, 9)) {
			const cur = await get(c, `/api/v1/reports/${CITY}/${YEAR}/texts`);
			const rev = (k) => cur.json?.sections?.find((x) => x.section === k)?.revision ?? 0;
			await json(c, 'PUT', `/api/v1/reports/${CITY}/${YEAR}/texts`, { overview: p, rev_overview: rev('overview'), other: p, rev_other: rev('other') });
		}
	},
	'POST /staff/supervision/weights': async () => {
		const c = await staff('admin');
		for (const p of SHORT) await form(c, '/staff/supervision/weights', { csrf: c.csrf, year: p, w_x: p });
	},
	'POST /staff/figures': async () => {
		const c = await staff('editor');
		for (const p of SHORT) await form(c, '/staff/figures', { csrf: c.csrf, year: String(YEAR), agency: CITY, training_sessions: p, admin_fees: p });
	},
	'PUT /api/v1/figures': async () => {
		const c = await staff('editor');
		for (const p of SHORT) await json(c, 'PUT', '/api/v1/figures', { agency: CITY, year: YEAR, figures: { training_sessions: p, [p]: 1 } });
	},
	/* online consultation (issue 15): the question, then its handling */
	'POST /consult/new': async () => {
		const c = srv.client();
		const base = { agency: CITY, subject: '注入测试咨询', question: '注入测试的咨询内容', name: '注入测试人', phone: '13503527788', email: 'inj@example.cn', consent: '1' };
		await inject(['subject', 'question', 'name', 'phone', 'email', 'agency', 'consent'], base, async (f) => {
			const page = await get(c, '/consult/new');
			const r = await form(c, '/consult/new', { ...f, csrf: csrfFrom(page.text), ...humanCheck(page.text) });
			const m = /\/consult\/track\/([A-Z0-9]+)/.exec(r.text);
			if (m) (ctx.consultCodes ??= []).push(m[1]);
			return r;
		}, PAYLOADS.slice(0, 8));
	},
	'POST /staff/consultations/{id}': async () => {
		const c = await staff('handler');
		const queue = await get(c, '/staff/consultations?view=open');
		const ids = [...new Set([...queue.text.matchAll(/href="\/staff\/consultations\/(\d+)"/g)].map((m) => m[1]))];
		ctx.consultIds = ids;
		// answers and reasons carrying the payloads, published where the asker agreed
		for (const [k, id] of ids.slice(0, 6).entries()) {
			const p = PAYLOADS[k % PAYLOADS.length];
			await form(c, `/staff/consultations/${id}`, { csrf: c.csrf, action: 'answer', reply: p, publish: '1' });
			await form(c, `/staff/consultations/${id}`, { csrf: c.csrf, action: 'answer', reply: p });
			await form(c, `/staff/consultations/${id}`, { csrf: c.csrf, action: 'publish' });
		}
		for (const id of ids.slice(6, 8)) await form(c, `/staff/consultations/${id}`, { csrf: c.csrf, action: 'reject', reason: PAYLOADS[0] });
		for (const p of SHORT) {
			await form(c, `/staff/consultations/${encodeURIComponent(p)}`, { csrf: c.csrf, action: 'answer', reply: p });
			await form(c, `/staff/consultations/${ids[0] ?? '1'}`, { csrf: c.csrf, action: p, reply: p, reason: p, publish: p });
		}
	},
};
for (const [plural, spec] of Object.entries(RECORDS)) {
	ROUTES[`POST /staff/${plural}`] = async () => {
		const c = await staff(spec.user);
		await inject(spec.text, spec.base, async (f) => {
			const r = await form(c, `/staff/${plural}`, { ...f, csrf: c.csrf });
			const m = new RegExp(`/staff/${plural}/(\\d+)`).exec(r.headers.get('location') || '');
			if (m) ctx[plural] ??= m[1];
			return r;
		});
	};
	ROUTES[`POST /staff/${plural}/{id}`] = async () => {
		const c = await staff(spec.user);
		const id = ctx[plural] ?? '1';
		for (const p of PAYLOADS.slice(0, 8)) {
			const page = await get(c, `/staff/${plural}/${id}`);
			const revision = /name="revision" value="(\d+)"/.exec(page.text)?.[1] ?? '0';
			const f = { ...spec.base, csrf: c.csrf, revision };
			f[spec.show[0]] = p.slice(0, 100);
			f[spec.show[1]] = p;
			if (f.case_no) f.case_no += `（改${p.length}）`; // the record's own, not another's
			await form(c, `/staff/${plural}/${id}`, f);
		}
	};
	ROUTES[`POST /staff/${plural}/{id}/delete`] = async () => {
		const c = await staff(spec.user);
		for (const p of SHORT) await form(c, `/staff/${plural}/${encodeURIComponent(p)}/delete`, { csrf: c.csrf, revision: p });
	};
	/* the API's body: the kind's fields (channels as a list); no 案号 the forms used */
	const apiBody = (f) => {
		const o = { ...f, ...(spec.api ?? {}) };
		for (const k of Object.keys(o)) if (k.startsWith('ch_')) delete o[k];
		if (o.case_no) o.case_no += ' API';
		return o;
	};
	ROUTES[`POST /api/v1/${plural}`] = async () => {
		const c = await staff(spec.user);
		await inject(spec.text, spec.base, (f) => json(c, 'POST', `/api/v1/${plural}`, apiBody(f)));
		for (const p of SHORT) await json(c, 'POST', `/api/v1/${plural}`, { ...spec.base, [p]: p });
	};
	ROUTES[`PUT /api/v1/${plural}/{id}`] = async () => {
		const c = await staff(spec.user);
		const id = ctx[plural] ?? '1';
		for (const p of PAYLOADS.slice(0, 8)) {
			const cur = await get(c, `/api/v1/${plural}/${id}`);
			await json(c, 'PUT', `/api/v1/${plural}/${id}`, apiBody({ ...spec.base, revision: cur.json?.revision ?? 0, [spec.show[0]]: p.slice(0, 100), [spec.show[1]]: p, ...(spec.base.case_no ? { case_no: `${spec.base.case_no}（API改${p.length}）` } : {}) }));
		}
		for (const p of SHORT) await json(c, 'POST', `/api/v1/${plural}/${encodeURIComponent(p)}`, { note: p });
	};
}

/* The POST and PUT routes of src/web/routes.c, the record routes' macro expanded. */
function routesWithBodies() {
	const src = fs.readFileSync(path.join(ROOT, 'src/web/routes.c'), 'utf8');
	const entry = /\{\s*(GK_[A-Z]+(?:\s*\|\s*GK_[A-Z]+)*)\s*,\s*((?:"[^"]*"|#\w+|\s)+),/g;
	const literal = (expr, vars) => expr.replace(/#(\w+)/g, (_, v) => `"${vars[v] ?? v}"`).replace(/"\s*"/g, '').replace(/^\s*"|"\s*$/g, '');
	const out = new Set();
	const macro = /#define RECORD_ROUTES\(([^)]*)\)([\s\S]*?)\n(?=\S|\n)/.exec(src);
	const params = macro[1].split(',').map((s) => s.trim());
	const table = src.slice(src.indexOf('const struct gk_route gk_routes[]'));
	const add = (methods, p) => {
		for (const m of ['POST', 'PUT']) if (methods.includes(`GK_${m}`)) out.add(`${m} ${p}`);
	};
	for (const m of table.matchAll(entry)) add(m[1], literal(m[2], {}));
	for (const call of table.matchAll(/RECORD_ROUTES\(([^)]*)\)/g)) {
		const args = call[1].split(',').map((s) => s.trim());
		const vars = Object.fromEntries(params.map((p, i) => [p, args[i]]));
		for (const m of macro[2].matchAll(entry)) add(m[1], literal(m[2], vars));
	}
	return [...out].sort();
}

test('every route that takes a body is in the corpus', () => {
	const table = routesWithBodies();
	assert.ok(table.length >= 30, `found ${table.length} routes`);
	const ours = new Set(Object.keys(ROUTES));
	const missing = table.filter((r) => !ours.has(r) && !(r.startsWith('POST ') && ours.has('PUT ' + r.slice(5))));
	assert.deepEqual(missing, [], 'routes with a body the injection corpus does not send payloads through');
	const stale = [...ours].filter((r) => !table.includes(r));
	assert.deepEqual(stale, [], 'routes in the corpus that the table no longer has');
});

test('payloads through every form and API field: no 5xx, nothing executable in what comes back', async () => {
	for (const [route, send] of Object.entries(ROUTES)) {
		const from = answers.length, t0 = Date.now();
		try {
			await send();
			if (process.env.GONGKAI_INJECTION_STATS) {
				const mine = answers.slice(from).filter(([m]) => m !== 'GET');
				console.log(`${route}: ${mine.length} sent, ${mine.filter(([, , s]) => s < 400).length} accepted, ${Date.now() - t0} ms; first refusal: ${mine.find(([, , s]) => s >= 400)?.[3]}`);
			}
		} catch (e) {
			e.message = `${route}: ${e.message}`;
			throw e;
		}
	}
	await srv.assertAlive('the injections');
});

test('every page, feed and export showing the values holds no markup formed from a payload', async () => {
	const anon = srv.client();
	const users = { editor: await staff('editor'), handler: await staff('handler'), admin: await staff('admin') };
	const pub = ['/', '/items', '/items?per_page=100', '/feeds/items', `/feeds/agency/${CITY}`, `/feeds/agency/${HBJ}`, '/feeds/topic/10',
		'/api/v1/items', '/api/v1/items?per_page=100', '/export/items.csv', '/export/items.jsonl', '/sitemap.xml',
		'/agencies', `/agencies/${CITY}`, `/agencies/${HBJ}`, `/agencies/${HBJ}/guide`, '/api/v1/agencies',
		'/reports', '/guide', '/rules', '/statutory', '/apply', '/track'];
	for (const p of PAYLOADS.slice(0, 9)) {
		pub.push(`/items?q=${encodeURIComponent(p)}`, `/api/v1/items?q=${encodeURIComponent(p)}`, `/feeds/items?q=${encodeURIComponent(p)}`,
			`/track?code=${encodeURIComponent(p)}`, `/login?next=${encodeURIComponent(p)}`, `/track/${encodeURIComponent(p)}`);
	}
	pub.push('/items?q=%FF%FE', '/items?q=%C0%BCscript%C0%BE', '/items?q=%00', '/track/%E2%80%AE%FF');
	if (ctx.publicCode) pub.push(`/track/${ctx.publicCode}`, `/api/v1/requests/${ctx.publicCode}`);
	if (ctx.itemId) pub.push(`/items/${ctx.itemId}`, `/items/${ctx.itemId}/print`, `/api/v1/items/${ctx.itemId}`);
	// online consultation (issue 15): the lists, the searches, the asker's pages, what was published
	pub.push('/consult', '/consult/new', '/consult/answers', '/api/v1/consultations?per_page=100');
	for (const p of PAYLOADS.slice(0, 9))
		pub.push(`/consult/answers?q=${encodeURIComponent(p)}`, `/api/v1/consultations?q=${encodeURIComponent(p)}`, `/consult/track/${encodeURIComponent(p)}`);
	for (const code of (ctx.consultCodes ?? []).slice(0, 10)) pub.push(`/consult/track/${code}`);
	for (const id of ctx.consultIds ?? []) pub.push(`/consult/answers/${id}`, `/api/v1/consultations/${id}`);
	for (const p of pub) await get(anon, p);
	// the catalogue's newest items: each page of the items the payloads made
	const list = await get(anon, '/api/v1/items?per_page=50');
	for (const it of list.json?.items ?? []) await get(anon, `/items/${it.id}`);

	const staffPages = {
		editor: ['/staff', '/staff/items', `/staff/reports`, `/staff/reports/${CITY}/${YEAR}`, `/staff/reports/${CITY}/${YEAR}/history`,
			`/staff/reports/${CITY}/${YEAR}/preview`, `/staff/reports/${CITY}/${YEAR}/download?format=html`, `/staff/reports/${CITY}/${YEAR}/download?format=md`,
			`/api/v1/reports/${CITY}/${YEAR}/texts`, '/staff/responses', `/staff/responses?year=2024`, '/staff/figures', '/api/v1/figures', '/staff/check', '/staff/supervision',
			...PAYLOADS.slice(0, 9).map((p) => `/staff/items?q=${encodeURIComponent(p)}`)],
		handler: ['/staff', '/staff/requests', '/staff/requests?view=all', '/staff/requests?view=intake', '/api/v1/staff/requests?view=all',
			'/staff/disputes', '/staff/disputes?year=2024', '/staff/complaints', '/staff/complaints?year=2024', '/api/v1/disputes?year=2024', '/api/v1/complaints?year=2024', '/staff/records'],
		admin: ['/staff', '/staff/consultations?view=all', ...(ctx.consultIds ?? []).map((id) => `/staff/consultations/${id}`), '/staff/users', `/staff/agencies/${HBJ}`, '/staff/holidays', `/agencies/${HBJ}`],
	};
	if (ctx.itemId) staffPages.editor.push(`/staff/items/${ctx.itemId}/edit`, `/staff/items/${ctx.itemId}/history`);
	if (ctx.staffCode) staffPages.handler.push(`/staff/requests/${ctx.staffCode}`, `/api/v1/staff/requests/${ctx.staffCode}`);
	for (const plural of Object.keys(RECORDS))
		if (ctx[plural]) {
			const who = RECORDS[plural].user === 'editor' ? 'editor' : 'handler';
			staffPages[who].push(`/staff/${plural}/${ctx[plural]}`, `/api/v1/${plural}/${ctx[plural]}`);
		}
	for (const [user, pages] of Object.entries(staffPages))
		for (const p of pages) await get(users[user], p);
	// the staff's item list and queue link to what the payloads made
	const items = await get(users.editor, '/staff/items');
	for (const m of new Set([...items.text.matchAll(/href="(\/staff\/items\/\d+\/edit)"/g)].map((x) => x[1]))) await get(users.editor, m);
	const queue = await get(users.handler, '/staff/requests?view=all');
	for (const m of [...new Set([...queue.text.matchAll(/href="(\/staff\/requests\/[A-Z0-9]+)"/g)].map((x) => x[1]))].slice(0, 20)) await get(users.handler, m);
	// where each accepted submission led
	for (const key of toVisit) {
		const [user, loc] = JSON.parse(key);
		await get(users[user] ?? anon, loc);
	}
	assert.ok(answers.length > 300, `only ${answers.length} answers checked`);
	assert.deepEqual(answers.filter(([, , s]) => s >= 500).map(([m, p, s]) => [m, p, s]), []);
	await srv.stop();
});
