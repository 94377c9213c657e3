// The JSON API's "actions" of an application are the steps its case page
// offers the same person now (gk_actions_now), not every step his role may
// take in that state: for every application of the demo city, for a
// handler and a reviewer, the two lists are equal; an overdue case offers
// no extension.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { login, startServer } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(() => srv?.kill());

/* The steps the case page HTML offers: the choices, or the one form, or none. */
function pageActions(html) {
	const panel = /<section class="action-panel" id="actions">([\s\S]*?)<\/section>/.exec(html);
	assert.ok(panel, 'the case page has its action panel');
	const choices = /<nav class="tabs" id="action-choices"[^>]*>([\s\S]*?)<\/nav>/.exec(panel[1]);
	if (choices) return [...choices[1].matchAll(/\?act=([a-z_]+)#actions/g)].map((m) => m[1]);
	const one = /<input type="hidden" name="action" value="([a-z_]+)">/.exec(panel[1]);
	return one ? [one[1]] : [];
}

for (const user of ['handler', 'reviewer']) {
	test(`${user}: the API's actions are the case page's`, async () => {
		const c = srv.client();
		await login(c, user);
		const queue = await c.get('/api/v1/staff/requests?view=all');
		assert.equal(queue.status, 200, queue.text);
		assert.ok(queue.json.requests.length >= 10, 'the demo city has applications');
		let overdue = 0, offered = 0;
		for (const { tracking_code: code } of queue.json.requests) {
			const api = await c.get(`/api/v1/staff/requests/${code}`);
			assert.equal(api.status, 200, api.text);
			const page = await c.get(`/staff/requests/${code}`);
			assert.equal(page.status, 200);
			assert.deepEqual(api.json.actions, pageActions(page.text), `${user} ${code} (${api.json.state})`);
			offered += api.json.actions.length;
			if (api.json.overdue) {
				overdue++;
				assert.ok(!api.json.actions.includes('extend'), `${code}: no extension once overdue`);
			}
		}
		assert.ok(offered > 0, `${user} can act on some application`);
		if (user === 'handler') assert.ok(overdue > 0, 'the demo city has overdue applications');
	});
}
