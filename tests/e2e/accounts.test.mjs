// Accounts (issue 13): the password policy wherever a password is set, staff
// changing their own password, an administrator disabling, enabling and
// forcing a reset, sessions that expire and rotate, Secure cookies and HSTS
// over https, and the audit log the city office reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, login, csrfFrom, gk, tempDir, makeDemoDb, PASSWORD, unescapeHtml, TODAY, addDays } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HBJ = '035205000';

async function staffOk(c) {
	const r = await c.get('/staff');
	return r.status === 200;
}

async function adminPost(c, p, fields) {
	const page = await c.get('/staff/users');
	assert.equal(page.status, 200);
	return c.post(p, { csrf: csrfFrom(page.text), ...fields });
}

test('the password policy holds on the admin page and the command line', async () => {
	const srv = await startServer();
	try {
		const a = srv.client();
		await login(a, 'admin');
		const weak = [
			['aaaaaaaaaa', '重复'], ['1234567890', '规律'], ['password12', '常见密码'],
			['          ', '空格'], ['政府信息公', '至少需要10个字符'], ['qwertyuiop', '规律'],
			['new.clerk.2024', '账号名'],
		];
		for (const [pw, why] of weak) {
			const r = await adminPost(a, '/staff/users', { login: 'new.clerk', display_name: '新人', agency: HBJ, role: 'editor', password: pw });
			assert.equal(r.status, 400, `${JSON.stringify(pw)} accepted`);
			assert.ok(unescapeHtml(r.text).includes(why), `${JSON.stringify(pw)}: no "${why}" in the message`);
		}
		const ok = await adminPost(a, '/staff/users', { login: 'new.clerk', display_name: '新人', agency: HBJ, role: 'editor', password: '环保局信息公开专员小王' });
		assert.equal(ok.status, 201);
		const nc = srv.client();
		await login(nc, 'new.clerk', '环保局信息公开专员小王');
	} finally {
		await srv.stop();
	}
	const dir = tempDir();
	const db = makeDemoDb(dir);
	for (const pw of ['aaaaaaaaaa', 'password12', 'cli.user12345']) {
		const r = gk(['user', 'add', '--db', db, '--login', 'cli.user', '--name', '某', '--agency', HBJ, '--role', 'editor', '--password-stdin'], { input: pw + '\n' });
		assert.notEqual(r.status, 0, `cli accepted ${pw}`);
		assert.match(r.stderr, /密码/);
	}
	const passwd = gk(['user', 'passwd', '--db', db, '--login', 'editor', '--password-stdin'], { input: '1234567890\n' });
	assert.notEqual(passwd.status, 0);
	const demo = gk(['demo', '--db', path.join(dir, 'weak.db'), '--password', 'password12']);
	assert.notEqual(demo.status, 0);
});

test('staff change their own password; their other sessions end', async () => {
	const srv = await startServer();
	try {
		const a = srv.client(), b = srv.client();
		await login(a, 'hbj.editor');
		await login(b, 'hbj.editor');
		const form = await a.get('/staff/password');
		assert.equal(form.status, 200);
		const csrf = csrfFrom(form.text);
		const wrong = await a.post('/staff/password', { csrf, current: 'not-my-password', password: 'green-river-lantern', again: 'green-river-lantern' });
		assert.equal(wrong.status, 400);
		assert.match(unescapeHtml(wrong.text), /“当前密码”不正确/);
		const differ = await a.post('/staff/password', { csrf, current: PASSWORD, password: 'green-river-lantern', again: 'green-river-lanterx' });
		assert.equal(differ.status, 400);
		const weak = await a.post('/staff/password', { csrf, current: PASSWORD, password: 'hbj.editor2024', again: 'hbj.editor2024' });
		assert.equal(weak.status, 400);
		assert.match(unescapeHtml(weak.text), /账号名/);
		const nocsrf = await a.post('/staff/password', { current: PASSWORD, password: 'green-river-lantern', again: 'green-river-lantern' });
		assert.equal(nocsrf.status, 403);
		assert.ok(await staffOk(b), 'failed attempts end no session');
		const done = await a.post('/staff/password', { csrf, current: PASSWORD, password: 'green-river-lantern', again: 'green-river-lantern' });
		assert.equal(done.status, 200);
		assert.ok(await staffOk(a), 'the session that changed it stays');
		assert.equal(!(await staffOk(b)), true, 'the other session ended');
		const old = srv.client();
		const form2 = await old.get('/login');
		const r = await old.post('/login', { csrf: csrfFrom(form2.text), login: 'hbj.editor', password: PASSWORD });
		assert.equal(r.status, 401);
		await login(srv.client(), 'hbj.editor', 'green-river-lantern');
	} finally {
		await srv.stop();
	}
});

test('an administrator disables and enables an account; sessions end at once', async () => {
	const srv = await startServer();
	try {
		const a = srv.client(), e = srv.client();
		await login(a, 'admin');
		await login(e, 'hbj.editor');
		assert.ok(await staffOk(e));
		const users = await a.get('/staff/users');
		assert.match(users.text, /action="\/staff\/users\/hbj\.editor"/);
		const dis = await adminPost(a, '/staff/users/hbj.editor', { action: 'disable' });
		assert.equal(dis.status, 200);
		assert.match(dis.text, /账号已停用/);
		assert.equal(await staffOk(e), false, 'a disabled account is out at once');
		const e2 = srv.client();
		const f = await e2.get('/login');
		const refused = await e2.post('/login', { csrf: csrfFrom(f.text), login: 'hbj.editor', password: PASSWORD });
		assert.equal(refused.status, 401);
		const en = await adminPost(a, '/staff/users/hbj.editor', { action: 'enable' });
		assert.equal(en.status, 200);
		await login(srv.client(), 'hbj.editor');
		// a county administrator manages no city bureau's accounts, nobody disables himself
		const yg = srv.client();
		await login(yg, 'yg.admin');
		const out = await adminPost(yg, '/staff/users/hbj.editor', { action: 'disable' });
		assert.equal(out.status, 403);
		const self = await adminPost(a, '/staff/users/admin', { action: 'disable' });
		assert.equal(self.status, 400);
		// an editor is no administrator
		const ed = srv.client();
		await login(ed, 'editor');
		const page = await ed.get('/staff');
		const no = await ed.post('/staff/users/hbj.editor', { csrf: csrfFrom(page.text), action: 'disable' });
		assert.equal(no.status, 403);
	} finally {
		await srv.stop();
	}
});

test('a forced reset makes the account set a new password first', async () => {
	const srv = await startServer();
	try {
		const a = srv.client(), e = srv.client();
		await login(a, 'admin');
		await login(e, 'editor');
		const r = await adminPost(a, '/staff/users/editor', { action: 'reset', password: 'temporary-key-4821' });
		assert.equal(r.status, 200);
		assert.match(r.text, /待设置新密码/);
		assert.equal(await staffOk(e), false, 'its sessions ended');
		const e2 = srv.client();
		await login(e2, 'editor', 'temporary-key-4821');
		const home = await e2.get('/staff');
		assert.equal(home.status, 303);
		assert.equal(home.headers.get('location'), '/staff/password');
		const items = await e2.get('/staff/items');
		assert.equal(items.headers.get('location'), '/staff/password');
		const form = await e2.get('/staff/password');
		assert.equal(form.status, 200);
		assert.match(form.text, /管理员要求您设置新密码/);
		const csrf = csrfFrom(form.text);
		const api = await e2.get('/api/v1/staff/items');
		assert.ok(api.status === 403 || api.status === 404, `api: ${api.status}`);
		const done = await e2.post('/staff/password', { csrf, current: 'temporary-key-4821', password: 'autumn-ledger-quill', again: 'autumn-ledger-quill' });
		assert.equal(done.status, 200);
		assert.ok(await staffOk(e2), 'free again once changed');
	} finally {
		await srv.stop();
	}
});

test('sessions end after the idle timeout and the absolute lifetime', async () => {
	const srv = await startServer({ extraArgs: ['--session-idle', '2', '--session-max', '5'] });
	try {
		const idle = srv.client();
		await login(idle, 'editor');
		assert.ok(await staffOk(idle));
		await sleep(3200);
		assert.equal(await staffOk(idle), false, 'idle past 2 s');

		const busy = srv.client();
		await login(busy, 'editor');
		const start = Date.now();
		while (Date.now() - start < 4000) {
			assert.ok(await staffOk(busy), 'in use, within its lifetime');
			await sleep(800);
		}
		await sleep(Math.max(0, 6200 - (Date.now() - start)));
		assert.equal(await staffOk(busy), false, 'past 5 s in all, in use or not');
	} finally {
		await srv.stop();
	}
});

test('a login always gets a new token: a planted cookie is never adopted', async () => {
	const srv = await startServer();
	try {
		const c = srv.client();
		const planted = 'A'.repeat(43);
		c.cookies.set('gk_session', planted);
		await login(c, 'editor');
		const first = c.cookies.get('gk_session');
		assert.notEqual(first, planted);
		const attacker = srv.client();
		attacker.cookies.set('gk_session', planted);
		assert.equal(await staffOk(attacker), false);
		// a second login replaces the first session and ends it
		const form = await c.get('/staff');
		const again = await c.post('/login', { csrf: csrfFrom(form.text), login: 'editor', password: PASSWORD });
		assert.equal(again.status, 303);
		const second = c.cookies.get('gk_session');
		assert.notEqual(second, first);
		const old = srv.client();
		old.cookies.set('gk_session', first);
		assert.equal(await staffOk(old), false, 'the replaced session ended');
		assert.ok(await staffOk(c));
	} finally {
		await srv.stop();
	}
});

test('Secure cookies and HSTS when the base URL is https, not otherwise', async () => {
	const https = await startServer({ extraArgs: ['--base-url', 'https://gk.example.cn'] });
	try {
		const c = https.client();
		const r = await login(c, 'editor');
		assert.ok(r.setCookies.some((l) => l.startsWith('gk_session=') && /;\s*Secure/i.test(l)), r.setCookies.join('\n'));
		const home = await c.get('/');
		assert.match(home.headers.get('strict-transport-security') || '', /max-age=\d+/);
	} finally {
		await https.stop();
	}
	const http = await startServer();
	try {
		const c = http.client();
		const r = await login(c, 'editor');
		assert.ok(!r.setCookies.some((l) => /;\s*Secure/i.test(l)));
		assert.equal((await c.get('/')).headers.get('strict-transport-security'), null);
	} finally {
		await http.stop();
	}
});

test('the audit log: every staff change, with its address, read-only, for the city office', async () => {
	const srv = await startServer();
	try {
		const a = srv.client();
		await login(a, 'admin');
		await adminPost(a, '/staff/users/hbj.editor', { action: 'disable' });
		await adminPost(a, '/staff/users/hbj.editor', { action: 'enable' });
		// a change whose use case keeps its own history (an application
		// registered on paper) is in the log too, as its request
		const h = srv.client();
		await login(h, 'handler');
		const form = await h.get('/staff/requests/new');
		const reg = await h.post('/staff/requests', { csrf: csrfFrom(form.text), agency: '035200000', channel: 'letter', registered_post: '1',
			submitted: addDays(TODAY, -3), signed_for: TODAY, applicant_type: 'natural_person', name: '审计测试人', id_number: '140202199001011234',
			phone: '13503520001', email: 'jia@example.cn', address: '大同市平城区测试路8号', description: '2025年城区道路改造工程的立项批复',
			doc_no: '同政发〔2025〕1号', delivery: 'email', note: '挂号信' });
		assert.equal(reg.status, 303, reg.text.slice(0, 500));
		const log = await a.get('/staff/audit');
		assert.equal(log.status, 200);
		const text = unescapeHtml(log.text);
		for (const what of ['停用账号', '启用账号', '登录', '127.0.0.1', 'admin'])
			assert.ok(text.includes(what), `audit page lacks ${what}`);
		assert.match(text, /<td>handler<\/td><td>127\.0\.0\.1<\/td><td>提交<\/td><td>request<\/td><td>[^<]*<\/td><td>\/staff\/requests（303）<\/td>/);
		// one row per change: the disable is not logged twice
		assert.equal((text.match(/停用账号/g) || []).length, 1);
		// nobody edits it: no route but GET, and the database refuses
		for (const m of ['POST', 'PUT', 'DELETE']) {
			const r = await a.request(m, '/staff/audit');
			assert.ok(r.status === 405 || r.status === 403, `${m}: ${r.status}`);
		}
		// a county administrator does not read the city's log
		const yg = srv.client();
		await login(yg, 'yg.admin');
		assert.equal((await yg.get('/staff/audit')).status, 403);
	} finally {
		await srv.stop();
	}
	const dir = tempDir();
	const db = makeDemoDb(dir);
	gk(['user', 'disable', '--db', db, '--login', 'editor']);
	const upd = spawnSync('sqlite3', [db, "UPDATE audit_log SET detail = 'x'"], { encoding: 'utf8' });
	if (!upd.error) {
		assert.notEqual(upd.status, 0);
		assert.match(upd.stderr, /append-only/);
		const del = spawnSync('sqlite3', [db, 'DELETE FROM audit_log'], { encoding: 'utf8' });
		assert.match(del.stderr, /append-only/);
	}
});
