/* The yearly report as JSON (docs/annual-report-formats.md gives the schema):
 * each official table as rows of {"label", "cells"} in the official order,
 * the narrative figures by name, the sections as written. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/render_internal.h"
#include "lib/utf8.h"

/* S as a JSON string; bytes that are not UTF-8 (a text from elsewhere)
 * become U+FFFD rather than failing the whole document. */
static json_t *jstr(const char *s)
{
	size_t len = strlen(s);
	if (gk_utf8_valid(s, len))
		return json_string(s);
	struct gk_buf b;
	gk_buf_init(&b, 0);
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		long cp = gk_utf8_decode((const unsigned char *)s + i, len - i, &n);
		if (cp < 0 || n == 0) {
			gk_buf_puts(&b, "\xef\xbf\xbd");
			n = 1;
		} else {
			gk_buf_add(&b, s + i, n);
		}
		i += n;
	}
	json_t *v = b.failed ? NULL : json_string(b.data);
	gk_buf_release(&b);
	return v;
}

/* json_object_set_new that remembers a failure in *BAD. */
static void put(json_t *o, const char *key, json_t *v, bool *bad)
{
	if (!o || !v || json_object_set_new(o, key, v))
		*bad = true;
}

static void append(json_t *arr, json_t *v, bool *bad)
{
	if (!arr || !v || json_array_append_new(arr, v))
		*bad = true;
}

static json_t *row_json(const char *label, json_t *cells, bool *bad)
{
	json_t *o = json_object();
	put(o, "label", jstr(label), bad);
	put(o, "cells", cells, bad);
	return o;
}

static json_t *table1(const struct gk_annual *a, int format, bool *bad)
{
	json_t *rows = json_array();
	for (int r = 0; r < GK_T1_NROWS; r++) {
		int k = gk_report_t1_cols(format, r);
		if (k == 0)
			continue;
		json_t *cells = json_array();
		for (int p = 0; p < k; p++) {
			enum gk_t1_col col = gk_report_t1_col(format, r, p);
			double v = a->t1[r][col];
			append(cells,
			       gk_report_t1_col_info(col)->kind == GK_T1_AMOUNT
				       ? json_real(v)
				       : json_integer((json_int_t)(v < 0 ? v - 0.5 : v + 0.5)),
			       bad);
		}
		append(rows, row_json(gk_report_t1_row_name(format, r), cells, bad), bad);
	}
	return rows;
}

static json_t *table2(const struct gk_annual *a, int format, bool *bad)
{
	json_t *rows = json_array();
	for (int r = 0; r < GK_T2_NROWS; r++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)r, format))
			continue;
		json_t *cells = json_array();
		for (int c = 0; c < GK_T2_COLS; c++)
			append(cells, json_integer(a->t2[r][c]), bad);
		append(rows, row_json(gk_report_t2_row_info((enum gk_t2_row)r)->label, cells, bad),
		       bad);
	}
	return rows;
}

static json_t *table3(const struct gk_annual *a, bool *bad)
{
	json_t *rows = json_array();
	for (int g = 0; g < GK_T3_NGROUPS; g++) {
		json_t *cells = json_array();
		for (int c = 0; c < GK_T3_NCOLS; c++)
			append(cells, json_integer(a->t3[g][c]), bad);
		append(rows,
		       row_json(gk_report_t3_group_info((enum gk_t3_group)g)->label, cells, bad),
		       bad);
	}
	return rows;
}

/* {code: count} over N values named by CODE(i). */
static json_t *by_code(const int64_t *v, int n, const char *(*code)(int), bool *bad)
{
	json_t *o = json_object();
	for (int i = 0; i < n; i++)
		put(o, code(i), json_integer(v[i]), bad);
	return o;
}

static const char *outlet_code(int i)
{
	return gk_outlet_code((enum gk_outlet)i);
}
static const char *rchannel_code(int i)
{
	return gk_response_channel_code((enum gk_response_channel)i);
}
static const char *channel_code(int i)
{
	return gk_channel_code((enum gk_channel)i);
}
static const char *category_code(int i)
{
	return gk_report_pre2019_info((enum gk_pre2019)i)->code;
}
static const char *refusal_code(int i)
{
	return gk_report_refusal_info((enum gk_refusal)i)->code;
}

static json_t *figures(const struct gk_annual *a, bool *bad)
{
	json_t *o = json_object();
	put(o, "records", json_integer(a->records), bad);
	put(o, "agencies", json_integer(a->nagencies), bad);
	put(o, "items_published", json_integer(a->items_published), bad);
	put(o, "items_normative", json_integer(a->items_normative), bad);
	put(o, "by_outlet", by_code(a->by_outlet, GK_OUTLET_COUNT, outlet_code, bad), bad);
	put(o, "interpretations", json_integer(a->interpretations), bad);
	put(o, "press_conferences", json_integer(a->press_conferences), bad);
	put(o, "press_conferences_leader", json_integer(a->press_conferences_leader), bad);
	put(o, "interviews", json_integer(a->interviews), bad);
	put(o, "interviews_leader", json_integer(a->interviews_leader), bad);
	put(o, "opinion_responses", json_integer(a->opinion_responses), bad);
	put(o, "responses_weibo_wechat", json_integer(a->responses_weibo_wechat), bad);
	put(o, "responses_other_ways", json_integer(a->responses_other_ways), bad);
	put(o, "responses_by_channel",
	    by_code(a->responses_by_channel, GK_RCHANNEL_COUNT, rchannel_code, bad), bad);
	put(o, "received", json_integer(a->received), bad);
	put(o, "received_by_channel",
	    by_code(a->received_by_channel, GK_CHANNEL_COUNT, channel_code, bad), bad);
	put(o, "carried_in", json_integer(a->t2[GK_T2_CARRY_IN][GK_T2_ALL]), bad);
	put(o, "concluded", json_integer(a->concluded), bad);
	put(o, "on_time", json_integer(a->on_time), bad);
	put(o, "extended", json_integer(a->extended), bad);
	put(o, "by_category", by_code(a->by_category, GK_PRE2019_COUNT, category_code, bad), bad);
	put(o, "refused_by_reason",
	    by_code(a->refused_by_reason, GK_REFUSAL_COUNT, refusal_code, bad), bad);
	put(o, "carried_out", json_integer(a->carried_out), bad);
	json_t *d = json_object();
	for (int g = 0; g <= GK_T3_NGROUPS; g++) {
		json_t *grp = json_object();
		for (int c = 0; c < GK_T3_NCOLS; c++)
			put(grp, gk_report_t3_col_info((enum gk_t3_col)c)->code,
			    json_integer(a->t3[g][c]), bad);
		put(d,
		    g == GK_T3_SUIT ? "suit" : gk_report_t3_group_info((enum gk_t3_group)g)->code,
		    grp, bad);
	}
	put(o, "disputes", d, bad);
	put(o, "fees_collected_fen", json_integer(a->fees_collected_fen), bad);
	put(o, "fee_applications", json_integer(a->fee_applications), bad);
	put(o, "complaints", json_integer(a->complaints), bad);
	put(o, "complaints_closed", json_integer(a->complaints_closed), bad);
	json_t *yf = json_object();
	for (int f = 0; f < GK_YEAR_FIGURE_COUNT; f++)
		put(yf, gk_year_figure_info((enum gk_year_figure)f)->code,
		    a->figure_known[f] ? json_integer(a->figures[f]) : json_null(), bad);
	put(o, "entered", yf, bad);
	return o;
}

struct stat_json {
	json_t *rows;
	bool *bad;
};

/* A 统计表 row: {"label", "unit", "cells": [value]}; a heading row has no
 * unit and no cell, a figure nobody entered the cell null. */
static void stat_json_row(const struct gk_stat_row *r, void *ctx)
{
	struct stat_json *s = ctx;
	json_t *cells = json_array();
	if (r->kind == GK_STAT_COUNT)
		append(cells, json_integer((json_int_t)r->value), s->bad);
	else if (r->kind == GK_STAT_AMOUNT)
		append(cells, json_real(r->value), s->bad);
	else if (r->kind == GK_STAT_BLANK)
		append(cells, json_null(), s->bad);
	json_t *o = row_json(r->label, cells, s->bad);
	put(o, "unit", r->unit ? jstr(r->unit) : json_null(), s->bad);
	append(s->rows, o, s->bad);
}

/* The narrative style's 统计表 (RULES §3.E), as the PDF and XLSX print it. */
static json_t *statistics(const struct gk_annual *a, bool *bad)
{
	struct stat_json s = {json_array(), bad};
	gk_annual_stat_rows(a, stat_json_row, &s);
	return s.rows;
}

/* The paragraphs before the first heading: the report's basis and period,
 * and for a year with no records the sentence that says so. */
static json_t *preamble(const struct gk_rdoc *doc, bool *bad)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < doc->n && doc->blocks[i].kind != GK_RB_HEADING; i++)
		if (doc->blocks[i].kind == GK_RB_PARA)
			append(arr, jstr(doc->blocks[i].text), bad);
	return arr;
}

/* The sections as the report prints them: {"heading", "paragraphs"} in order. */
static json_t *sections(const struct gk_rdoc *doc, bool *bad)
{
	json_t *arr = json_array();
	json_t *cur = NULL, *paras = NULL;
	for (size_t i = 0; i < doc->n; i++) {
		const struct gk_rblock *b = &doc->blocks[i];
		if (b->kind == GK_RB_HEADING) {
			cur = json_object();
			paras = json_array();
			put(cur, "heading", jstr(b->text), bad);
			put(cur, "paragraphs", paras, bad);
			append(arr, cur, bad);
		} else if (b->kind == GK_RB_TABLE && cur) {
			char name[16];
			snprintf(name, sizeof name, "table%d", b->table);
			put(cur, "table", json_string(name), bad);
		} else if (b->kind == GK_RB_PARA && paras) {
			append(paras, jstr(b->text), bad);
		}
	}
	return arr;
}

enum gk_err gk_render_json(const struct gk_rdoc *doc, struct gk_buf *out)
{
	const struct gk_annual *a = doc->a;
	bool bad = false;
	json_t *o = json_object();
	struct gk_buf t;
	gk_buf_init(&t, 0);
	gk_render_title(&t, a);
	put(o, "title", jstr(t.data), &bad);
	gk_buf_release(&t);
	put(o, "agency", jstr(a->agency_name), &bad);
	put(o, "agency_code", jstr(a->agency_code), &bad);
	put(o, "year", json_integer(a->year), &bad);
	put(o, "style", json_string(gk_annual_style_code(a->style)), &bad);
	put(o, "rollup", json_boolean(a->rollup), &bad);
	json_t *tables = json_object();
	if (doc->format) {
		put(tables, "table1", table1(a, doc->format, &bad), &bad);
		put(tables, "table2", table2(a, doc->format, &bad), &bad);
		put(tables, "table3", table3(a, &bad), &bad);
	} else {
		put(tables, "statistics", statistics(a, &bad), &bad);
	}
	put(o, "tables", tables, &bad);
	put(o, "figures", figures(a, &bad), &bad);
	json_t *staff = json_object();
	for (int s = 0; s < GK_SECTION_COUNT; s++)
		put(staff, gk_report_section_code((enum gk_report_section)s),
		    a->sections[s] ? jstr(a->sections[s]) : json_null(), &bad);
	json_t *secs = json_object();
	put(secs, "staff", staff, &bad);
	put(secs, "preamble", preamble(doc, &bad), &bad);
	put(secs, "printed", sections(doc, &bad), &bad);
	put(o, "sections", secs, &bad);
	char *s =
		bad ? NULL
		    : json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(o);
	if (!s)
		return GK_ENOMEM;
	gk_buf_puts(out, s);
	gk_buf_putc(out, '\n');
	free(s);
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}
