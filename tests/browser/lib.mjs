// The browser harness: Debian's headless chromium driven by playwright-core,
// against a real server (tests/e2e/lib.mjs). Every page the browser gets is
// watched: console errors and warnings, page errors, failed requests, HTTP
// errors and HTML that fails the e2e checker all become "problems", which a
// test asserts empty (or filters, where an error status is the point).
//
//   const b = await openBrowser();             // server + browser + page
//   await b.loginAs('editor');
//   ...
//   b.assertNoProblems('after publishing');
//   await b.shot('item');                      // BUILD/screenshots/item.png
//   await b.close();                           // in after()
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { BUILD_DIR, PASSWORD, assertHtml, startServer, tempDir } from '../e2e/lib.mjs';

export const SHOTS = path.join(BUILD_DIR, 'screenshots');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
	'--disable-component-update', '--no-first-run'];

export async function openBrowser({ srv } = {}) {
	srv = srv || await startServer();
	const profile = tempDir('gongkai-chromium-');
	fs.mkdirSync(SHOTS, { recursive: true });
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium', headless: true, args: ARGS,
		locale: 'zh-CN', viewport: { width: 1200, height: 900 },
	});
	const page = context.pages()[0] || await context.newPage();
	page.setDefaultTimeout(15000);
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
	page.on('response', async (r) => {
		const url = new URL(r.url());
		if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
		// every HTML page the browser gets passes the same checker as the e2e tests
		if ((r.headers()['content-type'] || '').startsWith('text/html') && r.status() !== 303) {
			try { assertHtml(await r.text(), url.pathname); } catch (e) { problems.push(e.message); }
		}
	});
	return {
		srv, context, page, problems,
		/* asserts nothing went wrong since the last call, and starts afresh */
		assertNoProblems(where = 'page') {
			assert.deepEqual(problems.splice(0), [], `${where}: the browser reported problems`);
		},
		/* logs in through the real form and waits for the staff home */
		async loginAs(user, password = PASSWORD) {
			await page.goto(srv.url + '/login');
			await page.fill('#login', user);
			await page.fill('#password', password);
			await Promise.all([page.waitForURL(/\/staff$/), page.click('#login-form button[type=submit]')]);
		},
		async logout() {
			await Promise.all([page.waitForURL(srv.url + '/'), page.click('#logout')]);
		},
		async shot(name, fullPage = true) {
			await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
		},
		/* for after(): never throws */
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
			srv.kill();
		},
	};
}

/* Waits until the page's script has solved the human check of /apply
 * (issue 13: src/web/static/apply.js). */
export async function humanCheckDone(page) {
	await page.waitForFunction(() => document.getElementById('a-pow_nonce')?.value !== '', null, { timeout: 30000 });
}
