/* GET / — the public home page of the disclosure platform. The disclosure
 * office's contact is in the footer every page shares. */
#include "lib/html.h"
#include "store/store.h"
#include "web/catalogue.h"
#include "web/layout.h"
#include "web/pages.h"

void gk_page_home(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_page_public pub = {NULL, 0, "/feeds/items", "最新公开的政府信息"};
	gk_page_begin_public(r, 200, "政府信息公开", &pub);
	gk_html_raw(
		b, "<p>本平台依照《中华人民共和国政府信息公开条例》，公开本级人民政府及其工作部门、"
		   "所属区县的政府信息，受理政府信息公开申请。</p>\n");
	gk_catalogue_search_form(r);
	/* the columns of the 政府信息公开专栏 (docs/portal.md) */
	gk_html_raw(
		b,
		"<nav class=\"portal-columns\" id=\"portal-columns\" aria-label=\"政府信息公开专栏\">\n<ul>\n"
		"<li><a href=\"/guide\">信息公开指南</a><span>公开的范围、方式、程序，申请的受理机构和救济途径</span></li>\n"
		"<li><a href=\"/rules\">信息公开制度</a><span>主动公开、依申请公开、保密审查等工作制度</span></li>\n"
		"<li><a href=\"/statutory\">法定主动公开内容</a><span>按条例第二十条的十五项浏览</span></li>\n"
		"<li><a href=\"/items\">主动公开目录</a><span>按机构、主题、体裁、年份浏览和检索</span></li>\n"
		"<li><a href=\"/reports\">政府信息公开年报</a><span>各机关每年发布的工作年度报告</span></li>\n"
		"<li class=\"apply\"><a href=\"/apply\">依申请公开</a><span><a href=\"/apply\" class=\"sub\">在线申请</a> · "
		"<a href=\"/track\" class=\"sub\">申请查询</a> · "
		"<a href=\"/forms\" class=\"sub\">表格下载</a></span></li>\n"
		"<li><a href=\"/consult\">网上咨询</a><span>向各机关咨询政府信息公开工作，查看已公开的咨询答复</span></li>\n"
		"<li><a href=\"/agencies\">公开机构</a><span>各机关政府信息公开工作机构的联系方式</span></li>\n"
		"</ul>\n</nav>\n");
	if (gk_catalogue_home(r))
		gk_page_end(r);
}
