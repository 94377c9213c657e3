// The report checker from the outside: `gongkai check` exit codes and
// outputs, and the staff page that takes a pasted or uploaded report.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, csrfFrom, gk, login, startServer, tempDir } from './lib.mjs';

// The real published seed report lives outside the repository (../shared,
// beside the clone); the tests that read it are skipped without it. A
// made-up report of ours with the same kinds of contradictions covers the
// same ground everywhere.
const SEED = path.join(ROOT, '..', 'shared', 'seed', 'datong-2017-annual-report.txt');
const NEEDS_SEED = { skip: fs.existsSync(SEED) ? false : 'no ../shared' };
const DATA = path.join(ROOT, 'tests', 'data', 'reports');
const OURS = path.join(DATA, 'narrative-2017-city-contradictions.txt');
let srv, dir;

before(async () => { srv = await startServer(); dir = tempDir(); });
after(() => { srv?.kill(); if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

// Every finding of the JSON output is complete.
function assertFindings(doc, min) {
	assert.ok(doc.findings.length >= min, `${doc.findings.length} findings`);
	for (const f of doc.findings) {
		assert.ok(['error', 'warning'].includes(f.severity));
		assert.ok(Number.isInteger(f.line) && f.line > 0);
		assert.ok(typeof f.relation === 'string' && f.relation.length);
		assert.ok(typeof f.message === 'string' && f.message.length);
	}
}

test('check: a made-up 2017 report has the seed\'s kinds of findings (exit 1), each with line, relation and both sides', () => {
	const r = gk(['check', OURS]);
	assert.equal(r.status, 1, r.stderr);
	assert.match(r.stdout, /12\+1\+9\+25=47/);
	assert.match(r.stdout, /\[parts-total\]/);
	const j = gk(['check', '--json', OURS]);
	assert.equal(j.status, 1);
	const doc = JSON.parse(j.stdout);
	assert.equal(doc.year, 2017);
	assertFindings(doc, 6);
	const got = doc.findings.map((f) => `${f.line} ${f.relation} ${f.severity}`);
	for (const want of [
		'6 section-count warning', // "六部分组成", but headings 一 to 七
		'22 channels-total warning', // 64+24310+1205+2318+187 < 31560
		'26 parts-total error', // application channels 12+1+9+25 = 47 > 40
		'26 shares-100 error', // 30.00+2.50+22.50+62.50 = 117.50%
		'28 parts-total error', // outcomes 15+18+2+1+6+4+2+3 = 51 > 40 concluded
		'36 year-mismatch warning', // a 2016 figure in the 2017 report
	])
		assert.ok(got.includes(want), `${want} not in:\n${got.join('\n')}`);
	const channels = doc.findings.find((f) => f.line === 26 && f.relation === 'parts-total');
	assert.equal(channels.left.value, 47);
	assert.equal(channels.right.value, 40);
});

test('check: the real seed has findings (exit 1), each with line, relation and both sides', NEEDS_SEED, () => {
	const r = gk(['check', SEED]);
	assert.equal(r.status, 1, r.stderr);
	assert.match(r.stdout, /18\+0\+6\+38=62/);
	assert.match(r.stdout, /\[parts-total\]/);
	const j = gk(['check', '--json', SEED]);
	assert.equal(j.status, 1);
	const doc = JSON.parse(j.stdout);
	assert.equal(doc.year, 2017);
	assertFindings(doc, 4);
});

test('check: a consistent report gives no finding (exit 0)', () => {
	for (const name of ['table2021-consistent.txt', 'table2021-consistent.html', 'narrative-2016-consistent.txt']) {
		const r = gk(['check', path.join(DATA, name)]);
		assert.equal(r.status, 0, `${name}: ${r.stdout}${r.stderr}`);
	}
});

test('check: unreadable, empty, binary and figure-less files → exit 2 with one clear line', () => {
	const empty = path.join(dir, 'empty.txt');
	fs.writeFileSync(empty, '');
	const binary = path.join(dir, 'x.bin');
	fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0xff]));
	const prose = path.join(dir, 'prose.txt');
	fs.writeFileSync(prose, '这是一段没有数字的文字。\n');
	const big = path.join(dir, 'big.txt');
	fs.writeFileSync(big, Buffer.alloc(17 << 20, 0x41));
	for (const [file, why] of [[empty, /为空/], [binary, /空字节|二进制/], [prose, /未找到可核对的数字/],
		[path.join(dir, 'missing.txt'), /无法打开.*文件不存在/], [big, /过大（上限为 16 MiB）/]]) {
		const r = gk(['check', file]);
		assert.equal(r.status, 2, `${file}: ${r.stdout}${r.stderr}`);
		assert.match(r.stderr, why, file);
	}
	assert.equal(gk(['check']).status, 2);
	assert.equal(gk(['check', '--nope', OURS]).status, 2);
});

// A handler's session on the checker page: post(fields, files) sends the
// form with its CSRF token.
async function checkerPage() {
	const c = srv.client();
	await login(c, 'handler');
	const page = await c.get('/staff/check');
	assert.equal(page.status, 200);
	const csrf = csrfFrom(page.text);
	const form = (fields, files = {}) => {
		const fd = new FormData();
		for (const [k, v] of Object.entries(fields)) fd.append(k, v);
		for (const [k, [name, bytes]] of Object.entries(files)) fd.append(k, new Blob([bytes]), name);
		return fd;
	};
	const post = (fd) => c.request('POST', '/staff/check', { body: fd });
	return { c, csrf, form, post };
}

test('the checker page: staff only, CSRF, paste or upload, findings in place', async () => {
	const anon = srv.client();
	const r0 = await anon.get('/staff/check');
	assert.equal(r0.status, 303);
	const { c, csrf, form, post } = await checkerPage();

	const ours = fs.readFileSync(OURS);
	const up = await post(form({ csrf }, { file: ['报告<b>.txt', ours] }));
	assert.equal(up.status, 200);
	assert.match(up.text, /id="findings"/);
	assert.match(up.text, /class="line flagged error"/);
	assert.match(up.text, /<mark>12件<\/mark>/);
	assert.ok(up.text.includes('报告&lt;b&gt;.txt'), 'the file name is escaped');

	const pasted = await post(form({ csrf, text: '<script>alert(1)</script>\n2018年共收到申请10件，其中当面申请4件，网络申请6件。' }));
	assert.equal(pasted.status, 200);
	assert.ok(!pasted.text.includes('<script>alert(1)'), 'pasted markup is escaped');
	assert.match(pasted.text, /未发现相互矛盾的数字/);

	const nothing = await post(form({ csrf, text: '' }));
	assert.equal(nothing.status, 400);
	const forged = await post(form({ csrf: 'x'.repeat(64), text: '2018年收到申请10件' }));
	assert.equal(forged.status, 403);
	const binary = await post(form({ csrf }, { file: ['a.bin', Buffer.from([0, 1, 2, 0xff])] }));
	assert.equal(binary.status, 400);
	const stray = await post(form({ csrf, text: 'x' }, { other: ['a.txt', Buffer.from('1')] }));
	assert.equal(stray.status, 400);

	// a broken multipart body is refused, and the server keeps serving
	const bad = await c.request('POST', '/staff/check', {
		body: '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc',
		headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
	});
	assert.equal(bad.status, 400);
	await srv.assertAlive('broken multipart');
});

test('the checker page: the real seed uploaded, its findings in place', NEEDS_SEED, async () => {
	const { csrf, form, post } = await checkerPage();
	const up = await post(form({ csrf }, { file: ['报告<b>.txt', fs.readFileSync(SEED)] }));
	assert.equal(up.status, 200);
	assert.match(up.text, /id="findings"/);
	assert.match(up.text, /class="line flagged error"/);
	assert.match(up.text, /<mark>18件<\/mark>/);
	assert.ok(up.text.includes('报告&lt;b&gt;.txt'), 'the file name is escaped');
});

// PDF input: the text layer read by pdftotext (a child process); the PDF of
// our made-up report has the same findings as its text, and encrypted,
// scanned and broken PDFs are refused with one clear line.
const PDF = path.join(DATA, 'narrative-2017-contradictions.pdf');
const BAD_PDFS = [['pdf-encrypted.pdf', /已加密/], ['pdf-scanned.pdf', /没有文字层/], ['pdf-broken.pdf', /已损坏/]];

test('check: a PDF is read through its text layer; bad PDFs → exit 2 with one clear line', () => {
	const fromText = gk(['check', '--json', path.join(DATA, 'narrative-2017-contradictions.txt')]);
	const fromPdf = gk(['check', '--json', PDF]);
	assert.equal(fromPdf.status, 1, fromPdf.stderr);
	const want = JSON.parse(fromText.stdout), got = JSON.parse(fromPdf.stdout);
	assertFindings(got, 1);
	assert.deepEqual(got.findings.map((f) => f.relation), want.findings.map((f) => f.relation));
	for (const [name, why] of BAD_PDFS) {
		const r = gk(['check', path.join(DATA, name)]);
		assert.equal(r.status, 2, `${name}: ${r.stdout}${r.stderr}`);
		assert.match(r.stderr, why, name);
		assert.equal(r.stderr.trim().split('\n').length, 1, name);
	}
});

test('the checker page: a PDF uploaded, its findings in place; bad PDFs refused', async () => {
	const { csrf, form, post } = await checkerPage();
	const up = await post(form({ csrf }, { file: ['报告.pdf', fs.readFileSync(PDF)] }));
	assert.equal(up.status, 200);
	assert.match(up.text, /id="findings"/);
	assert.match(up.text, /class="line flagged error"/);
	for (const [name, why] of BAD_PDFS) {
		const r = await post(form({ csrf }, { file: [name, fs.readFileSync(path.join(DATA, name))] }));
		assert.equal(r.status, 400, name);
		assert.match(r.text, why, name);
	}
	await srv.assertAlive('bad PDFs');
});

test('check: a Word document (.docx) is read, on the command line and the page', async () => {
	const docx = path.join(DATA, 'table2021-broken-row.docx');
	const want = JSON.parse(gk(['check', '--json', path.join(DATA, 'table2021-broken-row.txt')]).stdout);
	const r = gk(['check', '--json', docx]);
	assert.equal(r.status, 1, r.stderr);
	assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => f.relation), want.findings.map((f) => f.relation));
	const { csrf, form, post } = await checkerPage();
	const up = await post(form({ csrf }, { file: ['报告.docx', fs.readFileSync(docx)] }));
	assert.equal(up.status, 200);
	assert.match(up.text, /class="line flagged error"/);
	const bad = await post(form({ csrf }, { file: ['坏.docx', Buffer.from('PK\x03\x04 word/document.xml')] }));
	assert.equal(bad.status, 400);
	assert.match(bad.text, /Word 文档/);
});
