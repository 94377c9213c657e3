// The yearly report from the records (issue 10), end to end: `gongkai
// report` in every format on the demo database, the checker quiet on what
// it writes, the staff preview and downloads, publication as a catalogue
// item with its PDF and XLSX, the public list, and who may do what.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { csrfFrom, gk, login, startServer } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) { await srv.stop(); srv.kill(); } });

const CITY_GOV = '035200001'; /* 大同市人民政府: the root */
const DEPT = '035205000';     /* 大同市环境保护局 */

test('gongkai report: the 2017 narrative report has the seed figures that add up', () => {
	const r = gk(['report', '--db', srv.db, '--year', '2017', '--style', 'narrative']);
	assert.equal(r.status, 0, r.stderr);
	const t = r.stdout;
	assert.match(t, /^大同市人民政府2017年政府信息公开工作年度报告/);
	assert.match(t, /收到政府信息公开申请52件/);
	assert.match(t, /按时办结48件/);
	assert.match(t, /延期办结4件/);
	assert.match(t, /行政复议11件，其中维持具体行政行为7件，被依法纠错1件，其他情形3件/);
	assert.match(t, /行政诉讼35件，其中维持具体行政行为或者驳回原告诉讼请求29件，被依法纠错0件，其他情形6件/);
	assert.match(t, /投诉举报10件/);
	assert.match(t, /培训班10次，接受培训人员1150人次/);
	assert.match(t, /350人，其中专职人员201人，兼职人员149人/);
	assert.match(t, /新闻发布会6次/);
	assert.match(t, /在线访谈25次/);
	assert.match(t, /重大舆情3661次/);
	assert.match(t, /政策解读稿件334篇/);
	assert.doesNotMatch(t, /2016年/, 'the report speaks of its own year only');
});

test('gongkai report: every format, and the checker finds nothing in what it writes', () => {
	const dir = fs.mkdtempSync(path.join(srv.dir, 'report-'));
	for (const year of ['2017', '2020', '2024']) {
		for (const ext of ['txt', 'md']) {
			const file = path.join(dir, `r${year}.${ext}`);
			assert.equal(gk(['report', '--db', srv.db, '--year', year, '-o', file]).status, 0);
			const c = gk(['check', file]);
			assert.equal(c.status, 0, c.stdout + c.stderr);
			assert.match(c.stdout, /未发现问题/);
		}
	}
	const json = gk(['report', '--db', srv.db, '--year', '2024', '--format', 'json']);
	assert.equal(json.status, 0, json.stderr);
	const j = JSON.parse(json.stdout);
	assert.equal(j.year, 2024);
	const t2 = j.tables.table2;
	const row = (label) => t2.find((x) => x.label === label);
	const added = row('一、本年新收政府信息公开申请数量').cells;
	const carried = row('二、上年结转政府信息公开申请数量').cells;
	const total = row('（七）总计').cells;
	const out = row('四、结转下年度继续办理').cells;
	assert.equal(added.length, 7);
	for (let c = 0; c < 7; c++) assert.equal(added[c] + carried[c], total[c] + out[c], `column ${c}`);
	for (const [ext, magic] of [['pdf', '%PDF-'], ['xlsx', 'PK']]) {
		const file = path.join(dir, `r.${ext}`);
		const r = gk(['report', '--db', srv.db, '--year', '2024', '--agency', DEPT, '-o', file]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(fs.readFileSync(file).subarray(0, magic.length).toString('latin1'), magic);
	}
	const html = gk(['report', '--db', srv.db, '--year', '2024', '--format', 'html']);
	assert.match(html.stdout, /^<!DOCTYPE html>/);
	assert.match(html.stdout, /<svg/);
	/* the charts by channel, by outcome and the five-year trends, as on the preview */
	for (const chart of ['提交渠道', '办理结果', '近年收到的政府信息公开申请', '近年主动公开的政府信息'])
		assert.match(html.stdout, new RegExp(`<figcaption>[^<]*${chart}`), chart);
	for (const y of ['2020', '2021', '2022', '2023', '2024'])
		assert.match(html.stdout, new RegExp(`gk-annual-2024-trend-received[\\s\\S]*>${y}<`), y);
	const hf = path.join(dir, 'r2024.html');
	fs.writeFileSync(hf, html.stdout);
	const hc = gk(['check', hf]);
	assert.equal(hc.status, 0, hc.stdout + hc.stderr);
});

test('gongkai report: bad input is refused with a clear message', () => {
	let r = gk(['report', '--db', srv.db, '--year', '1900']);
	assert.equal(r.status, 2);
	assert.match(r.stderr, /--year/);
	/* a PDF or XLSX to standard output when it is a pipe (a terminal is refused) */
	r = gk(['report', '--db', srv.db, '--year', '2024', '--format', 'pdf']);
	assert.equal(r.status, 0, r.stderr);
	assert.ok(r.stdout.startsWith('%PDF-'));
	r = gk(['report', '--db', srv.db, '--year', '2024', '--format', 'xlsx', '-o', '-']);
	assert.equal(r.status, 0, r.stderr);
	assert.ok(r.stdout.startsWith('PK'));
	r = gk(['report', '--db', srv.db, '--year', '2024', '--agency', 'nosuch']);
	assert.notEqual(r.status, 0);
	r = gk(['report', '--db', srv.db, '--year', '2024', '--style', 'fancy']);
	assert.equal(r.status, 2);
	/* a year nothing was recorded for says so instead of a silent table of zeros */
	r = gk(['report', '--db', srv.db, '--year', '2010']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /未登记任何/);
	/* in every format: the JSON's preamble, the PDF's text */
	r = gk(['report', '--db', srv.db, '--year', '2010', '--style', '2021', '--format', 'json']);
	assert.match(JSON.parse(r.stdout).sections.preamble.join(''), /未登记任何/);
	const pdf = path.join(srv.dir, 'empty-2010.pdf');
	assert.equal(gk(['report', '--db', srv.db, '--year', '2010', '--style', '2021', '-o', pdf]).status, 0);
	const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s/g, '');
	assert.match(text, /没有政府信息公开工作的记录/);
});

test('staff preview a report, download it in every format, and publish it', async () => {
	const c = srv.client();
	await login(c, 'hbj.editor');
	const pv = await c.get(`/staff/reports/${DEPT}/2024/preview`);
	assert.equal(pv.status, 200);
	assert.match(pv.text, /大同市环境保护局2024年政府信息公开工作年度报告/);
	assert.match(pv.text, /<svg/);
	assert.match(pv.text, /本年度办理结果/);
	for (const [format, type] of [['pdf', 'application/pdf'], ['xlsx', 'spreadsheetml'], ['md', 'text/markdown'],
		['txt', 'text/plain'], ['json', 'application/json'], ['html', 'text/html']]) {
		const d = await c.get(`/staff/reports/${DEPT}/2024/download?format=${format}&scope=own`, { noHtmlCheck: true });
		assert.equal(d.status, 200, format);
		assert.match(d.headers.get('content-type'), new RegExp(type), format);
		assert.match(d.headers.get('content-disposition'), /attachment/);
		assert.ok(d.bytes.length > 500, format);
	}
	const dl = await c.get(`/staff/reports/${DEPT}/2024/download?format=html&scope=own`, { noHtmlCheck: true });
	assert.match(dl.text, /近年收到的政府信息公开申请/, 'the downloaded HTML has the trends too');
	/* outside the editor's subtree */
	assert.equal((await c.get(`/staff/reports/${CITY_GOV}/2024/preview`)).status, 403);

	const csrf = csrfFrom(pv.text);
	const pub = await c.post(`/staff/reports/${DEPT}/2024/publish`, { csrf, scope: 'own', style: '2021' });
	assert.equal(pub.status, 303, pub.text.slice(0, 400));
	const where = pub.headers.get('location');
	assert.match(where, /^\/items\/\d+$/);
	const item = await srv.client().get(where);
	assert.equal(item.status, 200);
	assert.match(item.text, /大同市环境保护局2024年政府信息公开工作年度报告/);
	assert.match(item.text, /年度报告/);
	/* its own 索引号, like the seed's header (035200000/2018-00032) */
	const index = /id="meta-index">(035205000\/\d{4}-\d{5})</.exec(item.text);
	assert.ok(index, 'the item has its 索引号');
	/* and the seed's 信息分类 */
	assert.match(item.text, /id="meta-topic">[^<]*政府信息公开年度报告</, 'the item is classed 政府信息公开年度报告');
	assert.match(item.text, /\.pdf/);
	assert.match(item.text, /\.xlsx/);
	assert.match(item.text, /本年度办理结果/);
	assert.doesNotMatch(item.text, /&lt;svg|&lt;figure/, 'no chart markup shown as text');

	/* the public list has it; publishing again updates the same item */
	const list = await srv.client().get('/reports');
	assert.equal(list.status, 200);
	assert.match(list.text, new RegExp(`href="${where}"`));
	assert.ok(list.text.includes(index[1]), 'the public list shows the 索引号');
	const again = await c.post(`/staff/reports/${DEPT}/2024/publish`, { csrf, scope: 'own', style: '2021' });
	assert.equal(again.status, 303);
	assert.equal(again.headers.get('location'), where);
});

test('publishing needs an editor of the agency, and the form its token', async () => {
	const h = srv.client();
	await login(h, 'hbj.handler');
	const pv = await h.get(`/staff/reports/${DEPT}/2024/preview`);
	assert.equal(pv.status, 200);
	assert.doesNotMatch(pv.text, /id="publish"/);
	const csrf = csrfFrom(pv.text);
	assert.equal((await h.post(`/staff/reports/${DEPT}/2024/publish`, { csrf, scope: 'own' })).status, 403);
	const e = srv.client();
	await login(e, 'hbj.editor');
	const r = await e.post(`/staff/reports/${DEPT}/2024/publish`, { scope: 'own' });
	assert.equal(r.status, 403);
});

test('golden: the demo city\'s 2017 narrative report, word for word', () => {
	const golden = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'data', 'annual', 'demo-2017-narrative.txt');
	const r = gk(['report', '--db', srv.db, '--year', '2017', '--style', 'narrative']);
	assert.equal(r.status, 0, r.stderr);
	if (process.env.GK_UPDATE_GOLDEN) fs.writeFileSync(golden, r.stdout);
	assert.equal(r.stdout, fs.readFileSync(golden, 'utf8'),
		'the report differs from tests/data/annual/demo-2017-narrative.txt (GK_UPDATE_GOLDEN=1 rewrites it after review)');
});

test('a year not begun is refused, for a report and for figures', async () => {
	const next = new Date().getFullYear() + 1;
	const r = gk(['report', '--db', srv.db, '--year', String(next)]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /尚未开始/);
	const c = srv.client();
	await login(c, 'hbj.editor');
	const pv = await c.get(`/staff/reports/${DEPT}/${next}/preview`);
	assert.equal(pv.status, 400);
	assert.match(pv.text, /尚未开始/);
});

test('an agency\'s page leads to its guide, catalogue and yearly reports', async () => {
	const c = srv.client();
	const page = await c.get(`/agencies/${DEPT}`);
	assert.equal(page.status, 200);
	for (const href of [`/agencies/${DEPT}/guide`, `/items?agency=${DEPT}`, `/reports?agency=${DEPT}`])
		assert.match(page.text, new RegExp(`href="${href.replace(/[?]/g, '\\?')}"`), href);
	const list = await c.get(`/reports?agency=${DEPT}`);
	assert.equal(list.status, 200);
	assert.match(list.text, /大同市环境保护局政府信息公开工作年度报告/);
	assert.doesNotMatch(list.text, /大同市人民政府20\d\d年政府信息公开工作年度报告/, 'only this agency\'s');
	assert.equal((await c.get('/reports?agency=nosuch')).status, 404);
});
