// The soak client (bench/soak.sh starts the server and runs this): mixed
// public reads and staff writes at a steady rate for a set time against
// `gongkai serve`, sampling the server's memory and open files.
//
//   node bench/soak.mjs URL PID SECONDS READS_PER_S WRITES_PER_S
//
// Reads: the home page, listings, a search, an item page and the JSON API.
// Writes: applications registered by a handler (JSON API) and items
// published by an editor (the staff form), half each. Prints one summary;
// exits 1 if there was an error, the resident anonymous memory grew more
// than 10% after the warm-up, or open files (other than sockets, which
// come and go with the clients' connections) grew.
import fs from 'node:fs';

const [url, pid, seconds, readRate, writeRate] = process.argv.slice(2);
const SECONDS = Number(seconds), READS = Number(readRate), WRITES = Number(writeRate);
const WARMUP = Math.min(60, Math.max(10, SECONDS / 10)) * 1000;
const PASSWORD = process.env.SOAK_PASSWORD || 'soak-password-1';

function proc() {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status) || [0, 0])[1]);
	let fds = 0, sockets = 0;
	for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
		let to = '';
		try { to = fs.readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
		if (to.startsWith('socket:')) sockets++; else fds++;
	}
	return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile'), fds, sockets, threads: kb('Threads') };
}

class Client {
	constructor() { this.cookies = new Map(); }
	async request(method, path, { body, headers = {} } = {}) {
		const h = { ...headers };
		if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const res = await fetch(url + path, { method, body, headers: h, redirect: 'manual' });
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
		}
		const text = await res.text();
		return { status: res.status, headers: res.headers, text };
	}
	form(path, fields) {
		return this.request('POST', path, {
			body: new URLSearchParams(fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
	}
}

const csrfOf = (html) => (/name="csrf" value="([^"]+)"/.exec(html) || [])[1];

async function staff(login) {
	const c = new Client();
	const page = await c.request('GET', '/login');
	const r = await c.form('/login', { csrf: csrfOf(page.text), login, password: PASSWORD, next: '/staff' });
	if (r.status !== 303) throw new Error(`login ${login}: ${r.status}`);
	return c;
}

const handler = await staff('handler');
handler.csrf = JSON.parse((await handler.request('GET', '/api/v1/staff/whoami')).text).csrf;
const editor = await staff('editor');
editor.csrf = csrfOf((await editor.request('GET', '/staff/items/new')).text);

const first = JSON.parse((await new Client().request('GET', '/api/v1/items?per_page=50')).text);
const ids = first.items.map((it) => it.id);
const q = encodeURIComponent('环境保护');
const reads = [
	() => '/',
	() => '/items',
	() => `/items?page=${1 + Math.floor(Math.random() * 20)}`,
	() => `/items/${ids[Math.floor(Math.random() * ids.length)]}`,
	() => `/items?q=${q}`,
	() => '/api/v1/items?per_page=20',
	() => `/api/v1/items/${ids[Math.floor(Math.random() * ids.length)]}`,
];
const anon = new Client();

const stats = { reads: 0, writes: 0, errors: 0, firstErrors: [], lat: [] };
let n = 0;
function failed(what) {
	stats.errors++;
	if (stats.firstErrors.length < 5) stats.firstErrors.push(what);
}

async function oneRead() {
	const p = reads[n++ % reads.length]();
	const t = performance.now();
	try {
		const r = await anon.request('GET', p);
		if (r.status !== 200) failed(`GET ${p}: ${r.status}`);
	} catch (e) { failed(`GET ${p}: ${e.message}`); }
	stats.lat.push(performance.now() - t);
	stats.reads++;
}

async function oneWrite() {
	const k = n++;
	const t = performance.now();
	try {
		if (k % 2) {
			const r = await handler.request('POST', '/api/v1/staff/requests', {
				body: JSON.stringify({
					agency: '035200000', applicant_type: 'natural_person', name: '压力测试申请人',
					id_number: '140202199001011234', phone: '13503520001', email: 'soak@example.cn',
					address: '大同市平城区测试路8号', description: `压力测试申请 ${k}`, delivery: 'email', channel: 'in_person',
				}),
				headers: { 'content-type': 'application/json', 'x-csrf-token': handler.csrf },
			});
			if (r.status !== 201) failed(`register: ${r.status} ${r.text.slice(0, 200)}`);
		} else {
			const r = await editor.form('/staff/items', {
				csrf: editor.csrf, revision: '0', agency: '035200000', title: `压力测试信息 ${k}`, topic: '10.3',
				genre: 'notice', column: '', doc_no: '', written: '', published: '', normative: '', effective: '',
				keywords: '', summary: '', body: '压力测试的正文。', attachments: '', interp_kind: '', interprets: '',
				ch_website: '1', action: 'publish',
			});
			if (r.status !== 303) failed(`publish: ${r.status} ${r.text.slice(0, 200)}`);
		}
	} catch (e) { failed(`write: ${e.message}`); }
	stats.lat.push(performance.now() - t);
	stats.writes++;
}

/* Starts FN RATE times a second, at even intervals, until END. */
async function steady(rate, fn, end) {
	if (!rate) return;
	const inflight = new Set();
	const start = performance.now();
	for (let i = 0; ; i++) {
		const at = start + (i * 1000) / rate;
		if (at >= end) break;
		const wait = at - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const p = fn().finally(() => inflight.delete(p));
		inflight.add(p);
	}
	await Promise.all(inflight);
}

const t0 = performance.now(), end = t0 + SECONDS * 1000;
const start = proc();
let warm = null;
const samples = [];
const sampler = setInterval(() => {
	const s = proc();
	samples.push(s);
	if (!warm && performance.now() - t0 >= WARMUP) warm = s;
}, 1000);
await Promise.all([steady(READS, oneRead, end), steady(WRITES, oneWrite, end)]);
clearInterval(sampler);
const last = proc();
warm = warm || start;

stats.lat.sort((a, b) => a - b);
const p = (x) => stats.lat[Math.min(stats.lat.length - 1, Math.floor(stats.lat.length * x))].toFixed(1);
const mb = (kb) => (kb / 1024).toFixed(1);
const pct = (a, b) => (b ? (100 * (a - b)) / b : 0).toFixed(1);
const peak = Math.max(...samples.map((s) => s.anon), last.anon);
console.log(`soak: ${SECONDS} s at ${READS} reads/s and ${WRITES} writes/s; warm-up ${WARMUP / 1000} s`);
console.log(`  requests      ${stats.reads} reads, ${stats.writes} writes; errors ${stats.errors}`);
for (const e of stats.firstErrors) console.log(`    ${e}`);
console.log(`  latency       p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`);
console.log(`  RSS           start ${mb(start.rss)} MB; after warm-up ${mb(warm.rss)} MB; end ${mb(last.rss)} MB (${pct(last.rss, warm.rss)}%)`);
console.log(`  anonymous     after warm-up ${mb(warm.anon)} MB; end ${mb(last.anon)} MB (${pct(last.anon, warm.anon)}%); peak ${mb(peak)} MB`);
console.log(`  file-backed   after warm-up ${mb(warm.file)} MB; end ${mb(last.file)} MB (the database, mapped)`);
console.log(`  open files    start ${start.fds}; after warm-up ${warm.fds}; end ${last.fds}, sockets aside (sockets: ${start.sockets}, ${warm.sockets}, ${last.sockets}); threads ${last.threads}`);
const ok = stats.errors === 0 && last.anon <= warm.anon * 1.1 && last.fds <= warm.fds;
console.log(`  verdict       ${ok ? 'ok' : 'FAILED'} (zero errors, anonymous memory within 10% of after warm-up, no more open files)`);
process.exit(ok ? 0 : 1);
