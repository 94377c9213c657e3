/* /staff/items — editors write the catalogue: list their items (drafts
 * too), create, edit (with file uploads), publish, repeal, withdraw, remove
 * an attachment, and read the revision history. Every action is limited to
 * the editor's agency subtree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/docno.h"
#include "lib/date.h"
#include "lib/html.h"
#include "service/items.h"
#include "web/attachments.h"
#include "web/catalogue.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/revision_diff.h"

static bool may_act(struct gk_request *r, int64_t agency_id)
{
	return gk_svc_in_scope(&r->svc, agency_id);
}

/* --- the list ------------------------------------------------------------------- */

static int staff_row(const struct gk_item *it, void *ctx)
{
	struct gk_request *r = ctx;
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<tr><td>");
	gk_html_raw(b, gk_item_status_label(it->status));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, it->index_no);
	gk_html_raw(b, "</td><td><a href=\"/items/");
	gk_html_int(b, it->id);
	gk_html_raw(b, "\">");
	gk_html_text(b, it->title);
	gk_html_raw(b, "</a></td><td>");
	gk_html_text(b, it->agency_name);
	gk_html_raw(b, "</td><td>");
	gk_html_raw(b, gk_validity_label(it->validity));
	gk_html_raw(b, "</td><td><a href=\"/staff/items/");
	gk_html_int(b, it->id);
	gk_html_raw(b, "/edit\">编辑</a></td></tr>\n");
	return 0;
}

void gk_page_staff_items(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_item_filter f = {.validity = -1, .staff = true};
	int64_t total = 0, page = gk_req_param_int(r, "page", 1);
	f.scope = r->user.city_wide ? 0 : r->user.agency_id;
	f.query = gk_req_param(r, "q");
	f.limit = GK_PER_PAGE_DEFAULT;
	f.offset = (page - 1) * f.limit;
	struct gk_error err = {0};
	struct gk_item_listing l;
	/* the count first (the page shows it above the rows): a search goes
	 * through the catalogue index, a plain listing through the store */
	int64_t limit = f.limit;
	f.limit = 0;
	if (gk_svc_item_list(&r->svc, &f, 0, NULL, NULL, &l, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	total = l.total;
	gk_item_listing_release(&l);
	f.limit = limit;
	gk_page_begin(r, 200, "信息发布");
	gk_html_raw(
		b,
		"<p><a href=\"/staff/items/new\" id=\"new-item\" class=\"button\">新建信息</a></p>\n"
		"<form method=\"get\" action=\"/staff/items\" class=\"search\"><label for=\"staff-q\">查找</label> "
		"<input id=\"staff-q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"");
	gk_html_attr(b, f.query ? f.query : "");
	gk_html_raw(b, "\"> <button type=\"submit\">查找</button></form>\n<p>共 ");
	gk_html_int(b, total);
	gk_html_raw(
		b,
		" 条</p>\n<table class=\"list\" id=\"staff-items\">\n<thead><tr><th>状态</th><th>索引号</th>"
		"<th>标题</th><th>发布机构</th><th>时效</th><th></th></tr></thead>\n<tbody>\n");
	if (gk_req_failed(r, gk_svc_item_list(&r->svc, &f, 0, staff_row, r, &l, &err), &err))
		return;
	gk_item_listing_release(&l);
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_catalogue_pager(r, "/staff/items", page, (total + f.limit - 1) / f.limit);
	gk_page_end(r);
}

/* --- the form -------------------------------------------------------------------- */

static void option(struct gk_buf *b, const char *value, const char *label, const char *current)
{
	gk_html_raw(b, "<option value=\"");
	gk_html_attr(b, value);
	gk_html_raw(b, strcmp(value, current) == 0 ? "\" selected>" : "\">");
	gk_html_text(b, label);
	gk_html_raw(b, "</option>\n");
}

static void input(struct gk_buf *b, const char *name, const char *label, const char *value,
		  const char *extra)
{
	gk_html_raw(b, "<label for=\"f-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, label);
	gk_html_raw(b, "</label><input id=\"f-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" value=\"");
	gk_html_attr(b, value);
	gk_html_raw(b, "\"");
	gk_html_raw(b, extra);
	gk_html_raw(b, ">\n");
}

static void textarea(struct gk_buf *b, const char *name, const char *label, const char *value,
		     int rows)
{
	gk_html_raw(b, "<label for=\"f-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, label);
	gk_html_raw(b, "</label><textarea id=\"f-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" rows=\"");
	gk_html_int(b, rows);
	gk_html_raw(b, "\">");
	gk_html_text(b, value);
	gk_html_raw(b, "</textarea>\n");
}

static void select_codes(struct gk_buf *b, const char *name, const char *label,
			 const struct gk_code *list, size_t n, const char *current, bool optional,
			 bool topic_paths)
{
	gk_html_raw(b, "<label for=\"f-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, label);
	gk_html_raw(b, "</label><select id=\"f-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">\n");
	if (optional)
		option(b, "", "（无）", current);
	for (size_t i = 0; i < n; i++) {
		char path[256];
		gk_topic_path(list[i].code, path, sizeof path);
		option(b, list[i].code, topic_paths ? path : list[i].label, current);
	}
	gk_html_raw(b, "</select>\n");
}

/* The item form, filled from IT; INTERPRETS is the 索引号 of the policy. */
static void form(struct gk_request *r, int status, const struct gk_item *it, const char *interprets,
		 const char *kind, const char *message)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list agencies = {0};
	size_t n;
	gk_buf_reset(b);
	gk_page_begin(r, status, it->id ? "编辑信息" : "新建信息");
	if (message)
		gk_page_notice(r, kind, message);
	if (it->id) {
		gk_html_raw(b, "<p>");
		gk_html_raw(b, gk_item_status_label(it->status));
		if (it->index_no[0]) {
			gk_html_raw(b, " · 索引号 <span id=\"index-no\">");
			gk_html_text(b, it->index_no);
			gk_html_raw(b, "</span>");
		}
		gk_html_raw(b, " · <a href=\"/items/");
		gk_html_int(b, it->id);
		gk_html_raw(b, "\">查看</a> · <a href=\"/staff/items/");
		gk_html_int(b, it->id);
		gk_html_raw(b, "/history\">修订记录</a></p>\n");
	}
	gk_html_raw(
		b,
		"<form method=\"post\" class=\"stacked item-form\" id=\"item-form\" action=\"/staff/items");
	if (it->id) {
		gk_html_raw(b, "/");
		gk_html_int(b, it->id);
	}
	gk_html_raw(b, "\" enctype=\"multipart/form-data\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<input type=\"hidden\" name=\"revision\" value=\"");
	gk_html_int(b, it->revision);
	gk_html_raw(
		b,
		"\">\n<label for=\"f-agency\">发布机构</label><select id=\"f-agency\" name=\"agency\">\n");
	struct gk_error err = {0};
	if (!gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err)) {
		for (size_t i = 0; i < agencies.count; i++) {
			const struct gk_agency *a = &agencies.items[i];
			if (!may_act(r, a->id))
				continue;
			option(b, a->code, a->name, it->agency_code);
		}
		gk_agency_list_release(&agencies);
	}
	gk_html_raw(b, "</select>\n");
	input(b, "title", "标题", it->title, " required maxlength=\"300\"");
	const struct gk_code *topics = gk_topics(&n);
	select_codes(b, "topic", "信息分类（主题）", topics, n, it->topic, false, true);
	const struct gk_code *genres = gk_genres(&n);
	select_codes(b, "genre", "体裁", genres, n, it->genre, false, false);
	const struct gk_code *columns = gk_columns(&n);
	select_codes(b, "column", "专题专栏", columns, n, it->column, true, false);
	input(b, "doc_no", "文号（如 同政办发〔2017〕109号）", it->doc_no, " maxlength=\"40\"");
	input(b, "written", "成文日期", it->written, " type=\"date\"");
	input(b, "published", "发布日期（YYYY-MM-DD HH:MM，发布时为空则取当前时间）", it->published,
	      " maxlength=\"16\" placeholder=\"2018-02-13 12:30\"");
	gk_html_raw(
		b,
		"<label for=\"f-normative\">文件性质</label><select id=\"f-normative\" name=\"normative\">\n");
	option(b, "", "（一般文件）", gk_normative_code(it->normative));
	option(b, "rule", "规章", gk_normative_code(it->normative));
	option(b, "normative", "行政规范性文件", gk_normative_code(it->normative));
	gk_html_raw(b, "</select>\n");
	input(b, "effective", "生效日期", it->effective, " type=\"date\"");
	input(b, "keywords", "主题词", it->keywords, " maxlength=\"80\"");
	textarea(b, "summary", "内容概述", it->summary, 3);
	textarea(b, "body", "正文（每行一段；也可使用段落、标题、列表、表格等 HTML 标记）",
		 it->body ? it->body : "", 16);
	gk_html_raw(b, "<label for=\"f-files\">上传附件（可多选，每次最多 8 个；每个不超过 20 MB；"
		       "PDF、Word、Excel、OFD、图片、压缩包等）</label>"
		       "<input id=\"f-files\" name=\"files\" type=\"file\" multiple>\n");
	textarea(b, "attachments", "附件链接（每行一个：名称|链接，指向其他网站或本站路径）",
		 it->attachments ? it->attachments : "", 3);
	gk_html_raw(b, "<fieldset class=\"channels\"><legend>发布渠道</legend>\n");
	for (int i = 0; i < GK_OUTLET_COUNT; i++) {
		gk_html_raw(b, "<label><input type=\"checkbox\" name=\"ch_");
		gk_html_raw(b, gk_outlet_code((enum gk_outlet)i));
		gk_html_raw(b, "\" value=\"1\"");
		if (it->outlets & (1u << i))
			gk_html_raw(b, " checked");
		gk_html_raw(b, "> ");
		gk_html_raw(b, gk_outlet_label((enum gk_outlet)i));
		gk_html_raw(b, "</label>\n");
	}
	gk_html_raw(
		b,
		"</fieldset>\n<fieldset class=\"interpretation\"><legend>政策解读（体裁为“政策解读”时填写）</legend>\n"
		"<label for=\"f-interp_kind\">解读形式</label><select id=\"f-interp_kind\" name=\"interp_kind\">\n");
	option(b, "", "（无）", it->interp_kind);
	for (int i = 0; i < GK_INTERP_KIND_COUNT; i++)
		option(b, gk_interp_kind_code((enum gk_interp_kind)i),
		       gk_interp_kind_label((enum gk_interp_kind)i), it->interp_kind);
	gk_html_raw(b, "</select>\n");
	input(b, "interprets", "所解读政策的索引号", interprets, " maxlength=\"63\"");
	gk_html_raw(
		b,
		"</fieldset>\n<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" id=\"save\">");
	gk_html_raw(b, it->status == GK_ITEM_PUBLISHED ? "保存修改" : "保存草稿");
	gk_html_raw(b, "</button>");
	if (it->status != GK_ITEM_PUBLISHED)
		gk_html_raw(
			b,
			" <button type=\"submit\" name=\"action\" value=\"publish\" id=\"publish\">发布</button>");
	gk_html_raw(b, "</p>\n</form>\n");
	if (it->nfiles) {
		/* one small form per file: removing one is a revision of its own */
		gk_html_raw(
			b,
			"<h2>已上传的附件</h2>\n<ul class=\"attachments\" id=\"stored-files\">\n");
		for (size_t i = 0; i < it->nfiles; i++) {
			const struct gk_attachment *f = &it->files[i];
			char size[32];
			gk_attachment_size_text(f->size, size, sizeof size);
			gk_html_raw(b, "<li class=\"file\"><a href=\"/items/");
			gk_html_int(b, it->id);
			gk_html_raw(b, "/files/");
			gk_html_int(b, f->id);
			gk_html_raw(b, "\">");
			gk_html_text(b, f->name);
			gk_html_raw(b, "</a> <span class=\"file-meta\">（");
			gk_html_text(b, gk_attachment_type_label(f->media_type));
			gk_html_raw(b, "，");
			gk_html_text(b, size);
			gk_html_raw(
				b,
				"）</span> <form method=\"post\" class=\"inline\" action=\"/staff/items/");
			gk_html_int(b, it->id);
			gk_html_raw(b, "/files/");
			gk_html_int(b, f->id);
			gk_html_raw(b, "/remove\">");
			gk_page_csrf_field(r);
			gk_html_raw(b, "<input type=\"hidden\" name=\"revision\" value=\"");
			gk_html_int(b, it->revision);
			gk_html_raw(b, "\"><button type=\"submit\" id=\"remove-file-");
			gk_html_int(b, f->id);
			gk_html_raw(b, "\">删除</button></form></li>\n");
		}
		gk_html_raw(b, "</ul>\n");
	}
	if (it->id && it->status == GK_ITEM_PUBLISHED) {
		gk_html_raw(
			b,
			"<h2>废止或失效</h2>\n<form method=\"post\" class=\"stacked\" id=\"repeal-form\" action=\"/staff/items/");
		gk_html_int(b, it->id);
		gk_html_raw(b, "/repeal\">\n");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<input type=\"hidden\" name=\"revision\" value=\"");
		gk_html_int(b, it->revision);
		gk_html_raw(
			b,
			"\">\n<label for=\"r-validity\">时效</label><select id=\"r-validity\" name=\"validity\">"
			"<option value=\"repealed\">废止</option><option value=\"expired\">失效</option>"
			"<option value=\"valid\">有效（恢复）</option></select>\n"
			"<label for=\"r-ended\">废止/失效日期</label><input id=\"r-ended\" name=\"ended\" type=\"date\">\n"
			"<label for=\"r-by\">废止文号</label><input id=\"r-by\" name=\"repealed_by\" maxlength=\"40\">\n"
			"<button type=\"submit\" id=\"repeal\">更改时效</button>\n</form>\n"
			"<form method=\"post\" class=\"stacked\" id=\"withdraw-form\" action=\"/staff/items/");
		gk_html_int(b, it->id);
		gk_html_raw(b, "/withdraw\">\n");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<input type=\"hidden\" name=\"revision\" value=\"");
		gk_html_int(b, it->revision);
		gk_html_raw(
			b,
			"\">\n<button type=\"submit\" id=\"withdraw\">撤回（不再公开，索引号保留不再使用）</button>\n</form>\n");
	}
	gk_page_end(r);
}

static void copy(char *dst, size_t size, const char *v)
{
	snprintf(dst, size, "%s", v ? v : "");
}

/* The files chosen in the form, to be stored with the save (it->uploads,
 * in the request's arena). */
static enum gk_err uploads_from_form(struct gk_request *r, struct gk_item *it, struct gk_error *err)
{
	size_t n = 0;
	while (gk_req_file_at(r, "files", (int)n))
		n++;
	if (!n)
		return GK_OK;
	struct gk_upload *ups = gk_arena_alloc(&r->arena, n * sizeof *ups);
	if (!ups)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (!gk_web_upload(r, gk_req_file_at(r, "files", (int)i), &ups[i]))
			return gk_fail(err, GK_ENOMEM, "out of memory");
	it->uploads = ups;
	it->nuploads = n;
	return GK_OK;
}

/* Reads the form into IT (whose id, status and index_no the caller set).
 * Fills every field it can, so the form can be shown again on error. */
static enum gk_err from_form(struct gk_request *r, struct gk_item *it, char *interprets,
			     struct gk_error *err)
{
	enum gk_err rc = GK_OK, first = GK_OK;
	struct gk_agency a;
	const char *v;
	copy(it->agency_code, sizeof it->agency_code, gk_req_param(r, "agency"));
	copy(it->title, sizeof it->title, gk_req_param(r, "title"));
	copy(it->topic, sizeof it->topic, gk_req_param(r, "topic"));
	copy(it->genre, sizeof it->genre, gk_req_param(r, "genre"));
	copy(it->column, sizeof it->column, gk_req_param(r, "column"));
	copy(it->written, sizeof it->written, gk_req_param(r, "written"));
	copy(it->published, sizeof it->published, gk_req_param(r, "published"));
	copy(it->effective, sizeof it->effective, gk_req_param(r, "effective"));
	copy(it->keywords, sizeof it->keywords, gk_req_param(r, "keywords"));
	copy(it->summary, sizeof it->summary, gk_req_param(r, "summary"));
	copy(it->interp_kind, sizeof it->interp_kind, gk_req_param(r, "interp_kind"));
	copy(interprets, GK_INDEX_MAX, gk_req_param(r, "interprets"));
	it->revision = (int)gk_req_param_int(r, "revision", 0);
	it->outlets = 0;
	for (int i = 0; i < GK_OUTLET_COUNT; i++) {
		char name[32];
		snprintf(name, sizeof name, "ch_%s", gk_outlet_code((enum gk_outlet)i));
		if ((v = gk_req_param(r, name)) && *v)
			it->outlets |= 1u << i;
	}
	gk_normative_parse(gk_req_param(r, "normative") ? gk_req_param(r, "normative") : "",
			   &it->normative);
	if ((rc = gk_item_set_body(it, gk_req_param(r, "body"), err)) && !first)
		first = rc;
	if ((rc = gk_item_set_attachments(it, gk_req_param(r, "attachments"), err)) && !first) {
		first = rc;
		free(it->attachments);
		it->attachments = strdup(gk_req_param(r, "attachments"));
	}
	if ((rc = uploads_from_form(r, it, err)) && !first)
		first = rc;
	v = gk_req_param(r, "doc_no");
	struct gk_error why = {0};
	if (gk_docno_normalise(v, it->doc_no, sizeof it->doc_no, &why) && !first) {
		first = gk_fail(err, GK_EINVAL, "“文号”：%s", why.detail);
		copy(it->doc_no, sizeof it->doc_no, v);
	}
	if (first)
		return first;
	rc = gk_store_agency_by_code(r->store, it->agency_code, &a, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“发布机构”：没有这个机关");
	if (rc)
		return rc;
	/* the use case refuses an agency outside the editor's */
	it->agency_id = a.id;
	it->interprets_id = 0;
	if (interprets[0]) {
		rc = gk_store_item_id_by_index(r->store, interprets, &it->interprets_id, err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_EINVAL,
				       "“所解读政策的索引号”：没有索引号为“%.60s”的信息",
				       interprets);
		if (rc)
			return rc;
	}
	return GK_OK;
}

/* Loads the item of the path for an editor; responds itself on failure. */
static bool load(struct gk_request *r, struct gk_item *it)
{
	struct gk_error err = {0};
	char *end;
	long long id = strtoll(gk_req_path_arg(r, 0), &end, 10);
	enum gk_err rc = *end || id <= 0 ? GK_ENOTFOUND : gk_store_item_get(r->store, id, it, &err);
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_ENOTFOUND, "此地址没有公开信息");
		return false;
	}
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return false;
	}
	if (!may_act(r, it->agency_id)) {
		gk_item_release(it);
		gk_respond_error(r, GK_EFORBIDDEN, "这条信息属于您管辖范围以外的机关");
		return false;
	}
	if (it->interprets_id && !it->interprets_index[0]) {
		/* the policy is no longer published (the listings do not name
		   it): its editors still see the link they made */
		struct gk_item target;
		rc = gk_store_item_head(r->store, it->interprets_id, &target, &err);
		if (rc && rc != GK_ENOTFOUND) {
			gk_item_release(it);
			gk_respond_error(r, rc, gk_error_text(&err));
			return false;
		}
		if (!rc) {
			memcpy(it->interprets_title, target.title, sizeof it->interprets_title);
			memcpy(it->interprets_index, target.index_no, sizeof it->interprets_index);
		}
	}
	return true;
}

static void redirect_to(struct gk_request *r, const char *prefix, int64_t id, const char *suffix)
{
	char to[96];
	snprintf(to, sizeof to, "%s%lld%s", prefix, (long long)id, suffix);
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, to));
}

void gk_page_staff_item_new(struct gk_request *r)
{
	struct gk_item it = {0};
	struct gk_agency a;
	struct gk_error err = {0};
	enum gk_err rc = gk_store_agency_get(r->store, r->user.agency_id, &a, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	copy(it.agency_code, sizeof it.agency_code, a.code);
	copy(it.topic, sizeof it.topic, "2.1");
	copy(it.genre, sizeof it.genre, "notice");
	it.outlets = 1u << GK_OUTLET_WEBSITE;
	form(r, 200, &it, "", NULL, NULL);
}

void gk_page_staff_item_edit(struct gk_request *r)
{
	struct gk_item it;
	if (!load(r, &it))
		return;
	const char *saved = gk_req_param(r, "saved");
	int64_t same = gk_req_param_int(r, "same", 0);
	char said[256];
	snprintf(said, sizeof said,
		 "已保存。%lld 个上传的文件与本条信息已有的附件内容相同，未重复添加。",
		 (long long)same);
	form(r, 200, &it, it.interprets_index, same ? "info" : "ok",
	     same    ? said
	     : saved ? "已保存。"
		     : NULL);
	gk_item_release(&it);
}

/* POST /staff/items and /staff/items/{id}: save, or save and publish. */
static void save(struct gk_request *r, struct gk_item *it)
{
	struct gk_error err = {0};
	char interprets[GK_INDEX_MAX] = "";
	enum gk_err rc = from_form(r, it, interprets, &err);
	bool publish =
		strcmp(gk_req_param(r, "action") ? gk_req_param(r, "action") : "", "publish") == 0;
	if (!rc)
		rc = publish && it->status != GK_ITEM_PUBLISHED
			     ? gk_svc_item_publish(&r->svc, it, &err)
			     : gk_svc_item_save(&r->svc, it, NULL, &err);
	if (rc) {
		form(r, gk_err_http_status(rc), it, interprets, "error", gk_req_error(r, &err));
		return;
	}
	char same[48];
	snprintf(same, sizeof same, "/edit?saved=1&same=%zu", it->nduplicates);
	if (it->nduplicates) /* told on the form, even after publishing */
		redirect_to(r, "/staff/items/", it->id, same);
	else if (publish)
		redirect_to(r, "/items/", it->id, "");
	else
		redirect_to(r, "/staff/items/", it->id, "/edit?saved=1");
}

void gk_page_staff_item_create(struct gk_request *r)
{
	struct gk_item it = {0};
	save(r, &it);
	gk_item_release(&it);
}

void gk_page_staff_item_update(struct gk_request *r)
{
	struct gk_item it;
	if (!load(r, &it))
		return;
	save(r, &it);
	gk_item_release(&it);
}

/* POST /staff/items/{id}/repeal: 时效 becomes 废止 or 失效 (or 有效 again). */
void gk_page_staff_item_repeal(struct gk_request *r)
{
	struct gk_item it;
	struct gk_error err = {0};
	enum gk_err rc = GK_OK;
	if (!load(r, &it))
		return;
	it.revision = (int)gk_req_param_int(r, "revision", 0);
	gk_validity_parse(gk_req_param(r, "validity"), &it.validity);
	copy(it.ended, sizeof it.ended, it.validity == GK_VALID ? "" : gk_req_param(r, "ended"));
	if (it.validity != GK_VALID && !it.ended[0]) {
		struct gk_date today = gk_date_today();
		gk_date_format(today, it.ended);
	}
	const char *by = it.validity == GK_REPEALED ? gk_req_param(r, "repealed_by") : "";
	if (!(rc = gk_docno_normalise(by, it.repealed_by, sizeof it.repealed_by, &err)))
		rc = gk_svc_item_save(&r->svc, &it, "repeal", &err);
	if (rc)
		form(r, gk_err_http_status(rc), &it, it.interprets_index, "error",
		     gk_req_error(r, &err));
	else
		redirect_to(r, "/items/", it.id, "");
	gk_item_release(&it);
}

/* POST /staff/items/{id}/withdraw: no longer public; the 索引号 stays taken. */
void gk_page_staff_item_withdraw(struct gk_request *r)
{
	struct gk_item it;
	struct gk_error err = {0};
	if (!load(r, &it))
		return;
	it.revision = (int)gk_req_param_int(r, "revision", 0);
	it.status = GK_ITEM_WITHDRAWN;
	if (gk_svc_item_save(&r->svc, &it, "withdraw", &err))
		form(r, gk_err_http_status(err.code), &it, it.interprets_index, "error",
		     gk_req_error(r, &err));
	else
		redirect_to(r, "/staff/items/", it.id, "/edit?saved=1");
	gk_item_release(&it);
}

/* POST /staff/items/{id}/files/{file}/remove: the attachment goes, as a
 * revision of its own (optimistic like any save). */
void gk_page_staff_item_file_remove(struct gk_request *r)
{
	struct gk_item it;
	struct gk_error err = {0};
	char *end;
	long long file = strtoll(gk_req_path_arg(r, 1), &end, 10);
	if (!load(r, &it))
		return;
	it.revision = (int)gk_req_param_int(r, "revision", 0);
	enum gk_err rc = *end || file <= 0 ? gk_fail(&err, GK_ENOTFOUND, "没有这个附件")
					   : gk_svc_item_file_remove(&r->svc, &it, file, &err);
	if (rc == GK_ENOTFOUND)
		gk_respond_error(r, rc, gk_error_text(&err));
	else if (rc)
		form(r, gk_err_http_status(rc), &it, it.interprets_index, "error",
		     gk_req_error(r, &err));
	else
		redirect_to(r, "/staff/items/", it.id, "/edit?saved=1");
	gk_item_release(&it);
}

/* --- history ------------------------------------------------------------------------ */

struct history {
	struct gk_request *r;
	json_t *newer; /* the snapshot of the revision shown before (newer) */
	int newer_rev;
	char newer_head[512];
	struct gk_buf rows;
};

static void flush(struct history *h, json_t *older)
{
	if (!h->newer)
		return;
	gk_buf_puts(&h->rows, h->newer_head);
	gk_revision_diff(&h->rows, older, h->newer); /* web/revision_diff.c */
	gk_html_raw(&h->rows, "</td></tr>\n");
	json_decref(h->newer);
	h->newer = NULL;
}

static int revision_row(const struct gk_item_revision *rev, void *ctx)
{
	struct history *h = ctx;
	json_t *snap = json_loads(rev->snapshot ? rev->snapshot : "{}", 0, NULL);
	flush(h, snap);
	struct gk_buf head;
	char when[32];
	time_t t = (time_t)rev->at;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	gk_buf_init(&head, sizeof h->newer_head - 1);
	gk_html_raw(&head, "<tr><td>");
	gk_html_int(&head, rev->revision);
	gk_html_raw(&head, "</td><td>");
	gk_html_text(&head, when);
	gk_html_raw(&head, "</td><td>");
	gk_html_text(&head, rev->user[0] ? rev->user : "（命令行）");
	gk_html_raw(&head, "</td><td>");
	gk_html_text(&head, gk_revision_action_label(rev->action));
	gk_html_raw(&head, "</td><td>");
	snprintf(h->newer_head, sizeof h->newer_head, "%s",
		 head.failed ? "<tr><td colspan=\"4\"></td><td>" : head.data);
	gk_buf_release(&head);
	h->newer = snap;
	h->newer_rev = rev->revision;
	return 0;
}

void gk_page_staff_item_history(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_item it;
	if (!load(r, &it))
		return;
	struct history h = {r, NULL, 0, "", {0}};
	gk_buf_init(&h.rows, 8 << 20);
	struct gk_error err = {0};
	gk_req_failed(r, gk_store_item_revisions(r->store, it.id, revision_row, &h, &err), &err);
	flush(&h, NULL);
	gk_page_begin(r, 200, "修订记录");
	gk_html_raw(b, "<p><a href=\"/items/");
	gk_html_int(b, it.id);
	gk_html_raw(b, "\">");
	gk_html_text(b, it.title);
	gk_html_raw(
		b,
		"</a></p>\n<table class=\"list\" id=\"history\">\n<thead><tr><th>版本</th><th>时间</th>"
		"<th>操作人</th><th>操作</th><th>改动</th></tr></thead>\n<tbody>\n");
	gk_buf_add(b, h.rows.data, h.rows.len);
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_buf_release(&h.rows);
	gk_item_release(&it);
	gk_page_end(r);
}
