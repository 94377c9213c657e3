// The yearly report's staff pages: the narrative sections written by an
// agency's editors with their history and the stale-revision conflict, the
// texts' JSON API, and the city office's supervision with its scoring sheet
// (weights, XLSX), each limited to the viewer's scope.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { csrfFrom, login, startServer, unescapeHtml } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) { await srv.stop(); srv.kill(); } });

const DEPT = '035205000'; /* 大同市环境保护局: hbj.editor's agency */
const CITY = '035200000'; /* 大同市人民政府办公厅: the city office */

async function as(user) {
	const c = srv.client();
	await login(c, user);
	return c;
}

function textarea(html, name) {
	const m = new RegExp(`<textarea id="t-${name}" name="${name}"[^>]*>([^<]*)</textarea>`).exec(html);
	assert.ok(m, `no textarea ${name}`);
	return unescapeHtml(m[1]);
}

function hidden(html, name) {
	const m = new RegExp(`name="${name}" value="(\\d+)"`).exec(html);
	assert.ok(m, `no hidden ${name}`);
	return m[1];
}

test('an editor writes the sections, they are kept with their history', async () => {
	const c = await as('hbj.editor');
	const list = await c.get('/staff/reports');
	assert.equal(list.status, 200);
	assert.match(list.text, new RegExp(`/staff/reports/${DEPT}/2024`));
	assert.doesNotMatch(list.text, new RegExp(`/staff/reports/${CITY}/`), 'only its own subtree');

	const form = await c.get(`/staff/reports/${DEPT}/2024`);
	assert.equal(form.status, 200);
	assert.match(form.text, /总体情况/);
	assert.match(form.text, /存在的主要问题及改进情况/);
	assert.match(form.text, /其他需要报告的事项/);
	const csrf = csrfFrom(form.text);
	let r = await c.post(`/staff/reports/${DEPT}/2024`, {
		csrf, overview: '2024年，市环保局认真贯彻<条例>。', rev_overview: 0,
		problems: '一是公开内容不够全面。', rev_problems: 0, other: '', rev_other: 0,
	});
	assert.equal(r.status, 303, r.text.slice(0, 500));
	assert.equal(r.headers.get('location'), `/staff/reports/${DEPT}/2024?saved=1`);
	const page = await c.get(r.headers.get('location'));
	assert.match(page.text, /已保存/);
	assert.equal(textarea(page.text, 'overview'), '2024年，市环保局认真贯彻<条例>。');
	assert.equal(hidden(page.text, 'rev_overview'), '1');
	assert.equal(hidden(page.text, 'rev_other'), '0');

	/* one section alone, a second version */
	r = await c.post(`/staff/reports/${DEPT}/2024`, {
		csrf, overview: '第二稿', rev_overview: 1, problems: '不会保存', rev_problems: 1,
		other: '', rev_other: 0, only: 'overview',
	});
	assert.equal(r.status, 303);
	const hist = await c.get(`/staff/reports/${DEPT}/2024/history`);
	assert.equal(hist.status, 200);
	const rows = hist.text.match(/<tr><td>[^<]+<\/td><td>\d+<\/td>/g);
	assert.deepEqual(rows, ['<tr><td>总体情况</td><td>2</td>', '<tr><td>总体情况</td><td>1</td>',
		'<tr><td>存在的主要问题及改进情况</td><td>1</td>']);
	assert.match(hist.text, /市环保局信息发布员/);
	assert.match(hist.text, /第二稿/);
	assert.doesNotMatch(hist.text, /不会保存/);

	const list2 = await c.get('/staff/reports');
	assert.match(list2.text, new RegExp(`/staff/reports/${DEPT}/2024">撰写 2/3`));
});

test("another agency's editor can neither read nor write the texts", async () => {
	const c = await as('hbj.editor');
	const mine = await c.get(`/staff/reports/${DEPT}/2024`);
	const csrf = csrfFrom(mine.text);
	assert.equal((await c.get(`/staff/reports/${CITY}/2024`)).status, 403);
	const r = await c.post(`/staff/reports/${CITY}/2024`, { csrf, overview: '越权', rev_overview: 0 });
	assert.equal(r.status, 403);
	assert.equal((await c.get(`/api/v1/reports/${CITY}/2024/texts`)).status, 403);
	/* a handler has no business here at all */
	const h = await as('handler');
	assert.equal((await h.get(`/staff/reports/${CITY}/2024`)).status, 403);
	/* a year outside 2008–2100 */
	assert.equal((await c.get(`/staff/reports/${DEPT}/2007`)).status, 404);
});

test('a save from a stale revision shows both texts and keeps the input', async () => {
	const a = await as('hbj.editor');
	const b = await as('editor'); /* the city office may edit every agency */
	const formA = await a.get(`/staff/reports/${DEPT}/2025`);
	const formB = await b.get(`/staff/reports/${DEPT}/2025`);
	let r = await a.post(`/staff/reports/${DEPT}/2025`, {
		csrf: csrfFrom(formA.text), overview: '甲先保存的内容', rev_overview: 0, problems: '', rev_problems: 0, other: '', rev_other: 0,
	});
	assert.equal(r.status, 303);
	r = await b.post(`/staff/reports/${DEPT}/2025`, {
		csrf: csrfFrom(formB.text), overview: '乙在旧版本上写的', rev_overview: 0, problems: '乙的问题', rev_problems: 0, other: '', rev_other: 0,
	});
	assert.equal(r.status, 409);
	assert.match(r.text, /“总体情况”已被他人修改/);
	assert.match(r.text, /id="conflict-overview"[^]*甲先保存的内容/);
	assert.equal(textarea(r.text, 'overview'), '乙在旧版本上写的');
	assert.equal(textarea(r.text, 'problems'), '乙的问题');
	assert.equal(hidden(r.text, 'rev_overview'), '1', 'the next save starts from what was saved meanwhile');
	/* nothing of the refused save was kept */
	const now = await a.get(`/api/v1/reports/${DEPT}/2025/texts`);
	assert.equal(now.json.sections[1].body, '');
	/* saving again from the page resolves it */
	r = await b.post(`/staff/reports/${DEPT}/2025`, {
		csrf: csrfFrom(r.text), overview: '乙在旧版本上写的', rev_overview: 1, problems: '乙的问题', rev_problems: 0, other: '', rev_other: 0,
	});
	assert.equal(r.status, 303);
});

test('the texts API reads and saves with the same revision check', async () => {
	const c = await as('hbj.editor');
	const who = await c.get('/api/v1/staff/whoami');
	const headers = { 'content-type': 'application/json', 'x-csrf-token': who.json.csrf };
	let r = await c.get(`/api/v1/reports/${DEPT}/2023/texts`);
	assert.equal(r.status, 200);
	assert.deepEqual(r.json.sections.map((s) => [s.section, s.revision]), [['overview', 0], ['problems', 0], ['other', 0]]);
	r = await c.request('PUT', `/api/v1/reports/${DEPT}/2023/texts`, {
		headers, body: JSON.stringify({ other: '无其他需要报告的事项。', rev_other: 0 }),
	});
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.sections[2].revision, 1);
	assert.equal(r.json.sections[2].body, '无其他需要报告的事项。');
	assert.equal(r.json.sections[2].by, '市环保局信息发布员');
	r = await c.request('PUT', `/api/v1/reports/${DEPT}/2023/texts`, {
		headers, body: JSON.stringify({ other: '晚了一步', rev_other: 0 }),
	});
	assert.equal(r.status, 409);
	assert.match(JSON.stringify(r.json), /其他需要报告的事项/);
	r = await c.request('PUT', `/api/v1/reports/${DEPT}/2023/texts`, {
		headers, body: JSON.stringify({ other: '字'.repeat(20001), rev_other: 1 }),
	});
	assert.equal(r.status, 400);
	assert.match(JSON.stringify(r.json), /不能超过20000字/);
});

function agencies(html) {
	return [...html.matchAll(/<tr data-agency="(\d+)"/g)].map((m) => m[1]);
}

test('the city office supervises every agency, a county only its subtree', async () => {
	const city = await as('admin');
	const r = await city.get('/staff/supervision?year=2017');
	assert.equal(r.status, 200);
	const all = agencies(r.text);
	const api = await city.get('/api/v1/agencies');
	const count = JSON.stringify(api.json).match(/"code"/g).length;
	assert.equal(all.length, count, 'every agency of the city');
	assert.match(r.text, /2018-03-31/, 'reports on 2017: 31 March under the 2008 条例');
	assert.match(r.text, /逾期未公布/);
	assert.match(r.text, /依申请公开按时办结率/);
	const sorted = await city.get('/staff/supervision?year=2017&sort=score');
	assert.equal(agencies(sorted.text).length, count);

	const county = await as('yg.admin');
	const mine = await county.get('/staff/supervision?year=2023');
	assert.equal(mine.status, 200);
	assert.deepEqual(agencies(mine.text).sort(), ['035221000', '035221100', '035221200']);
	/* a department's deadline under the 2019 条例 is 31 January, a government's 31 March */
	assert.match(mine.text, /data-agency="035221200"[^]*?<td>2024-01-31<\/td>/);
	assert.match(mine.text, /data-agency="035221000"[^]*?<td>2024-03-31<\/td>/);
	assert.doesNotMatch(mine.text, /id="weights-form"/, 'a county cannot set the weights');
	assert.equal((await county.get('/staff/supervision?year=1999')).status, 400);

	/* handlers follow an agency's applications overdue now to their queue */
	const h = await as('handler');
	const hp = await h.get('/staff/supervision');
	const link = /href="(\/staff\/requests\?view=overdue&amp;agency=\d+)">(\d+)<\/a>/.exec(hp.text);
	assert.ok(link, 'the demo city has overdue applications: a link to the queue');
	const queue = await h.get(unescapeHtml(link[1]));
	assert.equal(queue.status, 200);
	assert.equal((queue.text.match(/<tr class="overdue">/g) || []).length, Number(link[2]),
		'the queue lists as many overdue applications as the supervision counts');
	/* the staff home leads here */
	const editor = await as('editor');
	const home = await editor.get('/staff');
	assert.match(home.text, /href="\/staff\/reports" id="reports-link"/);
	assert.match(home.text, /href="\/staff\/supervision" id="supervision-link"/);
	assert.doesNotMatch((await h.get('/staff')).text, /id="reports-link"/);
});

test('the city office sets the weights; nobody else does', async () => {
	const city = await as('editor');
	const page = await city.get('/staff/supervision?year=2023');
	assert.match(page.text, /id="weights-form"/);
	assert.match(page.text, /尚未设定权重/);
	const csrf = csrfFrom(page.text);
	const weights = { w_on_time_rate: 50, w_overdue: 10, w_corrected: 10, w_items_published: 10, w_report_on_time: 20 };
	let r = await city.post('/staff/supervision/weights', { csrf, year: 2023, ...weights });
	assert.equal(r.status, 200);
	assert.match(r.text, /权重已保存/);
	assert.match(r.text, /name="w_on_time_rate" value="50"/);
	assert.match(r.text, /已由市政府信息公开工作主管部门设定/);
	r = await city.post('/staff/supervision/weights', { csrf, year: 2023, ...weights, w_overdue: 1001 });
	assert.equal(r.status, 400);
	assert.match(r.text, /“超期未办结申请”的权重须为0至1000之间的整数/);
	assert.match(r.text, /name="w_overdue" value="1001"/, 'the input is kept');
	const again = await city.get('/staff/supervision?year=2023');
	assert.match(again.text, /name="w_overdue" value="10"/);

	const county = await as('yg.admin');
	const cp = await county.get('/staff/supervision?year=2023');
	r = await county.post('/staff/supervision/weights', { csrf: csrfFrom(cp.text), year: 2023, ...weights });
	assert.equal(r.status, 403);
});

test('the scoring sheet downloads as an XLSX workbook', async () => {
	const city = await as('admin');
	const r = await city.get('/staff/supervision.xlsx?year=2017');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	assert.match(r.headers.get('content-disposition'), /attachment; filename="score-2017.xlsx"/);
	const file = path.join(srv.dir, 'score.xlsx');
	fs.writeFileSync(file, r.bytes);
	const list = spawnSync('unzip', ['-l', file], { encoding: 'utf8' });
	assert.equal(list.status, 0, list.stderr);
	assert.match(list.stdout, /xl\/worksheets\/sheet1\.xml/);
	assert.match(list.stdout, /xl\/worksheets\/sheet2\.xml/);
	const book = spawnSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
	assert.match(book.stdout, /name="考核评分"/);
	assert.match(book.stdout, /name="评分规则"/);
	const strings = spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
	assert.match(strings.stdout, /2017年度政务公开考核评分表/);
	assert.match(strings.stdout, /大同市环境保护局/);
	assert.match(strings.stdout, /阳高县人民政府/);
	/* the weights the city office set for 2023 head the columns and the rules
	 * sheet, and each agency's score is the page's, cell by cell */
	const form = await city.get('/staff/supervision?year=2023');
	const set = await city.post('/staff/supervision/weights', { csrf: csrfFrom(form.text), year: 2023,
		w_on_time_rate: 50, w_overdue: 10, w_corrected: 10, w_items_published: 10, w_report_on_time: 20 });
	assert.equal(set.status, 200);
	const y23 = await city.get('/staff/supervision.xlsx?year=2023');
	fs.writeFileSync(file, y23.bytes);
	const sst = spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
	const strs = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
	assert.ok(strs.includes('依申请公开按时办结率得分（权重50）'), 'the weight in the heading');
	assert.ok(strs.includes('年度报告按时公布得分（权重20）'));
	const cellsOf = (xml) => {
		const rows = new Map();
		for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const v = /<v>([^<]*)<\/v>/.exec(m[4] || '');
			const val = v ? (/t="s"/.test(m[3]) ? strs[Number(v[1])] : Number(v[1])) : null;
			if (!rows.has(m[2])) rows.set(m[2], {});
			rows.get(m[2])[m[1]] = val;
		}
		return rows;
	};
	const rules = cellsOf(spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet2.xml'], { encoding: 'utf8' }).stdout);
	assert.deepEqual([2, 3, 4, 5, 6].map((r) => rules.get(String(r)).C), [50, 10, 10, 10, 20]);
	const sheet = cellsOf(spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout);
	const page = (await city.get('/staff/supervision?year=2023')).text;
	let compared = 0;
	for (const row of sheet.values()) {
		if (!/^\d{9}$/.test(row.A || '')) continue;
		const tr = new RegExp(`data-agency="${row.A}"[\\s\\S]*?<td class="num score">([^<]*)</td>`).exec(page);
		assert.ok(tr, row.A);
		const total = row.S;
		if (typeof total === 'number') assert.equal(tr[1], (Math.round(total * 10) / 10).toFixed(1), row.A);
		else assert.equal(tr[1], '—', row.A);
		compared++;
	}
	assert.ok(compared >= 20, `${compared} agencies compared`);
	/* a county's sheet holds its own agencies only */
	const county = await as('yg.admin');
	const mine = await county.get('/staff/supervision.xlsx?year=2017');
	fs.writeFileSync(file, mine.bytes);
	const s2 = spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
	assert.match(s2.stdout, /阳高县人民政府/);
	assert.doesNotMatch(s2.stdout, /大同市环境保护局/);
});
