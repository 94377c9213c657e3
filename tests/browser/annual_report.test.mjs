// The yearly report as its users meet it in a browser: a handler records a
// reconsideration case; an editor writes the report's overview, previews
// the report with its tables and charts, publishes it, and the public finds
// it in the list of yearly reports with its PDF and Excel files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './lib.mjs';

const DEPT = '035205000'; /* 大同市环境保护局 */
let b, page, srv;

before(async () => { b = await openBrowser(); ({ page, srv } = b); });
after(() => b?.close());

test('a handler records a reconsideration case; a bad date is refused with the input kept', async () => {
	await b.loginAs('hbj.handler');
	await page.goto(srv.url + '/staff/disputes/new');
	await page.selectOption('[name=kind]', 'review');
	await page.fill('[name=case_no]', '同政复〔2024〕88号');
	await page.fill('[name=filed]', '2024-05-06');
	await page.selectOption('[name=result]', 'upheld');
	await page.fill('[name=decided]', '2024-03-01'); /* before it was filed */
	await page.click('#record-form button[type=submit]');
	assert.match(await page.locator('.notice').first().innerText(), /审结日期|立案日期/);
	assert.equal(await page.inputValue('[name=case_no]'), '同政复〔2024〕88号', 'input kept');
	/* the refusal is a 400 with the form: expected, nothing else */
	const seen = b.problems.splice(0);
	assert.ok(seen.length > 0 && seen.every((p) => /400|Bad Request|getResponseBody/.test(p)), seen.join('\n'));
	await page.fill('[name=decided]', '2024-07-01');
	await Promise.all([page.waitForURL(/\/staff\/disputes/), page.click('#record-form button[type=submit]')]);
	await page.goto(srv.url + '/staff/disputes?year=2024');
	assert.match(await page.locator('#records').innerText(), /同政复〔2024〕88号/);
	/* the refused form's body, read by the page checker after the browser
	 * moved on, may be gone: that is the checker's race, not the page's */
	b.problems.splice(0, b.problems.length,
		...b.problems.filter((p) => !/Network\.getResponseBody/.test(p)));
	b.assertNoProblems('recording a dispute');
	await b.logout();
});

test('an editor writes the overview, previews the report and publishes it', async () => {
	await b.loginAs('hbj.editor');
	await page.goto(`${srv.url}/staff/reports/${DEPT}/2024`);
	await page.fill('#t-overview', '2024年，市环境保护局把政府信息公开作为依法行政的基础工作。');
	await page.click('#save-all');
	await page.locator('.notice').first().waitFor();
	await Promise.all([page.waitForURL(/\/preview/), page.click('#preview-own')]);
	const report = page.locator('#annual-report');
	assert.match(await report.innerText(), /大同市环境保护局2024年政府信息公开工作年度报告/);
	assert.match(await report.innerText(), /把政府信息公开作为依法行政的基础工作/);
	assert.ok(await report.locator('table').count() >= 3, 'Tables 1–3');
	assert.ok(await report.locator('svg').count() >= 2, 'charts');
	assert.ok(await report.locator('svg').first().isVisible());
	await b.shot('annual-report-preview');
	await Promise.all([page.waitForURL(/\/items\/\d+$/), page.click('#publish')]);
	const item = page.url();
	assert.match(await page.locator('h1').innerText(), /年度报告/);
	assert.ok(await page.locator('a[href*="/files/"]').count() >= 2, 'PDF and XLSX attached');
	b.assertNoProblems('previewing and publishing');
	await b.logout();

	await page.goto(srv.url + '/reports');
	const link = page.locator(`#report-list a[href="${new URL(item).pathname}"]`);
	assert.equal(await link.count(), 1);
	await Promise.all([page.waitForURL(item), link.click()]);
	await b.shot('annual-report-item');
	b.assertNoProblems('the public list of reports');
});
