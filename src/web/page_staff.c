/* GET /staff — the staff home (工作台): for those who handle applications,
 * how many are overdue, due within 3 working days and waiting for my step,
 * each a link to the list it counts (the same query); then who you are,
 * what you may do, where to go. */
#include "lib/html.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"

/* One count: the total of queue VIEW, linked to that queue. */
static void count_link(struct gk_request *r, enum gk_app_view view, const char *cls,
		       const char *label)
{
	struct gk_buf *b = &r->out;
	struct gk_app_filter f;
	struct gk_error err = {0};
	int64_t total = 0;
	enum gk_err rc = gk_app_queue_filter(r, view, 0, &f, &err);
	if (!rc)
		rc = gk_store_application_list(r->store, &f, NULL, NULL, &total, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	gk_html_raw(b, "<li><a id=\"count-");
	gk_html_raw(b, gk_app_view_code(view));
	gk_html_raw(b, "\" href=\"/staff/requests?view=");
	gk_html_raw(b, gk_app_view_code(view));
	gk_html_raw(b, "\"");
	if (total && cls) {
		gk_html_raw(b, " class=\"");
		gk_html_raw(b, cls);
		gk_html_raw(b, "\"");
	}
	gk_html_raw(b, "><strong>");
	gk_html_int(b, total);
	gk_html_raw(b, "</strong>");
	gk_html_raw(b, label);
	gk_html_raw(b, "</a></li>\n");
}

/* The counts that tell a clerk what to do first. */
static void workload(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	const struct gk_user *u = &r->user;
	if (!(u->roles & (GK_ROLE_HANDLER | GK_ROLE_REVIEWER)))
		return;
	gk_html_raw(b, "<h2>依申请公开</h2>\n<ul class=\"counts\" id=\"workload\">\n");
	count_link(r, GK_VIEW_OVERDUE, "overdue", u->city_wide ? "件已超期（全市）" : "件已超期");
	count_link(r, GK_VIEW_DUE, "due-soon", "件3个工作日内到期");
	const char *mine = (u->roles & GK_ROLE_HANDLER) && (u->roles & GK_ROLE_REVIEWER)
				   ? "件待我办理（登记、拟写答复、送达；分办、审核）"
			   : (u->roles & GK_ROLE_HANDLER) ? "件待我办理（登记、拟写答复、送达）"
							  : "件待我办理（分办、审核）";
	count_link(r, GK_VIEW_ACTION, NULL, mine);
	gk_html_raw(b, "</ul>\n");
}

void gk_page_staff_home(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	const struct gk_user *u = &r->user;
	gk_page_begin(r, 200, "工作台");
	workload(r);
	if (r->failure.code)
		return;
	gk_html_raw(b, "<h2>我的账号</h2>\n<dl class=\"meta\" id=\"whoami\">\n<dt>姓名</dt><dd>");
	gk_html_text(b, u->display_name);
	gk_html_raw(b, "</dd>\n<dt>账号</dt><dd>");
	gk_html_text(b, u->login);
	gk_html_raw(b, "</dd>\n<dt>所属机构</dt><dd>");
	gk_html_text(b, u->agency_name);
	gk_html_raw(b, "</dd>\n<dt>角色</dt><dd>");
	static const enum gk_role all[] = {GK_ROLE_ADMIN, GK_ROLE_EDITOR, GK_ROLE_HANDLER,
					   GK_ROLE_REVIEWER};
	int first = 1;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (!(u->roles & all[i]))
			continue;
		if (!first)
			gk_html_raw(b, "、");
		gk_html_raw(b, gk_role_label(all[i]));
		first = 0;
	}
	gk_html_raw(b, "</dd>\n<dt>数据范围</dt><dd>");
	gk_html_raw(b, u->city_wide ? "全市所有机构" : "本机构及其下属机构");
	gk_html_raw(b, "</dd>\n</dl>\n<h2>常用功能</h2>\n<ul>\n");
	if (!(u->roles & (GK_ROLE_HANDLER | GK_ROLE_REVIEWER)))
		gk_html_raw(
			b,
			"<li class=\"note\">依申请公开由具有“申请办理”或“审核”角色的工作人员办理。</li>\n");
	if (u->roles & GK_ROLE_ADMIN)
		gk_html_raw(b, "<li><a href=\"/staff/users\">账号管理</a></li>\n");
	if ((u->roles & GK_ROLE_ADMIN) && u->city_wide) /* issue 13 */
		gk_html_raw(b,
			    "<li><a href=\"/staff/audit\" id=\"audit-link\">审计日志</a></li>\n");
	if (u->roles & GK_ROLE_EDITOR)
		gk_html_raw(
			b,
			"<li><a href=\"/staff/items\" id=\"staff-items-link\">信息发布（主动公开目录）</a></li>\n");
	if (u->roles & (GK_ROLE_HANDLER | GK_ROLE_REVIEWER)) {
		gk_html_raw(
			b,
			"<li><a href=\"/staff/requests\" id=\"requests-link\">依申请公开办理</a></li>\n");
		if (u->city_wide)
			gk_html_raw(
				b,
				"<li><a href=\"/staff/requests?view=overdue\">全市超期申请</a></li>\n");
	}
	if ((u->roles & GK_ROLE_ADMIN) && u->city_wide)
		gk_html_raw(
			b,
			"<li><a href=\"/staff/holidays\" id=\"holidays-link\">节假日安排</a></li>\n");
	if (u->roles & (GK_ROLE_EDITOR | GK_ROLE_ADMIN))
		gk_html_raw(b, "<li><a href=\"/staff/reports\" id=\"reports-link\">"
			       "政府信息公开工作年度报告（撰写）</a></li>\n");
	gk_html_raw(b, "<li><a href=\"/staff/supervision\" id=\"supervision-link\">"
		       "年度报告公布情况及考核评分</a></li>\n");
	gk_html_raw(
		b, "<li><a href=\"/staff/check\" id=\"check-link\">年度报告检查</a></li>\n"
		   "<li><a href=\"/agencies\">公开机构及联系方式</a></li>\n"
		   "<li><a href=\"/staff/password\" id=\"password-link\">修改密码</a></li>\n"
		   "<li><a href=\"/staff/notices\" id=\"notices-link\">通知设置</a></li>\n</ul>\n");
	gk_page_end(r);
}
