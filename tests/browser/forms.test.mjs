// The filled-in application form from /apply in a real browser (issue 15):
// the download buttons send the form to /apply/form and the browser saves
// the document under its Chinese name; pressed even before the page's
// proof of work is done, nothing is submitted then or later; 提交申请
// still submits. Then /forms and a guide's link download the blank forms.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import { humanCheckDone, openBrowser } from './lib.mjs';

let b, srv, page;
before(async () => { b = await openBrowser(); ({ srv, page } = b); });
after(() => b?.close());

function applications() {
	const r = spawnSync('sqlite3', [srv.db, 'SELECT count(*) FROM applications'], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return Number(r.stdout.trim());
}

async function fill() {
	// at once, so the buttons may be pressed while the proof of work runs
	await page.evaluate(() => {
		const set = (id, v) => { document.getElementById(id).value = v; };
		set('a-agency', '035205000');
		set('a-applicant_type', 'natural_person');
		set('a-name', '浏览器表格人');
		set('a-id_type', 'resident');
		set('a-id_number', '11010519491231002X');
		set('a-phone', '13503520001');
		set('a-address', '大同市平城区浏览器路1号');
		set('a-description', '请提供2024年本市老旧小区改造的资金安排文件。');
		set('a-delivery', 'post');
	});
}

test('the download buttons give the filled-in form and submit nothing; 提交申请 still submits', async () => {
	const before = applications();
	for (const [format, label] of [['pdf', 'PDF'], ['docx', 'Word']]) {
		await page.goto(srv.url + '/apply');
		await fill();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click(`#apply-paper button[value=${format}]`),
		]);
		assert.equal(download.suggestedFilename(), `${await agencyName()}政府信息公开申请表（公民）（已填写）.${format}`);
		const file = await download.path();
		const head = fs.readFileSync(file).subarray(0, 4).toString('latin1');
		assert.equal(head, format === 'pdf' ? '%PDF' : 'PK\u0003\u0004', label);
		assert.equal(new URL(page.url()).pathname, '/apply', 'the page stays');
		await humanCheckDone(page);
		await page.waitForTimeout(300); // a submission the script might still make
		assert.equal(applications(), before, `${label}: nothing submitted`);
	}
	// the same page still submits the application
	await Promise.all([page.waitForLoadState('load'), page.click('#apply-form button[type=submit]')]);
	await page.locator('#tracking-code').waitFor();
	assert.equal(applications(), before + 1);
	// a form's navigation that ends in a download is "aborted" to Chromium
	const aborted = (p) => /request failed: .*\/apply\/form net::ERR_ABORTED$/.test(p);
	assert.equal(b.problems.filter(aborted).length, 2);
	b.problems.splice(0, b.problems.length, ...b.problems.filter((p) => !aborted(p)));
	b.assertNoProblems('the filled-in form');
});

async function agencyName() {
	const r = await fetch(srv.url + '/api/v1/agencies');
	return (await r.json()).agencies.find((a) => a.code === '035205000').name;
}

test('/forms and a guide download the blank forms', async () => {
	await page.goto(srv.url + '/forms');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.click('#forms a[href="/forms/application-organisation.docx?agency=035205000"]'),
	]);
	assert.equal(download.suggestedFilename(), `${await agencyName()}政府信息公开申请表（法人或者其他组织）.docx`);
	await page.goto(srv.url + '/agencies/035205000/guide');
	const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('#guide-forms a >> nth=0')]);
	assert.match(pdf.suggestedFilename(), /政府信息公开申请表（公民）\.pdf$/);
	b.assertNoProblems('blank forms');
});
