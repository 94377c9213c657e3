// A person in a browser: headless Debian chromium, driven by playwright-core,
// opens the site, logs in through the real form, sees the staff home,
// logs out. No console errors, no failed requests, no CSP violations.
// Screenshots go to BUILD/screenshots/ (not committed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PASSWORD } from '../e2e/lib.mjs';
import { SHOTS, openBrowser } from './lib.mjs';

let b, srv, context, page, problems;

before(async () => { b = await openBrowser(); ({ srv, context, page, problems } = b); });
after(() => b?.close());

const assertNoProblems = (where) => b.assertNoProblems(where);

test('the public home page loads with its stylesheet', async () => {
	const resp = await page.goto(srv.url + '/');
	assert.equal(resp.status(), 200);
	assert.match(await page.title(), /政府信息公开/);
	await page.locator('#login-link').waitFor();
	// the CSS was applied (the CSP allows 'self' stylesheets)
	const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.cssRules.length));
	assert.equal(sheets.length, 1);
	assert.ok(sheets[0] > 0, 'the stylesheet has rules');
	await page.screenshot({ path: path.join(SHOTS, 'home.png'), fullPage: true });
	assertNoProblems('home');
});

test('an anonymous visit to /staff lands on the login form', async () => {
	await page.goto(srv.url + '/staff');
	assert.equal(new URL(page.url()).pathname, '/login');
	assert.equal(new URL(page.url()).searchParams.get('next'), '/staff');
	assert.equal(await page.locator('h1').textContent(), '工作人员登录');
	assertNoProblems('login redirect');
});

test('a wrong password shows an error and keeps the login', async () => {
	await page.goto(srv.url + '/login');
	await page.fill('#login', 'hbj.editor');
	await page.fill('#password', 'not-the-password');
	await page.click('#login-form button[type=submit]');
	await page.locator('.notice.error').waitFor();
	assert.match(await page.locator('.notice.error').textContent(), /账号或密码错误/);
	assert.equal(await page.inputValue('#login'), 'hbj.editor');
	// the 401 itself is expected here
	const rest = problems.splice(0).filter((p) => !/HTTP 401 for .*\/login$|status of 401/.test(p));
	assert.deepEqual(rest, []);
});

test('log in through the form and see the staff home', async () => {
	await page.goto(srv.url + '/');
	await page.click('#login-link');
	await page.waitForURL(/\/login$/);
	await page.fill('#login', 'hbj.editor');
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL(/\/staff$/), page.click('#login-form button[type=submit]')]);
	assert.equal(await page.locator('h1').textContent(), '工作台');
	const who = page.locator('#whoami');
	assert.match(await who.textContent(), /市环保局信息发布员/);
	assert.match(await who.textContent(), /大同市环境保护局/);
	assert.match(await page.locator('header .who').textContent(), /市环保局信息发布员 · 大同市环境保护局/);
	assert.equal(await page.locator('#login-link').count(), 0);
	assert.equal(await page.locator('a[href="/staff/users"]').count(), 0, 'an editor has no account management');
	// the session cookie is invisible to scripts
	assert.equal(await page.evaluate(() => document.cookie), '');
	const cookies = await context.cookies(srv.url);
	const session = cookies.find((c) => c.name === 'gk_session');
	assert.ok(session && session.httpOnly && session.sameSite === 'Strict');
	await page.screenshot({ path: path.join(SHOTS, 'staff-home.png'), fullPage: true });
	assert.ok(fs.statSync(path.join(SHOTS, 'staff-home.png')).size > 1000);
	assertNoProblems('staff home');
});

test('log out and see the login link again', async () => {
	await Promise.all([page.waitForURL(srv.url + '/'), page.click('#logout')]);
	await page.locator('#login-link').waitFor();
	assert.equal(await page.locator('#logout').count(), 0);
	assert.ok(!(await context.cookies(srv.url)).some((c) => c.name === 'gk_session'));
	await page.goto(srv.url + '/staff');
	assert.equal(new URL(page.url()).pathname, '/login');
	await page.screenshot({ path: path.join(SHOTS, 'logged-out.png') });
	assertNoProblems('logout');
});

test('an admin logs in, returns to the page asked for, and adds an account', async () => {
	await page.goto(srv.url + '/staff/users');
	await page.fill('#login', 'admin');
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL(/\/staff\/users$/), page.click('#login-form button[type=submit]')]);
	assert.equal(await page.locator('h1').textContent(), '账号管理');
	await page.fill('#u-login', 'browser.made');
	await page.fill('#u-name', '浏览器新增');
	await page.selectOption('#u-agency', '035205000');
	await page.selectOption('#u-role', 'reviewer');
	await page.fill('#u-password', 'lantern-harbor-41'); // not derived from the login (issue 13)
	await page.click('#user-add button[type=submit]');
	await page.locator('.notice.ok').waitFor();
	assert.match(await page.locator('#users').textContent(), /browser\.made.*浏览器新增.*大同市环境保护局/s);
	await page.screenshot({ path: path.join(SHOTS, 'users.png'), fullPage: true });
	await Promise.all([page.waitForURL(srv.url + '/'), page.click('#logout')]);
	assertNoProblems('users');
});

test('the server stops cleanly', async () => {
	await srv.stop();
});
