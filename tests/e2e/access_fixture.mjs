// The world the access tests (pii_walk, authz_matrix) share: the demo city
// with one account per role in each agency related to a handling agency H
// (H itself, its parent, a child, a sibling, the city office), an
// application to H whose applicant fields hold distinctive planted values
// (in the page, the letter, a note and the scanned letter), a catalogue
// item with a file, and one record of each kind — and the route table
// (`gongkai routes --json`) with the path parameters filled for them.
import assert from 'node:assert/strict';
import { PASSWORD, TODAY, csrfFrom, gk, humanCheck, login, makeDemoDb, startServer, tempDir } from './lib.mjs';

/* 阳高县环境保护局 handles; 阳高县人民政府 is its parent, 阳高县人民政府办公室
 * its sibling, a 监测站 added below its child, and the 市政府办公厅 (which
 * supervises the city) the city office. */
export const H = '035221200';
export const AGENCY = {
	own: H,
	parent: '035221000',
	child: '035221210',
	sibling: '035221100',
	city: '035200000',
};
export const RELATIONS = ['own', 'parent', 'child', 'sibling', 'city'];
export const ROLES = ['admin', 'editor', 'handler', 'reviewer'];
/* the city office's accounts come with the demo */
export function loginOf(relation, role) {
	return relation === 'city' ? role : `${relation}.${role}`;
}

/* A 居民身份证号码 with its check character (GB 11643). */
function residentId(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
	return first17 + '10X98765432'[sum % 11];
}

/* Values no page would hold unless it showed this applicant. */
export const PLANTED = {
	name: '甄秘名隐私测试人',
	id_number: residentId('14022219850704733'),
	phone: '13977712345',
	email: 'zhen.secret.pii@example.org',
	address: '阳高县隐私测试路九十九号',
};
export const SCAN_MARK = 'SCANNED-LETTER-PII-4471';
const SCAN = Buffer.from(`%PDF-1.4\n% ${SCAN_MARK} ${PLANTED.email}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

export function routeTable() {
	const r = gk(['routes', '--json']);
	assert.equal(r.status, 0, r.stderr);
	return JSON.parse(r.stdout);
}

function json(c, method, p, body) {
	return c.request(method, p, {
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
	});
}

export async function staffClient(srv, user) {
	const c = srv.client();
	await login(c, user);
	const who = await c.get('/api/v1/staff/whoami');
	assert.equal(who.status, 200);
	c.csrf = who.json.csrf;
	c.user = user;
	return c;
}

/* Builds the database, starts the server, plants the data; fills and
 * returns W: {srv (set first, for after() to stop it), clients: {relation:
 * {role: client}}, anon, ids}. */
export async function setUp(w) {
	const t0 = Date.now(), mark = (what) => process.env.GK_TIMING && console.error(what, Date.now() - t0);
	const dir = tempDir();
	const db = makeDemoDb(dir);
	mark('demo');
	let r = gk(['agency', 'add', '--db', db, '--code', AGENCY.child, '--name', '阳高县环境监测站', '--parent', H]);
	assert.equal(r.status, 0, r.stderr);
	/* logins hash too: a request may wait for a thread longer than usual */
	const srv = w.srv = await startServer({ db, dir, extraArgs: ['--max-wait-ms', '60000'] });
	/* the accounts, by the city office's administrator, a few at a time */
	const admin = await staffClient(srv, 'admin');
	const adds = [];
	for (const rel of RELATIONS.filter((x) => x !== 'city'))
		for (const role of ROLES)
			adds.push({ csrf: admin.csrf, login: loginOf(rel, role), display_name: `${rel}-${role}`, agency: AGENCY[rel], role, password: PASSWORD });
	/* an account of the handling agency that others' account actions name */
	adds.push({ csrf: admin.csrf, login: 'own.target', display_name: 'own-target', agency: H, role: 'handler', password: PASSWORD });
	for (let i = 0; i < adds.length; i += 4)
		for (const r of await Promise.all(adds.slice(i, i + 4).map((f) => admin.post('/staff/users', f))))
			assert.equal(r.status, 201, r.text.slice(0, 800));
	mark('accounts');
	const clients = {};
	for (const rel of RELATIONS) {
		const made = await Promise.all(ROLES.map((role) => staffClient(srv, loginOf(rel, role))));
		clients[rel] = Object.fromEntries(ROLES.map((role, k) => [role, made[k]]));
	}
	mark('logins');
	const own = clients.own;
	const ids = { agency: H, year: String(new Date().getFullYear() - 1) };

	// the application: registered with the scanned letter, assigned, a note
	// naming the applicant, a reply drafted from the template
	const fd = new FormData();
	const fields = {
		agency: H, applicant_type: 'natural_person', ...PLANTED, description: '阳高县某项目环评批复文件',
		delivery: 'email', channel: 'in_person', note: `申请人${PLANTED.name}来信，电话${PLANTED.phone}`,
	};
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	fd.append('file', new Blob([SCAN]), '申请书扫描件.pdf');
	r = await own.handler.request('POST', '/api/v1/staff/requests', { body: fd, headers: { 'x-csrf-token': own.handler.csrf } });
	assert.equal(r.status, 201, r.text.slice(0, 800));
	ids.code = r.json.tracking_code;
	r = await json(own.reviewer, 'POST', `/api/v1/staff/requests/${ids.code}/actions`, { action: 'assign', handler: 'own.handler' });
	assert.equal(r.status, 200, r.text.slice(0, 800));
	r = await json(own.handler, 'POST', `/api/v1/staff/requests/${ids.code}/actions`,
		{ action: 'draft_reply', outcome: 'disclosed', note: `已与${PLANTED.name}（${PLANTED.email}）电话确认` });
	assert.equal(r.status, 200, r.text.slice(0, 800));
	assert.ok(r.json.letter.includes(PLANTED.name), 'the template names the applicant');
	r = await own.handler.get(`/api/v1/staff/requests/${ids.code}`);
	ids.scan = r.json.attachments[0].id;

	// a published item with a file
	const item = new FormData();
	const itemFields = {
		csrf: own.editor.csrf, revision: '0', agency: H, title: '阳高县环保局访问测试信息', topic: '10.3', genre: 'notice',
		column: '', doc_no: '', written: '', published: '', normative: '', effective: '', keywords: '', summary: '',
		body: '正文', attachments: '', interp_kind: '', interprets: '', ch_website: '1', action: 'publish',
	};
	for (const [k, v] of Object.entries(itemFields)) item.append(k, v);
	item.append('files', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), '附件.pdf');
	r = await own.editor.request('POST', '/staff/items', { body: item });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	ids.item = /\/items\/(\d+)/.exec(r.headers.get('location'))[1];
	r = await own.editor.get(`/api/v1/items/${ids.item}`);
	ids.file = /\/files\/(\d+)/.exec(r.json.attachments.find((a) => a.sha256).url)[1];
	ids.topic = '10.3';

	// one record of each kind
	r = await json(own.handler, 'POST', '/api/v1/disputes', {
		agency: H, kind: 'review', case_no: '阳复〔2024〕访问-1号', authority: '阳高县人民政府', subject: '对答复不服',
		filed: TODAY, result: 'pending', application: ids.code,
	});
	assert.equal(r.status, 201, r.text.slice(0, 800));
	ids.dispute = String(r.json.id);
	r = await json(own.handler, 'POST', '/api/v1/complaints', { agency: H, received: '2023-03-02', source: '来信', subject: '答复超期', status: 'open' });
	assert.equal(r.status, 201, r.text.slice(0, 800));
	ids.complaint = String(r.json.id);
	r = await json(own.editor, 'POST', '/api/v1/responses', { agency: H, kind: 'interview', held: '2022-06-01', title: '访问测试访谈', channels: ['interview'] });
	assert.equal(r.status, 201, r.text.slice(0, 800));
	ids.response = String(r.json.id);

	// a question of online consultation (issue 15) by the planted person,
	// answered and published (the asker agreed)
	const anon = srv.client();
	const ask = await anon.get(`/consult/new?agency=${H}`);
	r = await anon.post('/consult/new', {
		csrf: csrfFrom(ask.text), ...humanCheck(ask.text), agency: H, subject: '访问测试咨询',
		question: '访问测试的咨询内容', name: PLANTED.name, phone: PLANTED.phone, email: PLANTED.email, consent: '1',
	});
	assert.equal(r.status, 201, r.text.slice(0, 800));
	ids.consultCode = /\/consult\/track\/([A-Z0-9]+)/.exec(r.text)[1];
	r = await own.handler.get('/staff/consultations?view=open');
	ids.consultation = /href="\/staff\/consultations\/(\d+)">访问测试咨询</.exec(r.text)[1];
	r = await own.handler.post(`/staff/consultations/${ids.consultation}`, { csrf: own.handler.csrf, action: 'answer', reply: '访问测试的答复', publish: '1' });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	mark('data');
	return Object.assign(w, { clients, anon: srv.client(), ids });
}

/* PATTERN with its {…} and * filled for the planted objects. */
export function fillPath(pattern, ids) {
	const record = /^\/(?:staff|api\/v1)\/(disputes|complaints|responses)\//.exec(pattern);
	if (/consult/.test(pattern)) // online consultation (issue 15)
		return pattern.replace('{code}', ids.consultCode).replace('{id}', ids.consultation);
	return pattern
		.replace('{code}/files/{id}', `{code}/files/${ids.scan}`)
		.replace(/\{code\}/, () => {
			if (/requests|track/.test(pattern)) return ids.code;
			if (/topic/.test(pattern)) return ids.topic;
			return ids.agency;
		})
		.replace('{year}', ids.year)
		.replace('{file}', ids.file)
		.replace('{part}', '1.xml')
		.replace('{login}', 'own.target')
		.replace('{kind}', 'daily_digest') // a notice kind (issue 15's templates)
		.replace('{id}', () => {
			if (record) return ids[record[1].replace(/s$/, '')];
			return ids.item;
		})
		.replace('*', 'gongkai.css');
}

/* A value the router accepts for parameter P (a route's spec). */
export function sampleValue(p, ids) {
	if (p.name === 'agency') return ids.agency;
	if (p.name === 'year') return ids.year;
	if (p.kind === 'enum') return p.choices.find((c) => c !== '') ?? '';
	if (p.kind === 'int') return String(Math.max(p.min, Math.min(p.max, 1)));
	if (p.kind === 'date') return TODAY;
	if (p.kind === 'token') return 'probe';
	if (p.kind === 'file') return undefined;
	return '访问测试';
}
