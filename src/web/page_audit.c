/* GET /staff/audit — the audit log, newest first, for the city office's
 * administrators: who changed what, when and from which address. It is
 * read-only: no route changes it, and the database refuses to. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/html.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

#define AUDIT_PAGE 200

/* What an action code means to a reader; the code itself if unknown. */
static const char *action_label(const char *action)
{
	static const struct {
		const char *code, *label;
	} labels[] = {
		{"create", "新增"},
		{"update", "修改"},
		{"edit", "修改"},
		{"save", "保存"},
		{"delete", "删除"},
		{"import", "导入"},
		{"upload", "上传"},
		{"login", "登录"},
		{"logout", "退出登录"},
		{"passwd", "设置密码"},
		{"passwd_own", "修改本人密码"},
		{"disable", "停用账号"},
		{"enable", "启用账号"},
		{"force_reset", "要求重设密码"},
		{"POST", "提交"},
		{"PUT", "提交"},
		{"PATCH", "提交"},
		{"DELETE", "删除"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(labels[i].code, action) == 0)
			return labels[i].label;
	return action;
}

struct listing {
	struct gk_buf *b;
	int rows;
	int64_t last_id;
};

static int audit_row(const struct gk_audit_entry *e, void *ctx)
{
	struct listing *l = ctx;
	char when[32] = "";
	char object[64];
	time_t t = (time_t)e->at;
	struct tm tm;
	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	if (e->object_id)
		snprintf(object, sizeof object, "%s #%lld", e->object_type,
			 (long long)e->object_id);
	else
		snprintf(object, sizeof object, "%s", e->object_type);
	gk_html_raw(l->b, "<tr><td>");
	gk_html_text(l->b, when);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, e->login[0] ? e->login : "（命令行）");
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, e->address);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, action_label(e->action));
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, object);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, e->agency);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, e->detail);
	gk_html_raw(l->b, "</td></tr>\n");
	l->rows++;
	l->last_id = e->id;
	return 0;
}

void gk_page_audit(struct gk_request *r)
{
	if (!r->user.city_wide) {
		gk_respond_error(r, GK_EFORBIDDEN, "审计日志只有市政府办公室的管理员可以查看");
		return;
	}
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct listing l = {b, 0, 0};
	gk_buf_reset(b);
	gk_page_begin(r, 200, "审计日志");
	gk_html_raw(b, "<p class=\"note\">工作人员的每一项更改都记录在此（谁、何时、做了什么、"
		       "从哪个地址），记录只能查看，不能修改或删除。</p>\n"
		       "<table class=\"list\" id=\"audit\">\n<thead><tr><th>时间</th><th>账号</th>"
		       "<th>地址</th><th>操作</th><th>对象</th><th>机构</th><th>说明</th></tr>"
		       "</thead>\n<tbody>\n");
	if (gk_req_failed(r,
			  gk_store_audit_each(r->store, gk_req_param_int(r, "before", 0),
					      AUDIT_PAGE, audit_row, &l, &err),
			  &err))
		return;
	gk_html_raw(b, "</tbody>\n</table>\n");
	if (l.rows == AUDIT_PAGE) {
		char more[64];
		snprintf(more, sizeof more, "/staff/audit?before=%lld", (long long)l.last_id);
		gk_html_raw(b, "<p><a id=\"audit-more\" href=\"");
		gk_html_attr(b, more);
		gk_html_raw(b, "\">更早的记录</a></p>\n");
	}
	gk_page_end(r);
}
