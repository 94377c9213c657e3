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
	gk_page_begin(r, 200, "政府信息公开");
	gk_html_raw(
		b, "<p>本平台依照《中华人民共和国政府信息公开条例》，公开本级人民政府及其工作部门、"
		   "所属区县的政府信息，受理政府信息公开申请。</p>\n");
	gk_catalogue_search_form(r);
	gk_html_raw(
		b,
		"<ul class=\"home-links\">\n"
		"<li><a href=\"/agencies\">公开机构及联系方式</a>：各机关政府信息公开工作机构的地址、电话、传真、电子邮箱和办公时间。</li>\n"
		"<li><a href=\"/items\">政府信息公开目录</a>：按机构、主题、体裁、年份浏览和检索主动公开的政府信息。</li>\n"
		"</ul>\n");
	if (gk_catalogue_home(r))
		gk_page_end(r);
}
