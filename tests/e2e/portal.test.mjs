// The public portal's structure (issue 12): a crawl from / by links alone
// reaches every column (指南, 制度, 法定主动公开内容, 目录, 年报, 依申请公开),
// every agency's guide, the published yearly reports and the Atom feeds; every
// public page has its breadcrumb trail; each column announces its feed in
// <head> and links it visibly; facet, export and feed links keep the search
// and the filters.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { csrfFrom, login, startServer, unescapeHtml } from './lib.mjs';

const DEPT = '035205000'; /* 大同市环境保护局 */
let srv, pub;
const pages = new Map(); // path → {status, type, text}

before(async () => {
	srv = await startServer();
	pub = srv.client();
	/* a published yearly report, for the 年报 column to list */
	const c = srv.client();
	await login(c, 'hbj.editor');
	const pv = await c.get(`/staff/reports/${DEPT}/2024/preview`);
	const r = await c.post(`/staff/reports/${DEPT}/2024/publish`, { csrf: csrfFrom(pv.text), scope: 'own', style: '2021' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
});
after(() => srv?.kill());

/* The same-origin links of an HTML page: <a href> and <link rel=alternate>. */
function links(html) {
	const out = [];
	for (const m of html.matchAll(/<(?:a|link)\b[^>]*\bhref="([^"]*)"/g)) {
		const href = unescapeHtml(m[1]);
		if (href.startsWith('/') && !href.startsWith('//')) out.push(href);
	}
	return out;
}

/* Whether the crawl fetches PATH and follows its links: the portal's pages,
 * not each of the catalogue's thousands of listings and items (those are
 * recorded as reached, and a sample of items is fetched). */
function follows(p) {
	const u = new URL(p, 'http://x');
	if (/^\/(staff|login|logout|export|api|static|sitemap)/.test(u.pathname)) return false;
	if (u.pathname === '/items' && u.search) return false;
	if (/^\/items\/\d+\//.test(u.pathname)) return false;
	if (/^\/forms\/./.test(u.pathname)) return false; // documents to download, each drawn (issue 15)
	return true;
}

describe('a crawl from / by links alone', () => {
	const reached = new Set(['/']);
	let items = 0;

	before(async () => {
		const queue = ['/'];
		while (queue.length) {
			const p = queue.shift();
			const isItem = /^\/items\/\d+$/.test(p);
			if (isItem && items++ >= 20) continue;
			const r = await pub.get(p, { noHtmlCheck: p.startsWith('/feeds/') });
			pages.set(p, { status: r.status, type: r.headers.get('content-type') || '', text: r.text });
			if (!(r.headers.get('content-type') || '').startsWith('text/html') || isItem) continue;
			for (const l of links(r.text)) {
				if (reached.has(l)) continue;
				reached.add(l);
				if (follows(l)) queue.push(l);
			}
			assert.ok(pages.size < 2000, 'the crawl does not end');
		}
	});

	test('every page it fetches answers 200', () => {
		const bad = [...pages].filter(([, r]) => r.status !== 200).map(([p, r]) => `${p}: ${r.status}`);
		assert.deepEqual(bad, []);
	});

	test('reaches every column, every agency with its guide, and the yearly reports', async () => {
		for (const p of ['/guide', '/rules', '/statutory', '/items', '/reports', '/apply', '/track', '/agencies'])
			assert.ok(reached.has(p), `${p} is not reached`);
		const agencies = (await pub.get('/api/v1/agencies')).json.agencies;
		assert.ok(agencies.length > 10);
		for (const a of agencies) {
			assert.ok(reached.has(`/agencies/${a.code}/guide`), `the guide of ${a.name} is not reached`);
			for (const col of ['rules', 'statutory', 'reports'])
				assert.ok(reached.has(`/${col}?agency=${a.code}`), `${col} of ${a.name} is not reached`);
		}
		/* the report published above, in the 年报 column, and its page */
		const reports = pages.get('/reports').text;
		const m = /<ul class="reports">\s*<li><a href="(\/items\/\d+)">([^<]*)</.exec(reports);
		assert.ok(m, 'the 年报 column lists no report');
		assert.match(m[2], /大同市环境保护局2024年政府信息公开工作年度报告/);
		assert.ok(reached.has(m[1]));
		assert.ok([...reached].some((p) => p.startsWith('/items?') && p.includes('column=disclosure_rules')));
	});

	test('reaches the Atom feeds, and every one is a feed with entries', () => {
		const feeds = [...pages.keys()].filter((p) => p.startsWith('/feeds/'));
		for (const p of ['/feeds/items', '/feeds/items?column=disclosure_rules', '/feeds/items?genre=annual_report',
			`/feeds/agency/${DEPT}`])
			assert.ok(feeds.includes(p), `${p} is not reached`);
		for (const p of feeds) {
			const r = pages.get(p);
			assert.match(r.type, /^application\/atom\+xml/, p);
			assert.match(r.text, /^<\?xml[^>]*\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/, p);
		}
		assert.ok((pages.get('/feeds/items?column=disclosure_rules').text.match(/<entry>/g) || []).length > 0);
		assert.ok((pages.get('/feeds/items?genre=annual_report').text.match(/<entry>/g) || []).length > 0);
	});

	test('every public page but the home page has its breadcrumb trail from 首页', () => {
		for (const [p, r] of pages) {
			if (!r.type.startsWith('text/html')) continue;
			const trail = /<nav class="breadcrumb" aria-label="当前位置">\s*<ol>\s*<li><a href="\/">首页<\/a><\/li>([\s\S]*?)<\/ol>/.exec(r.text);
			if (p === '/') assert.equal(trail, null, 'the home page has a trail');
			else {
				assert.ok(trail, `${p} has no breadcrumb trail`);
				assert.match(trail[1], /<li aria-current="page">[^<]+<\/li>\s*$/, p);
			}
		}
	});

	test('each column announces its feed in <head> and links it beside its title', () => {
		for (const p of ['/', '/guide', '/rules', '/statutory', '/items', '/reports', `/agencies/${DEPT}`]) {
			const html = pages.get(p).text;
			const head = html.slice(0, html.indexOf('</head>'));
			const m = /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="([^"]+)">/.exec(head);
			assert.ok(m, `${p}: no feed in <head>`);
			if (p !== '/') assert.ok(html.includes(`<a class="feed" href="${m[1]}">`), `${p}: no visible feed link`);
			assert.ok(pages.has(unescapeHtml(m[1])), `${p}: its feed was not reached`);
		}
	});

	test('the columns of the header mark where the visitor is', () => {
		assert.match(pages.get('/statutory').text, /<a href="\/statutory" aria-current="page">法定主动公开内容<\/a>/);
		assert.match(pages.get(`/agencies/${DEPT}/guide`).text, /<a href="\/guide" aria-current="page">/);
		assert.equal((pages.get(`/agencies/${DEPT}/guide`).text.match(/aria-current="page">/g) || []).length, 2,
			'one column and the trail\'s last step are current');
		assert.match(pages.get(`/agencies/${DEPT}`).text, /<a href="\/agencies" aria-current="page">公开机构<\/a>/);
	});
});

describe('the columns', () => {
	test('法定主动公开内容 lists the fifteen items of art. 20 with their places in the catalogue, per agency', async () => {
		const r = await pub.get(`/statutory?agency=${DEPT}`);
		assert.equal(r.status, 200);
		assert.equal((r.text.match(/<li id="art20-\d+">/g) || []).length, 15);
		assert.match(r.text, /（七）财政预算、决算信息/);
		/* every catalogue link keeps the agency, and its count is what the catalogue lists */
		const m = /<li><a href="(\/items\?genre=statistics&amp;agency=035205000)">统计信息<\/a> <span class="facet-count">(\d+)<\/span>/.exec(r.text);
		assert.ok(m, 'no link to the agency\'s statistics');
		const listed = await pub.get(unescapeHtml(m[1]));
		assert.match(listed.text, new RegExp(`id="result-count">共 ${m[2]} 条`));
		assert.match(r.text, /<option value="035205000" selected>/);
		assert.equal((await pub.get('/statutory?agency=999999999')).status, 404);
	});

	test('信息公开制度 lists the items of its column; the guide column shows the city\'s or a chosen agency\'s guide', async () => {
		const rules = await pub.get('/rules');
		const rows = rules.text.match(/<tr><td class="index-no">/g) || [];
		assert.ok(rows.length > 0, 'the column is empty');
		const first = /<tbody>\s*<tr><td class="index-no">[^<]*<\/td><td><a href="\/items\/(\d+)">/.exec(rules.text);
		const item = (await pub.get(`/api/v1/items/${first[1]}`)).json;
		assert.equal(item.column.code, 'disclosure_rules');
		assert.match((await pub.get('/guide')).text, /<h1>大同市人民政府政府信息公开指南<\/h1>/);
		assert.match((await pub.get(`/guide?agency=${DEPT}`)).text, /<h1>大同市环境保护局政府信息公开指南<\/h1>/);
	});
});

describe('facet, export and feed links keep the search and the filters', () => {
	test('after a search and a filter', async () => {
		const q = '政务公开';
		const r = await pub.get(`/items?q=${encodeURIComponent(q)}&genre=notice`);
		assert.equal(r.status, 200);
		const total = Number(/id="result-count">共 (\d+) 条/.exec(r.text)[1]);
		assert.ok(total > 0 && total < 1000, String(total));
		const facetLinks = [...r.text.matchAll(/<ul id="facet-\w+">([\s\S]*?)<\/ul>/g)].flatMap((m) => links(m[1]));
		assert.ok(facetLinks.length > 30);
		for (const l of facetLinks) {
			const u = new URL(l, 'http://x');
			assert.equal(u.searchParams.get('q'), q, l);
			if (!l.includes('genre=')) assert.fail(`${l} drops genre`);
		}
		for (const id of ['export-csv', 'export-jsonl', 'export-api', 'export-feed']) {
			const href = unescapeHtml(new RegExp(`<a href="([^"]+)" id="${id}">`).exec(r.text)[1]);
			const u = new URL(href, 'http://x');
			assert.equal(u.searchParams.get('q'), q, id);
			assert.equal(u.searchParams.get('genre'), 'notice', id);
		}
		/* the export holds what the page lists, not the whole catalogue */
		const href = unescapeHtml(/<a href="([^"]+)" id="export-jsonl">/.exec(r.text)[1]);
		const lines = (await pub.get(href, { noHtmlCheck: true })).text.trim().split('\n').map((l) => JSON.parse(l));
		assert.equal(lines.length, total);
		for (const it of lines) assert.equal(it.genre.code ?? it.genre, 'notice');
	});
});
