/* GET /statutory and /rules — two columns of the 政府信息公开专栏 that the
 * catalogue alone does not give (issue 12; docs/portal.md):
 *
 * - 法定主动公开内容: the fifteen items of 条例 art. 20, each leading to the
 *   part of the catalogue that holds it (a topic, a genre, a 专题专栏, or a
 *   search where our classification has no place for it), with counts;
 * - 信息公开制度: the items of the 专题专栏 "disclosure_rules" — the rules an
 *   agency keeps for its disclosure work (保密审查、依申请公开办理 …).
 *
 * Both for the whole city or, with ?agency=CODE, one agency and those
 * below it, as the catalogue counts. */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "service/catalogue.h"
#include "web/catalogue.h"
#include "web/layout.h"
#include "web/pages.h"

#define RULES_COLUMN "disclosure_rules"
#define RULES_SHOWN  50

/* The agency ?agency= names into *A (A->id 0 for the whole city). False
 * when the response is already the error page. */
static bool chosen_agency(struct gk_request *r, struct gk_agency *a)
{
	struct gk_error err = {0};
	const char *code = gk_req_param(r, "agency");
	memset(a, 0, sizeof *a);
	if (!code || !*code)
		return true;
	enum gk_err rc = gk_store_agency_by_code(r->store, code, a, &err);
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个机关");
		return false;
	}
	return !gk_req_failed(r, rc, &err);
}

/* "?agency=CODE" or "&amp;agency=CODE" for A, nothing for the whole city. */
static void agency_arg(struct gk_buf *b, const struct gk_agency *a, const char *sep)
{
	if (!a->id)
		return;
	gk_html_raw(b, sep);
	gk_html_raw(b, "agency=");
	gk_html_url_arg(b, a->code);
}

/* A path with A's argument, in the arena (for the page's feed). */
static const char *with_agency(struct gk_request *r, const char *path, const struct gk_agency *a)
{
	struct gk_buf b;
	gk_buf_init(&b, 1024);
	gk_buf_puts(&b, path);
	if (a->id) {
		gk_buf_puts(&b, strchr(path, '?') ? "&" : "?");
		gk_buf_puts(&b, "agency=");
		gk_html_url_arg(&b, a->code);
	}
	const char *s = gk_arena_strdup(&r->arena, b.failed ? path : b.data);
	gk_buf_release(&b);
	return s;
}

/* --- 法定主动公开内容 -------------------------------------------------------- */

/* Where the catalogue keeps an item of art. 20: KIND is "topic", "genre",
 * "column" or "q" (a search), or "page" (VALUE is a path of its own). */
struct place {
	const char *kind, *value;
};

#define PLACES 6
static const struct {
	const char *label; /* the item, in the words of the 条例 (shortened) */
	struct place places[PLACES];
} statutory[] = {
	{"行政法规、规章和规范性文件",
	 {{"genre", "order"},
	  {"genre", "decision"},
	  {"genre", "measures"},
	  {"genre", "provisions"},
	  {"genre", "rules"},
	  {"genre", "opinion"}}},
	{"机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
	 {{"page", "/agencies"}, {"page", "/guide"}}},
	{"国民经济和社会发展规划、专项规划、区域规划及相关政策",
	 {{"genre", "plan"}, {"topic", "3.1"}, {"topic", "10.1"}}},
	{"国民经济和社会发展统计信息", {{"genre", "statistics"}, {"topic", "3.3"}}},
	{"办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", {{"q", "行政许可"}}},
	{"实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
	 {{"q", "行政处罚"}, {"q", "行政强制"}}},
	{"财政预算、决算信息", {{"column", "finance"}, {"topic", "4.1"}}},
	{"行政事业性收费项目及其依据、标准", {{"topic", "3.4"}, {"q", "行政事业性收费"}}},
	{"政府集中采购项目的目录、标准及实施情况", {{"q", "政府采购"}}},
	{"重大建设项目的批准和实施情况", {{"topic", "3.6"}}},
	{"扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
	 {{"topic", "17.6"},
	  {"topic", "11.2"},
	  {"topic", "13.1"},
	  {"topic", "15.2"},
	  {"topic", "15.1"}}},
	{"突发公共事件的应急预案、预警信息及应对情况", {{"topic", "2.3"}}},
	{"环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
	 {{"topic", "10.3"},
	  {"topic", "13.1"},
	  {"topic", "9.5"},
	  {"topic", "9.4"},
	  {"topic", "9.2"}}},
	{"公务员招考的职位、名额、报考条件等事项以及录用结果", {{"topic", "15.3"}}},
	{"法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", {{"page", "/items"}}},
};

static const char *const cn_ordinals[] = {"一", "二", "三",   "四",   "五",   "六",   "七",  "八",
					  "九", "十", "十一", "十二", "十三", "十四", "十五"};

/* One link of an item of art. 20, with the number of items the catalogue
 * holds there (L: the facet counts for the chosen agency) except for a
 * search, which is counted when it runs. */
static void place_link(struct gk_buf *b, const struct place *p, const struct gk_agency *a,
		       const struct gk_item_listing *l)
{
	char key[64];
	const char *label = NULL;
	if (strcmp(p->kind, "page") == 0) {
		gk_html_raw(b, "<li><a href=\"");
		if (strcmp(p->value, "/guide") == 0) {
			gk_html_raw(b, "/guide");
			agency_arg(b, a, "?");
			gk_html_raw(b, "\">政府信息公开指南</a></li>\n");
		} else if (strcmp(p->value, "/agencies") == 0) {
			if (a->id) {
				gk_html_raw(b, "/agencies/");
				gk_html_url_arg(b, a->code);
			} else {
				gk_html_raw(b, "/agencies");
			}
			gk_html_raw(b, "\">机构职能及联系方式</a></li>\n");
		} else {
			gk_html_raw(b, "/items");
			agency_arg(b, a, "?");
			gk_html_raw(b, "\">全部主动公开目录</a> <span class=\"facet-count\">");
			gk_html_int(b, l->total);
			gk_html_raw(b, "</span></li>\n");
		}
		return;
	}
	if (strcmp(p->kind, "topic") == 0) {
		label = gk_topic_label(p->value);
		snprintf(key, sizeof key, "t:%s", p->value);
	} else if (strcmp(p->kind, "genre") == 0) {
		label = gk_genre_label(p->value);
		snprintf(key, sizeof key, "g:%s", p->value);
	} else if (strcmp(p->kind, "column") == 0) {
		label = gk_column_label(p->value);
		snprintf(key, sizeof key, "c:%s", p->value);
	} else {
		label = p->value;
		key[0] = 0;
	}
	if (!label || !*label) /* a code the deployment's lists no longer have */
		return;
	gk_html_raw(b, "<li><a href=\"/items?");
	gk_html_raw(b, p->kind);
	gk_buf_putc(b, '=');
	gk_html_url_arg(b, p->value);
	agency_arg(b, a, "&amp;");
	gk_html_raw(b, "\">");
	if (!key[0])
		gk_html_raw(b, "检索“");
	gk_html_text(b, label);
	if (!key[0])
		gk_html_raw(b, "”");
	gk_html_raw(b, "</a>");
	if (key[0]) {
		gk_html_raw(b, " <span class=\"facet-count\">");
		gk_html_int(b, gk_item_listing_count(l, key));
		gk_html_raw(b, "</span>");
	}
	gk_html_raw(b, "</li>\n");
}

static int no_row(const struct gk_item *it, void *ctx)
{
	(void)it;
	(void)ctx;
	return 0;
}

void gk_page_statutory(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_agency a;
	struct gk_error err = {0};
	struct gk_item_listing l = {0};
	if (!chosen_agency(r, &a))
		return;
	/* one listing of no rows gives every count the page shows */
	struct gk_item_filter f = {
		.agency_id = a.id, .agency_subtree = a.id != 0, .validity = -1, .limit = 1};
	if (gk_req_failed(r, gk_svc_item_list(&r->svc, &f, GK_LIST_FACETS, no_row, NULL, &l, &err),
			  &err)) {
		gk_item_listing_release(&l);
		return;
	}
	char title[256];
	snprintf(title, sizeof title, "%s法定主动公开内容", a.name);
	struct gk_page_public pub = {.feed = with_agency(r, "/feeds/items", &a),
				     .feed_title = title};
	gk_page_begin_public(r, 200, title, &pub);
	gk_html_raw(
		b,
		"<p>《中华人民共和国政府信息公开条例》第二十条规定行政机关应当主动公开的十五项政府信息，"
		"按项列出其在主动公开目录中的位置（主题、体裁、专题专栏）和条数；"
		"目录分类未单列的事项，以关键词检索。</p>\n");
	if (!gk_page_agency_switcher(r, "/statutory", a.id ? a.code : NULL)) {
		gk_item_listing_release(&l);
		return;
	}
	gk_html_raw(b, "<ol class=\"statutory\" id=\"statutory\">\n");
	for (size_t i = 0; i < sizeof statutory / sizeof statutory[0]; i++) {
		gk_html_raw(b, "<li id=\"art20-");
		gk_html_int(b, (int64_t)i + 1);
		gk_html_raw(b, "\"><h2>（");
		gk_html_raw(b, cn_ordinals[i]);
		gk_html_raw(b, "）");
		gk_html_raw(b, statutory[i].label);
		gk_html_raw(b, "</h2>\n<ul class=\"places\">\n");
		for (int k = 0; k < PLACES && statutory[i].places[k].kind; k++)
			place_link(b, &statutory[i].places[k], &a, &l);
		gk_html_raw(b, "</ul></li>\n");
	}
	gk_html_raw(b, "</ol>\n");
	gk_item_listing_release(&l);
	gk_page_end(r);
}

/* --- 信息公开制度 ------------------------------------------------------------ */

struct rules_list {
	struct gk_buf rows;
	int n;
};

static int rules_row(const struct gk_item *it, void *ctx)
{
	struct rules_list *l = ctx;
	gk_catalogue_row_html(&l->rows, it, NULL);
	l->n++;
	return l->rows.failed != 0;
}

void gk_page_rules(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_agency a;
	struct gk_error err = {0};
	struct gk_item_listing l = {0};
	struct rules_list rl = {.n = 0};
	if (!chosen_agency(r, &a))
		return;
	struct gk_item_filter f = {.agency_id = a.id,
				   .agency_subtree = a.id != 0,
				   .column = RULES_COLUMN,
				   .validity = -1,
				   .limit = RULES_SHOWN};
	gk_buf_init(&rl.rows, (size_t)4 << 20);
	enum gk_err rc = gk_svc_item_list(&r->svc, &f, 0, rules_row, &rl, &l, &err);
	int64_t total = l.total;
	gk_item_listing_release(&l);
	if (gk_req_failed(r, rc, &err)) {
		gk_buf_release(&rl.rows);
		return;
	}
	char title[256];
	snprintf(title, sizeof title, "%s政府信息公开制度", a.name);
	struct gk_page_public pub = {
		.feed = with_agency(r, "/feeds/items?column=" RULES_COLUMN, &a),
		.feed_title = title};
	gk_page_begin_public(r, 200, title, &pub);
	gk_html_raw(
		b,
		"<p>本栏目公开各机关为做好政府信息公开工作制定的制度，如主动公开、依申请公开办理、"
		"保密审查、发布协调、考核评议和责任追究等制度（目录专题专栏“信息公开制度”中的信息）。</p>\n");
	if (!gk_page_agency_switcher(r, "/rules", a.id ? a.code : NULL)) {
		gk_buf_release(&rl.rows);
		return;
	}
	if (rl.n) {
		gk_catalogue_table_begin(r, "rules");
		gk_buf_add(b, rl.rows.data, rl.rows.len);
		gk_catalogue_table_end(r);
		if (total > rl.n) {
			gk_html_raw(b, "<p><a href=\"/items?column=" RULES_COLUMN);
			agency_arg(b, &a, "&amp;");
			gk_html_raw(b, "\">查看全部 ");
			gk_html_int(b, total);
			gk_html_raw(b, " 条</a></p>\n");
		}
	} else {
		gk_html_raw(b, "<p class=\"empty\">本栏目暂无信息。</p>\n");
	}
	gk_buf_release(&rl.rows);
	gk_page_end(r);
}
