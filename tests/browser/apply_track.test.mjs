// The citizen's side in a real browser (issue 12), on a phone (390 px) and a
// desktop (1366 px): a form filled wrongly comes back with each error beside
// its field, a summary that takes the focus and links to the fields, and
// every word typed kept (the long description with its line breaks); fixed,
// it is accepted; the applicant then opens his own view with the tracking
// code and the last four digits of his phone and sees the history and his
// request. No horizontal scrolling, no console errors, every page valid.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { humanCheckDone, openBrowser } from './lib.mjs';

let b, srv, page;
before(async () => { b = await openBrowser(); ({ srv, page } = b); });
after(() => b?.close());

const DESCRIPTION = '请提供2024年本市老旧小区改造的下列文件：\n\n一、资金安排文件；\n二、项目清单（含<小区名称>及户数）。\n';

async function noHorizontalScroll(where) {
	const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
	assert.ok(scroll <= client, `${where}: the page is ${scroll} px wide in a ${client} px window`);
}

/* The error of field NAME is shown next to its control: just above it and
 * overlapping it horizontally, and the control names it. */
async function errorBeside(name, text) {
	const error = page.locator(`#a-${name}-error`);
	await error.waitFor();
	assert.ok((await error.textContent()).includes(text), `${name}: ${await error.textContent()}`);
	const control = page.locator(`#a-${name}`);
	const eb = await error.boundingBox(), cb = await control.boundingBox();
	assert.ok(eb && cb, `${name}: both are visible`);
	assert.ok(eb.y < cb.y && cb.y - (eb.y + eb.height) < 60, `${name}: the error is just above its field (${eb.y}+${eb.height} vs ${cb.y})`);
	assert.ok(eb.x < cb.x + cb.width && cb.x < eb.x + eb.width, `${name}: the error is in the field's column`);
	assert.equal(await control.getAttribute('aria-invalid'), 'true');
	assert.ok((await control.getAttribute('aria-describedby')).split(' ').includes(`a-${name}-error`));
}

for (const width of [390, 1366]) {
	test(`${width} px: a wrong form comes back with the errors beside the fields and the text kept; fixed, tracked with the secret`, async () => {
		await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
		const phone = `1350352${String(width).padStart(4, '0')}`;
		await page.goto(srv.url + '/apply');
		await noHorizontalScroll('the form');
		assert.equal(await page.inputValue('#a-agency'), '', 'no agency chosen for the visitor');
		// the browser's phone pattern takes what the server takes (core/intake.c) and refuses junk
		const mismatch = await page.evaluate((values) => values.map((v) => {
			const el = document.getElementById('a-phone');
			el.value = v;
			return el.validity.patternMismatch;
		}), ['13912345678', '+86 13912345678', '0352-5189096', '010-12345678', '0352-5189096-123', '0352-5189096转123',
			'03525189096', '(0352)5189096', '（0352）5189096', 'abc电话']);
		assert.deepEqual(mismatch, [false, false, false, false, false, false, false, false, false, true]);
		await page.fill('#a-phone', '');
		await page.selectOption('#a-agency', '035205000');
		await page.selectOption('#a-applicant_type', 'natural_person');
		await page.fill('#a-name', '   '); // spaces pass the browser's "required"
		await page.selectOption('#a-id_type', 'resident');
		await page.fill('#a-id_number', '110105194912310021'); // the check digit is X
		await page.fill('#a-phone', phone);
		await page.fill('#a-description', DESCRIPTION);
		await page.selectOption('#a-delivery', 'email'); // without an e-mail address
		await humanCheckDone(page);
		await Promise.all([page.waitForLoadState('load'), page.click('#apply-form button[type=submit]')]);
		await page.locator('#error-summary').waitFor();
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'the summary takes the focus');
		assert.equal(await page.locator('#error-summary li').count(), 3);
		await errorBeside('name', '“姓名或名称”不能只填空格');
		await errorBeside('id_number', '校验位');
		await errorBeside('email', '选择“电子邮件”方式获取的，请填写电子邮箱');
		// all that was typed is still there
		assert.equal(await page.inputValue('#a-description'), DESCRIPTION);
		assert.equal(await page.inputValue('#a-id_number'), '110105194912310021');
		assert.equal(await page.inputValue('#a-phone'), phone);
		assert.equal(await page.inputValue('#a-agency'), '035205000');
		assert.equal(await page.inputValue('#a-id_type'), 'resident');
		await noHorizontalScroll('the refused form');
		await b.shot(`apply-errors-${width}`);
		// by keyboard: from the summary to its first link, and on to the field
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#a-name');
		await page.keyboard.press('Enter');
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'a-name');
		// the summary's link takes the visitor to the field
		await page.click('#error-summary a[href="#a-email"]');
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'a-email');
		// the refused form was a 400 on purpose
		b.problems.splice(0, b.problems.length, ...b.problems.filter((p) => !/^HTTP 400 for .*\/apply$|status of 400 \(Bad Request\)/.test(p)));
		b.assertNoProblems('the refused form');

		await page.fill('#a-name', '浏览器申请人丙');
		await page.fill('#a-id_number', '11010519491231002X');
		await page.fill('#a-email', 'bing@example.cn');
		await humanCheckDone(page); // the refused form came with a new challenge
		await Promise.all([page.waitForLoadState('load'), page.click('#apply-form button[type=submit]')]);
		await page.locator('#tracking-code').waitFor();
		const code = (await page.locator('#tracking-code').textContent()).replace('-', '');
		await noHorizontalScroll('the confirmation');

		await Promise.all([page.waitForURL(new RegExp(`/track/${code}$`)), page.click('#track-link')]);
		assert.ok(!(await page.content()).includes('浏览器申请人丙'), 'no personal data before the secret');
		await page.fill('#t-secret', phone.slice(-4));
		await Promise.all([page.waitForLoadState('load'), page.click('#secret-form button[type=submit]')]);
		await page.locator('#history').waitFor();
		assert.match(await page.locator('#history li').first().textContent(), /^\d{4}-\d\d-\d\d网上提交申请$/);
		assert.equal(await page.locator('#own-description').textContent(), DESCRIPTION);
		assert.equal(await page.locator('#state').textContent(), '待登记');
		await noHorizontalScroll('the applicant\'s view');
		await b.shot(`track-own-${width}`);
		b.assertNoProblems('apply and track');
	});
}
