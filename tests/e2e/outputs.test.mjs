// The whole-catalogue outputs (issue 9) end to end on the demo city: the
// sitemap index and its parts (50 addresses each here, through serve
// --sitemap-urls, instead of 50,000), the streamed CSV and JSON Lines
// exports against the API's listing, the feeds against the API's first
// page, and a publication or withdrawal seen by all of them at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { csrfFrom, login, startServer } from './lib.mjs';

const PER_PART = 50;
let srv, pub;

before(async () => {
	srv = await startServer({ extraArgs: ['--sitemap-urls', String(PER_PART)] });
	pub = srv.client();
});

after(() => srv?.kill());

/* Throws unless TEXT is well-formed XML with one root ROOT in the sitemaps
 * namespace: tags balanced, attributes quoted, text free of stray & and <. */
function assertSitemapXml(text, root, where) {
	assert.ok(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n'), `${where}: XML declaration`);
	const body = text.slice(text.indexOf('?>') + 2);
	const stack = [];
	let roots = 0;
	for (const m of body.matchAll(/<([^>]*)>|([^<]+)/g)) {
		if (m[2] !== undefined) {
			assert.ok(stack.length || /^\s*$/.test(m[2]), `${where}: text outside the root`);
			assert.ok(!/&(?!(amp|lt|gt|quot|#39|#\d+);)/.test(m[2]), `${where}: stray & in ${m[2]}`);
			continue;
		}
		const tag = m[1];
		if (tag.startsWith('/')) {
			assert.equal(stack.pop(), tag.slice(1), `${where}: </${tag.slice(1)}> closes another element`);
			continue;
		}
		const t = /^([a-z]+)((?:\s+[a-z:]+="[^"<&]*")*)\s*(\/?)$/.exec(tag);
		assert.ok(t, `${where}: malformed tag <${tag}>`);
		if (!stack.length) {
			roots++;
			assert.equal(t[1], root, `${where}: root element`);
			assert.match(t[2], /xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"/);
		}
		if (!t[3]) stack.push(t[1]);
	}
	assert.equal(stack.length, 0, `${where}: unclosed ${stack.join(', ')}`);
	assert.equal(roots, 1, `${where}: one root element`);
}

/* The locations in a sitemap file, in order. */
function locs(text) {
	return [...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
}

/* Every published item's id the API lists for QUERY, newest first. */
async function apiIds(query = '') {
	const ids = [];
	for (let page = 1; ; page++) {
		const r = await pub.get(`/api/v1/items?per_page=100&page=${page}${query ? '&' + query : ''}`);
		assert.equal(r.status, 200, r.text);
		ids.push(...r.json.items.map((it) => it.id));
		if (ids.length >= r.json.total || !r.json.items.length) {
			assert.equal(ids.length, r.json.total);
			return ids;
		}
	}
}

/* The index_no of every API item for QUERY (the CSV's first column). */
async function apiIndexNos(query) {
	const out = [];
	for (let page = 1; ; page++) {
		const r = await pub.get(`/api/v1/items?per_page=100&page=${page}&${query}`);
		out.push(...r.json.items.map((it) => it.index_no));
		if (out.length >= r.json.total) return out;
	}
}

/* RFC 4180 records (fields may hold quotes, commas and line breaks). */
function parseCsv(text) {
	const rows = [];
	let row = [], field = '', i = 0, quoted = false;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
			if (c === '"') { quoted = false; i++; continue; }
			field += c; i++; continue;
		}
		if (c === '"') { quoted = true; i++; continue; }
		if (c === ',') { row.push(field); field = ''; i++; continue; }
		if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
		field += c; i++;
	}
	assert.ok(!quoted && field === '' && row.length === 0, 'the CSV ends with a complete record');
	return rows;
}

/* All item ids of the sitemap, walking the index; asserts every file. */
async function sitemapItemIds() {
	const index = await pub.get('/sitemap.xml');
	assert.equal(index.status, 200);
	assert.match(index.headers.get('content-type'), /^application\/xml/);
	assertSitemapXml(index.text, 'sitemapindex', '/sitemap.xml');
	const parts = locs(index.text);
	assert.equal(parts[0], `${srv.url}/sitemap-0.xml`);
	const ids = [];
	for (const [n, loc] of parts.entries()) {
		assert.ok(loc.startsWith(srv.url + '/sitemap-'), loc);
		const part = await pub.get(loc.slice(srv.url.length));
		assert.equal(part.status, 200, loc);
		assertSitemapXml(part.text, 'urlset', loc);
		const urls = locs(part.text);
		assert.ok(urls.length >= 1 && urls.length <= PER_PART, `${loc}: ${urls.length} addresses`);
		if (n === 0) {
			assert.ok(urls.includes(`${srv.url}/`) && urls.includes(`${srv.url}/agencies/035205000/guide`));
			continue;
		}
		const k = Number(/sitemap-(\d+)\.xml$/.exec(loc)[1]);
		const lastmods = [...part.text.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map((m) => m[1]);
		assert.equal(lastmods.length, urls.length, `${loc}: a lastmod per address`);
		assert.ok(lastmods.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(t)), loc);
		for (const u of urls) {
			const m = new RegExp(`^${srv.url}/items/(\\d+)$`).exec(u);
			assert.ok(m, u);
			const id = Number(m[1]);
			assert.ok(id > (k - 1) * PER_PART && id <= k * PER_PART, `${u} in part ${k}`);
			ids.push(id);
		}
	}
	return ids;
}

/* The guide's count of an agency's items. */
async function guideCount(code) {
	const r = await pub.get(`/agencies/${code}/guide`);
	assert.equal(r.status, 200);
	return Number(/目前共 (\d+) 条/.exec(r.text)[1]);
}

describe('sitemap', () => {
	test('past its size it is an index of parts listing every published item exactly once', async () => {
		const ids = await sitemapItemIds();
		const want = await apiIds();
		assert.equal(new Set(ids).size, ids.length, 'no item twice');
		assert.deepEqual([...ids].sort((a, b) => a - b), [...want].sort((a, b) => a - b));
	});

	test('a part out of range or misnamed is not found', async () => {
		for (const p of ['/sitemap-99999.xml', '/sitemap-x.xml', '/sitemap-1.txt', '/sitemap-.xml',
			'/sitemap--1.xml', '/sitemap-1.xml.xml', '/sitemap-99999999999999999999.xml']) {
			assert.equal((await pub.get(p)).status, 404, p);
		}
	});
});

describe('exports', () => {
	test('the whole CSV and JSON Lines export is the API listing, streamed', async () => {
		const ids = await apiIds();
		const jl = await pub.get('/export/items.jsonl');
		assert.equal(jl.status, 200);
		assert.equal(jl.headers.get('transfer-encoding'), 'chunked', 'streamed, not sized in advance');
		const lines = jl.text.trim().split('\n').map((l) => JSON.parse(l));
		assert.ok(lines.length > 3000, 'more than the demo\'s first page of exports');
		assert.deepEqual(lines.map((o) => o.id), ids);
		assert.ok(lines.every((o) => 'body' in o && o.status === 'published'));

		const csv = await pub.get('/export/items.csv');
		assert.equal(csv.status, 200);
		assert.match(csv.headers.get('content-type'), /^text\/csv/);
		assert.match(csv.headers.get('content-disposition'), /filename="items\.csv"/);
		assert.ok(csv.text.startsWith('\uFEFFindex_no,agency,agency_name,title,'));
		const rows = parseCsv(csv.text.slice(1));
		assert.equal(rows[0].length, 22);
		assert.ok(rows.every((r) => r.length === 22), 'every record has every column');
		assert.deepEqual(rows.slice(1).map((r) => r[0]), lines.map((o) => o.index_no));
	});

	test('filters select the same items as the API, in the same order', async () => {
		for (const q of ['agency=035205000', 'agency=035200000&year=2016', 'topic=10', 'validity=repealed',
			'genre=interpretation', 'year=2015&topic=1']) {
			const want = await apiIds(q);
			const jl = await pub.get(`/export/items.jsonl?${q}`);
			assert.equal(jl.status, 200, q);
			const got = jl.text.split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
			assert.deepEqual(got, want, q);
			const csv = parseCsv((await pub.get(`/export/items.csv?${q}`)).text.slice(1));
			assert.deepEqual(csv.slice(1).map((r) => r[0]), await apiIndexNos(q), q);
		}
		assert.equal((await pub.get('/export/items.csv?agency=nope')).status, 400);
		assert.equal((await pub.get('/export/items.jsonl?per_page=10001')).status, 400);
	});

	test('readers that stall or leave mid-export hold no database connection', async () => {
		// more stalled exports than the server has pooled connections (threads + 1)
		const stalled = [];
		for (let i = 0; i < 12; i++) {
			const ac = new AbortController();
			const res = await fetch(`${srv.url}/export/items.${i % 2 ? 'csv' : 'jsonl'}`, { signal: ac.signal });
			assert.equal(res.status, 200);
			const reader = res.body.getReader();
			assert.ok((await reader.read()).value.length > 0, 'the first bytes come at once');
			stalled.push({ ac, reader });
		}
		const rs = await Promise.all(Array.from({ length: 8 }, () => pub.get('/api/v1/items?per_page=1')));
		assert.ok(rs.every((r) => r.status === 200), 'other requests are served meanwhile');
		for (const { ac, reader } of stalled) {
			ac.abort();
			await reader.read().catch(() => {});
		}
		await srv.assertAlive('exports left mid-way');
		const again = await pub.get('/export/items.jsonl?agency=035205000');
		assert.equal(again.status, 200);
	});

	test('page and per_page still give one page', async () => {
		const want = (await pub.get('/api/v1/items?agency=035205000&per_page=50&page=3')).json.items.map((it) => it.id);
		const jl = await pub.get('/export/items.jsonl?agency=035205000&per_page=50&page=3');
		assert.deepEqual(jl.text.trim().split('\n').map((l) => JSON.parse(l).id), want);
		const csv = parseCsv((await pub.get('/export/items.csv?per_page=7')).text.slice(1));
		assert.equal(csv.length, 8);
		// a search is a page of at most per_page (10,000 by default) in the listing's order
		const q = encodeURIComponent('环境');
		const found = await apiIds(`q=${q}`);
		const sj = await pub.get(`/export/items.jsonl?q=${q}`);
		assert.deepEqual(sj.text.trim().split('\n').map((l) => JSON.parse(l).id), found);
	});
});

describe('feeds', () => {
	test('an agency\'s and a topic\'s feed are the newest 50 the API lists', async () => {
		for (const [feed, q] of [['/feeds/agency/035200001', 'agency=035200001'], ['/feeds/agency/035205000', 'agency=035205000'],
			['/feeds/topic/10', 'topic=10'], ['/feeds/topic/1', 'topic=1']]) {
			const want = (await pub.get(`/api/v1/items?per_page=50&${q}`)).json.items.map((it) => it.id);
			const r = await pub.get(feed);
			assert.equal(r.status, 200);
			const got = [...r.text.matchAll(/<entry>\n<title>[^]*?<id>[^<]*\/items\/(\d+)<\/id>/g)].map((m) => Number(m[1]));
			assert.deepEqual(got, want, feed);
		}
	});
});

describe('a change is seen at once', () => {
	test('publishing adds the item to the export, sitemap, feed and guide count; withdrawing removes it', async () => {
		const agency = '035205000';
		const before = await guideCount(agency);
		assert.equal(before, (await pub.get(`/api/v1/items?agency=${agency}&per_page=1`)).json.total);
		const c = srv.client();
		await login(c, 'editor');
		const form = await c.get('/staff/items/new');
		const r = await c.post('/staff/items', {
			csrf: csrfFrom(form.text), revision: '0', agency, title: '=HYPERLINK("http://x.example/","点击")',
			topic: '10.3', genre: 'notice', column: '', doc_no: '', written: '', published: '2030-01-02 09:00',
			normative: '', effective: '', keywords: '', summary: '@SUM(A1:A2)', body: '正文', attachments: '',
			interp_kind: '', interprets: '', ch_website: '1', action: 'publish',
		});
		assert.equal(r.status, 303, r.text.slice(0, 800));
		const id = Number(/\/items\/(\d+)/.exec(r.headers.get('location'))[1]);

		const jl = await pub.get(`/export/items.jsonl?agency=${agency}`);
		assert.equal(JSON.parse(jl.text.split('\n')[0]).id, id, 'the newest line of the export');
		const csv = await pub.get(`/export/items.csv?agency=${agency}`);
		const rows = parseCsv(csv.text.slice(1));
		// formulas are defused: a leading quote keeps spreadsheets from running them
		assert.equal(rows[1][3], '\'=HYPERLINK("http://x.example/","点击")');
		assert.equal(rows[1][17], '\'@SUM(A1:A2)');
		assert.ok((await sitemapItemIds()).includes(id), 'in the sitemap');
		const feed = await pub.get(`/feeds/agency/${agency}`);
		assert.ok(feed.text.includes(`/items/${id}</id>`), 'in the feed');
		assert.equal(await guideCount(agency), before + 1);
		assert.equal(await guideCount('035200001'), (await pub.get('/api/v1/items?agency=035200001&per_page=1')).json.total);

		const edit = await c.get(`/staff/items/${id}/edit`);
		const w = await c.post(`/staff/items/${id}/withdraw`, { csrf: csrfFrom(edit.text), revision: /name="revision" value="(\d+)"/.exec(edit.text)[1] });
		assert.equal(w.status, 303);
		assert.notEqual(JSON.parse((await pub.get(`/export/items.jsonl?agency=${agency}`)).text.split('\n')[0]).id, id);
		assert.ok(!(await sitemapItemIds()).includes(id), 'gone from the sitemap');
		assert.ok(!(await pub.get(`/feeds/agency/${agency}`)).text.includes(`/items/${id}</id>`), 'gone from the feed');
		assert.equal(await guideCount(agency), before);
	});
});
