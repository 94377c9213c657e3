// A person checks a hand-written annual report: uploads the seed report on
// the checker page and sees its contradictions listed and highlighted in place.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PASSWORD, ROOT } from '../e2e/lib.mjs';
import { openBrowser } from './lib.mjs';

const SEED = path.join(ROOT, '..', 'shared', 'seed', 'datong-2017-annual-report.txt');
let b, page, srv;

before(async () => { b = await openBrowser(); ({ page, srv } = b); });
after(() => b?.close());

test('an editor uploads the seed report and sees its findings in place', async () => {
	await page.goto(srv.url + '/login?next=/staff/check');
	await page.fill('#login', 'editor');
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForURL(/\/staff\/check$/);
	await page.setInputFiles('#c-file', SEED);
	await page.click('#check-form button[type=submit]');
	await page.locator('#findings').waitFor();
	const summary = await page.locator('#summary').innerText();
	assert.match(summary, /2017年度报告/);
	const items = await page.locator('#findings li').allInnerTexts();
	assert.ok(items.length >= 4, `findings listed: ${items.length}`);
	assert.ok(items.some((t) => /62/.test(t) && /52/.test(t)), 'channels 18+0+6+38=62 against 52');
	assert.ok(items.some((t) => /113/.test(t)), 'outcomes sum to 113 against 52');
	assert.ok(items.some((t) => /2016/.test(t)), 'a 2016 figure in the 2017 report');
	// the flagged lines are highlighted and the links jump to them
	const flagged = await page.locator('.report-text .line.flagged').count();
	assert.ok(flagged >= 3, `highlighted lines: ${flagged}`);
	assert.ok(await page.locator('.report-text mark').count() >= 5, 'figures marked');
	const href = await page.locator('#findings li a').first().getAttribute('href');
	assert.match(href, /^#L\d+$/);
	assert.equal(await page.locator(href).count(), 1);
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
