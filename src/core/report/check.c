/* The report checker's entry point: parse, run the rule table, sort the findings into a result. */
#include <stdlib.h>
#include <string.h>

#include "core/report/check.h"
#include "core/report/relations.h"

/* In order of position in the checked report, the previous report's after;
 * at one place errors before warnings, then by relation. */
static int by_position(const void *x, const void *y)
{
	const struct gk_report_finding *a = x, *b = y;
	if ((a->file != NULL) != (b->file != NULL))
		return a->file ? 1 : -1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity == GK_SEV_ERROR ? -1 : 1;
	return strcmp(a->relation, b->relation);
}

enum gk_err gk_report_check_parsed(struct gk_report *r, struct gk_report *prev,
				   struct gk_report_result **out, struct gk_error *err)
{
	*out = NULL;
	struct gk_report_result *res = calloc(1, sizeof *res);
	if (!res)
		return gk_fail(err, GK_ENOMEM, "检查报告时内存不足");
	struct gk_check c = {.r = r, .prev = prev, .res = res};
	gk_report_relations_run(&c);
	res->text = malloc(r->text.src_len + 1);
	if (c.oom || !res->text) {
		free(c.f);
		gk_report_result_free(res);
		return gk_fail(err, GK_ENOMEM, "检查报告时内存不足");
	}
	memcpy(res->text, r->text.src, r->text.src_len + 1);
	res->text_len = r->text.src_len;
	res->year = r->year;
	res->table1_format = r->table1.format;
	res->encoding = r->text.encoding;
	res->format = r->text.format;
	res->nfigures = r->nfigures;
	res->ntables = r->ntable2 + r->ntable3 + (r->table1.format != 0);
	if (c.n)
		qsort(c.f, c.n, sizeof *c.f, by_position);
	res->findings = c.f;
	res->nfindings = (int)c.n;
	for (size_t i = 0; i < c.n; i++) {
		if (c.f[i].severity == GK_SEV_ERROR)
			res->nerrors++;
		else
			res->nwarnings++;
	}
	*out = res;
	return GK_OK;
}

enum gk_err gk_report_check(const char *data, size_t len, const char *prev, size_t prev_len,
			    struct gk_report_result **out, struct gk_error *err)
{
	*out = NULL;
	struct gk_report *r = gk_report_parse(data, len, err);
	if (!r)
		return err ? err->code : GK_EINVAL;
	struct gk_report *p = NULL;
	if (prev) {
		struct gk_error perr = {0};
		p = gk_report_parse(prev, prev_len, &perr);
		if (!p) {
			gk_report_free(r);
			return gk_fail(err, perr.code, "上年报告：%s", gk_error_text(&perr));
		}
	}
	enum gk_err rc = gk_report_check_parsed(r, p, out, err);
	gk_report_free(p);
	gk_report_free(r);
	return rc;
}
