// Online consultation in a real browser (issue 15), on a phone (390 px)
// and a desktop (1366 px): from the home page to the form, which the
// page's script clears of its human check; a wrong form comes back with
// each error beside its field, a summary that takes the focus, and what
// was typed kept; fixed, it is accepted with a code that opens the
// asker's page. The published answers are listed and searchable. No
// horizontal scrolling, no console errors, every page valid.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { humanCheckDone, openBrowser } from './lib.mjs';

let b, srv, page;
before(async () => { b = await openBrowser(); ({ srv, page } = b); });
after(() => b?.close());

const QUESTION = '请问本局2025年的环境质量公报\n什么时候公开？';

async function noHorizontalScroll(where) {
	const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
	assert.ok(scroll <= client, `${where}: the page is ${scroll} px wide in a ${client} px window`);
}

for (const width of [390, 1366]) {
	test(`${width} px: ask from the home page, the errors beside their fields, then the code and the asker's page`, async () => {
		await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
		await page.goto(srv.url + '/');
		await Promise.all([page.waitForURL(srv.url + '/consult'), page.click('#portal-columns a[href="/consult"]')]);
		await Promise.all([page.waitForURL(srv.url + '/consult/new'), page.click('#consult-ask')]);
		await noHorizontalScroll('the form');
		await page.selectOption('#a-agency', '035205000');
		await page.fill('#a-subject', `环境质量公报${width}`);
		await page.fill('#a-question', QUESTION);
		await page.fill('#a-name', '   '); // spaces pass the browser's "required"
		await page.fill('#a-email', 'not-an-address@x'); // the browser takes it, the server does not
		await page.check('#a-consent');
		await humanCheckDone(page);
		assert.equal(await page.isVisible('#human-question'), false, 'the question is hidden when the script works');
		await Promise.all([page.waitForLoadState('load'), page.click('#apply-form button[type=submit]')]);
		await page.locator('#error-summary').waitFor();
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'the summary takes the focus');
		assert.match(await page.locator('#a-name-error').textContent(), /“姓名”不能只填空格/);
		assert.match(await page.locator('#a-email-error').textContent(), /“电子邮箱”格式不正确/);
		assert.equal(await page.locator('#a-email').getAttribute('aria-invalid'), 'true');
		assert.equal(await page.inputValue('#a-question'), QUESTION);
		assert.equal(await page.inputValue('#a-agency'), '035205000');
		assert.equal(await page.isChecked('#a-consent'), true);
		await noHorizontalScroll('the refused form');
		await b.shot(`consult-errors-${width}`);
		b.problems.splice(0, b.problems.length, ...b.problems.filter((p) => !/^HTTP 400 for .*\/consult\/new$|status of 400 \(Bad Request\)/.test(p)));
		b.assertNoProblems('the refused form');

		await page.fill('#a-name', '浏览器咨询人');
		await page.fill('#a-email', '');
		await page.fill('#a-phone', '13503520001');
		await humanCheckDone(page);
		await Promise.all([page.waitForLoadState('load'), page.click('#apply-form button[type=submit]')]);
		await page.locator('#consult-code').waitFor();
		const code = (await page.locator('#consult-code').textContent()).replace('-', '');
		await Promise.all([page.waitForURL(new RegExp(`/consult/track/${code}$`)), page.click('#consult-track-link')]);
		assert.equal(await page.locator('#state').textContent(), '待答复');
		assert.equal(await page.locator('#question').textContent(), QUESTION);
		assert.ok(!(await page.content()).includes('浏览器咨询人'), 'the asker\'s name is not on his page');
		await noHorizontalScroll('the asker\'s page');
		b.assertNoProblems('ask and look');
	});
}

test('the published answers: listed, searched, each on its page', async () => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(srv.url + '/consult/answers');
	const first = page.locator('#answers li a').first();
	await first.waitFor();
	await page.fill('#c-q', '答复期限');
	await Promise.all([page.waitForLoadState('load'), page.click('#consult-search button[type=submit]')]);
	const n = await page.locator('#answers li').count();
	assert.ok(n > 0, 'the search finds the demo\'s answers');
	await Promise.all([page.waitForLoadState('load'), page.locator('#answers li a').first().click()]);
	assert.match(await page.locator('#answer').textContent(), /工作日/);
	await noHorizontalScroll('an answer');
	b.assertNoProblems('the answers');
});
