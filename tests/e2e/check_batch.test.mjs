// The checker's batch mode: `gongkai check --summary DIR|FILE…` (one line
// per file, exit codes, --out XLSX/HTML) and /staff/check with several files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, assertHtml, csrfFrom, gk, login, startServer, tempDir } from './lib.mjs';

// two consistent reports, one with contradictions, one binary file
const BATCH = path.join(ROOT, 'tests', 'data', 'reports', 'batch');
const file = (name) => path.join(BATCH, name);
let srv, dir;

before(async () => { srv = await startServer(); dir = tempDir(); });
after(() => { srv?.kill(); if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

// The summary's lines by file name: [agency, year, format, errors, doubts, note].
function lines(stdout) {
	const rows = stdout.trimEnd().split('\n').map((l) => l.split('\t'));
	assert.deepEqual(rows[0], ['文件', '发布机关', '年度', '格式', '错误', '疑问', '说明']);
	return Object.fromEntries(rows.slice(1).map((r) => [path.basename(r[0]), r.slice(1)]));
}

test('check --summary DIR: one line per file, the binary one says why, exit 1 for the contradictions', () => {
	const r = gk(['check', '--summary', BATCH]);
	assert.equal(r.status, 1, r.stderr);
	const got = lines(r.stdout);
	assert.deepEqual(Object.keys(got), ['a-county-2016.txt', 'b-district-2021.txt', 'c-city-2017-contradictions.txt', 'd-binary.dat']);
	assert.deepEqual(got['a-county-2016.txt'], ['某某县人民政府', '2016', '叙述式', '0', '0', '']);
	assert.deepEqual(got['b-district-2021.txt'], ['XX市XX区人民政府', '2021', '2021年格式', '0', '0', '']);
	const bad = got['c-city-2017-contradictions.txt'];
	assert.deepEqual(bad.slice(0, 3), ['某某市人民政府', '2017', '叙述式']);
	assert.ok(Number(bad[3]) > 0 && Number(bad[4]) > 0, bad.join(' '));
	const bin = got['d-binary.dat'];
	assert.deepEqual(bin.slice(0, 5), ['', '', '', '', '']);
	assert.match(bin[5], /^未检查：.*空字节/);
});

test('check --summary: exit 0 when no file has an error, 2 only when none could be read', () => {
	const ok = gk(['check', '--summary', file('a-county-2016.txt'), file('b-district-2021.txt'), file('d-binary.dat')]);
	assert.equal(ok.status, 0, ok.stderr);
	assert.equal(Object.keys(lines(ok.stdout)).length, 3);
	const none = gk(['check', '--summary', file('d-binary.dat'), path.join(dir, 'missing.txt')]);
	assert.equal(none.status, 2);
	const got = lines(none.stdout);
	assert.match(got['missing.txt'][5], /^未检查：无法打开“.*missing\.txt”：文件不存在$/);
	const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
	assert.equal(gk(['check', '--summary', empty]).status, 2);
	// misuse
	assert.equal(gk(['check', '--out', path.join(dir, 'x.xlsx'), BATCH]).status, 2);
	assert.equal(gk(['check', '--summary', '--out', path.join(dir, 'x.csv'), BATCH]).status, 2);
	assert.equal(gk(['check', '--summary', '--json', BATCH]).status, 2);
	// the single-file mode is unchanged: a doubt-free consistent report exits 0
	assert.equal(gk(['check', file('a-county-2016.txt')]).status, 0);
	assert.equal(gk(['check', file('d-binary.dat')]).status, 2);
});

test('check --summary --out: the same summary as XLSX cells and as escaped HTML', (t) => {
	const xlsx = path.join(dir, 'summary.xlsx');
	const r = gk(['check', '--summary', '--out', xlsx, BATCH]);
	assert.equal(r.status, 1, r.stderr);
	let sst, sheet;
	try {
		sst = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml']).toString();
		sheet = execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml']).toString();
	} catch (e) {
		if (e.code === 'ENOENT') return t.skip('unzip is not installed');
		throw e;
	}
	const strings = [...sst.matchAll(/<si>.*?<t[^>]*>(.*?)<\/t>/gs)].map((m) => m[1]);
	const cell = (ref) => {
		const m = sheet.match(new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>(?:<f>.*?</f>)?<v>(.*?)</v>)`));
		assert.ok(m, `no cell ${ref}`);
		if (m[2] === undefined) return '';
		return / t="s"/.test(m[1]) ? strings[Number(m[2])] : m[2];
	};
	assert.equal(cell('A1'), '文件');
	assert.match(cell('A2'), /a-county-2016\.txt$/);
	assert.equal(cell('B2'), '某某县人民政府');
	assert.equal(cell('C2'), '2016');
	assert.equal(cell('D2'), '叙述式');
	assert.equal(cell('E2'), '0');
	assert.equal(cell('D3'), '2021年格式');
	assert.match(cell('A4'), /c-city-2017-contradictions\.txt$/);
	assert.ok(Number(cell('E4')) > 0);
	assert.match(cell('A5'), /d-binary\.dat$/);
	assert.match(cell('G5'), /空字节/);

	const html = path.join(dir, 'summary.html');
	assert.equal(gk(['check', '--summary', '--out', html, BATCH]).status, 1);
	const text = fs.readFileSync(html, 'utf8');
	assertHtml(text, 'summary.html');
	assert.match(text, /<td class="agency">某某市人民政府<\/td><td class="year">2017<\/td>/);
	assert.match(text, /<tr class="unread">/);
});

test('the checker page: several files at once give the summary table with a link to each file\'s findings', async () => {
	const c = srv.client();
	await login(c, 'handler');
	const page = await c.get('/staff/check');
	assert.match(page.text, /name="file" type="file" multiple/);
	const fd = new FormData();
	fd.append('csrf', csrfFrom(page.text));
	fd.append('file', new Blob([fs.readFileSync(file('a-county-2016.txt'))]), '甲<1>.txt');
	fd.append('file', new Blob([fs.readFileSync(file('c-city-2017-contradictions.txt'))]), '乙.txt');
	fd.append('file', new Blob([fs.readFileSync(file('d-binary.dat'))]), '丙.dat');
	const r = await c.request('POST', '/staff/check', { body: fd });
	assert.equal(r.status, 200);
	assertHtml(r.text, 'batch result');
	assert.match(r.text, /id="check-summary"/);
	assert.ok(r.text.includes('<a href="#file-1">甲&lt;1&gt;.txt</a>'), 'names are escaped and linked');
	assert.ok(r.text.includes('<a href="#file-2">乙.txt</a>'));
	assert.match(r.text, /<td class="agency">某某县人民政府<\/td><td class="year">2016<\/td><td class="format">叙述式<\/td><td class="errors">0<\/td>/);
	assert.match(r.text, /<td class="agency">某某市人民政府<\/td><td class="year">2017<\/td><td class="format">叙述式<\/td><td class="errors">[1-9]/);
	assert.match(r.text, /<tr class="unread">/);
	// each file's findings under its anchor
	const section = (n) => r.text.split(`<section class="check-file" id="file-${n}">`)[1].split('</section>')[0];
	assert.match(section(1), /未发现相互矛盾的数字/);
	assert.match(section(2), /class="finding error"/);
	assert.match(section(2), /parts-total/);
	assert.doesNotMatch(section(1), /class="finding/);
	assert.match(section(3), /class="notice error"|notice/);

	// one file keeps the single-report page
	const one = new FormData();
	one.append('csrf', csrfFrom(page.text));
	one.append('file', new Blob([fs.readFileSync(file('c-city-2017-contradictions.txt'))]), '乙.txt');
	const r1 = await c.request('POST', '/staff/check', { body: one });
	assert.equal(r1.status, 200);
	assert.match(r1.text, /id="report-text"/);
	assert.doesNotMatch(r1.text, /id="check-summary"/);
});

test('the checker page reads files as `gongkai check` does: a bad .docx and a bad .pdf each get one line, the good report is still checked', async () => {
	const CORPUS = path.join(ROOT, 'tests', 'fuzz', 'corpus');
	const c = srv.client();
	await login(c, 'handler');
	const page = await c.get('/staff/check');
	const fd = new FormData();
	fd.append('csrf', csrfFrom(page.text));
	// text with figures under a .docx name: once read as text, now refused by its name
	fd.append('file', new Blob([fs.readFileSync(path.join(CORPUS, 'docx', 'not-a-zip.docx'))]), '甲.docx');
	// a report's text under a .pdf name: no PDF header
	fd.append('file', new Blob([fs.readFileSync(file('a-county-2016.txt'))]), '乙.pdf');
	// a zip bomb, refused from its directory before unzip runs
	fd.append('file', new Blob([fs.readFileSync(path.join(CORPUS, 'docx', 'bomb.docx'))]), '丙.docx');
	fd.append('file', new Blob([fs.readFileSync(file('c-city-2017-contradictions.txt'))]), '丁.txt');
	const r = await c.request('POST', '/staff/check', { body: fd });
	assert.equal(r.status, 200);
	assertHtml(r.text, 'batch with refused files');
	assert.match(r.text, /检查文件 4 个：已检查 1 个，其中有错误的 1 个；未能检查 3 个。/);
	const problems = [...r.text.matchAll(/<td class="problem">(.*?)<\/td>/g)].map((m) => m[1]);
	assert.equal(problems.length, 3, problems.join('\n'));
	assert.match(problems[0], /^未检查：无法读取 Word 文档：文件不是 \.docx 文档（不是 zip 压缩包）$/);
	assert.match(problems[1], /^未检查：无法读取 PDF 文件：文件已损坏或不是有效的 PDF$/);
	assert.match(problems[2], /^未检查：.*恶意构造/);
	// one Chinese line: no English words beside the names of file kinds
	for (const p of problems) assert.doesNotMatch(p.replace(/\.?docx|PDF|Word|zip/g, ''), /[A-Za-z]{3,}/, p);
	const section = (n) => r.text.split(`<section class="check-file" id="file-${n}">`)[1].split('</section>')[0];
	for (const n of [1, 2, 3]) assert.doesNotMatch(section(n), /class="finding/);
	assert.match(section(4), /class="finding error"/);
	assert.match(r.text, /<td class="agency">某某市人民政府<\/td><td class="year">2017<\/td>/);

	// one file alone, and a bad previous year's report: one line, the form again
	const one = new FormData();
	one.append('csrf', csrfFrom(page.text));
	one.append('file', new Blob([fs.readFileSync(path.join(CORPUS, 'docx', 'not-a-zip.docx'))]), 'x.docx');
	const r1 = await c.request('POST', '/staff/check', { body: one });
	assert.equal(r1.status, 400);
	assert.match(r1.text, /不是 zip 压缩包/);
	assert.doesNotMatch(r1.text, /id="report-text"/);
	const prev = new FormData();
	prev.append('csrf', csrfFrom(page.text));
	prev.append('file', new Blob([fs.readFileSync(file('a-county-2016.txt'))]), 'now.txt');
	prev.append('previous', new Blob([fs.readFileSync(file('a-county-2016.txt'))]), 'last.pdf');
	const r2 = await c.request('POST', '/staff/check', { body: prev });
	assert.equal(r2.status, 400);
	assert.match(r2.text, /上年报告：无法读取 PDF 文件/);
});
