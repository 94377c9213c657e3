// The command line end to end: help, usage errors (exit 2), errors the user
// can fix (exit 1, one clear line), and a user add/list/passwd round trip
// checked by logging in over HTTP with the passwords the CLI set.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { PASSWORD, gk, login, makeDemoDb, startServer, tempDir } from './lib.mjs';

const dir = tempDir('gongkai-cli-');
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/* The commands `gongkai --help` lists — so a new command is covered here
 * the day it is added. */
function commands() {
	const r = gk(['--help']);
	const names = [...r.stdout.matchAll(/^ {2}([a-z][a-z-]*) +\S/gm)].map((m) => m[1]);
	return names;
}

test('gongkai --help lists the commands and exits 0', () => {
	for (const args of [['--help'], ['-h'], ['help']]) {
		const r = gk(args);
		assert.equal(r.status, 0, args.join(' '));
		assert.match(r.stdout, /^usage: gongkai <command>/);
		assert.equal(r.stderr, '');
	}
	const names = commands();
	for (const n of ['init', 'demo', 'serve', 'user', 'agency', 'version']) assert.ok(names.includes(n), `lists ${n}`);
});

const HELP = [
	// every command, and the user subcommands
	...commands().map((c) => [c, '--help']),
	...commands().map((c) => [c, '-h']),
	['user', 'add', '--help'], ['user', 'list', '--help'], ['user', 'passwd', '--help'],
	['agency', 'add', '--help'], ['agency', 'list', '--help'],
];

for (const args of HELP) {
	test(`gongkai ${args.join(' ')} → usage on stdout, exit 0`, () => {
		const r = gk(args);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^usage: gongkai ${args[0]}\\b`));
		assert.ok(r.stdout.split('\n').length >= 2);
		assert.equal(r.stderr, '');
	});
}

test('no command → help on stderr, exit 2', () => {
	const r = gk([]);
	assert.equal(r.status, 2);
	assert.match(r.stderr, /usage: gongkai <command>/);
	assert.equal(r.stdout, '');
});

test('an unknown command → exit 2, names it, shows usage', () => {
	for (const cmd of ['frobnicate', 'Init', '--bogus', 'users', '']) {
		const r = gk([cmd]);
		assert.equal(r.status, 2, `'${cmd}'`);
		assert.match(r.stderr, /usage: gongkai/);
		assert.equal(r.stdout, '');
	}
	assert.match(gk(['frobnicate']).stderr, /unknown command 'frobnicate'/);
});

const USAGE_ERRORS = [
	// [args, what stderr must say]
	...commands().map((c) => [[c, '--no-such-flag'], new RegExp(`usage: gongkai ${c}`)]),
	[['init'], /--db is required/],
	[['init', '--db'], /requires an argument|usage/],
	[['init', '--db', 'x.db', 'extra'], /unexpected argument 'extra'/],
	[['demo'], /--db is required/],
	[['serve'], /--db is required/],
	[['serve', '--db', 'x.db', '--threads', '0'], /--threads must be/],
	[['serve', '--db', 'x.db', '--threads', 'many'], /--threads must be/],
	[['user'], /say add, list, passwd, disable, enable or reset/],
	[['user', 'frob', '--db', 'x.db'], /unknown subcommand 'frob'/],
	[['user', 'list'], /--db is required/],
	[['user', 'add', '--db', 'x.db'], /add needs --login/],
	[['user', 'passwd', '--db', 'x.db'], /passwd needs --login/],
	[['user', 'add', '--db', 'x.db', '--login', 'a', '--bogus'], /usage: gongkai user/],
	[['agency'], /usage: gongkai agency/],
	[['version', 'extra'], /usage: gongkai version/],
];

for (const [args, says] of USAGE_ERRORS) {
	test(`gongkai ${args.join(' ')} → exit 2 with usage`, () => {
		const r = gk(args, { cwd: dir });
		assert.equal(r.status, 2, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
		assert.match(r.stderr, says);
		assert.match(r.stderr, /usage: gongkai/);
	});
}

test('gongkai version', () => {
	for (const args of [['version'], ['--version']]) {
		const r = gk(args);
		assert.equal(r.status, 0);
		assert.match(r.stdout, /^gongkai \d+\.\d+\.\d+/);
	}
});

test('init creates a database, and again is harmless', () => {
	const db = path.join(dir, 'init.db');
	const r = gk(['init', '--db', db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /ready/);
	assert.ok(fs.statSync(db).size > 0);
	assert.equal(gk(['init', '--db', db]).status, 0);
	const list = gk(['user', 'list', '--db', db]);
	assert.equal(list.status, 0);
	assert.equal(list.stdout, '');
});

const UNWRITABLE = [
	'/proc/gongkai-test.db',
	'/nonexistent-dir-gongkai/x.db',
	'/proc/self/nope/x.db',
];

for (const db of UNWRITABLE) {
	test(`init --db ${db} → one clear line, exit 1`, () => {
		const r = gk(['init', '--db', db]);
		assert.equal(r.status, 1);
		assert.equal(r.stdout, '');
		const lines = r.stderr.split('\n').filter((l) => l.trim());
		assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
		assert.match(lines[0], /^gongkai: /);
		assert.ok(lines[0].includes(db), 'names the path');
		assert.ok(!fs.existsSync(db));
	});
}

test('a path that is a folder, or a file that is not a database → exit 1', () => {
	const notdb = path.join(dir, 'notes.txt');
	fs.writeFileSync(notdb, 'these are not the tables you are looking for\n'.repeat(200));
	for (const db of [dir, notdb]) {
		const r = gk(['init', '--db', db]);
		assert.equal(r.status, 1, `${db}: ${r.stderr}`);
		assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
	}
	// and serve refuses it the same way, without starting
	const r = gk(['serve', '--db', notdb, '--listen', '127.0.0.1:0']);
	assert.equal(r.status, 1, r.stderr);
	assert.doesNotMatch(r.stdout, /listening/);
});

test('serve on an address it cannot use → exit 1 or 2 with a message', () => {
	const db = makeDemoDb(tempDir('gongkai-cli-serve-'));
	const bad = gk(['serve', '--db', db, '--listen', 'nonsense']);
	assert.equal(bad.status, 2, bad.stderr);
	assert.match(bad.stderr, /ADDR:PORT/);
	const port = gk(['serve', '--db', db, '--listen', '127.0.0.1:70000']);
	assert.equal(port.status, 2);
	const host = gk(['serve', '--db', db, '--listen', '999.1.1.1:0']);
	assert.equal(host.status, 2);
	fs.rmSync(path.dirname(db), { recursive: true, force: true });
});

test('demo twice on the same database → exit 1, the first city kept', () => {
	const db = path.join(dir, 'demo.db');
	const first = gk(['demo', '--db', db, '--password', PASSWORD]);
	assert.equal(first.status, 0, first.stderr);
	assert.match(first.stdout, /demo city created in .*: \d+ agencies/);
	for (const login of ['admin', 'editor', 'handler', 'reviewer', 'hbj.editor', 'hbj.handler', 'yg.admin'])
		assert.match(first.stdout, new RegExp(`^ +${login.replace('.', '\\.')} +${PASSWORD} `, 'm'));
	const before = gk(['user', 'list', '--db', db]).stdout;
	const second = gk(['demo', '--db', db, '--password', PASSWORD]);
	assert.equal(second.status, 1);
	assert.equal(second.stdout, '');
	assert.equal(second.stderr.trim().split('\n').length, 1);
	assert.match(second.stderr, /^gongkai: .*已有/);
	assert.equal(gk(['user', 'list', '--db', db]).stdout, before);
});

test('demo without --password makes a different random password per account', () => {
	const r = gk(['demo', '--db', path.join(dir, 'random.db')]);
	assert.equal(r.status, 0, r.stderr);
	const pw = [...r.stdout.matchAll(/^ {2}([a-z.]+) +(\S+) /gm)].filter((m) => m[1] !== 'login').map((m) => m[2]);
	assert.ok(pw.length >= 7, r.stdout);
	assert.equal(new Set(pw).size, pw.length);
	for (const p of pw) assert.ok(p.length >= 10, p);
});

test('demo --password too short → exit 1, nothing made', () => {
	const db = path.join(dir, 'short.db');
	const r = gk(['demo', '--db', db, '--password', 'short']);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /至少需要10/);
});

test('user add / list / passwd round trip, checked by logging in over HTTP', async () => {
	const db = makeDemoDb(tempDir('gongkai-cli-user-'));
	const accounts = gk(['user', 'list', '--db', db]).stdout.trim().split('\n').length;
	const first = 'first-password-1';
	const second = 'second-password-2';
	const add = gk(['user', 'add', '--db', db, '--login', 'cli.user', '--name', '命令行用户', '--agency', '035221200',
		'--role', 'editor,handler', '--password-stdin'], { input: first + '\n' });
	assert.equal(add.status, 0, add.stderr);
	assert.match(add.stdout, /added cli\.user \(editor,handler\) to 阳高县环境保护局/);
	assert.doesNotMatch(add.stdout, /password:/, 'a given password is not echoed');

	const list = gk(['user', 'list', '--db', db]);
	assert.equal(list.status, 0);
	const row = list.stdout.split('\n').find((l) => l.startsWith('cli.user '));
	assert.ok(row, list.stdout);
	assert.match(row, /editor,handler/);
	assert.match(row, /阳高县环境保护局/);
	assert.match(row, /命令行用户/);
	assert.equal(list.stdout.trim().split('\n').length, accounts + 1);

	// the same login again, an unknown agency, a bad role, a short password: exit 1, one line
	for (const [args, input, says] of [
		[['--login', 'cli.user', '--agency', '035221200', '--role', 'editor'], first, /已被使用/],
		[['--login', 'cli.two', '--agency', '999999999', '--role', 'editor'], first, /不存在/],
		[['--login', 'cli.two', '--agency', '035221200', '--role', 'king'], first, /角色/],
		[['--login', 'cli.two', '--agency', '035221200', '--role', 'editor'], 'short', /至少需要10/],
		[['--login', 'cli.two', '--agency', '035221200', '--role', 'editor'], '', /no password/],
		[['--login', 'Bad Login', '--agency', '035221200', '--role', 'editor'], first, /账号/],
	]) {
		const r = gk(['user', 'add', '--db', db, '--name', 'x', ...args, '--password-stdin'], { input });
		assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, says);
		assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
	}
	assert.equal(gk(['user', 'list', '--db', db]).stdout.trim().split('\n').length, accounts + 1, 'none of those was added');

	const srv = await startServer({ db, dir: path.dirname(db) });
	try {
		const c = srv.client();
		await login(c, 'cli.user', first);
		const home = await c.get('/staff');
		assert.match(home.text, /<dd>命令行用户<\/dd>/);
		assert.match(home.text, /<dd>阳高县环境保护局<\/dd>/);
		assert.match(home.text, /<dd>信息发布、申请办理<\/dd>/);

		// passwd: the new password works, the old does not, and the session ends
		const pw = gk(['user', 'passwd', '--db', db, '--login', 'cli.user', '--password-stdin'], { input: second + '\n' });
		assert.equal(pw.status, 0, pw.stderr);
		assert.match(pw.stdout, /password of cli\.user changed/);
		assert.equal((await c.get('/staff')).status, 303, 'the old session ended');
		const old = srv.client();
		const form = await old.get('/login');
		const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)[1];
		const refused = await old.post('/login', { csrf, login: 'cli.user', password: first });
		assert.equal(refused.status, 401);
		await login(srv.client(), 'cli.user', second);

		// without --password-stdin a random one is made and printed once
		const gen = gk(['user', 'passwd', '--db', db, '--login', 'cli.user']);
		assert.equal(gen.status, 0, gen.stderr);
		const made = /^password: (\S+)$/m.exec(gen.stdout)[1];
		assert.ok(made.length >= 10);
		await login(srv.client(), 'cli.user', made);

		const nobody = gk(['user', 'passwd', '--db', db, '--login', 'no.such.user', '--password-stdin'], { input: second });
		assert.equal(nobody.status, 1);
		assert.match(nobody.stderr, /没有账号“no\.such\.user”/);
		await srv.stop();
	} finally {
		srv.kill();
	}
});

test('user commands on a database that does not exist → exit 1, not created', () => {
	const db = path.join(dir, 'missing', 'nothing.db');
	for (const args of [['user', 'list', '--db', db], ['user', 'passwd', '--db', db, '--login', 'admin', '--password-stdin']]) {
		const r = gk(args, { input: PASSWORD });
		assert.equal(r.status, 1, r.stderr);
		assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
	}
	const plain = path.join(dir, 'never-made.db');
	assert.equal(gk(['user', 'list', '--db', plain]).status, 1);
	assert.ok(!fs.existsSync(plain), 'user list does not create a database');
});
