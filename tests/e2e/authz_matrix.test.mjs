// The authorization matrix: every route of the route table (`gongkai routes
// --json`) × every role × every relation to the agency that owns the object
// the address names (its own staff, its parent's, a child's, a sibling's,
// the city office's, anonymous) → allow or deny, checked end to end. The
// expectation comes from the route's declared roles and login flag and the
// scope rules declared below (docs/security.md), never from the server.
//
// GET is sent as it is. Other methods carry the CSRF token: where a deny is
// expected, with the route's required parameters filled in (so the request
// reaches the handler's own check, and a deny is not a mere 400); where an
// allow is expected, with no fields (the request passes the gate and is
// refused for what is missing, changing nothing).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { RELATIONS, ROLES, fillPath, routeTable, sampleValue, setUp } from './access_fixture.mjs';

const w = {};
let routes;
before(async () => {
	routes = routeTable();
	await setUp(w);
});
after(() => w.srv?.kill());

/* --- the declared rules --------------------------------------------------------- */

/* Who may reach an object of the handling agency, by relation. */
const SUBTREE = new Set(['own', 'parent', 'city']); // staff see their agency's subtree; the city office all
const PERSONAL = new Set(['own', 'city']); // the applicant's data: the handling agency and the city office
const CITY = new Set(['city']); // settings of the whole city

/* The scope rule of each address that names an object (first match). */
const SCOPES = [
	[/^\/staff\/requests\/\{code\}\/files\/\{id\}$/, PERSONAL],
	[/^\/(api\/v1\/)?staff\/requests\/\{code\}/, SUBTREE],
	[/^\/staff\/items\/\{id\}/, SUBTREE],
	[/^\/staff\/agencies\/\{code\}$/, SUBTREE],
	[/^\/(staff|api\/v1)\/(disputes|complaints|responses)\/\{id\}/, SUBTREE],
	[/^\/staff\/reports\/\{code\}\/\{year\}/, SUBTREE],
	[/^\/api\/v1\/reports\/\{code\}\/\{year\}\/texts$/, SUBTREE],
	[/^\/staff\/users\/\{login\}$/, SUBTREE], // an account of the handling agency
	[/^\/staff\/consultations\/\{id\}$/, SUBTREE], // online consultation (issue 15)
	[/^\/staff\/notice-templates(\/|$)/, CITY], // notice templates are the city's (issue 15)
];

/* Rules a handler adds to its route's roles (method and pattern). */
/* (a rule for a route not in the table is harmless: it is never asked) */
const EXTRA = {
	'POST /staff/holidays': { relations: CITY }, // the official calendar is the city's
	'POST /staff/supervision/weights': { relations: CITY, roles: ['admin', 'editor'] },
	'GET /staff/audit': { relations: CITY }, // the audit log is the city office's
};

/* Public routes taking a body are not gated by login or role: their own
 * checks (the human check, the tracking secret, the login form) are other
 * tests'. */
function inMatrix(route, method) {
	return route.flags.includes('login') || method === 'GET';
}

function scopeOf(pattern) {
	const hit = SCOPES.find(([re]) => re.test(pattern));
	return hit ? hit[1] : null;
}

/* 'allow', or the reason for a deny: 'login', 'role', 'scope'. */
function expected(route, method, relation, role) {
	if (!route.flags.includes('login')) return 'allow';
	if (relation === 'anonymous') return 'login';
	const extra = EXTRA[`${method} ${route.pattern}`] || {};
	const roles = extra.roles || route.roles;
	if (roles.length && !roles.includes(role)) return 'role';
	const scope = scopeOf(route.pattern);
	if (scope && !scope.has(relation)) return 'scope';
	if (extra.relations && !extra.relations.has(relation)) return 'scope';
	return 'allow';
}

/* --- the requests ----------------------------------------------------------------- */

/* Fields a denied request carries beyond the required ones, so that it is
 * well-formed enough to reach the check that must refuse it. */
const FILL = {
	'POST /staff/holidays': () => ({ text: 'year 2099\n2099-01-01 off 元旦\n' }),
	'POST /staff/supervision/weights': (route) =>
		Object.fromEntries(route.params.filter((p) => p.name.startsWith('w_')).map((p) => [p.name, '1'])),
};

/* The fields of a request that should be refused: the required ones, the
 * route's FILL, and for a JSON body the route leaves to its handler
 * (records) the revision an update needs. */
function denyFields(route, method) {
	const fields = {};
	for (const p of route.params) {
		if (!p.required) continue;
		const v = sampleValue(p, w.ids);
		if (v !== undefined) fields[p.name] = v;
	}
	if (route.flags.includes('json') && !route.params.length && /\{id\}$/.test(route.pattern))
		fields.revision = 1;
	return { ...fields, ...(FILL[`${method} ${route.pattern}`]?.(route) || {}) };
}

function body(route, method, c, want) {
	const fields = want === 'allow' ? {} : denyFields(route, method);
	if (route.flags.includes('json'))
		return { body: JSON.stringify(fields), headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf || '' } };
	return {
		body: new URLSearchParams({ ...(c.csrf ? { csrf: c.csrf } : {}), ...fields }).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	};
}

function send(c, route, method, want) {
	let p = fillPath(route.pattern, w.ids);
	if ((method === 'GET' || method === 'DELETE') && want !== 'allow') {
		const q = new URLSearchParams(denyFields(route, method)).toString();
		if (q) p += '?' + q;
	}
	if (method === 'GET') return c.get(p, { noHtmlCheck: true });
	if (method === 'DELETE') {
		return c.request('DELETE', p, { headers: { 'x-csrf-token': c.csrf || '' }, noHtmlCheck: true });
	}
	return c.request(method, p, { ...body(route, method, c, want), noHtmlCheck: true });
}

function verdict(r) {
	if (r.status >= 500) return `error ${r.status}`;
	if (r.status === 303 && (r.headers.get('location') || '').startsWith('/login')) return 'login';
	if (r.status === 401) return 'login';
	if (r.status === 403 || r.status === 404) return 'deny';
	return 'allow';
}

function agrees(want, got) {
	if (want === 'allow') return got === 'allow';
	if (want === 'login') return got === 'login';
	return got === 'deny';
}

/* Every case, grouped so that nothing a case may change comes before a
 * case that reads it: GETs, then denied writes, then allowed writes. */
function cases() {
	const out = [];
	const who = [['anonymous', null], ...RELATIONS.flatMap((rel) => ROLES.map((role) => [rel, role]))];
	for (const route of routes)
		for (const method of route.methods) {
			if (!inMatrix(route, method)) continue;
			for (const [relation, role] of who) {
				// public: anonymous and one staff member (nothing to vary)
				if (!route.flags.includes('login') && role && !(relation === 'own' && role === 'handler')) continue;
				const want = expected(route, method, relation, role);
				out.push({ route, method, relation, role, want, order: method === 'GET' ? 0 : want === 'allow' ? 2 : 1 });
			}
		}
	return out.sort((a, b) => a.order - b.order);
}

test('every route has its scope declared when its address names an object', () => {
	const missing = routes.filter((r) => r.flags.includes('login') && /\{/.test(r.pattern) && !scopeOf(r.pattern)).map((r) => r.pattern);
	assert.deepEqual(missing, []);
});

test('the matrix: every route × role × relation gets the declared allow or deny', async () => {
	const all = cases();
	const wrong = [];
	const tally = { allow: 0, login: 0, role: 0, scope: 0 };
	/* four at a time within a group; the groups in order */
	for (const order of [0, 1, 2]) {
		const group = all.filter((k) => k.order === order);
		for (let i = 0; i < group.length; i += 4)
			await Promise.all(group.slice(i, i + 4).map(async (k) => {
				const c = k.role ? w.clients[k.relation][k.role] : w.anon;
				const r = await send(c, k.route, k.method, k.want);
				const got = verdict(r);
				tally[k.want]++;
				if (!agrees(k.want, got))
					wrong.push(`${k.method} ${k.route.pattern} as ${k.role ? `${k.relation} ${k.role}` : 'anonymous'}: want ${k.want}, got ${r.status} ${r.text.slice(0, 120).replace(/\s+/g, ' ')}`);
			}));
	}
	assert.deepEqual(wrong, []);
	assert.ok(tally.allow > 100 && tally.role > 100 && tally.scope > 50 && tally.login > 50, JSON.stringify(tally));
});
