// The whole path of an application in a real browser (headless chromium via
// playwright-core): a citizen applies online and gets a tracking code with
// its QR code; the environment bureau's handler registers it, assigns it,
// drafts the reply from a template; the city office's reviewer approves it;
// the handler sends it; the public tracking page shows the outcome. No
// console errors, no failed requests, every HTML page valid.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './lib.mjs';
import { TODAY } from '../e2e/lib.mjs';

let b, srv, page, code;

before(async () => { b = await openBrowser(); ({ srv, page } = b); });
after(() => b?.close());

const assertNoProblems = (where) => b.assertNoProblems(where);
const loginAs = (user) => b.loginAs(user);
const logout = () => b.logout();

async function act(action, fill = async () => {}) {
	const form = page.locator(`#act-${action}`);
	await form.waitFor();
	await fill(form);
	await Promise.all([page.waitForURL(new RegExp(`done=${action}$`)), form.locator('button[type=submit]').click()]);
	await page.locator('.notice.ok').waitFor();
}

test('a citizen applies online and gets a tracking code with a QR code', async () => {
	await page.goto(srv.url + '/');
	await Promise.all([page.waitForURL(/\/apply$/), page.click('header nav a[href="/apply"]')]);
	await page.selectOption('#a-agency', '035205000');
	await page.selectOption('#a-applicant_type', 'natural_person');
	await page.fill('#a-name', '浏览器申请人');
	await page.selectOption('#a-id_type', 'resident');
	await page.fill('#a-id_number', '140202198501012343');
	await page.fill('#a-phone', '13503529999');
	await page.fill('#a-email', 'browser@example.cn');
	await page.fill('#a-description', '御东新区某小区周边噪声监测数据');
	await page.selectOption('#a-delivery', 'email');
	// the human check: the page's script does the work and hides the question
	assert.ok(await page.locator('#human-question').isHidden(), 'no question with script');
	await page.click('#apply-form button[type=submit]'); // waits for the work if need be
	await page.locator('#tracking-code').waitFor();
	code = (await page.locator('#tracking-code').textContent()).replace('-', '');
	assert.match(code, /^[2-9A-HJ-NP-Z]{10}$/);
	// the QR code image loaded
	const qr = await page.locator('#qr').evaluate((img) => img.complete && img.naturalWidth);
	assert.ok(qr > 100, 'the QR code was drawn');
	await b.shot('apply-confirmation');
	await Promise.all([page.waitForURL(new RegExp(`/track/${code}$`)), page.click('#track-link')]);
	assert.equal(await page.locator('#state').textContent(), '待登记');
	assert.ok(!(await page.content()).includes('浏览器申请人'), 'no personal data on the tracking page');
	assertNoProblems('apply');
});

test('the handler registers, assigns and drafts the reply from a template', async () => {
	await loginAs('hbj.handler');
	await page.goto(srv.url + '/staff/requests?view=intake');
	await Promise.all([page.waitForURL(new RegExp(`/staff/requests/${code}$`)), page.click(`a[href="/staff/requests/${code}"]`)]);
	assert.equal(await page.locator('#applicant-name').textContent(), '浏览器申请人');
	await act('register');
	assert.equal(await page.locator('#state').textContent(), '已登记');
	await act('assign', (f) => f.locator('select[name=handler]').selectOption('hbj.handler'));
	assert.equal(await page.locator('#handler').textContent(), '市环保局申请办理员');
	await page.selectOption('#t-outcome', 'disclosed');
	await Promise.all([page.waitForURL(/outcome=disclosed/), page.click('#template-form button[type=submit]')]);
	const letter = await page.inputValue('#f-draft_reply-letter');
	assert.match(letter, /^政府信息公开申请答复书\n浏览器申请人：/);
	// the template fits the way the applicant chose: nothing left to fill
	assert.match(letter, /该政府信息随本答复书以电子邮件发送给您（见附件）。/);
	assert.ok(!letter.includes('【'), letter);
	await page.fill('#f-draft_reply-letter', letter.replace('（见附件）', '（见附件：噪声监测数据表）'));
	await act('draft_reply');
	assert.equal(await page.locator('#state').textContent(), '待审核');
	assert.match(await page.locator('#letter').textContent(), /噪声监测数据表/);
	// the drafter is offered no approval, though hbj.handler holds the reviewer role
	assert.equal(await page.locator('#act-approve_reply').count(), 0);
	assert.match(await page.locator('#next-step').textContent(), /由审核人（拟稿人以外）审核答复书/);
	await b.shot('application-drafted');
	await logout();
	assertNoProblems('handler');
});

test('the reviewer approves from the review queue; the handler sends the reply', async () => {
	await loginAs('reviewer');
	await page.goto(srv.url + '/staff/requests?view=review');
	await Promise.all([page.waitForURL(new RegExp(`/staff/requests/${code}$`)), page.click(`a[href="/staff/requests/${code}"]`)]);
	await act('approve_reply');
	assert.equal(await page.locator('#state').textContent(), '待答复');
	assert.equal(await page.locator('#approver').textContent(), '市政府办公厅审核员');
	await logout();
	await loginAs('hbj.handler');
	await page.goto(srv.url + `/staff/requests/${code}`);
	await act('send_reply', async (f) => {
		await f.locator('select[name=reply_way]').selectOption('email');
		await f.locator('input[name=confirm]').check();
	});
	assert.equal(await page.locator('#state').textContent(), '已答复');
	await logout();
	assertNoProblems('review and reply');
});

test('the public tracking page shows the outcome and the day of reply', async () => {
	await page.goto(srv.url + '/track');
	await page.fill('#t-code', code.slice(0, 5).toLowerCase() + '-' + code.slice(5));
	await Promise.all([page.waitForURL(new RegExp(`/track/${code}$`)), page.click('#track-form button[type=submit]')]);
	assert.equal(await page.locator('#state').textContent(), '已答复');
	assert.equal(await page.locator('#outcome').textContent(), '予以公开');
	assert.equal(await page.locator('#replied').textContent(), TODAY);
	assert.ok(!(await page.content()).includes('浏览器申请人'));
	await b.shot('track-replied');
	assertNoProblems('tracking');
});

test('the server stops cleanly', async () => {
	await srv.stop();
});
