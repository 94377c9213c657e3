// Accessibility of the main staff pages (issue 12): axe-core with the WCAG
// 2.0 and 2.1 A and AA rules at 1366 px finds nothing serious or critical
// on the login page, the workbench of a handler and of a reviewer, the
// queue, a case page, the catalogue's list and new-item form, the records,
// the accounts and the checker, a refused registration; every field has a
// label, ids are unique, one <main> and one <h1>.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { openBrowser } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let b, page, srv;

before(async () => {
	b = await openBrowser();
	({ page, srv } = b);
	await page.setViewportSize({ width: 1366, height: 900 });
});
after(() => b?.close());

/* The serious and critical violations axe-core finds on the page shown,
 * each as "NAME: rule (impact) targets". */
async function violations(name) {
	// evaluated through the debugging protocol: the page's CSP allows no inline script
	await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	}));
	assert.ok(res.passes.length > 10, `${name}: axe-core ran its rules`);
	return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/* The fields of the page shown that no label names. */
const unlabelled = () => page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
	.filter((e) => e.type !== 'hidden' && e.type !== 'submit' && !e.labels?.length &&
		!e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
	.map((e) => e.name || e.id));

/* What the rules of axe-core no longer check (duplicate-id is obsolete in
 * axe 4.7+) or check only as best practice: ids unique, one <main>, one
 * <h1>, the language. */
const structure = () => page.evaluate(() => {
	const bad = [];
	const seen = new Set();
	for (const e of document.querySelectorAll('[id]')) {
		if (seen.has(e.id)) bad.push(`the id "${e.id}" is used twice`);
		seen.add(e.id);
	}
	if (document.querySelectorAll('main').length !== 1) bad.push('not exactly one <main>');
	if (document.querySelectorAll('h1').length !== 1) bad.push('not exactly one <h1>');
	if (document.documentElement.lang !== 'zh-CN') bad.push(`lang is "${document.documentElement.lang}"`);
	return bad;
});

/* Visits each path as the user logged in, collecting violations into FOUND. */
async function check(user, paths, found) {
	for (const path of paths) {
		const res = await page.goto(srv.url + path);
		assert.equal(res.status(), 200, `${user} ${path}`);
		found.push(...await violations(`${user} ${path}`));
		for (const f of await unlabelled()) found.push(`${user} ${path}: the field "${f}" has no label`);
		for (const s of await structure()) found.push(`${user} ${path}: ${s}`);
	}
}

test('axe-core finds no serious or critical WCAG 2.1 AA violation on the main staff pages', async () => {
	const found = [];
	await page.goto(srv.url + '/login');
	found.push(...await violations('/login'));
	for (const s of await structure()) found.push(`/login: ${s}`);

	await b.loginAs('handler');
	// a case page: the first overdue application of the handler's queue
	await page.goto(srv.url + '/staff/requests?view=overdue');
	const href = await page.locator('#requests tbody a').first().getAttribute('href');
	assert.match(href, /^\/staff\/requests\/[2-9A-HJ-NP-Z]{10}$/);
	await check('handler', ['/staff', '/staff/requests', '/staff/requests?view=overdue', href, '/staff/requests/new',
		'/staff/records'], found);
	// a refused registration: each problem beside its field
	await page.goto(srv.url + '/staff/requests/new');
	await page.selectOption('#a-id_type', 'resident');
	await page.fill('#a-id_number', '140202199001011235');
	await page.fill('#a-name', '某某');
	await page.fill('#a-description', '某文件');
	await page.fill('#a-address', '大同市某路1号');
	await page.selectOption('#a-delivery', 'email');
	await Promise.all([page.waitForLoadState('load'), page.click('#register-form button[type=submit]')]);
	assert.equal(await page.locator('.field-error').count(), 2, 'the ID number and the e-mail');
	found.push(...await violations('handler refused registration'));
	for (const s of await structure()) found.push(`handler refused registration: ${s}`);
	b.problems.splice(0, b.problems.length, ...b.problems.filter((p) => !/^HTTP 400 for .*\/staff\/requests$|status of 400 \(Bad Request\)/.test(p)));
	await b.logout();

	await b.loginAs('reviewer');
	await page.goto(srv.url + '/staff/requests?view=review');
	const review = await page.locator('#requests tbody a').first().getAttribute('href');
	assert.match(review, /^\/staff\/requests\/[2-9A-HJ-NP-Z]{10}$/, 'the reviewer has a case to review');
	await check('reviewer', ['/staff', '/staff/requests?view=review', review], found);
	await b.logout();

	await b.loginAs('editor');
	await check('editor', ['/staff/items', '/staff/items/new'], found);
	await b.logout();

	await b.loginAs('admin');
	await check('admin', ['/staff', '/staff/users', '/staff/records', '/staff/check', '/staff/password', '/staff/notices', '/staff/audit'], found);
	assert.deepEqual(found, []);
	b.assertNoProblems('staff pages');
});
