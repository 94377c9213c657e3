// The public portal on a phone and on a desktop (issue 12): no page scrolls
// sideways at 360, 390 or 1366 px; on a phone the first result of the
// catalogue and of a search is on the first screen, the filters folded
// behind a button; on a desktop the filters show beside the results; and
// axe-core (WCAG 2.1 A and AA) finds nothing serious or critical on any
// public page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

import { openBrowser } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let b, page, srv;
const PAGES = {}; // name → path

before(async () => {
	b = await openBrowser();
	({ page, srv } = b);
	const items = await (await fetch(srv.url + '/api/v1/items?per_page=1')).json();
	const agencies = await (await fetch(srv.url + '/api/v1/agencies')).json();
	const list = agencies.agencies || agencies.items || agencies;
	const code = list.find((a) => a.parent || a.parent_code || a.depth)?.code || list[0].code;
	Object.assign(PAGES, {
		home: '/',
		items: '/items',
		search: '/items?q=' + encodeURIComponent('政务公开'),
		item: `/items/${(items.items || items)[0].id}`,
		agencies: '/agencies',
		agency: `/agencies/${code}`,
		guide: `/agencies/${code}/guide`,
		'city guide': '/guide',
		rules: '/rules',
		statutory: '/statutory',
		reports: '/reports',
		apply: '/apply',
		track: '/track',
	});
});
after(() => b?.close());

/* How far the page reaches past the window's right edge (0: no sideways scroll). */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const [width, height] of [[360, 740], [390, 844], [1366, 900]]) {
	describe(`${width} px wide`, () => {
		before(() => page.setViewportSize({ width, height }));

		test('no public page scrolls sideways', async () => {
			const wide = [];
			for (const [name, path] of Object.entries(PAGES)) {
				await page.goto(srv.url + path);
				const px = await overflow();
				if (px > 0) wide.push(`${name} (${path}): ${px} px too wide`);
				if (width !== 1366 && (name === 'items' || name === 'item'))
					await b.shot(`portal-${name}-${width}`, false);
			}
			assert.deepEqual(wide, []);
			b.assertNoProblems(`pages at ${width} px`);
		});

		test('the first result is on the first screen, the filters fold on a phone only', async () => {
			for (const name of ['items', 'search']) {
				await page.goto(srv.url + PAGES[name]);
				const first = page.locator('#items tbody tr').first().locator('a').first();
				const box = await first.boundingBox();
				assert.ok(box, `${name}: no first result`);
				assert.ok(box.y + box.height <= height,
					`${name}: the first result ends at ${box.y + box.height} px, below the first screen of ${height} px`);
				const facet = page.locator('#facet-topic a').first();
				if (width < 600) {
					assert.equal(await facet.isVisible(), false, `${name}: the filters are not folded`);
					await page.click('#filters > summary');
					assert.equal(await facet.isVisible(), true, `${name}: the button does not open the filters`);
				} else {
					assert.equal(await facet.isVisible(), true, `${name}: the filters are hidden on a wide screen`);
					assert.equal(await page.locator('#filters > summary').isVisible(), false);
				}
			}
			b.assertNoProblems('catalogue');
		});
	});
}

test('axe-core finds no serious or critical WCAG 2.1 AA violation on the public pages', async () => {
	await page.setViewportSize({ width: 1366, height: 900 });
	const found = [];
	for (const width of [390, 1366]) {
		await page.setViewportSize({ width, height: 900 });
		for (const [name, path] of Object.entries(PAGES)) {
			await page.goto(srv.url + path);
			// evaluated through the debugging protocol: the page's CSP allows no inline script
			await page.evaluate(AXE);
			const res = await page.evaluate(() => window.axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			}));
			for (const v of res.violations)
				if (v.impact === 'serious' || v.impact === 'critical')
					found.push(`${width} px ${name} (${path}): ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
		}
	}
	assert.deepEqual(found, []);
	b.assertNoProblems('axe');
});

test('the page is in Chinese, every field has a label, a skip link leads to the content', async () => {
	await page.setViewportSize({ width: 1366, height: 900 });
	for (const [name, path] of Object.entries(PAGES)) {
		await page.goto(srv.url + path);
		assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', name);
		const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
			.filter((e) => e.type !== 'hidden' && e.type !== 'submit' && !e.labels?.length &&
				!e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
			.map((e) => e.name || e.id));
		assert.deepEqual(unlabelled, [], `${name}: fields without a label`);
	}
	// keyboard: the first Tab reaches the skip link, Enter moves focus into <main>
	await page.goto(srv.url + '/items');
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
	assert.notEqual(outline, 'none', 'the focused link shows no outline');
	await page.keyboard.press('Enter');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
	b.assertNoProblems('keyboard');
});
