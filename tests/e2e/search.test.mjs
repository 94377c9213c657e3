// The live catalogue index end to end (issue 9): a publication is listed
// and found by the next request; an import by another process into the
// running server's database too; hostile queries get a 4xx with a reason,
// never a 500; search totals equal a substring scan of the exported
// catalogue; `gongkai reindex` and `gongkai search`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { csrfFrom, gk, login, makeDemoDb, startServer, tempDir, unescapeHtml } from './lib.mjs';

let srv, pub, dir, db;

before(async () => {
	dir = tempDir('gongkai-search-');
	db = makeDemoDb(dir);
	srv = await startServer({ dir, db });
	pub = srv.client();
});

after(async () => {
	await srv?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

const q = (s) => encodeURIComponent(s);

function itemForm(csrf, fields) {
	return {
		csrf, revision: '0', agency: '035200000', title: '测试信息', topic: '10.3', genre: 'notice',
		column: '', doc_no: '', written: '', published: '', normative: '', effective: '', keywords: '',
		summary: '', body: '', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'save', ...fields,
	};
}

/* What the index matches on: full-width ASCII as ASCII, letters in lower case. */
function normalize(s) {
	return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).toLowerCase();
}

/* An item's plain body text, as near core/richtext's as the demo needs. */
function bodyText(html) {
	return unescapeHtml(html.replace(/<\/(p|h\d|li|td|th|tr|blockquote)>|<br\s*\/?>/g, '\n').replace(/<[^>]*>/g, ''));
}

describe('a write is visible at the next request', () => {
	test('publishing through the staff form: listed first and found at once', async () => {
		const c = srv.client();
		await login(c, 'editor');
		const form = await c.get('/staff/items/new');
		const word = '甲乙丙丁即时可见';
		const made = await c.post('/staff/items', itemForm(csrfFrom(form.text), {
			title: `关于${word}的通知`, body: '正文里有一个独特的词：戊己庚辛。', action: 'publish',
		}));
		assert.equal(made.status, 303, made.text.slice(0, 800));
		const id = Number(/\/items\/(\d+)/.exec(made.headers.get('location'))[1]);
		const list = await pub.get('/items');
		assert.match(list.text, new RegExp(`href="/items/${id}"`), 'the newest item is on the first page');
		const api = await pub.get('/api/v1/items?q=' + q(word));
		assert.equal(api.json.total, 1);
		assert.equal(api.json.total_capped, false);
		assert.equal(api.json.items[0].id, id);
		const body = await pub.get('/api/v1/items?q=' + q('戊己庚辛'));
		assert.equal(body.json.items[0].id, id, 'found by a word of its body');
		assert.match(body.json.items[0].snippet, /<mark>戊己庚辛<\/mark>/);
		const page = await pub.get('/items?q=' + q('戊己庚辛'));
		assert.match(page.text, /id="result-count">共 1 条/);
		assert.match(page.text, /<p class="snippet">[^<]*<mark>戊己庚辛<\/mark>/);
		// withdrawn: gone from the listing and the search at once
		const edit = await c.get(`/staff/items/${id}/edit`);
		const rev = /name="revision" value="(\d+)"/.exec(edit.text)[1];
		const w = await c.post(`/staff/items/${id}/withdraw`, { csrf: csrfFrom(edit.text), revision: rev });
		assert.equal(w.status, 303, w.text.slice(0, 800));
		assert.equal((await pub.get('/api/v1/items?q=' + q(word))).json.total, 0);
		assert.doesNotMatch((await pub.get('/items')).text, new RegExp(`href="/items/${id}"`));
	});

	test('an import by another process into the running server\'s database', async () => {
		const before = (await pub.get('/api/v1/items?per_page=1')).json.total;
		const file = path.join(dir, 'late.jsonl');
		const rows = [1, 2, 3].map((n) => JSON.stringify({
			index_no: `035205000/2030-0990${n}`, agency: '035205000', title: `旁路导入的第${n}份壬癸文件`,
			topic: '10.3', genre: 'notice', published: `2030-01-0${n} 09:00`, body: '导入正文',
		}));
		fs.writeFileSync(file, rows.join('\n') + '\n');
		const r = gk(['import', 'items', '--db', db, file]);
		assert.equal(r.status, 0, r.stderr);
		const found = await pub.get('/api/v1/items?q=' + q('壬癸'));
		assert.equal(found.json.total, 3);
		assert.deepEqual(found.json.items.map((it) => it.title), [3, 2, 1].map((n) => `旁路导入的第${n}份壬癸文件`), 'newest first');
		assert.equal((await pub.get('/api/v1/items?per_page=1')).json.total, before + 3);
		const year = await pub.get('/items?year=2030');
		assert.match(year.text, /id="result-count">共 3 条/);
	});
});

describe('hostile queries', () => {
	test('search syntax is text; what cannot be searched gets a reason and a 4xx', async () => {
		for (const text of ['"* OR NEAR(', '"环保', 'a AND b OR c', '环保 -督察', "'; DROP TABLE items; --", '\\%_*?']) {
			const r = await pub.get('/items?q=' + q(text));
			assert.equal(r.status, 200, text);
			const a = await pub.get('/api/v1/items?q=' + q(text));
			assert.equal(a.status, 200, text);
			assert.equal(typeof a.json.total, 'number');
		}
		const refused = [
			['""', 400, /搜索词/],
			['一 二 三 四 五 六 七 八 九 十 十一', 400, /搜索词太多/],
			['a'.repeat(10000), 400, /搜索词太长/],
			['环'.repeat(101), 400, /搜索词太长/],
		];
		for (const [text, status, why] of refused) {
			const r = await pub.get('/items?q=' + q(text));
			assert.equal(r.status, status, text.slice(0, 20));
			assert.match(unescapeHtml(r.text), why);
			const a = await pub.get('/api/v1/items?q=' + q(text));
			assert.equal(a.status, status);
			assert.match(a.json.error, why);
		}
		// 10,000 Chinese characters are 90 kB of address: refused before the route
		assert.equal((await pub.get('/items?q=' + q('环'.repeat(10000)))).status, 414);
		for (const raw of ['%00', 'a%00b', '%FF%FE', '%E7%8E']) {
			const r = await pub.get('/items?q=' + raw);
			assert.equal(r.status, 400, raw);
			assert.equal((await pub.get('/api/v1/items?q=' + raw)).status, 400, raw);
		}
	});

	test('pages past the end are 404, deep pages of a listing are served', async () => {
		assert.equal((await pub.get('/items?q=' + q('环保') + '&page=5000')).status, 404);
		const total = (await pub.get('/api/v1/items?per_page=1')).json.total;
		const last = await pub.get(`/items?per_page=1&page=${total}`);
		assert.equal(last.status, 200);
		assert.match(last.text, /<tbody>\n<tr>/);
	});
});

describe('search results', () => {
	let items;
	before(async () => {
		const r = await pub.get('/export/items.jsonl?per_page=10000');
		assert.equal(r.status, 200);
		items = r.text.split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((it) => ({
			id: it.id,
			a: [normalize(it.title), normalize(it.doc_no || '')],
			b: [it.index_no, it.agency?.name, it.keywords, it.summary, bodyText(it.body || '')]
				.map((s) => normalize(s || '')),
		}));
		assert.ok(items.length > 2000);
	});

	/* Every word in some field of A or B (never across fields or lines). */
	function truth(query) {
		const words = normalize(query).split(' ').filter(Boolean);
		const has = (fields, w) => fields.some((f) => f.split('\n').some((line) => line.includes(w)));
		const hits = items.filter((it) => words.every((w) => has(it.a, w) || has(it.b, w)));
		const first = new Set(hits.filter((it) => words.every((w) => has(it.a, w))).map((it) => it.id));
		return { ids: new Set(hits.map((it) => it.id)), first };
	}

	test('totals and pages equal a substring scan of the exported catalogue', async () => {
		// fixed words of each kind, then two-character strings drawn from titles and bodies
		const queries = ['环保', '督察', '通知', '大同市', '109号', '同政办发〔2017〕', '2018', '实施意见',
			'环境保护局', '关于 通知', '政务 公开', '卫生健康委员会', '的', '绝无此词语', 'ＡＢＣ', '第二段'];
		let seed = 7;
		const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
		while (queries.length < 40) {
			const it = items[rand(items.length)];
			const text = rand(2) ? it.a[0] : it.b[4];
			const at = rand(Math.max(1, text.length - 2));
			const s = text.slice(at, at + 2 + rand(3));
			if (/^[\u4e00-\u9fff0-9]+$/.test(s) && !queries.includes(s))
				queries.push(s);
		}
		for (const query of queries) {
			const t = truth(query);
			const r = await pub.get(`/api/v1/items?per_page=100&q=${q(query)}`);
			assert.equal(r.status, 200, query);
			if (t.ids.size > 10000) {
				assert.equal(r.json.total_capped, true, query);
				continue;
			}
			assert.equal(r.json.total, t.ids.size, `'${query}': total`);
			assert.equal(r.json.total_capped, false);
			const ids = r.json.items.map((it) => it.id);
			assert.ok(ids.every((id) => t.ids.has(id)), `'${query}': a hit the scan does not find`);
			// title and 文号 first
			const firstRun = ids.findIndex((id) => !t.first.has(id));
			if (firstRun >= 0)
				assert.ok(ids.slice(firstRun).every((id) => !t.first.has(id)), `'${query}': ranking`);
		}
	});

	test('facets count what their links list, keeping q and the other filters', async () => {
		const page = await pub.get('/items?q=' + q('环保') + '&validity=valid');
		const m = /<a href="(\/items\?validity=valid&amp;q=[^"]*&amp;topic=10)">[^<]*<\/a> <span class="facet-count">(\d+)<\/span>/.exec(page.text);
		assert.ok(m, 'a topic link keeps q and validity');
		const linked = await pub.get(unescapeHtml(m[1]));
		assert.match(linked.text, new RegExp(`id="result-count">共 ${m[2]} 条`));
		const v = /<a href="(\/items\?q=[^"]*&amp;validity=repealed)">[^<]*<\/a> <span class="facet-count">(\d+)<\/span>/.exec(page.text);
		assert.ok(v, 'another validity: its own filter replaced');
		const other = await pub.get(unescapeHtml(v[1]));
		assert.match(other.text, new RegExp(`id="result-count">共 ${v[2]} 条`));
	});
});

describe('command line', () => {
	test('gongkai reindex rebuilds the index file; gongkai search answers as the API', async () => {
		const r = gk(['reindex', '--db', db, '--no-progress']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /indexed \d+ items/);
		assert.ok(fs.statSync(db + '.catalogue').size > 0);
		assert.equal(r.stderr, '', 'no progress bar when asked');
		const api = await pub.get('/api/v1/items?per_page=3&q=' + q('环保'));
		const s = gk(['search', '--db', db, '--json', '--limit', '3', '环保']);
		assert.equal(s.status, 0, s.stderr);
		const j = JSON.parse(s.stdout);
		assert.equal(j.total, api.json.total);
		assert.deepEqual(j.items.map((it) => it.id), api.json.items.map((it) => it.id));
		assert.match(j.items[0].snippet, /<mark>环保<\/mark>/);
		const text = gk(['search', '--db', db, '--limit', '2', '--genre', 'interpretation', '环保']);
		assert.equal(text.status, 0, text.stderr);
		assert.match(text.stdout, /共 \d+ 条/);
		assert.match(text.stdout, /【环保】/);
		const bad = gk(['search', '--db', db, '""']);
		assert.equal(bad.status, 1);
		assert.match(bad.stderr, /搜索词/);
		assert.equal(gk(['search', '--db', db]).status, 2);
	});
});

describe('a search box on every public page', () => {
	test('the agency list, an item page and the guide carry one; staff pages do not', async () => {
		const list = await pub.get('/api/v1/items?per_page=1');
		const id = list.json.items[0].id;
		for (const p of ['/agencies', `/items/${id}`, '/agencies/035200000/guide']) {
			const page = await pub.get(p);
			assert.equal(page.status, 200, p);
			assert.match(page.text, /<form method="get" action="\/items" class="site-search" role="search"><input name="q"/, p);
		}
		/* the home page and the catalogue have their own box, once */
		for (const p of ['/', '/items']) {
			const page = await pub.get(p);
			assert.equal((page.text.match(/name="q"/g) || []).length, 1, p);
		}
		const c = srv.client();
		await login(c, 'editor');
		const staff = await c.get('/staff/items');
		assert.doesNotMatch(staff.text, /site-search/);
	});
});
