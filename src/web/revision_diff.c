/* The revision history's diff of item snapshots (core/item.c writes them:
 * the API's JSON without id and revision). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "lib/html.h"
#include "lib/utf8.h"
#include "web/revision_diff.h"

/* Longest value shown, in bytes (cut on a character boundary). */
#define SHOWN_MAX 240

static const struct {
	const char *key, *label;
} fields[] = {
	{"title", "标题"},
	{"index_no", "索引号"},
	{"doc_no", "文号"},
	{"agency", "发布机构"},
	{"status", "状态"},
	{"genre", "体裁"},
	{"topic", "主题分类"},
	{"column", "栏目"},
	{"written", "成文日期"},
	{"published", "发布日期"},
	{"effective", "施行日期"},
	{"ended", "失效日期"},
	{"validity", "时效"},
	{"repealed_by", "废止依据"},
	{"normative", "规范性文件"},
	{"keywords", "主题词"},
	{"summary", "内容概述"},
	{"interp_kind", "解读形式"},
	{"interprets", "所解读的文件"},
	{"channels", "发布渠道"},
	{"disclosure", "公开方式"},
	{"body", "正文"},
	{"attachments", "附件"},
	/* shown through "validity" */
	{"validity_label", NULL},
};

static const struct {
	const char *code, *label;
} actions[] = {
	{"create", "新建"},   {"edit", "修改"},
	{"publish", "发布"},  {"repeal", "废止"},
	{"withdraw", "撤回"}, {"remove_attachment", "删除附件"},
	{"import", "导入"},   {"republish_report", "重新发布年度报告"},
};

const char *gk_revision_action_label(const char *code)
{
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(actions[i].code, code) == 0)
			return actions[i].label;
	return "其他操作";
}

/* A string value in words: codes of enumerations as their labels. */
static const char *word(const char *key, const char *v)
{
	if (!*v)
		return v;
	if (strcmp(key, "status") == 0) {
		enum gk_item_status s;
		return gk_item_status_parse(v, &s) ? gk_item_status_label(s) : v;
	}
	if (strcmp(key, "validity") == 0) {
		enum gk_validity s;
		return gk_validity_parse(v, &s) ? gk_validity_label(s) : v;
	}
	if (strcmp(key, "normative") == 0) {
		enum gk_normative s;
		return gk_normative_parse(v, &s) ? gk_normative_label(s) : v;
	}
	if (strcmp(key, "interp_kind") == 0) {
		enum gk_interp_kind s;
		return gk_interp_kind_parse(v, &s) ? gk_interp_kind_label(s) : v;
	}
	if (strcmp(key, "channels") == 0) {
		enum gk_outlet s;
		return gk_outlet_parse(v, &s) ? gk_outlet_label(s) : v;
	}
	return v;
}

/* Text of V (cut to SHOWN_MAX bytes on a character boundary) into B. */
static void put_cut(struct gk_buf *b, const char *v)
{
	size_t len = strlen(v);
	size_t cut = gk_utf8_prefix(v, SHOWN_MAX);
	gk_html_textn(b, v, cut);
	if (cut < len)
		gk_html_raw(b, "…");
}

/* One value in words into B. */
static void value(struct gk_buf *b, const char *key, json_t *v)
{
	if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)) ||
	    (json_is_array(v) && !json_array_size(v))) {
		gk_html_raw(b, "（空）");
		return;
	}
	if (json_is_string(v)) {
		put_cut(b, word(key, json_string_value(v)));
	} else if (json_is_true(v) || json_is_false(v)) {
		gk_html_raw(b, json_is_true(v) ? "是" : "否");
	} else if (json_is_integer(v)) {
		gk_html_int(b, (long long)json_integer_value(v));
	} else if (json_is_object(v)) {
		/* {code, label}, {code, name} or the interpreted item's {title} */
		static const char *const names[] = {"label", "name", "title", "code"};
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			json_t *s = json_object_get(v, names[i]);
			if (json_is_string(s) && *json_string_value(s)) {
				put_cut(b, json_string_value(s));
				return;
			}
		}
		gk_html_raw(b, "（空）");
	} else if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			if (i)
				gk_html_raw(b, "、");
			if (json_is_string(e))
				put_cut(b, word(key, json_string_value(e)));
			else if (json_is_object(e) && json_is_string(json_object_get(e, "name")))
				put_cut(b, json_string_value(json_object_get(e, "name")));
			else
				gk_html_raw(b, "（一项）");
		}
	} else {
		gk_html_raw(b, "（无法显示）");
	}
}

/* The body: long, so its length and where it starts, not both texts. */
static void body_change(struct gk_buf *b, json_t *was, json_t *now)
{
	const char *o = json_is_string(was) ? json_string_value(was) : "";
	const char *n = json_is_string(now) ? json_string_value(now) : "";
	gk_html_raw(b, "已修改（原 ");
	gk_html_int(b, (long long)gk_utf8_count(o, strlen(o)));
	gk_html_raw(b, " 字，现 ");
	gk_html_int(b, (long long)gk_utf8_count(n, strlen(n)));
	gk_html_raw(b, " 字）<br><span class=\"new\">");
	put_cut(b, n);
	gk_html_raw(b, "</span>");
}

void gk_revision_diff(struct gk_buf *b, json_t *older, json_t *newer)
{
	if (!older) {
		gk_html_raw(b, "<ul class=\"changes\"><li>首次保存：");
		value(b, "title", json_object_get(newer, "title"));
		gk_html_raw(b, "</li></ul>");
		return;
	}
	int n = 0;
	gk_html_raw(b, "<ul class=\"changes\">");
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *key = fields[i].key;
		json_t *was = json_object_get(older, key), *now = json_object_get(newer, key);
		if (!fields[i].label || (!was && !now) || (was && now && json_equal(was, now)))
			continue;
		gk_html_raw(b, "<li><span class=\"field\">");
		gk_html_raw(b, fields[i].label);
		gk_html_raw(b, "</span>：");
		if (strcmp(key, "body") == 0) {
			body_change(b, was, now);
		} else {
			gk_html_raw(b, "<span class=\"old\">");
			value(b, key, was);
			gk_html_raw(b, "</span> → <span class=\"new\">");
			value(b, key, now);
			gk_html_raw(b, "</span>");
		}
		gk_html_raw(b, "</li>");
		n++;
	}
	/* fields this page does not know yet still count as a change */
	const char *key;
	json_t *v;
	int other = 0;
	json_object_foreach(newer, key, v) {
		bool known = false;
		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
			known = known || strcmp(fields[i].key, key) == 0;
		json_t *was = json_object_get(older, key);
		if (!known && !(was && json_equal(was, v)))
			other++;
	}
	if (other) {
		gk_html_raw(b, "<li>其他 ");
		gk_html_int(b, other);
		gk_html_raw(b, " 项信息有修改</li>");
		n++;
	}
	if (!n)
		gk_html_raw(b, "<li>（无变化）</li>");
	gk_html_raw(b, "</ul>");
}
