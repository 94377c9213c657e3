// The forms to download (表格下载, issue 15): the application form
// (政府信息公开申请表) for natural persons and for organisations, as PDF
// (Chinese fonts embedded) and Word, blank per agency from /forms and each
// agency's guide, and filled in from /apply — checked as an application is,
// nothing stored, nothing logged. Unknown agencies and files are 404 pages
// in Chinese; hostile input is never a 5xx.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { csrfFrom, gk, startServer, unescapeHtml } from './lib.mjs';

const CITY = '035200000';
const CITY_NAME = '大同市人民政府办公厅';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());

const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/* The text of a PDF (pdftotext) or of a .docx's body (unzip), white space removed. */
function textOf(bytes, kind) {
	const file = path.join(srv.dir, `doc-${process.hrtime.bigint()}.${kind}`);
	fs.writeFileSync(file, bytes);
	try {
		if (kind === 'pdf') {
			const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
			assert.equal(r.status, 0, r.stderr);
			return r.stdout.replace(/\s/g, '');
		}
		const t = spawnSync('unzip', ['-tq', file], { encoding: 'utf8' });
		assert.equal(t.status, 0, `unzip -t: ${t.stdout}${t.stderr}`);
		const r = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		return unescapeHtml(r.stdout.replace(/<[^>]+>/g, '')).replace(/&apos;/g, "'").replace(/\s/g, '');
	} finally {
		fs.rmSync(file, { force: true });
	}
}

function pdfFonts(bytes) {
	const file = path.join(srv.dir, `fonts-${process.hrtime.bigint()}.pdf`);
	fs.writeFileSync(file, bytes);
	const r = spawnSync('pdffonts', [file], { encoding: 'utf8' });
	fs.rmSync(file, { force: true });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.split('\n').slice(2).filter((l) => l.trim());
}

/* The file name of a Content-Disposition: the RFC 5987 filename* decoded. */
function dispositionName(header) {
	assert.ok(header, 'a Content-Disposition header');
	assert.match(header, /^attachment; /);
	const m = /filename\*=UTF-8''([^;\s]+)/.exec(header);
	assert.ok(m, `filename* in ${header}`);
	return decodeURIComponent(m[1]);
}

function assertDocument(r, kind, where) {
	assert.equal(r.status, 200, `${where}: ${r.status} ${r.text.slice(0, 300)}`);
	assert.equal(r.headers.get('content-type'), kind === 'pdf' ? 'application/pdf' : DOCX, where);
	assert.equal(r.bytes.subarray(0, 4).toString('latin1'), kind === 'pdf' ? '%PDF' : 'PK\u0003\u0004', `${where}: the bytes are a ${kind}`);
}

const LABELS = ['联系电话', '电子邮箱', '通信地址', '邮政编码', '所需政府信息的名称或内容描述', '文号', '信息的载体形式', '获取信息的方式', '申请人签名或盖章', '申请时间'];

test('the blank forms of an agency: PDF with fonts embedded and Word, named in Chinese', async () => {
	const c = srv.client();
	for (const kind of ['person', 'organisation'])
		for (const format of ['pdf', 'docx']) {
			const p = `/forms/application-${kind}.${format}?agency=${CITY}`;
			const r = await c.get(p);
			assertDocument(r, format, p);
			const label = kind === 'person' ? '公民' : '法人或者其他组织';
			assert.equal(dispositionName(r.headers.get('content-disposition')), `${CITY_NAME}政府信息公开申请表（${label}）.${format}`);
			if (format === 'pdf' ? !have('pdftotext') : !have('unzip')) continue;
			const text = textOf(r.bytes, format);
			assert.ok(text.includes(`${CITY_NAME}政府信息公开申请表`), `${p}: the title names the agency`);
			assert.ok(text.includes(`（${label}）`), p);
			for (const l of LABELS) assert.ok(text.includes(l), `${p}: no “${l}”`);
			for (const l of kind === 'person' ? ['姓名', '证件类型', '证件号码', '居民身份证'] : ['名称', '统一社会信用代码', '法定代表人', '联系人姓名'])
				assert.ok(text.includes(l), `${p}: no “${l}”`);
			assert.ok(text.includes('第二十九条'), `${p}: the article it follows`);
			if (format === 'pdf' && have('pdffonts')) {
				const fonts = pdfFonts(r.bytes);
				assert.ok(fonts.length > 0, 'the PDF has fonts');
				for (const f of fonts) assert.match(f, / yes /, `a font not embedded: ${f}`);
			}
		}
	// without an agency: the form naming none
	const r = await c.get('/forms/application-person.pdf');
	assertDocument(r, 'pdf', 'no agency');
	assert.equal(dispositionName(r.headers.get('content-disposition')), '政府信息公开申请表（公民）.pdf');
});

test('/forms lists every agency with its four forms; each guide links its own', async () => {
	const c = srv.client();
	const page = await c.get('/forms');
	assert.equal(page.status, 200);
	assert.match(page.text, /<title>表格下载/);
	const agencies = (await c.get('/api/v1/agencies')).json.agencies;
	for (const a of agencies)
		for (const kind of ['person', 'organisation'])
			for (const format of ['pdf', 'docx'])
				assert.ok(page.text.includes(`href="/forms/application-${kind}.${format}?agency=${a.code}"`), `${a.code} ${kind} ${format}`);
	const links = [...page.text.matchAll(/href="(\/forms\/[^"]+)"/g)].map((m) => unescapeHtml(m[1]));
	for (const href of links.filter((h) => h.includes(agencies[1].code)))
		assertDocument(await c.get(href), href.includes('.pdf') ? 'pdf' : 'docx', href);

	const guide = await c.get(`/agencies/${agencies[1].code}/guide`);
	assert.equal(guide.status, 200);
	const own = /<p id="guide-forms">[\s\S]*?<\/p>/.exec(guide.text)?.[0];
	assert.ok(own, 'the guide has its forms');
	for (const kind of ['person', 'organisation'])
		for (const format of ['pdf', 'docx'])
			assert.ok(own.includes(`/forms/application-${kind}.${format}?agency=${agencies[1].code}`), `guide: ${kind} ${format}`);
	const r = await c.get(/href="([^"]+\.docx[^"]*)"/.exec(own)[1].replace(/&amp;/g, '&'));
	assertDocument(r, 'docx', 'from the guide');
	assert.ok(dispositionName(r.headers.get('content-disposition')).startsWith(agencies[1].name));
});

test('an unknown agency or file is a 404 page in Chinese, never a 5xx', async () => {
	const c = srv.client();
	for (const p of ['/forms/application-person.pdf?agency=999999999', '/forms/application-person.pdf?agency=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
		'/forms/application-company.pdf', '/forms/application-person.exe', '/forms/application-person.PDF', '/forms/application-公民.pdf',
		'/forms/application-person.pdf.docx', '/forms/%2e%2e%2fetc%2fpasswd', '/forms/application-person']) {
		const r = await c.get(p);
		assert.equal(r.status, 404, `${p}: ${r.status}`);
		assert.match(r.headers.get('content-type'), /text\/html/);
		assert.match(r.text, /页面不存在/);
		assert.ok(!r.text.includes('<script>alert'), `${p}: the code is escaped`);
	}
	const r = await c.get('/forms/application-person.pdf?agency=999999999');
	assert.match(r.text, /没有代码为“999999999”的机关/);
	await srv.assertAlive('unknown forms');
});

const PERSON = {
	agency: CITY, applicant_type: 'natural_person', name: '表格测试人', id_type: 'resident',
	id_number: '11010519491231002X', phone: '13503527788', email: 'forms@example.cn',
	address: '大同市平城区表格路8号', description: '请提供2017年城市道路维修的预算和决算', doc_no: '同政办发〔2017〕109号',
	delivery: 'post', medium: 'paper',
};

function applications() {
	const r = spawnSync('sqlite3', [srv.db, 'SELECT count(*) FROM applications; SELECT count(*) FROM applicants;'], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.trim();
}

test('the online form downloads as the filled-in form, with what was typed, nothing stored or logged', async () => {
	const c = srv.client();
	const page = await c.get('/apply');
	assert.match(page.text, /formaction="\/apply\/form"[^>]*value="pdf"/);
	assert.match(page.text, /formaction="\/apply\/form"[^>]*value="docx"/);
	const csrf = csrfFrom(page.text);
	const before = applications();
	for (const format of ['pdf', 'docx']) {
		const r = await c.post('/apply/form', { ...PERSON, csrf, format });
		assertDocument(r, format, `filled ${format}`);
		assert.equal(dispositionName(r.headers.get('content-disposition')), `${CITY_NAME}政府信息公开申请表（公民）（已填写）.${format}`);
		assert.equal(r.headers.get('cache-control'), 'no-store');
		if (format === 'pdf' ? !have('pdftotext') : !have('unzip')) continue;
		const text = textOf(r.bytes, format);
		for (const v of [PERSON.name, PERSON.id_number, PERSON.phone, PERSON.address, PERSON.description, PERSON.doc_no])
			assert.ok(text.includes(v.replace(/\s/g, '')), `${format}: “${v}” not in the form`);
	}
	// an organisation gets the organisation's version, its code in its row
	const org = { ...PERSON, applicant_type: 'legal_services', name: '某某律师事务所', id_type: 'credit_code', id_number: '91140200MA0K0J2X3X', csrf, format: 'docx' };
	const r = await c.post('/apply/form', org);
	assertDocument(r, 'docx', 'organisation');
	assert.match(dispositionName(r.headers.get('content-disposition')), /（法人或者其他组织）（已填写）\.docx$/);
	if (have('unzip')) {
		const text = textOf(r.bytes, 'docx');
		assert.ok(text.includes('统一社会信用代码91140200MA0K0J2X3X'), text.slice(0, 400));
		assert.ok(text.includes('☑法律服务机构'), 'the applicant type ticked');
		assert.ok(text.includes('☑邮寄'), 'the delivery ticked');
	}
	assert.equal(applications(), before, 'no application or applicant stored');
	assert.ok(!srv.stderr.includes(PERSON.name) && !srv.stderr.includes(PERSON.id_number), 'no personal data in the log');
});

test('the filled form is checked as an application: problems come back on the form; hostile input never a 5xx', async () => {
	const c = srv.client();
	const page = await c.get('/apply');
	const csrf = csrfFrom(page.text);
	// no token: the form again, kept
	let r = await c.post('/apply/form', { ...PERSON, format: 'pdf' });
	assert.equal(r.status, 403);
	assert.match(r.text, /申请表未生成/);
	assert.ok(r.text.includes(PERSON.address), 'the form keeps what was typed');
	// problems: beside their fields, no document
	r = await c.post('/apply/form', { ...PERSON, id_number: '110105194912310021', email: 'x@', csrf, format: 'pdf' });
	assert.equal(r.status, 400);
	assert.match(r.headers.get('content-type'), /text\/html/);
	assert.match(r.text, /id="error-summary"/);
	assert.match(r.text, /校验位/);
	r = await c.post('/apply/form', { csrf, format: 'docx' });
	assert.equal(r.status, 400);
	r = await c.post('/apply/form', { ...PERSON, agency: '999999999', csrf, format: 'pdf' });
	assert.equal(r.status, 400);
	assert.match(r.text, /所选的受理机关不存在/);

	const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --", '{{7*7}}', '\u202Egnp.exe', 'a\u0000b', 'x'.repeat(5000), '长'.repeat(3000)];
	const formats = ['pdf', 'docx', '<x>'];
	// from an address of its own: the per-address limit of documents
	const h = srv.client({ from: '127.0.0.9' });
	const hcsrf = csrfFrom((await h.get('/apply')).text);
	let n = 0;
	for (const p of payloads)
		for (const field of ['name', 'address', 'description', 'doc_no']) {
			const format = formats[n++ % formats.length];
			r = await h.post('/apply/form', { ...PERSON, [field]: p, csrf: hcsrf, format }, { noHtmlCheck: true });
			assert.ok(r.status < 500, `${field}=${p.slice(0, 20)} ${format}: ${r.status}`);
			if (r.status === 200) assert.match(r.headers.get('content-type'), /pdf|wordprocessing/);
			else assert.ok(!/<img src=x|<script>alert/.test(r.text), 'escaped on the form');
		}
	await srv.assertAlive('hostile forms');
});

test('gongkai forms writes the same blank forms for an office to print', () => {
	for (const [kind, format] of [['person', 'pdf'], ['organisation', 'docx']]) {
		const out = path.join(srv.dir, `cli-${kind}.${format}`);
		const r = gk(['forms', '--kind', kind, '--format', format, '--db', srv.db, '--agency', CITY, '-o', out]);
		assert.equal(r.status, 0, r.stderr);
		const bytes = fs.readFileSync(out);
		if (format === 'pdf' ? !have('pdftotext') : !have('unzip')) continue;
		const text = textOf(bytes, format);
		assert.ok(text.includes(`${CITY_NAME}政府信息公开申请表`), `${kind} ${format}`);
	}
	// the report checker's .docx path (unzip, core/report/docx.c) reads it
	const checked = gk(['check', path.join(srv.dir, 'cli-organisation.docx')]);
	assert.doesNotMatch(checked.stdout + checked.stderr, /无法读取|不是 \.docx|损坏/);
	assert.match(checked.stdout + checked.stderr, /未读到任何数字|未找到可核对的数字/);
	// the format from the file's ending; an unknown agency is exit 1, a bad kind 2
	const out = path.join(srv.dir, 'plain.docx');
	assert.equal(gk(['forms', '--kind', 'person', '-o', out]).status, 0);
	assert.equal(fs.readFileSync(out).subarray(0, 2).toString(), 'PK');
	assert.equal(gk(['forms', '--kind', 'person', '--db', srv.db, '--agency', '999', '-o', out]).status, 1);
	assert.equal(gk(['forms', '--kind', 'citizen', '-o', out]).status, 2);
});

test('documents per address are limited: past 60 in 10 minutes, 429 with Retry-After', async () => {
	const c = srv.client({ from: '127.0.0.12' });
	let r;
	for (let i = 0; i < 60; i++) {
		r = await c.get(`/forms/application-person.docx?agency=${CITY}`);
		assert.equal(r.status, 200, `document ${i + 1}`);
	}
	r = await c.get(`/forms/application-person.docx?agency=${CITY}`);
	assert.equal(r.status, 429);
	assert.match(r.text, /下载表格过于频繁/);
	assert.ok(Number(r.headers.get('retry-after')) > 0);
	// another address is not limited by this one
	assert.equal((await srv.client({ from: '127.0.0.13' }).get('/forms/application-person.docx')).status, 200);
});
