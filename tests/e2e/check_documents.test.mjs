// `gongkai check` on PDF and Word files an office may really send: the
// merged cells of a Word table read as in HTML, and every kind of bad input
// (encrypted, scanned or broken PDF; a .docx that is a zip bomb, encrypted,
// not a zip or another archive; a file over the size limit) → exit 2 with
// one clear Chinese line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { ROOT, gk, tempDir } from './lib.mjs';

const DATA = path.join(ROOT, 'tests', 'data', 'reports');
const CORPUS = path.join(ROOT, 'tests', 'fuzz', 'corpus');
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const NEEDS_UNZIP = { skip: has('unzip') ? false : 'unzip is not installed' };
const NEEDS_PDFTOTEXT = { skip: has('pdftotext') ? false : 'pdftotext is not installed' };

// the one line on stderr for FILE, exit 2
function refused(file) {
	const r = gk(['check', file]);
	assert.equal(r.status, 2, `${file}: ${r.stdout}${r.stderr}`);
	assert.equal(r.stdout, '');
	const lines = r.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, r.stderr);
	assert.ok(lines[0].startsWith(`gongkai check: ${file}: `), lines[0]);
	return lines[0];
}

test('a Word table with merged cells: quiet when consistent, the planted Table 3 total found', NEEDS_UNZIP, () => {
	const ok = gk(['check', path.join(DATA, 'table2021-merged.docx')]);
	assert.equal(ok.status, 0, ok.stdout + ok.stderr);
	const bad = gk(['check', '--json', path.join(DATA, 'table2021-merged-broken-t3.docx')]);
	assert.equal(bad.status, 1, bad.stderr);
	const doc = JSON.parse(bad.stdout);
	assert.equal(doc.figures, JSON.parse(gk(['check', '--json', path.join(DATA, 'table2021-broken-t3.html')]).stdout).figures);
	const t3 = doc.findings.filter((f) => f.relation === 'table3-total');
	assert.equal(t3.length, 1);
	assert.equal(t3[0].severity, 'error');
	assert.match(t3[0].message, /1\+1\+0\+0=2，而总计为3/);
});

test('bad PDFs: encrypted, scanned (no text layer), broken → exit 2, one line', NEEDS_PDFTOTEXT, () => {
	assert.match(refused(path.join(CORPUS, 'pdf', 'encrypted.pdf')), /PDF 文件已加密/);
	assert.match(refused(path.join(CORPUS, 'pdf', 'scanned.pdf')), /没有文字层/);
	assert.match(refused(path.join(CORPUS, 'pdf', 'broken.pdf')), /已损坏/);
});

test('bad .docx: zip bomb, encrypted, not a zip, another archive, cut short → exit 2, one line', () => {
	// refused from the ZIP directory or the name, before unzip runs
	assert.match(refused(path.join(CORPUS, 'docx', 'bomb.docx')), /压缩比异常.*恶意构造/);
	assert.match(refused(path.join(CORPUS, 'docx', 'bomb-size.docx')), /解压后过大/);
	assert.match(refused(path.join(CORPUS, 'docx', 'encrypted-ole.docx')), /已加密/);
	assert.match(refused(path.join(CORPUS, 'docx', 'encrypted-entry.docx')), /已加密/);
	assert.match(refused(path.join(CORPUS, 'docx', 'not-a-zip.docx')), /不是 zip 压缩包/);
	assert.match(refused(path.join(CORPUS, 'docx', 'foreign-zip.docx')), /Excel 工作簿/);
	assert.match(refused(path.join(CORPUS, 'docx', 'truncated.docx')), /已损坏/);
	// the same bytes under another name are judged by their content
	const dir = tempDir();
	const renamed = path.join(dir, 'report.txt');
	fs.copyFileSync(path.join(CORPUS, 'docx', 'bomb.docx'), renamed);
	assert.match(refused(renamed), /恶意构造/);
});

test('a file over the size limit → exit 2, one line in Chinese; in the summary its note says why', () => {
	const dir = tempDir();
	const big = path.join(dir, 'big.pdf');
	fs.writeFileSync(big, Buffer.alloc(17 << 20, 0x41));
	assert.match(refused(big), /过大（上限为 16 MiB）/);
	const r = gk(['check', '--summary', big, path.join(CORPUS, 'docx', 'bomb.docx')]);
	assert.equal(r.status, 2);
	const notes = r.stdout.trimEnd().split('\n').slice(1).map((l) => l.split('\t')[6]);
	assert.match(notes[0], /^未检查：文件“.*big\.pdf”过大/);
	assert.match(notes[1], /^未检查：Word 文档的压缩比异常/);
});
