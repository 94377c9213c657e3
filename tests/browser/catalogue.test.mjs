// An editor in a browser publishes an item with an attached file; it appears
// in the public catalogue, and its page shows the metadata block, the file
// and a QR code that loads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PASSWORD } from '../e2e/lib.mjs';
import { openBrowser } from './lib.mjs';

let b, page, srv;

before(async () => { b = await openBrowser(); ({ page, srv } = b); });
after(() => b?.close());

test('an editor publishes an item with a file and the public sees it with its metadata, file and QR code', async () => {
	await page.goto(srv.url + '/login?next=/staff/items/new');
	await page.fill('#login', 'editor');
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForURL(/\/staff\/items\/new$/);
	const title = '关于开展城市道路扬尘专项治理的通知';
	await page.fill('#f-title', title);
	await page.selectOption('#f-topic', '10.3');
	await page.selectOption('#f-genre', 'notice');
	await page.fill('#f-doc_no', '同政办发[2018]58号');
	await page.fill('#f-summary', '部署城市道路扬尘专项治理。');
	await page.fill('#f-body', '各区人民政府，市直各有关单位：\n现就城市道路扬尘专项治理有关事项通知如下。');
	await page.setInputFiles('#f-files', [
		{ name: '扬尘治理实施方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
	]);
	await page.click('#publish');
	await page.waitForURL(/\/items\/\d+$/);
	const itemUrl = page.url();
	const file = page.locator('#attachments li.file a', { hasText: '扬尘治理实施方案.pdf' });
	await file.waitFor();
	assert.match(await file.getAttribute('href'), /^\/items\/\d+\/files\/\d+$/);
	// the metadata block above the body, as in the seed
	const meta = page.locator('#meta');
	await meta.waitFor();
	assert.match(await page.locator('#meta-index').innerText(), /^035200000\/\d{4}-\d{5}$/);
	assert.equal(await page.locator('#meta-docno').innerText(), '同政办发〔2018〕58号');
	assert.equal(await page.locator('#meta-title').innerText(), title);
	assert.match(await page.locator('#meta-agency').innerText(), /大同市人民政府办公厅/);
	const metaBox = await meta.boundingBox(), bodyBox = await page.locator('#body').boundingBox();
	assert.ok(metaBox.y < bodyBox.y, 'metadata above the body');
	// the QR code is an image that loaded
	const qr = page.locator('#qr');
	await qr.waitFor();
	const loaded = await qr.evaluate((img) => img.complete && img.naturalWidth > 0);
	assert.ok(loaded, 'QR code image loaded');
	await b.shot('catalogue-item');
	// the public, logged out, finds it in the catalogue
	await b.logout();
	const pub = page;
	await pub.goto(srv.url + '/items?q=' + encodeURIComponent('扬尘专项'));
	const link = pub.locator('#items a', { hasText: title });
	await link.waitFor();
	await link.click();
	await pub.waitForURL(itemUrl);
	assert.equal(await pub.locator('h1').innerText(), title);
	await pub.locator('#meta').waitFor();
	await pub.locator('#attachments li.file', { hasText: '扬尘治理实施方案.pdf' }).waitFor();
	await b.shot('catalogue-public');
	b.assertNoProblems('publishing and finding an item');
});
