// Throttling that cannot be turned against users (issue 13): failed logins
// slow the attacker's address only, the client address behind a trusted
// proxy (serve --trusted-proxy), tracking-code lookups limited per address,
// and the human check of /apply (proof of work, else a question limited
// per address and per agency). Addresses are 127.0.0.x on loopback.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PASSWORD, csrfFrom, gk, humanCheck, startServer } from './lib.mjs';

let srv, proxied;
before(async () => {
	srv = await startServer();
	proxied = await startServer({ extraArgs: ['--trusted-proxy', '127.0.0.2', '--trusted-proxy', '10.0.0.0/8,::1'] });
});
after(() => { srv?.kill(); proxied?.kill(); });

/* One login attempt through the real form from CLIENT; HEADERS go with the POST. */
async function tryLogin(client, user, password, headers = {}) {
	const form = await client.get('/login');
	assert.equal(form.status, 200);
	return client.post('/login', { csrf: csrfFrom(form.text), login: user, password, next: '' }, { headers });
}

/* Wrong passwords for USER from CLIENT, waiting out each delay (so the
 * next failure counts and the delay doubles), until the answer is a wait
 * long enough (8 s) that the next request surely meets it however slow the
 * machine: the statuses seen. */
async function hammer(client, user, headers = {}) {
	const seen = [];
	for (let i = 0; i < 12; i++) {
		const r = await tryLogin(client, user, 'wrong-guess-' + i, headers);
		seen.push(r.status);
		const wait = Number(r.headers.get('retry-after'));
		if (r.status === 429 && wait >= 8) return seen;
		if (r.status === 429) await new Promise((res) => setTimeout(res, wait * 1000 + 100));
	}
	assert.fail(`no long wait after ${seen}`);
}

test('an attacker hammering an account is slowed; the owner from another address logs in at once', async () => {
	const attacker = srv.client({ from: '127.0.0.2' });
	const seen = await hammer(attacker, 'editor');
	assert.deepEqual(seen.slice(0, 3), [401, 401, 401], 'three tries are free');
	assert.ok(seen.slice(3).every((s) => s === 401 || s === 429), `${seen}`);
	const slowed = await tryLogin(attacker, 'editor', PASSWORD);
	assert.equal(slowed.status, 429, 'not even the right password is checked from there');
	assert.ok(Number(slowed.headers.get('retry-after')) >= 1, 'Retry-After says how long');
	assert.match(slowed.text, /请\d+秒后再试/);
	// the owner, from his own address, at the same moment
	const owner = srv.client({ from: '127.0.0.3' });
	const r = await tryLogin(owner, 'editor', PASSWORD);
	assert.equal(r.status, 303, r.text.slice(0, 500));
	assert.ok(owner.cookies.has('gk_session'));
});

test('X-Forwarded-For counts only from a trusted proxy (serve --trusted-proxy)', async () => {
	// an untrusted peer forging a new address each time: ignored, the peer waits
	const forger = proxied.client({ from: '127.0.0.3' });
	let n = 0;
	const forged = { get 'x-forwarded-for'() { return `198.51.100.${++n}`; } };
	await hammer(forger, 'handler', forged);
	assert.equal((await tryLogin(forger, 'handler', PASSWORD, { 'x-forwarded-for': '198.51.100.99' })).status, 429,
		'a new forged address does not escape the wait');

	// through the trusted proxy: each client behind it counts alone
	const proxy = proxied.client({ from: '127.0.0.2' });
	await hammer(proxy, 'admin', { 'x-forwarded-for': '203.0.113.5' });
	assert.equal((await tryLogin(proxy, 'admin', PASSWORD, { 'x-forwarded-for': '203.0.113.5' })).status, 429);
	// a client who forged a left part: the proxy's right-most entry counts
	assert.equal((await tryLogin(proxy, 'admin', PASSWORD, { 'x-forwarded-for': '1.2.3.4, 203.0.113.5' })).status, 429);
	// trusted hops are skipped
	assert.equal((await tryLogin(proxy, 'admin', PASSWORD, { 'x-forwarded-for': '203.0.113.5, 10.1.2.3' })).status, 429);
	// another client behind the same proxy logs in at once
	const r = await tryLogin(proxy, 'admin', PASSWORD, { 'x-forwarded-for': '203.0.113.6' });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	// without the option the header never counts, whatever the peer
	const plain = srv.client({ from: '127.0.0.9' });
	n = 0;
	await hammer(plain, 'handler', forged);
	assert.equal((await tryLogin(plain, 'handler', PASSWORD, { 'x-forwarded-for': '203.0.113.77' })).status, 429);
});

test('tracking-code lookups are limited per address, page and API alike', async () => {
	const c = srv.client({ from: '127.0.0.4' });
	const seen = [];
	for (let i = 0; i < 31; i++) {
		const r = await c.get(i % 2 ? '/api/v1/requests/ABCDEFGH2' + (i % 10) : '/track/ABCDEFGH2' + (i % 10));
		seen.push(r.status);
	}
	assert.ok(seen.slice(0, 30).every((s) => s === 404), `${seen}`);
	assert.equal(seen[30], 429);
	const api = await c.get('/api/v1/requests/ABCDEFGH22');
	assert.equal(api.status, 429);
	assert.equal(api.json.code, 'rate_limited');
	assert.match(api.json.error, /[\u4e00-\u9fff]/, 'the reason is in Chinese');
	assert.ok(api.headers.get('retry-after'));
	const page = await c.post('/track/ABCDEFGH22', { csrf: 'x', secret: '1234' });
	assert.ok([403, 429].includes(page.status));
	// another address is not affected
	assert.equal((await srv.client({ from: '127.0.0.5' }).get('/api/v1/requests/ABCDEFGH22')).status, 404);
});

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '限流测试人', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503527788', email: '', address: '',
	description: '限流测试所需的信息', doc_no: '', delivery: 'online', medium: '',
};

function question(html) {
	const m = /<span id="challenge">(\d+) 加 (\d+) 等于多少？<\/span>/.exec(html);
	assert.ok(m, 'the form asks its question for browsers without script');
	return String(Number(m[1]) + Number(m[2]));
}

test('the human check: a proof of work, single use; the question without script is limited per address and per agency', async () => {
	const c = srv.client({ from: '127.0.0.6' });
	const form = await c.get('/apply');
	assert.equal(form.status, 200);
	assert.match(form.text, /<input type="hidden" name="pow" id="a-pow" value="1\.\d+\.16\.[0-9a-f]{24}\.[0-9a-f]{32}">/);
	const csrf = csrfFrom(form.text);
	const human = humanCheck(form.text);
	// a wrong nonce, a forged challenge
	let r = await c.post('/apply', { csrf, ...PERSON, pow: human.pow, pow_nonce: String(Number(human.pow_nonce) + 1) });
	assert.equal(r.status, 400);
	assert.match(r.text, /安全验证未通过/);
	const forged = human.pow.replace(/\.16\./, '.1.');
	r = await c.post('/apply', { csrf, ...PERSON, pow: forged, pow_nonce: '0' });
	assert.equal(r.status, 400);
	assert.match(r.text, /安全验证未通过/);
	// solved: accepted once
	r = await c.post('/apply', { csrf, ...PERSON, ...human });
	assert.equal(r.status, 201, r.text.slice(0, 500));
	r = await c.post('/apply', { csrf, ...PERSON, ...human });
	assert.equal(r.status, 409);
	assert.match(r.text, /安全验证已经用过/);

	// the question (no script): three an hour from an address
	const noScript = srv.client({ from: '127.0.0.8' });
	for (let i = 0; i < 3; i++) {
		const f = await noScript.get('/apply');
		const a = await noScript.post('/apply', { csrf: csrfFrom(f.text), ...PERSON, answer: question(f.text) });
		assert.equal(a.status, 201, `question ${i + 1}: ${a.text.slice(0, 300)}`);
	}
	let f = await noScript.get('/apply');
	r = await noScript.post('/apply', { csrf: csrfFrom(f.text), ...PERSON, answer: question(f.text) });
	assert.equal(r.status, 429);
	assert.match(r.text, /启用浏览器脚本/);
	assert.ok(r.text.includes(PERSON.description), 'what was typed is kept');
	// the same address with the proof of work still goes through
	r = await noScript.post('/apply', { csrf: csrfFrom(f.text), ...PERSON, ...humanCheck(f.text) });
	assert.equal(r.status, 201);

	// and twenty an hour for one agency from every address together
	let refused = null;
	for (let i = 0; i < 20 && !refused; i++) {
		const one = srv.client({ from: `127.0.1.${i + 1}` });
		const g = await one.get('/apply');
		const a = await one.post('/apply', { csrf: csrfFrom(g.text), ...PERSON, answer: question(g.text) });
		if (a.status !== 201) refused = { i, a };
	}
	assert.ok(refused, 'the agency limit of the question was reached');
	assert.equal(refused.a.status, 429);
	assert.equal(refused.i, 20 - 3, 'the first three counted for the agency too');
	// another agency still takes the question
	const other = srv.client({ from: '127.0.2.1' });
	f = await other.get('/apply');
	r = await other.post('/apply', { csrf: csrfFrom(f.text), ...PERSON, agency: '035201000', answer: question(f.text) });
	assert.notEqual(r.status, 429, r.text.slice(0, 300));
});

test('serve refuses a bad --trusted-proxy or --intake-limit before it starts', () => {
	for (const args of [['--trusted-proxy', 'proxy.example.org'], ['--trusted-proxy', '10.0.0.0/33'], ['--trusted-proxy', ''],
		['--intake-limit', '-1'], ['--intake-limit', 'many']]) {
		const r = gk(['serve', '--db', srv.db, '--listen', '127.0.0.1:0', ...args]);
		assert.equal(r.status, 2, `${args}: ${r.stderr}`);
		assert.match(r.stderr, /--(trusted-proxy|intake-limit)/);
	}
});

test('the servers stop cleanly', async () => {
	await srv.stop();
	await proxied.stop();
});
