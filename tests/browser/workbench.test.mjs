// The clerk's workbench and a case page at 1366 px in a real browser: the
// counts equal the lists they open, days left shown in words with their
// colours, the case page's status on the first screen, one action panel,
// no horizontal overflow, no console errors, every HTML page valid.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './lib.mjs';

let b, srv, page;

before(async () => {
	b = await openBrowser();
	({ srv, page } = b);
	await page.setViewportSize({ width: 1366, height: 900 });
});
after(() => b?.close());

const noOverflow = async (where) => {
	const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
	assert.ok(scroll <= client, `${where}: ${scroll}px wide in a ${client}px window`);
};

test('the workbench counts equal the lists they open', async () => {
	await b.loginAs('handler');
	const links = await page.locator('#workload a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), n: Number(a.querySelector('strong').textContent) })));
	assert.deepEqual(links.map((l) => l.href), ['/staff/requests?view=overdue', '/staff/requests?view=due', '/staff/requests?view=action']);
	assert.ok(links[0].n > 0, 'the demo city has overdue applications');
	await noOverflow('workbench');
	await b.shot('workbench-1366', false);
	for (const { href, n } of links) {
		await Promise.all([page.waitForURL(srv.url + href), page.click(`#workload a[href="${href}"]`)]);
		const count = Number(/共 (\d+) 件/.exec(await page.locator('#count').textContent())[1]);
		assert.equal(count, n, href);
		assert.equal(await page.locator('#requests tbody tr').count(), Math.min(n, 50));
		if (href.endsWith('overdue')) {
			await noOverflow('overdue list');
			const row = page.locator('#requests tbody tr.overdue').first();
			assert.match(await row.locator('td.days').textContent(), /^已超期/);
			// red, and said in words
			assert.equal(await row.locator('td').first().evaluate((td) => getComputedStyle(td).color), 'rgb(204, 0, 0)');
			await b.shot('overdue-list-1366', false);
		}
		await page.goBack();
	}
	b.assertNoProblems('workbench');
});

test('a case page: status and deadline on the first screen, one action panel', async () => {
	await page.goto(srv.url + '/staff/requests?view=overdue');
	await Promise.all([page.waitForURL(/\/staff\/requests\/[2-9A-HJ-NP-Z]{10}$/), page.locator('#requests tbody a').first().click()]);
	const box = await page.locator('#status').boundingBox();
	assert.ok(box.y + box.height < 900, 'the status is on the first screen');
	assert.match(await page.locator('#days-left').textContent(), /^已超期/);
	assert.ok((await page.locator('#next-step').textContent()).length > 3);
	const applicant = await page.locator('#applicant, #applicant-hidden').first().boundingBox();
	assert.ok(box.y < applicant.y, 'status before the applicant');
	assert.ok(await page.locator('form.action').count() <= 1, 'one action form at a time');
	await noOverflow('case page');
	await b.shot('case-page-1366', false);
	b.assertNoProblems('case page');
});

test('the server stops cleanly', async () => {
	await srv.stop();
});
