// Twenty SIGKILLs of the server while several staff clients register
// applications and publish items as fast as they can. After each kill the
// database passes SQLite's integrity and foreign-key checks, every write
// the server acknowledged (201 with a tracking code, 303 to the published
// item) is there, and the server starts again on it; the clients' sessions,
// kept in the database, go on working across the restarts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';

import { csrfFrom, login, startServer } from './lib.mjs';

const KILLS = 20;
let srv;
after(() => srv?.kill());

function sql(db, query) {
	const r = spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout;
}

const PERSON = {
	applicant_type: 'natural_person', name: '故障测试申请人', id_number: '140202199001011234',
	phone: '13503520001', email: 'fault@example.cn', address: '大同市平城区测试路8号',
	description: '2025年城区道路改造工程的立项批复', delivery: 'email', channel: 'in_person',
};

function itemForm(csrf, agency, title) {
	return {
		csrf, revision: '0', agency, title, topic: '10.3', genre: 'notice', column: '', doc_no: '',
		written: '', published: '', normative: '', effective: '', keywords: '', summary: '',
		body: '故障注入测试的正文。', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'publish',
	};
}

/* A staff client that writes one kind of record in a loop: `write(c, n)`
 * resolves to the acknowledged key, or null for a refused write. */
async function writer(login_, agency, kind) {
	const c = srv.client();
	await login(c, login_);
	if (kind === 'application') {
		const who = await c.get('/api/v1/staff/whoami');
		assert.equal(who.status, 200);
		c.csrf = who.json.csrf;
	} else {
		c.csrf = csrfFrom((await c.get('/staff/items/new')).text);
	}
	return { c, login: login_, agency, kind };
}

async function writeOne(w, n) {
	if (w.kind === 'application') {
		const r = await w.c.request('POST', '/api/v1/staff/requests', {
			body: JSON.stringify({ ...PERSON, agency: w.agency }),
			headers: { 'content-type': 'application/json', 'x-csrf-token': w.c.csrf },
		});
		if (r.status === 201) return r.json.tracking_code.replace(/[^0-9A-Z]/gi, '').toUpperCase();
		if (r.status >= 500) return null; /* e.g. the database busy: not acknowledged */
		assert.fail(`registration refused: ${r.status} ${r.text.slice(0, 300)}`);
	}
	const r = await w.c.post('/staff/items', itemForm(w.c.csrf, w.agency, `故障测试 ${w.login} ${n}`));
	if (r.status === 303) {
		const m = /^\/items\/(\d+)$/.exec(r.headers.get('location') || '');
		assert.ok(m, `publish answered ${r.headers.get('location')}`);
		return Number(m[1]);
	}
	if (r.status >= 500) return null;
	assert.fail(`publication refused: ${r.status} ${r.text.slice(0, 300)}`);
}

test(`${KILLS} SIGKILLs during writes from several clients lose nothing acknowledged`, { timeout: 110000 }, async () => {
	srv = await startServer();
	const { db, dir } = srv;
	const writers = [
		await writer('handler', '035200000', 'application'),
		await writer('hbj.handler', '035205000', 'application'),
		await writer('editor', '035200000', 'item'),
		await writer('hbj.editor', '035205000', 'item'),
	];
	const apps = new Set(), items = new Set();
	let n = 0, lost = 0;
	for (let kill = 0; kill < KILLS; kill++) {
		for (const w of writers) w.c.base = srv.url;
		let running = true, acked = 0;
		const loop = async (w) => {
			while (running) {
				let key;
				try { key = await writeOne(w, n++); } catch (e) {
					if (e.code === 'ERR_ASSERTION') throw e;
					return; /* the connection died with the server */
				}
				if (key === null) continue;
				(w.kind === 'application' ? apps : items).add(key);
				acked++;
			}
		};
		// two requests in flight per client: eight at once
		const loops = writers.flatMap((w) => [loop(w), loop(w)]);
		// kill once writes have been acknowledged, at a varying moment
		const t0 = Date.now();
		while (acked < 4 && Date.now() - t0 < 15000) await new Promise((r) => setTimeout(r, 5));
		await new Promise((r) => setTimeout(r, (kill * 53) % 400));
		const exited = new Promise((r) => srv.child.once('exit', r));
		srv.child.kill('SIGKILL');
		running = false;
		await exited;
		await Promise.all(loops);
		assert.ok(acked >= 4, `kill ${kill + 1}: writes were acknowledged before the kill (${acked})`);

		assert.equal(sql(db, 'PRAGMA integrity_check; PRAGMA foreign_key_check;').trim(), 'ok', `kill ${kill + 1}: integrity`);
		const haveApps = new Set(sql(db, 'SELECT tracking_code FROM applications').split('\n').filter(Boolean));
		const haveItems = new Set(sql(db, "SELECT id FROM items WHERE status = 'published' AND index_no IS NOT NULL").split('\n').filter(Boolean).map(Number));
		for (const code of apps) if (!haveApps.has(code)) lost++;
		for (const id of items) if (!haveItems.has(id)) lost++;
		assert.equal(lost, 0, `kill ${kill + 1}: every acknowledged write survived`);

		srv = await startServer({ db, dir });
	}
	// the restarted server answers, its catalogue holds the last item
	await srv.assertAlive(`${KILLS} kills`);
	const last = Math.max(...items);
	const r = await fetch(`${srv.url}/api/v1/items/${last}`);
	assert.equal(r.status, 200);
	assert.ok(apps.size > KILLS * 2 && items.size > KILLS * 2, `${apps.size} applications and ${items.size} items acknowledged`);
	console.log(`# ${KILLS} kills: ${apps.size} applications and ${items.size} publications acknowledged, none lost`);
	await srv.stop();
});
