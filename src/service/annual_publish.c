/* Publishing a yearly report as a catalogue item (service/annual_publish.h). */
#include "service/annual_publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/richtext.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "service/items.h"
#include "store/store.h"

/* HTML without the rendered charts (<figure class="gk-chart">…</figure>):
 * the catalogue keeps an item's text as sanitised HTML, which has no SVG;
 * the tables and sentences carry every figure the charts draw. */
static void without_charts(struct gk_buf *out, const char *html)
{
	static const char open[] = "<figure class=\"gk-chart\">", close[] = "</figure>";
	const char *p = html, *f;
	while ((f = strstr(p, open)) != NULL) {
		gk_buf_add(out, p, (size_t)(f - p));
		const char *end = strstr(f, close);
		if (!end)
			return;
		p = end + sizeof close - 1;
	}
	gk_buf_puts(out, p);
}

/* The item's fields for report A (new or republished). */
static enum gk_err fill(struct gk_item *it, int64_t agency_id, const struct gk_annual *a,
			const char *body_html, struct gk_error *err)
{
	it->agency_id = agency_id;
	snprintf(it->title, sizeof it->title, "%s%d年政府信息公开工作年度报告", a->agency_name,
		 a->year);
	snprintf(it->topic, sizeof it->topic, "2.10"); /* 综合政务 · 政府信息公开年度报告 */
	snprintf(it->genre, sizeof it->genre, "annual_report");
	it->outlets = 1u << GK_OUTLET_WEBSITE;
	snprintf(
		it->summary, sizeof it->summary,
		"根据《中华人民共和国政府信息公开条例》，%s%s编制本报告，统计期限为%d年1月1日至%d年12月31日，各项数据均由本系统登记的记录统计生成。",
		a->agency_name, a->rollup ? "汇总本级及所属各单位情况" : "", a->year, a->year);
	struct gk_buf body, plain;
	gk_buf_init(&body, GK_ITEM_BODY_MAX);
	gk_buf_init(&plain, (size_t)GK_ITEM_BODY_MAX * 4);
	without_charts(&plain, body_html ? body_html : "");
	if (plain.data)
		gk_richtext_sanitise(&body, plain.data, plain.len);
	body.failed = body.failed || plain.failed;
	gk_buf_release(&plain);
	if (body.failed) {
		gk_buf_release(&body);
		return gk_fail(err, GK_EINVAL, "报告正文过长，无法发布");
	}
	free(it->body);
	it->body = body.data ? strdup(body.data) : NULL;
	gk_buf_release(&body);
	return GK_OK;
}

enum gk_err gk_svc_annual_publish(struct gk_svc *svc, int64_t agency_id, const struct gk_annual *a,
				  const char *body_html, const struct gk_upload *docs, size_t ndocs,
				  int64_t *item_id, struct gk_error *err)
{
	if (svc->actor && !(svc->actor->roles & (GK_ROLE_EDITOR | GK_ROLE_ADMIN)))
		return gk_fail(err, GK_EFORBIDDEN, "发布年度报告需要“信息发布”或“管理员”角色");
	if (svc->actor && !gk_svc_in_scope(svc, agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "只能发布本机关及所属单位的年度报告");
	if (a->records == 0)
		return gk_fail(err, GK_EINVAL, "%d年没有任何登记记录，不能发布年度报告", a->year);
	struct gk_item it = {0};
	int64_t existing = 0;
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_store_annual_report_item(svc->store, agency_id, a->year, a->rollup,
						 &existing, err);
	if (!rc && existing) {
		rc = gk_store_item_get(svc->store, existing, &it, err);
		/* the previous documents give way to the new ones */
		for (size_t i = 0; !rc && i < it.nfiles; i++)
			rc = gk_store_item_file_delete(svc->store, it.id, it.files[i].id, err);
	}
	if (!rc)
		rc = fill(&it, agency_id, a, body_html, err);
	if (!rc) {
		it.uploads = docs;
		it.nuploads = ndocs;
		if (existing && it.status == GK_ITEM_PUBLISHED)
			rc = gk_svc_item_save(svc, &it, "republish_report", err);
		else
			rc = gk_svc_item_publish(svc, &it, err);
	}
	if (!rc)
		rc = gk_store_annual_report_put(svc->store, agency_id, a->year, a->rollup,
						gk_annual_style_code(a->style), it.id,
						gk_svc_actor_id(svc), err);
	rc = gk_svc_end(svc, own, rc, err);
	if (!rc && item_id)
		*item_id = it.id;
	gk_item_release(&it);
	return rc;
}
