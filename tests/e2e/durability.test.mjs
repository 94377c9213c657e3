// The database survives a kill at any moment: writes are racing when the
// server is killed with SIGKILL; afterwards the file passes SQLite's
// integrity check, every write the server acknowledged is there, and the
// server starts again on it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';

import { csrfFrom, gk, login, startServer } from './lib.mjs';

let srv, again;
after(() => { srv?.kill(); again?.kill(); });

test('a SIGKILL during writes loses nothing acknowledged and corrupts nothing', async () => {
	srv = await startServer();
	const c = srv.client();
	await login(c, 'admin');
	const page = await c.get('/staff/users');
	const csrf = csrfFrom(page.text);

	const acknowledged = [];
	const attempts = 48;
	let started = 0;
	const one = async (i) => {
		const login = `kill-test-${i}`;
		try {
			const r = await c.post('/staff/users', {
				csrf, login, display_name: `测试${i}`, agency: '035205000', role: 'editor',
				password: 'a-long-enough-password',
			});
			if (r.status === 201) acknowledged.push(login);
		} catch { /* the connection died with the server */ }
	};
	const inflight = [];
	for (let i = 0; i < attempts; i++) {
		inflight.push(one(i));
		started++;
		// kill once some writes have been acknowledged and others are in flight
		if (acknowledged.length >= 5 && started - acknowledged.length >= 4) break;
		if (i % 4 === 3) await Promise.race(inflight);
	}
	srv.child.kill('SIGKILL');
	await Promise.allSettled(inflight);
	if (srv.child.exitCode === null && srv.child.signalCode === null)
		await new Promise((resolve) => srv.child.once('exit', resolve));
	assert.ok(acknowledged.length >= 1, 'some writes were acknowledged before the kill');

	const check = spawnSync('sqlite3', [srv.db, 'PRAGMA integrity_check; PRAGMA foreign_key_check;'], { encoding: 'utf8' });
	assert.equal(check.status, 0, check.stderr);
	assert.equal(check.stdout.trim(), 'ok');

	const list = gk(['user', 'list', '--db', srv.db]);
	assert.equal(list.status, 0, list.stderr);
	for (const l of acknowledged)
		assert.ok(list.stdout.includes(l), `acknowledged account ${l} survived the kill`);

	again = await startServer({ db: srv.db, dir: srv.dir });
	await again.assertAlive('restart after SIGKILL');
	const c2 = again.client();
	await login(c2, 'admin');
	await again.stop();
});
