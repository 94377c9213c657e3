/* GET /agencies/{code}/guide and /guide?agency=CODE (the column: the
 * city's, the root agency's, without one) — the agency's 政府信息公开指南: what it
 * discloses and where, how to apply, time limits, fees, remedies, and its
 * disclosure office's contact. The wording is ours, following the
 * Regulation's articles. */
#include <stdio.h>

#include "lib/html.h"
#include "output/application_form.h"
#include "service/catalogue.h"
#include "web/catalogue.h"
#include "web/layout.h"
#include "web/pages.h"

/* The agency's application forms to download (issue 15, page_forms.c). */
static void forms(struct gk_buf *b, const char *code)
{
	gk_html_raw(b, "<p id=\"guide-forms\">书面申请可以使用本机关的《政府信息公开申请表》：");
	for (int k = 0; k < GK_APPFORM_COUNT; k++)
		for (int f = 0; f < GK_APPFORM_FORMAT_COUNT; f++) {
			gk_html_raw(b, k || f ? "、<a href=\"/forms/application-"
					      : "<a href=\"/forms/application-");
			gk_html_raw(b, gk_appform_kind_codes[k]);
			gk_html_raw(b, ".");
			gk_html_raw(b, gk_appform_format_codes[f]);
			gk_html_raw(b, "?agency=");
			gk_html_url_arg(b, code);
			gk_html_raw(b, "\" rel=\"nofollow\" download>");
			gk_html_raw(b, gk_appform_kind_label((enum gk_appform_kind)k));
			gk_html_raw(b, "申请表（");
			gk_html_raw(b, gk_appform_format_label((enum gk_appform_format)f));
			gk_html_raw(b, "）</a>");
		}
	gk_html_raw(b, "；也可以<a href=\"/apply\">在线申请</a>。其他机关的表格见<a "
		       "href=\"/forms\">表格下载</a>。</p>\n");
}

static void guide(struct gk_request *r, const struct gk_agency *ap)
{
	struct gk_buf *b = &r->out;
	struct gk_agency a = *ap;
	struct gk_error err = {0};
	int64_t total = 0;
	/* kept per agency by the store (migration 12): no count of the items */
	if (gk_req_failed(r, gk_store_agency_published(r->store, a.id, &total, &err), &err))
		return;
	char title[256];
	snprintf(title, sizeof title, "%s政府信息公开指南", a.name);
	char feed[128];
	struct gk_buf fb = {0};
	gk_buf_init(&fb, sizeof feed);
	gk_buf_puts(&fb, "/feeds/agency/");
	gk_html_url_arg(&fb, a.code);
	snprintf(feed, sizeof feed, "%s", fb.failed ? "/feeds/items" : fb.data);
	gk_buf_release(&fb);
	struct gk_crumb trail[] = {{"/guide", "信息公开指南"}};
	struct gk_page_public pub = {trail, 1, feed, title};
	gk_page_begin_public(r, 200, title, &pub);
	if (!gk_page_agency_switcher(r, "/guide", a.code))
		return;
	gk_html_raw(
		b,
		"<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
		"申请人和其他公民、法人、非法人组织可以通过本指南了解");
	gk_html_text(b, a.name);
	gk_html_raw(
		b,
		"政府信息公开的范围、方式、程序和救济途径。</p>\n"
		"<h2>一、主动公开</h2>\n<h3>（一）公开范围</h3>\n"
		"<p>本机关依照条例第十九条、第二十条的规定主动公开政府信息，包括机构职能、规章和行政规范性文件、"
		"发展规划、统计信息、行政许可和行政处罚等信息。具体内容见本机关的<a href=\"/items?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(b, "\" id=\"guide-catalogue\">政府信息公开目录</a>（目前共 ");
	gk_html_int(b, total);
	gk_html_raw(b, " 条），按条例第二十条分项见<a href=\"/statutory?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(b, "\">法定主动公开内容</a>，本机关的工作制度见<a href=\"/rules?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(
		b,
		"\">信息公开制度</a>。</p>\n<h3>（二）公开方式</h3>\n"
		"<p>主动公开的政府信息通过本平台、政府公报、新闻发布会以及报刊、广播、电视等途径公开；"
		"也可以订阅本机关的<a href=\"/feeds/agency/");
	gk_html_url_arg(b, a.code);
	gk_html_raw(
		b,
		"\">信息更新</a>。</p>\n<h3>（三）公开时限</h3>\n"
		"<p>属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。"
		"法律、法规对公开期限另有规定的，从其规定。</p>\n"
		"<h2>二、依申请公开</h2>\n<h3>（一）受理机构</h3>\n<dl class=\"meta\" id=\"guide-contact\">\n");
	gk_page_meta_row(b, "受理机构", a.name);
	gk_page_contact_rows(b, &a);
	gk_html_raw(
		b,
		"</dl>\n<h3>（二）申请方式</h3>\n"
		"<p>申请人可以通过当面、信函、传真或者互联网提出申请，申请内容应当包括：申请人的姓名或者名称、"
		"身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；"
		"申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>\n");
	forms(b, a.code);
	gk_html_raw(
		b,
		"<h3>（三）处理时限</h3>\n"
		"<p>能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；"
		"需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。"
		"征求第三方和其他机关意见所需时间不计算在前述期限内。</p>\n"
		"<h3>（四）收费</h3>\n"
		"<p>行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
		"可以依照《政府信息公开信息处理费管理办法》收取信息处理费。</p>\n"
		"<h2>三、监督和救济</h2>\n"
		"<p>公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
		"可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>\n");
	gk_page_end(r);
}

void gk_page_guide(struct gk_request *r)
{
	struct gk_agency a;
	struct gk_error err = {0};
	if (gk_store_agency_by_code(r->store, gk_req_path_arg(r, 0), &a, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	guide(r, &a);
}

void gk_page_guide_column(struct gk_request *r)
{
	struct gk_agency a;
	struct gk_error err = {0};
	const char *code = gk_req_param(r, "agency");
	enum gk_err rc = code && *code ? gk_store_agency_by_code(r->store, code, &a, &err)
				       : gk_store_agency_root(r->store, &a, &err);
	if (rc) {
		if (!gk_req_failed(r, rc, &err))
			gk_respond_error(r, rc, "没有这个机关");
		return;
	}
	guide(r, &a);
}
