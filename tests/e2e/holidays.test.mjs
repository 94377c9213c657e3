// `gongkai holidays`: loading a year's official calendar into a database
// without rebuilding, refusing a bad file with the line named.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { gk, makeDemoDb, tempDir } from './lib.mjs';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('holidays list shows the shipped years; load adds one and recounts open deadlines', () => {
	const db = makeDemoDb(dir);
	const before = gk(['holidays', 'list', '--db', db]);
	assert.equal(before.status, 0, before.stderr);
	assert.match(before.stdout, /2008–2026/);

	const file = path.join(dir, '2027.txt');
	fs.writeFileSync(file, 'year 2027\n# 元旦\n2027-01-01 off 元旦\n2027-02-06 work 春节\n');
	const load = gk(['holidays', 'load', '--db', db, file]);
	assert.equal(load.status, 0, load.stderr);
	assert.match(load.stdout, /loaded the 2027 calendar/);
	assert.match(load.stdout, /\d+ open application/);
	const after2 = gk(['holidays', 'list', '--db', db]);
	assert.match(after2.stdout, /2008–2027/);
	assert.match(after2.stdout, /^ {2}2027 {2}loaded /m);
});

test('holidays load refuses a bad file, naming the line, and changes nothing', () => {
	const db = makeDemoDb(tempDir());
	const bad = path.join(dir, 'bad.txt');
	fs.writeFileSync(bad, 'year 2027\n2027-01-01 off 元旦\n2027-02-30 off 春节\n');
	const r = gk(['holidays', 'load', '--db', db, bad]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /第3行/);
	assert.doesNotMatch(gk(['holidays', 'list', '--db', db]).stdout, /2027/);
	assert.equal(gk(['holidays', 'load', '--db', db]).status, 2);
	assert.equal(gk(['holidays', 'load', '--db', db, path.join(dir, 'missing.txt')]).status, 1);
	assert.equal(gk(['holidays', 'frob', '--db', db]).status, 2);
});
