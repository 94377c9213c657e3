// Attachments end to end: files uploaded with catalogue items (several per
// save, listed on the item page, the print view and the API, removed as a
// revision) and with application steps (staff registration, workflow
// actions by form and API), downloaded with safe headers; size limits;
// drafts and applications kept from people who may not see them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { csrfFrom, login, rawRequest, rawStatus, startServer } from './lib.mjs';

let srv, pub;
before(async () => { srv = await startServer(); pub = srv.client(); });
after(() => srv?.kill());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/* The item form as a browser sends it with enctype multipart/form-data. */
function itemForm(csrf, fields = {}, files = []) {
	const fd = new FormData();
	const all = {
		csrf, revision: '0', agency: '035200000', title: '附件测试信息', topic: '10.3', genre: 'notice',
		column: '', doc_no: '', written: '', published: '', normative: '', effective: '', keywords: '',
		summary: '', body: '正文', attachments: '', interp_kind: '', interprets: '', ch_website: '1',
		action: 'save', ...fields,
	};
	for (const [k, v] of Object.entries(all)) fd.append(k, v);
	if (!files.length) fd.append('files', new Blob([]), ''); // an empty file input
	for (const [name, bytes, type] of files) fd.append('files', new Blob([bytes], type ? { type } : {}), name);
	return fd;
}

async function client(user) {
	const c = srv.client();
	await login(c, user);
	return c;
}

function idFrom(location) {
	const m = /\/items\/(\d+)/.exec(location || '');
	assert.ok(m, `no item id in ${location}`);
	return Number(m[1]);
}

/* The stored files listed on the staff edit page: [{id, name}]. */
async function storedFiles(c, id) {
	const edit = await c.get(`/staff/items/${id}/edit`);
	assert.equal(edit.status, 200);
	const out = [];
	for (const m of edit.text.matchAll(/<li class="file"><a href="\/items\/\d+\/files\/(\d+)">([^<]*)<\/a>/g))
		out.push({ id: Number(m[1]), name: m[2] });
	return { files: out, csrf: csrfFrom(edit.text), revision: /name="revision" value="(\d+)"/.exec(edit.text)[1] };
}

/* The file name a Content-Disposition header gives (filename*=UTF-8''…). */
function dispositionName(h) {
	const m = /filename\*=UTF-8''([A-Za-z0-9%._~-]+)$/.exec(h || '');
	assert.ok(m, `no filename* in ${h}`);
	return decodeURIComponent(m[1]);
}

describe('catalogue items', () => {
	let itemId, files;

	test('an editor publishes an item with several files; page, print view and API list them', async () => {
		const c = await client('editor');
		const form = await c.get('/staff/items/new');
		assert.match(form.text, /<form method="post" class="stacked item-form" id="item-form" action="\/staff\/items" enctype="multipart\/form-data">/);
		assert.match(form.text, /<input id="f-files" name="files" type="file" multiple>/);
		const r = await c.request('POST', '/staff/items', {
			body: itemForm(csrfFrom(form.text), { action: 'publish', attachments: '外部链接|https://www.gov.cn/a.pdf' }, [
				['实施方案.pdf', PDF, 'application/pdf'],
				['图.png', PNG],
				['../../etc/通知"名单"\u202Egpj.xlsx', Buffer.from('PK\x03\x04 not really a spreadsheet')],
				['page.html', HTML, 'text/html'],
				['logo.svg', SVG, 'image/svg+xml'],
				['trick.png', Buffer.concat([HTML, Buffer.from('<!-- 2 -->')]), 'image/png'],
			]),
		});
		assert.equal(r.status, 303, r.text.slice(0, 1500));
		itemId = idFrom(r.headers.get('location'));
		({ files } = await storedFiles(c, itemId));
		assert.deepEqual(files.map((f) => f.name),
			['实施方案.pdf', '图.png', '通知_名单__gpj.xlsx', 'page.html', 'logo.svg', 'trick.png']);

		const page = await pub.get(`/items/${itemId}`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`<li class="file"><a href="/items/${itemId}/files/${files[0].id}">实施方案.pdf</a> <span class="file-meta">（PDF，\\d+ 字节）</span></li>`));
		assert.match(page.text, /<li><a href="https:\/\/www.gov.cn\/a.pdf">外部链接<\/a><\/li>/, 'link lines still shown');
		const print = await pub.get(`/items/${itemId}/print`);
		assert.ok(print.text.includes(`href="/items/${itemId}/files/${files[1].id}">图.png</a>`), 'print view lists the files');

		const api = await pub.get(`/api/v1/items/${itemId}`);
		assert.equal(api.status, 200);
		const att = api.json.attachments;
		assert.deepEqual(att[0], { name: '外部链接', url: 'https://www.gov.cn/a.pdf' });
		const pdf = att.find((a) => a.name === '实施方案.pdf');
		assert.equal(pdf.size, PDF.length);
		assert.equal(pdf.type, 'application/pdf');
		assert.equal(pdf.url, `${srv.url}/items/${itemId}/files/${files[0].id}`);
		assert.match(pdf.sha256, /^[0-9a-f]{64}$/);
		assert.equal(att.length, 7);
	});

	test('downloads: type from the allow-list, inline only for real PDFs and images, nosniff', async () => {
		const get = (i) => pub.get(`/items/${itemId}/files/${files[i].id}`);
		const pdf = await get(0);
		assert.equal(pdf.status, 200);
		assert.equal(pdf.headers.get('content-type'), 'application/pdf');
		assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
		assert.match(pdf.headers.get('content-disposition'), /^inline; filename="[^"]*"; filename\*=UTF-8''/);
		assert.equal(dispositionName(pdf.headers.get('content-disposition')), '实施方案.pdf');
		assert.ok(pdf.bytes.equals(PDF), 'the bytes come back unchanged');

		const png = await get(1);
		assert.equal(png.headers.get('content-type'), 'image/png');
		assert.match(png.headers.get('content-disposition'), /^inline;/);
		assert.ok(png.bytes.equals(PNG));

		const xlsx = await get(2);
		assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const cd = xlsx.headers.get('content-disposition');
		assert.match(cd, /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
		assert.ok(!/[\r\n]/.test(cd));
		assert.equal(dispositionName(cd), '通知_名单__gpj.xlsx', 'no path, quotes or bidi override survive');

		for (const i of [3, 4]) {
			const r = await get(i);
			assert.equal(r.status, 200);
			assert.equal(r.headers.get('content-type'), 'application/octet-stream', files[i].name);
			assert.match(r.headers.get('content-disposition'), /^attachment;/, `${files[i].name} is never shown inline`);
			assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		}
		const trick = await get(5);
		assert.equal(trick.headers.get('content-type'), 'image/png');
		assert.match(trick.headers.get('content-disposition'), /^attachment;/, 'HTML named .png is downloaded, not shown');

		const head = await pub.request('HEAD', `/items/${itemId}/files/${files[0].id}`);
		assert.equal(head.status, 200);
		assert.equal(head.headers.get('content-type'), 'application/pdf');

		assert.equal((await pub.get(`/items/${itemId}/files/999999`)).status, 404);
		assert.equal((await pub.get(`/items/${itemId}/files/abc`)).status, 404);
		const other = (await pub.get('/api/v1/items?per_page=2')).json.items.find((x) => x.id !== itemId).id;
		assert.equal((await pub.get(`/items/${other}/files/${files[0].id}`)).status, 404, 'a file only under its own item');
	});

	test('the same file twice on one item is one attachment', async () => {
		const c = await client('editor');
		const { csrf, revision } = await storedFiles(c, itemId);
		const r = await c.request('POST', `/staff/items/${itemId}`, {
			body: itemForm(csrf, { revision, action: 'save', published: '2018-06-01 10:00', attachments: '外部链接|https://www.gov.cn/a.pdf' },
				[['again.pdf', PDF]]),
		});
		assert.equal(r.status, 303, /<p class="notice[^>]*>([^<]*)/.exec(r.text)?.[1]);
		assert.equal((await storedFiles(c, itemId)).files.length, 6);
	});

	test('removing a file is a revision; stale and foreign removals are refused', async () => {
		const c = await client('editor');
		const { csrf, revision } = await storedFiles(c, itemId);
		const victim = files[3];
		const hbj = await client('hbj.editor');
		const hbjCsrf = csrfFrom((await hbj.get('/staff/items/new')).text);
		assert.equal((await hbj.post(`/staff/items/${itemId}/files/${victim.id}/remove`, { csrf: hbjCsrf, revision })).status, 403);
		assert.equal((await c.post(`/staff/items/${itemId}/files/${victim.id}/remove`, { csrf, revision: String(Number(revision) + 5) })).status, 409);
		const r = await c.post(`/staff/items/${itemId}/files/${victim.id}/remove`, { csrf, revision });
		assert.equal(r.status, 303, r.text.slice(0, 800));
		assert.equal((await pub.get(`/items/${itemId}/files/${victim.id}`)).status, 404);
		assert.equal((await c.post(`/staff/items/${itemId}/files/${victim.id}/remove`, { csrf, revision: String(Number(revision) + 1) })).status, 404);
		const hist = await c.get(`/staff/items/${itemId}/history`);
		assert.match(hist.text, /<td>删除附件<\/td>/);
		assert.ok(hist.text.includes('<span class="field">附件</span>'), 'the change shows in the history');
		assert.ok(!/attachments|remove_attachment|\{"/.test(hist.text.replace(/<[^>]*>/g, '')), 'no field names or JSON');
		assert.equal((await pub.get(`/api/v1/items/${itemId}`)).json.attachments.length, 6);
	});

	test('draft attachments are not public; another agency\'s editor cannot see them', async () => {
		const c = await client('editor');
		const form = await c.get('/staff/items/new');
		const r = await c.request('POST', '/staff/items', {
			body: itemForm(csrfFrom(form.text), { title: '草稿附件' }, [['内部草稿.pdf', PDF]]),
		});
		assert.equal(r.status, 303);
		const id = idFrom(r.headers.get('location'));
		const { files: [f] } = await storedFiles(c, id);
		const url = `/items/${id}/files/${f.id}`;
		assert.equal((await pub.get(url)).status, 404, 'anonymous');
		assert.equal((await (await client('hbj.editor')).get(url)).status, 404, 'another agency');
		assert.equal((await c.get(url)).status, 200, 'the editor of the agency');
		assert.equal((await pub.get(`/api/v1/items/${id}`)).status, 404);
	});

	test('size limits: a file over 20 MiB and an anonymous large body are refused with 413', async () => {
		const c = await client('editor');
		const form = await c.get('/staff/items/new');
		const big = Buffer.alloc((20 << 20) + 1, 0x41);
		const r = await c.request('POST', '/staff/items', { body: itemForm(csrfFrom(form.text), {}, [['big.pdf', big]]) });
		assert.equal(r.status, 413, r.text.slice(0, 500));
		assert.match(r.text, /过大|超过了允许的大小/);
		// without a session cookie a staff route keeps the 1 MiB default: a body
		// well over it is refused before it is read
		const anon = await rawRequest(srv.url, 'POST /staff/items HTTP/1.1\r\nHost: x\r\n' +
			'Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 4194304\r\n\r\n', { end: false, wait: 2000 });
		assert.equal(rawStatus(anon), 413, 'no large body without a session');
		// a session cookie is not enough: it must name a live session, checked before the body
		for (const cookie of ['x', 'A'.repeat(43), 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; gk_anon=x']) {
			const forged = await rawRequest(srv.url, 'POST /staff/items HTTP/1.1\r\nHost: x\r\n' +
				`Cookie: gk_session=${cookie}\r\n` +
				'Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 31457280\r\n\r\n',
				{ end: false, wait: 2000 });
			assert.equal(rawStatus(forged), 413, `no 30 MB body for the cookie '${cookie}'`);
		}
		// a live session may send more than 1 MiB: its headers alone get no early answer
		const session = c.cookies.get('gk_session');
		assert.ok(session, 'the editor has a session cookie');
		const ok = await rawRequest(srv.url, 'POST /staff/items HTTP/1.1\r\nHost: x\r\n' +
			`Cookie: gk_session=${session}\r\n` +
			'Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 2097152\r\n\r\n',
			{ end: false, wait: 1000 });
		assert.equal(rawStatus(ok), null, 'a valid session waits for its body');
		const plain = await c.post('/staff/items', {
			csrf: csrfFrom(form.text), revision: '0', agency: '035200000', title: '无附件', topic: '10.3', genre: 'notice',
			ch_website: '1', action: 'save',
		});
		assert.equal(plain.status, 303, 'the urlencoded form still works');
		await srv.assertAlive('uploads');
	});
});

// ------------------------------------------------------------------ applications

const PERSON = {
	agency: '035200000', applicant_type: 'natural_person', name: '附件申请人', id_number: '140202199001015678',
	phone: '13503520009', email: 'fj@example.cn', address: '大同市测试路9号', description: '附件测试所需信息',
	delivery: 'email',
};

async function staffApi(user) {
	const c = await client(user);
	c.csrf = (await c.get('/api/v1/staff/whoami')).json.csrf;
	return c;
}

function fields(obj, files = {}) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(obj)) fd.append(k, v);
	for (const [k, [name, bytes]] of Object.entries(files)) fd.append(k, new Blob([bytes]), name);
	return fd;
}

describe('applications', () => {
	let code, scanId;

	test('staff registration with the scanned letter; listed under its step; staff of the agency download it', async () => {
		const c = await client('handler');
		const form = await c.get('/staff/requests/new');
		assert.match(form.text, /id="register-form" enctype="multipart\/form-data">/);
		assert.match(form.text, /<input id="a-file" name="file" type="file">/);
		const r = await c.request('POST', '/staff/requests', {
			body: fields({ csrf: csrfFrom(form.text), channel: 'in_person', ...PERSON }, { file: ['申请书扫描件.pdf', PDF] }),
		});
		assert.equal(r.status, 303, r.text.slice(0, 800));
		const path = r.headers.get('location').replace(/\?.*/, '');
		code = path.split('/').pop();
		const page = await c.get(path);
		const m = new RegExp(`<li class="file"><a href="/staff/requests/${code}/files/(\\d+)">申请书扫描件.pdf</a>`).exec(page.text);
		assert.ok(m, 'the file is listed in the timeline');
		scanId = Number(m[1]);
		assert.match(page.text, /收到申请<\/td>[\s\S]*?申请书扫描件\.pdf[\s\S]*?<\/tr>/, 'in the row of its step');
		assert.match(page.text, /enctype="multipart\/form-data">\n<h3>/, 'action forms take a file');

		const dl = await c.get(`/staff/requests/${code}/files/${scanId}`);
		assert.equal(dl.status, 200);
		assert.equal(dl.headers.get('content-type'), 'application/pdf');
		assert.equal(dl.headers.get('cache-control'), 'no-store');
		assert.ok(dl.bytes.equals(PDF));
		assert.equal((await (await client('reviewer')).get(`/staff/requests/${code}/files/${scanId}`)).status, 200, 'city-wide staff');
	});

	test('a workflow step by form and by the API carries a file; the JSON lists attachments per step', async () => {
		const rv = await client('reviewer');
		const page = await rv.get(`/staff/requests/${code}`);
		const a = await rv.request('POST', `/staff/requests/${code}/act`, {
			body: fields({ csrf: csrfFrom(page.text), action: 'assign', handler: 'handler', note: '请办理' },
				{ file: ['批办单.html', HTML] }),
		});
		assert.equal(a.status, 303, a.text.slice(0, 800));
		const api = await staffApi('handler');
		const j = await api.request('POST', `/api/v1/staff/requests/${code}/actions`, {
			body: fields({ action: 'request_supplement', note: '请补正' }, { file: ['补正告知书.docx', Buffer.from('PK\x03\x04docx')] }),
			headers: { 'x-csrf-token': api.csrf },
		});
		assert.equal(j.status, 200, j.text.slice(0, 800));
		const atts = j.json.attachments;
		assert.deepEqual(atts.map((x) => x.name), ['申请书扫描件.pdf', '批办单.html', '补正告知书.docx']);
		const byEvent = Object.fromEntries(j.json.events.map((e) => [e.id, e.action]));
		assert.deepEqual(atts.map((x) => byEvent[x.event_id]), ['create', 'assign', 'request_supplement']);
		assert.equal(atts[1].type, 'application/octet-stream');
		assert.equal(atts[0].url, `${srv.url}/staff/requests/${code}/files/${scanId}`);
		const html = await api.get(atts[1].url.slice(srv.url.length));
		assert.equal(html.headers.get('content-type'), 'application/octet-stream');
		assert.match(html.headers.get('content-disposition'), /^attachment;/);
		// JSON without a file still works, and a file in JSON is refused by name
		assert.equal((await api.request('POST', `/api/v1/staff/requests/${code}/actions`, {
			body: JSON.stringify({ action: 'withdraw', file: 'x' }),
			headers: { 'content-type': 'application/json', 'x-csrf-token': api.csrf },
		})).status, 400);
		// registration through the API with a file
		const reg = await api.request('POST', '/api/v1/staff/requests', {
			body: fields({ ...PERSON, channel: 'letter', registered_post: '1', signed_for: new Date().toISOString().slice(0, 10) },
				{ file: ['信封.jpg', Buffer.from('\xff\xd8\xff\xe0jpeg', 'latin1')] }),
			headers: { 'x-csrf-token': api.csrf },
		});
		assert.equal(reg.status, 201, reg.text.slice(0, 800));
		const full = await api.get(`/api/v1/staff/requests/${reg.json.tracking_code}`);
		assert.equal(full.json.attachments[0].name, '信封.jpg');
		assert.equal(full.json.attachments[0].type, 'image/jpeg');
	});

	test('another agency\'s staff get 404; the public never sees attachments; limits hold', async () => {
		const hbj = await client('hbj.handler');
		assert.equal((await hbj.get(`/staff/requests/${code}/files/${scanId}`)).status, 404);
		assert.equal((await srv.client().get(`/staff/requests/${code}/files/${scanId}`)).status, 303, 'anonymous: to the login');
		const track = await pub.get(`/track/${code}`);
		assert.equal(track.status, 200);
		assert.ok(!track.text.includes('申请书扫描件') && !track.text.includes('/files/'), 'tracking page');
		const status = await pub.get(`/api/v1/requests/${code}`);
		assert.ok(!status.text.includes('申请书扫描件') && !('attachments' in status.json), 'public API');
		const c = await client('handler');
		assert.equal((await c.get(`/staff/requests/${code}/files/999999`)).status, 404);
		const page = await c.get(`/staff/requests/${code}`);
		const big = await c.request('POST', `/staff/requests/${code}/act`, {
			body: fields({ csrf: csrfFrom(page.text), action: 'receive_supplement' }, { file: ['big.pdf', Buffer.alloc((20 << 20) + 1)] }),
		});
		assert.equal(big.status, 413);
		assert.equal((await c.get(`/api/v1/staff/requests/${code}`)).json.state, 'awaiting_supplement', 'nothing happened');
	});

	test('staff who may act but not see personal data are refused the files (403)', async () => {
		const yg = await client('yg.admin');
		const users = await yg.get('/staff/users');
		const add = await yg.post('/staff/users', { csrf: csrfFrom(users.text), login: 'yg.fh', display_name: '阳高县附件办理员',
			agency: '035221000', role: 'handler', password: 'yg-fh-pass-123' });
		assert.equal(add.status, 201);
		const api = await staffApi('handler');
		const reg = await api.request('POST', '/api/v1/staff/requests', {
			body: fields({ ...PERSON, agency: '035221200', channel: 'in_person' }, { file: ['身份证复印件.png', PNG] }),
			headers: { 'x-csrf-token': api.csrf },
		});
		assert.equal(reg.status, 201, reg.text.slice(0, 500));
		const fileId = reg.json.attachments?.[0]?.id ?? (await api.get(`/api/v1/staff/requests/${reg.json.tracking_code}`)).json.attachments[0].id;
		const county = srv.client();
		await login(county, 'yg.fh', 'yg-fh-pass-123');
		const page = await county.get(`/staff/requests/${reg.json.tracking_code}`);
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes('身份证复印件'), 'names hidden');
		assert.match(page.text, /附件 1 个（仅办理机构的工作人员可查看）/);
		assert.equal((await county.get(`/staff/requests/${reg.json.tracking_code}/files/${fileId}`)).status, 403);
		assert.ok(!('attachments' in (await county.get(`/api/v1/staff/requests/${reg.json.tracking_code}`)).json));
	});

	test('the server stops cleanly', async () => {
		await srv.stop();
	});
});
