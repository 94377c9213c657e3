// The end-to-end harness: runs the real gongkai binary (the sanitizer build
// named by GONGKAI_BIN) on a fresh database in a temporary folder, serves it
// on a free loopback port, and gives tests a cookie-keeping HTTP client whose
// every HTML response is checked by checkHtml() below.
//
//   const srv = await startServer();          // demo city, every password = PASSWORD
//   const c = srv.client();
//   await login(c, 'admin');
//   const r = await c.get('/staff');           // {status, headers, text, json}
//   ...
//   await srv.stop();                          // SIGTERM; throws unless a clean exit 0
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.GONGKAI_BIN || path.join(ROOT, 'build', 'asan', 'gongkai');
/* the build folder the binary lives in (…/BUILD/asan/gongkai → …/BUILD) */
export const BUILD_DIR = path.dirname(path.dirname(BIN));
export const PASSWORD = 'e2e-secret-pass';

if (!fs.existsSync(BIN))
	throw new Error(`gongkai binary not found at ${BIN}: build it (make build/asan/gongkai) or set GONGKAI_BIN`);

export const ENV = {
	...process.env,
	ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0:halt_on_error=1',
	UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1:halt_on_error=1',
};

/* Fails if a sanitizer said anything. */
export function assertNoSanitizer(stderr, what) {
	for (const bad of ['ERROR: AddressSanitizer', 'ERROR: LeakSanitizer', 'runtime error', 'SUMMARY: UndefinedBehaviorSanitizer'])
		assert.ok(!stderr.includes(bad), `${what}: sanitizer report on stderr:\n${stderr}`);
}

/* A temporary folder, removed when the test process exits (a test that
 * needs to look at one after a failure can set GONGKAI_KEEP_TMP=1). */
const tempDirs = [];
process.on('exit', () => {
	if (process.env.GONGKAI_KEEP_TMP) return;
	for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
export function tempDir(prefix = 'gongkai-e2e-') {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.push(d);
	return d;
}

/* PostgreSQL mode: GONGKAI_TEST_PG holds the libpq address of a throwaway
 * cluster's maintenance database (tests/run-all.sh, scripts/pg-cluster.sh).
 * makeDemoDb() then makes a fresh database on it (dropped when the process
 * exits) and returns its address instead of a file. A PostgreSQL database
 * has no folder for its catalogue index beside it: every gongkai run here
 * is told one by GONGKAI_INDEX_DIR, the folder the database was made for. */
export const PG = process.env.GONGKAI_TEST_PG || null;
const pgDatabases = [];
const pgIndexDirs = new Map(); // address → its index folder
if (PG) {
	ENV.GONGKAI_INDEX_DIR = tempDir('gongkai-e2e-index-');
	process.on('exit', () => {
		if (!pgDatabases.length || process.env.GONGKAI_KEEP_TMP) return;
		const drops = pgDatabases.flatMap((n) => ['-c', `DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`]);
		spawnSync('psql', ['-X', '-q', '-d', PG, ...drops], { stdio: 'ignore', timeout: 30000 });
	});
}

/* The address of the database NAME on the cluster of PG. */
export function pgAddress(name) {
	return PG.replace(/^(postgres(?:ql)?:\/\/[^/?]*\/)[^?]*/, `$1${name}`);
}

/* Runs SQL (one statement or several) with psql on the database at ADDRESS;
 * returns its output, unaligned, without headers. */
export function psql(address, sql) {
	const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', address, '-c', sql],
		{ encoding: 'utf8', timeout: 30000 });
	if (r.error) throw r.error;
	assert.equal(r.status, 0, `psql ${sql}: ${r.stderr}`);
	return r.stdout;
}

/* A fresh, empty PostgreSQL database (C collation, UTF8) whose catalogue
 * index goes to DIR; returns its address. */
export function makePgDb(dir) {
	const name = `gke2e_${process.pid}_${pgDatabases.length + 1}`;
	const r = spawnSync('createdb', [`--maintenance-db=${PG}`, '--locale=C', '--encoding=UTF8', '--template=template0', name],
		{ encoding: 'utf8', timeout: 30000 });
	if (r.error) throw r.error;
	assert.equal(r.status, 0, `createdb ${name} failed:\n${r.stderr}`);
	pgDatabases.push(name);
	const db = pgAddress(name);
	pgIndexDirs.set(db, dir);
	return db;
}

/* A copy of the demo city made with PASSWORD, as a fresh database whose
 * index goes to DIR: the demo is made once per process, or once per run
 * (GONGKAI_TEST_PG_DEMO), as it takes long on PostgreSQL, and copied by
 * CREATE DATABASE … TEMPLATE. Never served, the
 * original holds no server secret: each copy's first server makes its own. */
const pgDemos = new Map(); // password → the original's name
/* tests/run-pg.sh makes one for the whole run, with PASSWORD */
if (PG && process.env.GONGKAI_TEST_PG_DEMO) pgDemos.set(PASSWORD, process.env.GONGKAI_TEST_PG_DEMO);
function makePgDemoDb(dir, password) {
	if (!pgDemos.has(password)) {
		const original = makePgDb(tempDir());
		const r = gk(['demo', '--db', original, '--password', password]);
		assert.equal(r.status, 0, `gongkai demo failed:\n${r.stderr}`);
		pgDemos.set(password, /^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/.exec(original)[1]);
	}
	const name = `gke2e_${process.pid}_${pgDatabases.length + 1}`;
	const r = spawnSync('createdb', [`--maintenance-db=${PG}`, `--template=${pgDemos.get(password)}`, name],
		{ encoding: 'utf8', timeout: 60000 });
	if (r.error) throw r.error;
	assert.equal(r.status, 0, `createdb ${name} from the demo failed:\n${r.stderr}`);
	pgDatabases.push(name);
	const db = pgAddress(name);
	pgIndexDirs.set(db, dir);
	return db;
}

/* The environment for a gongkai run with ARGS: the index folder of its
 * --db in PostgreSQL mode. */
function dbEnv(args) {
	const i = args.indexOf('--db');
	const dir = i >= 0 ? pgIndexDirs.get(args[i + 1]) : undefined;
	return dir ? { GONGKAI_INDEX_DIR: dir } : {};
}

/* Runs `gongkai ARGS…` to completion; returns {status, stdout, stderr}. */
export function gk(args, { input, cwd, timeout = 60000, env = {} } = {}) {
	const r = spawnSync(BIN, args, { env: { ...ENV, ...dbEnv(args), ...env }, input, cwd, encoding: 'utf8', timeout });
	if (r.error) throw r.error;
	assertNoSanitizer(r.stderr, `gongkai ${args.join(' ')}`);
	return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/* Makes a database holding the demo city with PASSWORD for every account. */
/* (PostgreSQL mode: a fresh database, its address.) */
export function makeDemoDb(dir, password = PASSWORD) {
	if (PG) return makePgDemoDb(dir, password);
	const db = path.join(dir, 'gongkai.db');
	const r = gk(['demo', '--db', db, '--password', password]);
	assert.equal(r.status, 0, `gongkai demo failed:\n${r.stderr}`);
	return db;
}

/* Starts `gongkai serve` on a free port; resolves once it says where it listens. */
/* INTAKE_LIMIT: serve --intake-limit; 0 (no limit) by default since the
 * suites file many applications from one address; null: the server's default. */
export async function startServer({ db, dir, extraArgs = [], env = {}, intakeLimit = 0 } = {}) {
	dir = dir || tempDir();
	db = db || makeDemoDb(dir);
	const limit = intakeLimit === null ? [] : ['--intake-limit', String(intakeLimit)];
	const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet', ...limit, ...extraArgs];
	const child = spawn(BIN, args, { env: { ...ENV, ...dbEnv(args), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '', stderr = '';
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d) => { stderr += d; });
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start within 20 s; stderr:\n${stderr}`)), 20000);
		child.stdout.on('data', (d) => {
			stdout += d;
			const m = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/)\n/.exec(stdout);
			if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
		});
		exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code ?? signal}) before listening; stderr:\n${stderr}`));
		});
	});
	let stopped = null;
	const srv = {
		url, db, dir, child,
		get stderr() { return stderr; },
		client(opts) { return new Client(url, opts); },
		/* SIGTERM, then a clean exit (status 0, no sanitizer report) is required */
		async stop() {
			if (!stopped) {
				child.kill('SIGTERM');
				let timer;
				const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), 15000); });
				stopped = await Promise.race([exited, timeout]);
				clearTimeout(timer);
				if (!stopped) {
					child.kill('SIGKILL');
					stopped = { code: null, signal: 'timeout' };
				}
			}
			assertNoSanitizer(stderr, 'gongkai serve');
			assert.equal(stopped.signal, null, `server did not exit by itself on SIGTERM (${stopped.signal}); stderr:\n${stderr}`);
			assert.equal(stopped.code, 0, `server exited with status ${stopped.code} after SIGTERM; stderr:\n${stderr}`);
		},
		/* for after(): never throws, never leaves a process behind */
		kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			fs.rmSync(dir, { recursive: true, force: true });
		},
		/* the server still answers /api/v1/health */
		async assertAlive(what = '') {
			const r = await fetch(url + '/api/v1/health');
			assert.equal(r.status, 200, `health after ${what}`);
			assert.deepEqual(await r.json(), { status: 'ok' }, `health after ${what}`);
		},
	};
	return srv;
}

/* An HTTP client with a cookie jar. Redirects are not followed. */
export class Client {
	/* OPTS.from: the local address to connect from (127.0.0.x), for the
	 * per-address limits (issue 13) */
	constructor(base, opts = {}) {
		this.base = base;
		this.cookies = new Map();
		this.from = opts.from;
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	/* Sends one request; returns {status, headers, text, bytes, json, setCookies}.
	 * Every text/html answer is validated (checkHtml) unless opts.noHtmlCheck. */
	async request(method, p, { body, headers = {}, noHtmlCheck = false } = {}) {
		const h = { ...headers };
		if (this.cookies.size && !('cookie' in h)) h.cookie = this.cookieHeader();
		const res = this.from ? await fetchFrom(this.from, this.base + p, { method, body, headers: h })
			: await fetch(this.base + p, { method, body, headers: h, redirect: 'manual' });
		const setCookies = res.headers.getSetCookie();
		for (const line of setCookies) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
			const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
			if (value === '' || (maxAge && Number(maxAge.split('=')[1]) <= 0)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		const buf = Buffer.from(await res.arrayBuffer());
		const text = buf.toString('utf8');
		const type = res.headers.get('content-type') || '';
		const r = { status: res.status, headers: res.headers, text, bytes: buf, setCookies, json: undefined };
		if (method !== 'HEAD' && type.startsWith('text/html')) {
			assert.ok(isUtf8(buf), `${method} ${p}: HTML body is not valid UTF-8`);
			if (!noHtmlCheck) assertHtml(text, `${method} ${p} (${res.status})`);
		}
		if (method !== 'HEAD' && type.startsWith('application/json')) r.json = JSON.parse(text);
		return r;
	}

	get(p, opts) { return this.request('GET', p, opts); }

	/* POSTs FIELDS (an object, or an array of [name, value] pairs, or a raw
	 * string) as application/x-www-form-urlencoded. */
	post(p, fields, opts = {}) {
		const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
		return this.request('POST', p, {
			...opts, body,
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers || {}) },
		});
	}
}

function isUtf8(buf) {
	try { new TextDecoder('utf-8', { fatal: true }).decode(buf); return true; } catch { return false; }
}

/* Text from HTML with the five escapes gk_html_text writes undone. */
/* Today's date as the server reads it (local time), 'YYYY-MM-DD'. */
export const TODAY = (() => {
	const d = new Date();
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
})();

/* DAY ('YYYY-MM-DD') moved by N calendar days. */
export function addDays(day, n) {
	const d = new Date(day + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/* A fetch()-like request made from local address FROM (node:http; fetch
 * cannot choose it): the subset of Response that Client reads. */
function fetchFrom(from, url, { method, body, headers }) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, localAddress: from, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => {
				const data = Buffer.concat(chunks);
				const hs = new Headers();
				for (const [k, v] of Object.entries(res.headers))
					for (const one of [].concat(v)) hs.append(k, one);
				resolve({
					status: res.statusCode, headers: hs,
					arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.length),
				});
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/* The first 32 bits of SHA-256 of S, by node's own SHA-256: a check of the
 * page's script (src/web/static/apply.js) and of the server, not a copy. */
function sha256FirstWord(s) {
	return crypto.createHash('sha256').update(s, 'latin1').digest().readUInt32BE(0);
}

/* Solves the human check's proof of work CHALLENGE (issue 13,
 * src/core/proof_of_work.h): the nonce, as the page's script finds it. */
export function solveChallenge(challenge) {
	const bits = Number(challenge.split('.')[2]);
	const limit = 2 ** (32 - bits);
	for (let n = 0; ; n++)
		if (sha256FirstWord(`${challenge}:${n}`) < limit) return String(n);
}

/* The human check of the /apply form in HTML, solved: the fields to post
 * ({pow, pow_nonce}), as the page's script fills them in. */
export function humanCheck(html) {
	const m = /<input type="hidden" name="pow" id="a-pow" value="([^"]+)">/.exec(html);
	assert.ok(m, 'the form has a proof-of-work challenge');
	return { pow: m[1], pow_nonce: solveChallenge(m[1]) };
}

export function unescapeHtml(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/* The value of the first hidden csrf field in HTML. */
export function csrfFrom(html) {
	const m = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(html);
	assert.ok(m, 'page has no csrf field');
	return m[1];
}

/* Logs CLIENT in through the real form; returns the final response. */
export async function login(client, user, password = PASSWORD, next) {
	const form = await client.get('/login' + (next ? '?next=' + encodeURIComponent(next) : ''));
	assert.equal(form.status, 200, 'GET /login');
	const r = await client.post('/login', { csrf: csrfFrom(form.text), login: user, password, next: next || '' });
	assert.equal(r.status, 303, `login as ${user}: expected 303, got ${r.status}\n${r.text.slice(0, 2000)}`);
	assert.ok(client.cookies.has('gk_session'), `login as ${user}: no session cookie`);
	return r;
}

/* Logs out through the form in the page header. */
export async function logout(client) {
	const page = await client.get('/staff');
	assert.equal(page.status, 200);
	const r = await client.post('/logout', { csrf: csrfFrom(page.text) });
	assert.equal(r.status, 303);
	return r;
}

/* Sends RAW bytes on a fresh connection; resolves with everything the server
 * sent back before closing (or before WAIT ms of silence). */
export function rawRequest(url, raw, { wait = 3000, end = true } = {}) {
	const { hostname, port } = new URL(url);
	return new Promise((resolve) => {
		const chunks = [];
		const sock = net.connect(Number(port), hostname, () => {
			sock.write(raw);
			if (end) sock.end();
		});
		let timer = setTimeout(done, wait);
		function done() {
			clearTimeout(timer);
			sock.destroy();
			resolve(Buffer.concat(chunks).toString('latin1'));
		}
		sock.on('data', (d) => { chunks.push(d); clearTimeout(timer); timer = setTimeout(done, wait); });
		sock.on('error', done);
		sock.on('close', done);
	});
}

/* The status code of a raw HTTP response, or null if none came. */
export function rawStatus(resp) {
	const m = /^HTTP\/1\.[01] (\d{3}) /.exec(resp);
	return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------
// The HTML checker. gongkai writes its HTML by hand, so this holds it to a
// stricter rule than browsers do: every non-void element closed explicitly
// and in order, attributes double-quoted, '&' only as a character reference,
// '<' only as markup, one html/head/body/title, unique ids, labels pointing
// at real ids, no inline script, and a CSRF field in every POST form.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAWTEXT = new Set(['style', 'textarea', 'title']);
const KNOWN = new Set([...VOID,
	'a', 'abbr', 'address', 'article', 'aside', 'b', 'blockquote', 'body', 'button', 'caption', 'code',
	'colgroup', 'dd', 'details', 'div', 'dl', 'dt', 'em', 'fieldset', 'figcaption', 'figure', 'footer',
	'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'html', 'i', 'label', 'legend', 'li',
	'main', 'mark', 'nav', 'ol', 'optgroup', 'option', 'p', 'pre', 'section', 'select', 'small', 'span',
	'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'time',
	'title', 'tr', 'u', 'ul', 'script', 'style', 'noscript', 'template', 'output', 'progress', 'meter', 'data', 's', 'q', 'cite', 'kbd', 'samp', 'var', 'ins', 'del', 'dfn', 'bdi', 'bdo', 'ruby', 'rt', 'rp',
	'hgroup', 'dialog', 'search', 'menu', 'picture', 'iframe', 'video', 'audio', 'canvas', 'map', 'object', 'datalist']);
/* elements that may hold only phrasing content; a <p> holding a <div> is an error */
const PHRASING_ONLY = new Set(['p', 'span', 'label', 'button', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'option', 'title', 'em', 'strong', 'b', 'i', 'small', 'code']);
const BLOCK = new Set(['div', 'p', 'ul', 'ol', 'dl', 'table', 'form', 'section', 'article', 'header', 'footer', 'main', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'fieldset', 'aside', 'hr']);
const NAMED_REFS = new Set(['amp', 'lt', 'gt', 'quot', 'apos', 'nbsp', 'copy', 'reg', 'trade', 'middot', 'bull', 'mdash',
	'ndash', 'hellip', 'laquo', 'raquo', 'lsaquo', 'rsaquo', 'times', 'divide', 'plusmn', 'deg', 'yen', 'le', 'ge', 'ne',
	'larr', 'rarr', 'uarr', 'darr', 'ensp', 'emsp', 'thinsp', 'zwj', 'zwnj', 'shy']);

function checkRefs(s, where, problems) {
	const re = /&([^;\s&<]{0,32});?/g;
	let m;
	while ((m = re.exec(s))) {
		const ref = m[0];
		if (!ref.endsWith(';') || !(/^#\d{1,7}$/.test(m[1]) || /^#x[0-9a-f]{1,6}$/i.test(m[1]) || NAMED_REFS.has(m[1])))
			problems.push(`${where}: bare '&' or unknown character reference '${ref.slice(0, 12)}'`);
	}
}

/* Returns a list of problems (empty when the page passes). */
export function checkHtml(html) {
	const problems = [];
	if (!/^<!DOCTYPE html>\n?/i.test(html)) problems.push('does not start with <!DOCTYPE html>');
	if (html.includes('\0')) problems.push('contains a NUL character');
	let i = html.indexOf('>') + 1;
	const stack = [];
	const counts = {};
	const ids = new Map();
	const labelFors = [];
	const forms = []; // {method, hasCsrf}
	const newlines = [];
	for (let k = html.indexOf('\n'); k >= 0; k = html.indexOf('\n', k + 1)) newlines.push(k);
	const at = (pos) => {
		let lo = 0, hi = newlines.length;
		while (lo < hi) { const mid = (lo + hi) >> 1; if (newlines[mid] < pos) lo = mid + 1; else hi = mid; }
		return `line ${lo + 1}`;
	};
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		const text = html.slice(i, lt < 0 ? html.length : lt);
		checkRefs(text, at(i), problems);
		if (lt < 0) break;
		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			if (end < 0) { problems.push(`${at(lt)}: unterminated comment`); break; }
			i = end + 3;
			continue;
		}
		const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)\s*(\/?)>/.exec(html.slice(lt, lt + 4096));
		if (!m) {
			problems.push(`${at(lt)}: '<' that does not open a well-formed tag: ${JSON.stringify(html.slice(lt, lt + 40))}`);
			i = lt + 1;
			continue;
		}
		const [whole, closing, rawName, attrText, selfClose] = m;
		const name = rawName.toLowerCase();
		i = lt + whole.length;
		/* inside an inline <svg>: SVG's own elements, which may self-close */
		const foreign = name === 'svg' || stack.some((e) => e.name === 'svg');
		if (rawName !== name && !foreign) problems.push(`${at(lt)}: upper-case tag <${rawName}>`);
		if (!KNOWN.has(name) && !foreign) problems.push(`${at(lt)}: unknown element <${name}>`);
		if (foreign && selfClose && !closing) continue;
		if (closing) {
			if (attrText.trim()) problems.push(`${at(lt)}: attributes on closing tag </${name}>`);
			if (VOID.has(name)) { problems.push(`${at(lt)}: closing tag for void element </${name}>`); continue; }
			const top = stack.pop();
			if (!top) problems.push(`${at(lt)}: </${name}> closes nothing`);
			else if (top.name !== name) {
				problems.push(`${at(lt)}: </${name}> closes <${top.name}> opened at ${top.where}`);
				// resynchronise: drop to the matching element if there is one
				const k = stack.map((e) => e.name).lastIndexOf(name);
				if (k >= 0) stack.length = k; else stack.push(top);
			}
			if (name === 'form') {
				const f = forms[forms.length - 1];
				if (f && f.open) f.open = false;
			}
			continue;
		}
		if (selfClose && !VOID.has(name)) problems.push(`${at(lt)}: self-closed non-void element <${name}/>`);
		/* an SVG chart's <title> is the chart's, not the document's */
		if (!stack.some((e) => e.name === 'svg')) counts[name] = (counts[name] || 0) + 1;
		const attrs = {};
		for (const a of attrText.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) {
			const an = a[1].toLowerCase();
			if (an in attrs) problems.push(`${at(lt)}: duplicate attribute '${an}' on <${name}>`);
			attrs[an] = a[2] ?? '';
			if (a[2] !== undefined) checkRefs(a[2], `${at(lt)} <${name} ${an}>`, problems);
			if (an.startsWith('on')) problems.push(`${at(lt)}: inline event handler '${an}' on <${name}>`);
		}
		if (attrs.id !== undefined) {
			if (!attrs.id) problems.push(`${at(lt)}: empty id`);
			else if (ids.has(attrs.id)) problems.push(`${at(lt)}: duplicate id '${attrs.id}'`);
			ids.set(attrs.id, name);
		}
		if (name === 'label' && attrs.for !== undefined) labelFors.push(attrs.for);
		if (name === 'script' && attrs.src === undefined) problems.push(`${at(lt)}: inline <script> (the CSP forbids it)`);
		if (name === 'a' && attrs.href !== undefined && /^\s*javascript:/i.test(attrs.href)) problems.push(`${at(lt)}: javascript: link`);
		if (name === 'form') forms.push({ method: (attrs.method || 'get').toLowerCase(), hasCsrf: false, open: true, where: at(lt), action: attrs.action });
		if (name === 'input' && attrs.name === 'csrf' && attrs.type === 'hidden') {
			const f = forms[forms.length - 1];
			if (f && f.open) f.hasCsrf = true;
			if (!attrs.value) problems.push(`${at(lt)}: empty csrf field`);
		}
		const parent = stack[stack.length - 1];
		if (parent && PHRASING_ONLY.has(parent.name) && BLOCK.has(name))
			problems.push(`${at(lt)}: <${name}> inside <${parent.name}>`);
		if (name === 'form' && stack.some((e) => e.name === 'form')) problems.push(`${at(lt)}: nested <form>`);
		if (VOID.has(name)) continue;
		if (RAWTEXT.has(name) || name === 'script') {
			const end = html.toLowerCase().indexOf(`</${name}>`, i);
			if (end < 0) { problems.push(`${at(lt)}: <${name}> never closed`); break; }
			const content = html.slice(i, end);
			if (name !== 'script' && name !== 'style') {
				if (content.includes('<')) problems.push(`${at(i)}: raw '<' inside <${name}>`);
				checkRefs(content, at(i), problems);
			}
			i = end + name.length + 3;
			continue;
		}
		stack.push({ name, where: at(lt) });
	}
	for (const e of stack) problems.push(`<${e.name}> opened at ${e.where} is never closed`);
	for (const [name, n] of [['html', 1], ['head', 1], ['body', 1], ['title', 1], ['main', 1], ['h1', 1]])
		if ((counts[name] || 0) !== n) problems.push(`expected exactly ${n} <${name}>, found ${counts[name] || 0}`);
	if (!/<html lang="[a-zA-Z-]+">/.test(html)) problems.push('<html> has no lang');
	if (!/<meta charset="utf-8">/i.test(html)) problems.push('no <meta charset="utf-8">');
	if (!/<head>[\s\S]*<title>[^<]+<\/title>[\s\S]*<\/head>/.test(html)) problems.push('no non-empty <title> in <head>');
	for (const f of labelFors)
		if (!ids.has(f)) problems.push(`label for="${f}" names no element`);
	for (const f of forms)
		if (f.method === 'post' && !f.hasCsrf) problems.push(`POST form at ${f.where} (action ${f.action}) has no csrf field`);
	return problems;
}

export function assertHtml(html, where = 'page') {
	const problems = checkHtml(html);
	assert.deepEqual(problems, [], `${where}: HTML problems:\n  ${problems.join('\n  ')}`);
}
