// Several servers on one database behind nginx behave as one site (issue
// 14): three `gongkai serve` on the same database, nginx in front with
// round-robin, and the client's address passed in X-Forwarded-For
// (--trusted-proxy 127.0.0.1). Sessions, CSRF tokens, the proof of work,
// publications and the page cache, 索引号 serials, tracking codes and the
// limits are checked across servers, through nginx and on each server
// directly. docs/serving.md, "Several servers on one database".
//
// GONGKAI_E2E_DB (optional): the database address the servers share
// (e.g. a PostgreSQL one prepared by the caller); by default a demo SQLite
// file made here.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, PASSWORD, csrfFrom, gk, humanCheck, login, makeDemoDb, startServer, tempDir } from './lib.mjs';

const NGINX = '/usr/sbin/nginx';
const skip = fs.existsSync(NGINX) ? false : `nginx not installed (${NGINX}; Debian: apt-get install nginx-light)`;

let servers = [], nginx = null, front = null, db = null, dir = null;

/* A free loopback port (taken, then released for nginx to bind). */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/* Starts nginx in DIR in front of UPSTREAMS (base URLs), round-robin. */
async function startNginx(dir, upstreams) {
	const port = await freePort();
	const conf = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
	log_format upstream '$remote_addr "$request" $status $upstream_addr';
	access_log ${dir}/access.log upstream;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	upstream gongkai {
${upstreams.map((u) => `		server ${new URL(u).host};`).join('\n')}
	}
	server {
		listen 127.0.0.1:${port};
		client_max_body_size 64m;
		location / {
			proxy_pass http://gongkai;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_next_upstream off;
		}
	}
}
`;
	fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
	const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d) => { stderr += d; });
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		if (child.exitCode !== null) break;
		try {
			if ((await fetch(url + '/api/v1/health')).status === 200) return { child, url, dir };
		} catch { /* not listening yet */ }
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill('SIGKILL');
	let log = '';
	try { log = fs.readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { /* none */ }
	throw new Error(`nginx did not start: ${stderr}\n${log}`);
}

before(async () => {
	if (skip) return;
	dir = tempDir();
	db = process.env.GONGKAI_E2E_DB || makeDemoDb(dir);
	// intake limit 3 a minute per address (the default), to check it counts across servers
	for (let i = 0; i < 3; i++)
		servers.push(await startServer({ db, dir, intakeLimit: 3, extraArgs: ['--trusted-proxy', '127.0.0.1'] }));
	const ndir = path.join(dir, 'nginx');
	fs.mkdirSync(ndir);
	nginx = await startNginx(ndir, servers.map((s) => s.url));
	front = nginx.url;
});

after(async () => {
	nginx?.child.kill('SIGTERM');
	// a clean stop of every server (exit 0, no sanitizer report)
	for (const s of servers) await s.stop();
});

/* A client of base URL BASE that can be moved to another server with its cookies. */
function clientOn(base, from) {
	return new Client(base, from ? { from } : {});
}

/* The same request on every server directly: their statuses. */
async function onEach(c, p) {
	const statuses = [];
	const home = c.base;
	for (const s of servers) {
		c.base = s.url;
		statuses.push((await c.get(p)).status);
	}
	c.base = home;
	return statuses;
}

/* The item form (as catalogue.test.mjs sends it) publishing TITLE at once. */
function publishForm(csrf, title, fields = {}) {
	return {
		csrf, revision: '0', agency: '035200000', title, topic: '10.3', genre: 'notice', column: '',
		doc_no: '', written: '', published: '2019-06-01 10:00', normative: '', effective: '', keywords: '',
		summary: '', body: '集群测试正文。', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'publish', ...fields,
	};
}

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '集群测试人', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503527788', email: '', address: '',
	description: '集群测试所需的信息', doc_no: '', delivery: 'online', medium: '',
};

function postJson(c, p, body) {
	return c.request('POST', p, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

describe('three servers on one database behind nginx', { skip }, () => {
	test('nginx spreads the requests over the three servers', async () => {
		const c = clientOn(front);
		for (let i = 0; i < 6; i++) assert.equal((await c.get('/api/v1/health')).status, 200);
		const log = fs.readFileSync(path.join(nginx.dir, 'access.log'), 'utf8');
		const upstreams = new Set(log.split('\n').filter(Boolean).map((l) => l.split(' ').pop()));
		assert.deepEqual([...upstreams].sort(), servers.map((s) => new URL(s.url).host).sort(),
			'round-robin: every server answered');
	});

	test('a login on one server is valid on the others; a logout on another ends it everywhere', async () => {
		const [A, B, C] = servers;
		const c = clientOn(A.url);
		await login(c, 'editor');
		assert.deepEqual(await onEach(c, '/staff'), [200, 200, 200], 'the session cookie from A works on A, B and C');
		c.base = front;
		for (let i = 0; i < 3; i++) assert.equal((await c.get('/staff')).status, 200, 'and through nginx');
		// the logout form drawn by C, posted to B
		c.base = C.url;
		const page = await c.get('/staff');
		c.base = B.url;
		assert.equal((await c.post('/logout', { csrf: csrfFrom(page.text) })).status, 303);
		assert.deepEqual(await onEach(c, '/staff'), [303, 303, 303], 'logged out on every server');
	});

	test('the session cookie, kept after a logout elsewhere, no longer works on A', async () => {
		const [A, B] = servers;
		const c = clientOn(A.url);
		await login(c, 'editor');
		const cookie = c.cookies.get('gk_session');
		c.base = B.url;
		const page = await c.get('/staff');
		assert.equal((await c.post('/logout', { csrf: csrfFrom(page.text) })).status, 303);
		const replay = clientOn(A.url);
		replay.cookies.set('gk_session', cookie);
		assert.deepEqual(await onEach(replay, '/staff'), [303, 303, 303], 'the old cookie is refused by A, B and C');
	});

	test('a CSRF token from a form drawn by one server is accepted by another (anonymous and signed in)', async () => {
		const [A, B, C] = servers;
		// anonymous: the login form from A, posted to B
		const c = clientOn(A.url, '127.0.0.31');
		const form = await c.get('/login');
		c.base = B.url;
		const r = await c.post('/login', { csrf: csrfFrom(form.text), login: 'handler', password: PASSWORD, next: '' });
		assert.equal(r.status, 303, r.text.slice(0, 500));
		c.base = C.url;
		assert.equal((await c.get('/staff')).status, 200, 'signed in through B, valid on C');
		// signed in: the new-item form from B, posted to C
		const e = clientOn(C.url);
		await login(e, 'editor');
		e.base = B.url;
		const f = await e.get('/staff/items/new');
		e.base = C.url;
		const saved = await e.post('/staff/items', publishForm(csrfFrom(f.text), '集群测试：跨服务器令牌', { action: 'save' }));
		assert.equal(saved.status, 303, saved.text.slice(0, 800));
		// a wrong token is still refused there
		const bad = await e.post('/staff/items', publishForm('0'.repeat(64), '集群测试：假令牌', { action: 'save' }));
		assert.equal(bad.status, 403);
	});

	test('the proof of work from one server verifies on another, once across all', async () => {
		const [A, B, C] = servers;
		const c = clientOn(A.url, '127.0.0.32');
		const form = await c.get('/apply');
		assert.equal(form.status, 200);
		const body = { csrf: csrfFrom(form.text), ...PERSON, ...humanCheck(form.text) };
		c.base = B.url;
		const r = await c.post('/apply', body);
		assert.equal(r.status, 201, r.text.slice(0, 500));
		c.base = C.url;
		const again = await c.post('/apply', body);
		assert.equal(again.status, 409, 'a challenge serves one application, on any server');
		assert.match(again.text, /安全验证已经用过/);
	});

	test('a publication through A is listed and found on B and C at once; the cached /items is not stale', async () => {
		const [A, B, C] = servers;
		const pub = clientOn(B.url);
		// warm the page cache of every server (anonymous pages are kept)
		for (const s of servers) {
			pub.base = s.url;
			assert.equal((await pub.get('/items')).status, 200);
			const again = await pub.get('/items');
			assert.ok(again.headers.get('etag'), 'the listing is a kept page');
		}
		const title = '集群测试：即时可见的通知' + Date.now();
		const e = clientOn(A.url);
		await login(e, 'editor');
		const f = await e.get('/staff/items/new');
		const r = await e.post('/staff/items', publishForm(csrfFrom(f.text), title, { published: '' }));
		assert.equal(r.status, 303, r.text.slice(0, 800));
		const id = Number(/\/items\/(\d+)/.exec(r.headers.get('location'))[1]);
		for (const s of [B, C, A]) {
			pub.base = s.url;
			const list = await pub.get('/items');
			assert.ok(list.text.includes(title), `/items on ${s.url} lists the new item at once`);
			const q = await pub.get('/items?q=' + encodeURIComponent('即时可见的通知'));
			assert.ok(q.text.includes(`/items/${id}"`), `search on ${s.url} finds it`);
			const api = await pub.get('/api/v1/items?q=' + encodeURIComponent('即时可见'));
			assert.ok(api.json.items.some((it) => it.id === id), `the API on ${s.url} finds it`);
			assert.equal((await pub.get(`/items/${id}`)).status, 200);
		}
		pub.base = front;
		for (let i = 0; i < 3; i++)
			assert.ok((await pub.get('/items')).text.includes(title), 'and through nginx, whichever server answers');
	});

	test('30 publications in parallel over the three servers get 30 distinct 索引号, no gap', async () => {
		const editors = [];
		for (const s of servers) {
			const e = clientOn(s.url);
			await login(e, 'editor');
			editors.push(e);
		}
		const forms = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
			const e = editors[i % 3];
			const f = await e.get('/staff/items/new');
			return { e, csrf: csrfFrom(f.text) };
		}));
		const results = await Promise.all(forms.map(({ e, csrf }, i) =>
			e.post('/staff/items', publishForm(csrf, `集群测试并发发布第${i + 1}号`, { published: '2019-06-01 10:00' }))));
		for (const r of results) assert.equal(r.status, 303, r.text.slice(0, 800));
		const ids = results.map((r) => Number(/\/items\/(\d+)/.exec(r.headers.get('location'))[1]));
		assert.equal(new Set(ids).size, 30);
		const pub = clientOn(servers[1].url);
		const numbers = [];
		for (const id of ids) {
			const r = await pub.get(`/api/v1/items/${id}`);
			assert.equal(r.status, 200);
			numbers.push(r.json.index_no);
		}
		assert.equal(new Set(numbers).size, 30, `distinct: ${numbers}`);
		const m = numbers.map((n) => /^035200000\/2019-(\d{5})$/.exec(n));
		assert.ok(m.every(Boolean), `one series: ${numbers}`);
		const serials = m.map((x) => Number(x[1])).sort((a, b) => a - b);
		assert.equal(serials[29] - serials[0], 29, `no gap: ${serials}`);
	});

	test('applications submitted in parallel on different servers get distinct tracking codes', async () => {
		const posts = Array.from({ length: 24 }, (_, i) => {
			const c = clientOn(servers[i % 3].url, `127.0.3.${i + 1}`);
			return postJson(c, '/api/v1/requests', { ...PERSON, description: `集群并发申请${i + 1}` });
		});
		const results = await Promise.all(posts);
		for (const r of results) assert.equal(r.status, 201, r.text.slice(0, 500));
		const codes = results.map((r) => r.json.tracking_code);
		assert.equal(new Set(codes).size, 24, `distinct: ${codes}`);
		// each is found on every server
		const c = clientOn(servers[0].url, '127.0.3.200');
		for (const code of codes.slice(0, 6))
			assert.deepEqual(await onEach(c, `/api/v1/requests/${code}`), [200, 200, 200]);
	});

	test('failed logins spread over the servers meet the same delay as on one', async () => {
		const [A, B, C] = servers;
		const c = clientOn(A.url, '127.0.0.41');
		const statuses = [];
		for (const s of [A, B, C]) {
			c.base = s.url;
			const form = await c.get('/login');
			statuses.push((await c.post('/login', { csrf: csrfFrom(form.text), login: 'reviewer', password: 'wrong', next: '' })).status);
		}
		assert.deepEqual(statuses, [401, 401, 401], 'three free tries, one on each server');
		for (const s of [A, B, C]) {
			c.base = s.url;
			const form = await c.get('/login');
			const r = await c.post('/login', { csrf: csrfFrom(form.text), login: 'reviewer', password: PASSWORD, next: '' });
			assert.equal(r.status, 429, `the fourth try waits on ${s.url} too`);
			assert.ok(Number(r.headers.get('retry-after')) >= 1);
		}
		// through nginx: the client's own address counts, not the proxy's
		const other = clientOn(front, '127.0.0.42');
		const form = await other.get('/login');
		const ok = await other.post('/login', { csrf: csrfFrom(form.text), login: 'reviewer', password: PASSWORD, next: '' });
		assert.equal(ok.status, 303, 'another address is not slowed');
	});

	test('the intake limit per address counts across servers, through nginx by X-Forwarded-For', async () => {
		const c = clientOn(front, '127.0.0.51');
		const seen = [];
		for (let i = 0; i < 4; i++)
			seen.push((await postJson(c, '/api/v1/requests', { ...PERSON, agency: '035201000', description: `限额${i}` })).status);
		assert.deepEqual(seen, [201, 201, 201, 429], 'three a minute from one address, whichever server took them');
		// on each server directly, the same address (no proxy) is its own
		const direct = clientOn(servers[2].url, '127.0.0.52');
		const s2 = [];
		for (const s of servers) {
			direct.base = s.url;
			s2.push((await postJson(direct, '/api/v1/requests', { ...PERSON, agency: '035201000', description: '直连' })).status);
		}
		direct.base = servers[0].url;
		s2.push((await postJson(direct, '/api/v1/requests', { ...PERSON, agency: '035201000', description: '直连' })).status);
		assert.deepEqual(s2, [201, 201, 201, 429]);
		// another client through nginx is not affected by either
		const third = clientOn(front, '127.0.0.53');
		assert.equal((await postJson(third, '/api/v1/requests', { ...PERSON, agency: '035201000', description: '别人' })).status, 201);
	});

	test('tracking-code lookups per address count across servers', async () => {
		const c = clientOn(front, '127.0.0.61');
		const seen = [];
		for (let i = 0; i < 31; i++) seen.push((await c.get(`/api/v1/requests/ABCDEFGH2${i % 10}`)).status);
		assert.ok(seen.slice(0, 30).every((s) => s === 404), `${seen}`);
		assert.equal(seen[30], 429, 'the 31st miss in an hour, over three servers');
		const direct = clientOn(servers[1].url, '127.0.0.62');
		assert.equal((await direct.get('/api/v1/requests/ABCDEFGH22')).status, 404, 'another address is not affected');
	});

	test('a holiday year stored by another process is used by every server at once', async () => {
		const admin = clientOn(servers[0].url);
		await login(admin, 'admin');
		const known = async () => {
			const years = [];
			for (const s of servers) {
				admin.base = s.url;
				const r = await admin.get('/staff/holidays');
				assert.equal(r.status, 200);
				years.push(/<span id="known-years">([^<]*)<\/span>/.exec(r.text)[1].split(' ').map(Number));
			}
			return years;
		};
		const year = Math.max(...(await known())[0]) + 1;
		assert.ok((await known()).every((ys) => !ys.includes(year)));
		const file = path.join(dir, `${year}.txt`);
		fs.writeFileSync(file, `year ${year}\n${year}-01-01 off 元旦\n`);
		const r = gk(['holidays', 'load', '--db', db, file]);
		assert.equal(r.status, 0, r.stderr);
		assert.ok((await known()).every((ys) => ys.includes(year)), 'every server has the new year');
	});
});
