// A person checks a hand-written annual report: uploads it on the checker
// page and sees its contradictions listed and highlighted in place. Our
// made-up 2017 report is always checked; the real seed report only when
// ../shared (beside the clone) is there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PASSWORD, ROOT } from '../e2e/lib.mjs';
import { openBrowser } from './lib.mjs';

const SEED = path.join(ROOT, '..', 'shared', 'seed', 'datong-2017-annual-report.txt');
const NEEDS_SEED = { skip: fs.existsSync(SEED) ? false : 'no ../shared' };
const OURS = path.join(ROOT, 'tests', 'data', 'reports', 'narrative-2017-city-contradictions.txt');
let b, page, srv;

before(async () => { b = await openBrowser(); ({ page, srv } = b); });
after(() => b?.close());

// Uploads FILE on the checker page (logged in) and returns the findings listed.
async function upload(file) {
	await page.goto(srv.url + '/staff/check');
	await page.setInputFiles('#c-file', file);
	await page.click('#check-form button[type=submit]');
	await page.locator('#findings').waitFor();
	assert.match(await page.locator('#summary').innerText(), /2017年度报告/);
	return page.locator('#findings li').allInnerTexts();
}

// The flagged lines are highlighted and the links jump to them.
async function assertHighlighted() {
	const flagged = await page.locator('.report-text .line.flagged').count();
	assert.ok(flagged >= 3, `highlighted lines: ${flagged}`);
	assert.ok(await page.locator('.report-text mark').count() >= 5, 'figures marked');
	const href = await page.locator('#findings li a').first().getAttribute('href');
	assert.match(href, /^#L\d+$/);
	assert.equal(await page.locator(href).count(), 1);
}

test('an editor uploads a report with contradictions and sees its findings in place', async () => {
	await page.goto(srv.url + '/login?next=/staff/check');
	await page.fill('#login', 'editor');
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForURL(/\/staff\/check$/);
	const items = await upload(OURS);
	assert.ok(items.length >= 6, `findings listed: ${items.length}`);
	assert.ok(items.some((t) => /47/.test(t) && /40/.test(t)), 'channels 12+1+9+25=47 against 40');
	assert.ok(items.some((t) => /117\.50%/.test(t)), 'shares sum to 117.50%');
	assert.ok(items.some((t) => /51/.test(t)), 'outcomes sum to 51 against 40');
	assert.ok(items.some((t) => /2016/.test(t)), 'a 2016 figure in the 2017 report');
	assert.ok(items.some((t) => /6部分/.test(t)), 'six parts announced, seven headings');
	await assertHighlighted();
	await b.shot('check-report', false);
	b.assertNoProblems('checking a report with contradictions');
});

test('the real seed report: its findings in place', NEEDS_SEED, async () => {
	const items = await upload(SEED);
	assert.ok(items.length >= 4, `findings listed: ${items.length}`);
	assert.ok(items.some((t) => /62/.test(t) && /52/.test(t)), 'channels 18+0+6+38=62 against 52');
	assert.ok(items.some((t) => /113/.test(t)), 'outcomes sum to 113 against 52');
	assert.ok(items.some((t) => /2016/.test(t)), 'a 2016 figure in the 2017 report');
	await assertHighlighted();
	await b.shot('check-seed', false);
	b.assertNoProblems('checking the seed');
});

test('pasting a consistent report gives no finding', async () => {
	await page.goto(srv.url + '/staff/check');
	await page.fill('#c-text', '某县人民政府2018年政府信息公开工作年度报告\n2018年，共收到政府信息公开申请10件，其中当面申请4件，网络申请6件。申请办结10件，其中按时办结10件。\n');
	await page.click('#check-form button[type=submit]');
	await page.locator('#summary').waitFor();
	assert.match(await page.locator('#summary').innerText(), /发现问题 0 处/);
	assert.equal(await page.locator('#findings').count(), 0);
	b.assertNoProblems('checking a consistent report');
});
