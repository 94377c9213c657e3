// A keyboard-only walk from applying to tracking (issue 12): moving only
// with Tab and Shift+Tab, acting only with Enter and Space (typing into
// fields, and the arrow keys inside a closed <select>, as a keyboard user
// does), a natural person fills /apply with a valid 居民身份证号码, submits,
// reads the tracking code, goes to /track by the header's link, enters the
// code and then the last four digits of the phone, and sees the state. At
// every step the focused element shows its focus (an outline or a box
// shadow).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { humanCheckDone, openBrowser } from './lib.mjs';

let b, srv, page;
before(async () => {
	b = await openBrowser();
	({ srv, page } = b);
	await page.setViewportSize({ width: 1366, height: 900 });
});
after(() => b?.close());

/* The check character of a 居民身份证号码 (GB 11643: ISO 7064 MOD 11-2)
 * for its first 17 digits. */
export function residentCheckChar(first17) {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
	return '10X98765432'[sum % 11];
}

test('the check character follows GB 11643', () => {
	// published examples: the standard's own, and one ending in X
	assert.equal(residentCheckChar('11010519491231002'), 'X');
	assert.equal(residentCheckChar('44052418800101001'), '4');
});

/* The focused element: its id, name, tag, href and whether its focus shows. */
const focused = () => page.evaluate(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return { tag: 'body', shown: false };
	const s = getComputedStyle(e);
	const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
	const shadow = s.boxShadow && s.boxShadow !== 'none';
	return {
		tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
		href: e.getAttribute('href') || '', type: e.getAttribute('type') || '',
		text: (e.textContent || '').trim().slice(0, 20), shown: Boolean(outline || shadow),
	};
});

/* Presses KEY and asserts the element that then has the focus shows it. */
async function press(key) {
	await page.keyboard.press(key);
	const f = await focused();
	assert.ok(f.shown, `after ${key}: the focus on <${f.tag} id="${f.id}" name="${f.name}" href="${f.href}"> is not visible`);
	return f;
}

/* Tabs (Shift+Tab if BACK) until WANTED(focused) holds; at most 80 presses. */
async function tabTo(wanted, what, back = false) {
	for (let i = 0; i < 80; i++) {
		const f = await press(back ? 'Shift+Tab' : 'Tab');
		if (wanted(f)) return f;
	}
	assert.fail(`Tab never reached ${what}`);
}
const field = (id) => (f) => f.id === id;

/* Moves the focused closed <select> with the arrow keys to VALUE. */
async function choose(value) {
	for (let i = 0; i < 40; i++) {
		if (await page.evaluate(() => document.activeElement.value) === value) return;
		await press('ArrowDown');
	}
	assert.fail(`the select never reached ${value}`);
}

test('apply and track by keyboard alone, the focus always visible', async () => {
	const first17 = '14020219850615003';
	const id = first17 + residentCheckChar(first17);
	const phone = '13903520417';

	await page.goto(srv.url + '/apply');
	// the first Tab reaches the skip link; on into the form
	assert.equal((await press('Tab')).href, '#main');
	await tabTo(field('a-agency'), 'the agency');
	await choose('035200000');
	await tabTo(field('a-applicant_type'), 'the applicant type');
	assert.equal(await page.inputValue('#a-applicant_type'), 'natural_person');
	await tabTo(field('a-name'), 'the name');
	await page.keyboard.type('键盘申请人');
	await tabTo(field('a-id_type'), 'the document type');
	await choose('resident');
	await tabTo(field('a-id_number'), 'the ID number');
	await page.keyboard.type(id);
	await tabTo(field('a-phone'), 'the phone');
	await page.keyboard.type(phone);
	await tabTo(field('a-email'), 'the e-mail');
	await page.keyboard.type('jianpan@example.cn');
	// one field too far, and back
	await tabTo(field('a-address'), 'the address');
	await tabTo(field('a-email'), 'the e-mail again', true);
	await tabTo(field('a-description'), 'the description');
	await page.keyboard.type('请提供本市2024年城市道路维修计划。');
	await page.keyboard.press('Enter'); // a line break in the text
	await page.keyboard.type('含资金安排。');
	await tabTo(field('a-delivery'), 'the delivery');
	await choose('email');
	// the human check needs nothing from the visitor: the question is hidden
	await humanCheckDone(page);
	await tabTo((f) => f.tag === 'button' && f.type === 'submit' && f.text === '提交申请', 'the submit button');
	await Promise.all([page.waitForURL(srv.url + '/apply'), page.keyboard.press('Space')]);
	await page.locator('#tracking-code').waitFor();
	const code = (await page.locator('#tracking-code').textContent()).trim();
	assert.match(code, /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);

	// to /track by the header's link
	await tabTo((f) => f.href === '/track', 'the link 申请查询');
	await Promise.all([page.waitForURL(srv.url + '/track'), page.keyboard.press('Enter')]);
	await tabTo(field('t-code'), 'the tracking code');
	await page.keyboard.type(code);
	await Promise.all([page.waitForURL(new RegExp(`/track/${code.replace('-', '')}$`)), page.keyboard.press('Enter')]);
	assert.equal(await page.locator('#state').textContent(), '待登记');
	await tabTo(field('t-secret'), 'the second secret');
	await page.keyboard.type(phone.slice(-4));
	await tabTo((f) => f.tag === 'button' && f.text === '查看详情', 'the button 查看详情');
	await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
	await page.locator('#history').waitFor();
	assert.equal(await page.locator('#state').textContent(), '待登记');
	assert.match(await page.locator('#own-description').textContent(), /道路维修计划。\n含资金安排。/);
	b.assertNoProblems('keyboard walk');
});
