// Personal data reaches only staff of the handling agency and the city
// office (docs/security.md): every staff route of the route table, walked
// by every role of the handling agency's parent, child and sibling, never
// answers with one of the applicant's planted values — in pages, JSON,
// letters, notes, files — and the server's log never holds them either.
// The same walk by the handling agency and the city office does see them
// (the test would notice a leak).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PLANTED, RELATIONS, ROLES, SCAN_MARK, fillPath, routeTable, setUp } from './access_fixture.mjs';
import { TODAY, csrfFrom, unescapeHtml } from './lib.mjs';

const w = {};
let routes;
before(async () => {
	routes = routeTable();
	await setUp(w);
});
after(() => w.srv?.kill());

const SECRETS = [...Object.values(PLANTED), SCAN_MARK];

/* The planted values BODY holds (HTML escapes undone; JSON as sent). */
function found(body) {
	const text = unescapeHtml(body);
	let decoded = text;
	try { decoded = JSON.stringify(JSON.parse(text)); } catch { /* not JSON */ }
	return SECRETS.filter((s) => text.includes(s) || decoded.includes(s));
}

/* Every request the walk makes for one account: each staff route, GET with
 * its variants, and every other method with the CSRF token and no fields
 * (refusals draw the case page again, which must stay clean too). */
function requests(ids) {
	const out = [];
	for (const rt of routes) {
		if (!rt.flags.includes('login')) continue;
		const p = fillPath(rt.pattern, ids);
		for (const m of rt.methods) {
			if (m === 'GET') {
				out.push({ method: 'GET', path: p });
				if (/^\/staff\/requests\/\{code\}$/.test(rt.pattern))
					for (const q of ['?act=draft_reply&outcome=disclosed', '?act=draft_reply', '?act=assign', '?act=approve_reply', '?done=draft_reply'])
						out.push({ method: 'GET', path: p + q });
			} else {
				out.push({ method: m, path: p, json: rt.flags.includes('json') });
			}
		}
	}
	// steps refused on the case page (which then shows the case again)
	const act = `/staff/requests/${ids.code}/act`;
	out.push({ method: 'POST', path: act, form: { action: 'withdraw' } }); // not confirmed
	out.push({ method: 'POST', path: act, form: { action: 'send_reply' } }); // not confirmed
	out.push({ method: 'POST', path: act, form: { action: 'register' } }); // not in this state
	out.push({ method: 'POST', path: `/api/v1/staff/requests/${ids.code}/actions`, json: true, body: { action: 'register' } });
	return out;
}

async function send(c, q) {
	if (q.method === 'GET') return c.get(q.path, { noHtmlCheck: true });
	if (q.json)
		return c.request(q.method, q.path, {
			body: JSON.stringify(q.body ?? {}),
			headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf }, noHtmlCheck: true,
		});
	return c.post(q.path, { csrf: c.csrf, ...(q.form || {}) }, { noHtmlCheck: true });
}

for (const rel of ['parent', 'child', 'sibling']) {
	test(`every staff route as each role of the handling agency's ${rel}: no applicant data`, async () => {
		const leaks = [];
		let n = 0;
		/* the four roles side by side, each account's requests in order */
		await Promise.all(ROLES.map(async (role) => {
			const c = w.clients[rel][role];
			for (const q of requests(w.ids)) {
				const r = await send(c, q);
				n++;
				assert.ok(r.status < 500, `${c.user} ${q.method} ${q.path}: ${r.status}\n${r.text.slice(0, 400)}`);
				const hit = found(r.text);
				if (hit.length) leaks.push(`${c.user} ${q.method} ${q.path} (${r.status}): ${hit.join(', ')}`);
			}
		}));
		assert.deepEqual(leaks, [], `applicant data reached ${rel} staff`);
		assert.ok(n > 100, `walked ${n} requests`);
	});
}

test('the handling agency and the city office do see the applicant (the walk would notice a leak)', async () => {
	for (const rel of ['own', 'city']) {
		const c = w.clients[rel].handler;
		const page = await c.get(`/staff/requests/${w.ids.code}`);
		assert.equal(page.status, 200);
		assert.deepEqual(found(page.text).sort(), Object.values(PLANTED).sort(), `${rel}: the applicant block`);
		const file = await c.get(`/staff/requests/${w.ids.code}/files/${w.ids.scan}`);
		assert.equal(file.status, 200);
		assert.ok(file.text.includes(SCAN_MARK));
		const api = await c.get(`/api/v1/staff/requests/${w.ids.code}`);
		assert.equal(api.json.applicant.name, PLANTED.name);
		assert.ok(api.json.letter.includes(PLANTED.name));
	}
	assert.ok(RELATIONS.includes('city'));
});

test('outside the handling agency the letter and notes carry placeholders, and a draft from them keeps the applicant', async () => {
	const parent = w.clients.parent.handler;
	const page = await parent.get(`/staff/requests/${w.ids.code}?act=draft_reply`);
	assert.equal(page.status, 200);
	assert.match(page.text, /id="applicant-hidden"/);
	assert.match(page.text, /<pre class="letter" id="letter">政府信息公开申请答复书\n〔申请人姓名或名称〕：/);
	assert.match(page.text, /已与〔申请人姓名或名称〕（〔申请人电子邮箱〕）电话确认/);
	const letter = unescapeHtml(/<textarea id="f-draft_reply-letter" name="letter"[^>]*>\n?([\s\S]*?)<\/textarea>/.exec(page.text)[1]);
	assert.ok(letter.startsWith('政府信息公开申请答复书\n〔申请人姓名或名称〕：'), letter.slice(0, 80));
	const api = await parent.get(`/api/v1/staff/requests/${w.ids.code}`);
	assert.equal(api.json.applicant, undefined);
	assert.equal(api.json.attachments, undefined);
	assert.ok(api.json.letter.startsWith('政府信息公开申请答复书\n〔申请人姓名或名称〕：'));

	// the parent's handler redrafts from what he read
	const r = await parent.post(`/staff/requests/${w.ids.code}/act`, {
		csrf: csrfFrom(page.text), action: 'draft_reply', outcome: 'disclosed', letter: letter + '\n（上级机关修改）',
	}, { noHtmlCheck: true });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	const own = await w.clients.own.handler.get(`/api/v1/staff/requests/${w.ids.code}`);
	assert.ok(own.json.letter.startsWith(`政府信息公开申请答复书\n${PLANTED.name}：`), own.json.letter.slice(0, 80));
	assert.ok(own.json.letter.endsWith('（上级机关修改）'));
	assert.ok(!own.json.letter.includes('〔申请人'));
});

test('the assign form lists only the handling agency\'s handlers; refusals name no other account', async () => {
	const c = w.clients.own.reviewer, h = w.clients.own.handler;
	const reg = await h.request('POST', '/api/v1/staff/requests', {
		body: JSON.stringify({ agency: w.ids.agency, applicant_type: 'business', name: '某公司', phone: '0352-1234567', delivery: 'post', address: '某地', channel: 'fax', description: '分办测试', confirmed: TODAY }),
		headers: { 'content-type': 'application/json', 'x-csrf-token': h.csrf },
	});
	assert.equal(reg.status, 201, reg.text.slice(0, 400));
	const code = reg.json.tracking_code;
	const page = await c.get(`/staff/requests/${code}?act=assign`);
	assert.equal(page.status, 200);
	const select = /<select id="f-assign-handler" name="handler">([\s\S]*?)<\/select>/.exec(page.text);
	assert.ok(select, 'the assign form');
	const logins = [...select[1].matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
	assert.deepEqual(logins, ['own.handler', 'own.target']);
	const say = async (handler) => (await c.request('POST', `/api/v1/staff/requests/${code}/actions`, {
		body: JSON.stringify({ action: 'assign', handler }),
		headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
	})).json.error;
	// no account, an editor, a handler elsewhere, the parent's handler: one answer
	for (const who of ['no.such.login', 'own.editor', 'hbj.handler', 'parent.handler', 'child.handler'])
		assert.equal(await say(who), `“承办人”：“${who}”不属于办理机关`, who);
});

test('online consultation: the asker is seen by the agency asked and the city office, never on public pages', async () => {
	for (const rel of ['own', 'city']) {
		const page = await w.clients[rel].handler.get(`/staff/consultations/${w.ids.consultation}`);
		assert.equal(page.status, 200);
		assert.ok(found(page.text).includes(PLANTED.name), `${rel}: the asker`);
	}
	for (const p of ['/consult/answers', `/consult/answers/${w.ids.consultation}`, '/api/v1/consultations',
		`/api/v1/consultations/${w.ids.consultation}`, `/consult/track/${w.ids.consultCode}`]) {
		const r = await w.anon.get(p);
		assert.equal(r.status, 200, p);
		assert.deepEqual(found(r.text), [], p);
	}
});

test('the server log holds no applicant data', async () => {
	assert.deepEqual(found(w.srv.stderr), []);
});
