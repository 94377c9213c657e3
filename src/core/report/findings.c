/* Findings: the result of a check, and the helpers the rules use to add findings to it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/findings.h"
#include "lib/utf8.h"

void gk_report_result_free(struct gk_report_result *res)
{
	if (!res)
		return;
	gk_arena_release(&res->arena);
	free(res->findings);
	free(res->text);
	free(res);
}

char *gk_check_printf(struct gk_check *c, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *s = gk_arena_strdup(&c->res->arena, buf);
	if (!s)
		c->oom = true;
	return s ? s : "";
}

/* Cuts S to at most MAX code points, adding "…". */
static const char *shorten(struct gk_check *c, const char *s, size_t max)
{
	size_t n = strlen(s), cps = 0, i = 0;
	while (i < n && cps < max) {
		size_t l;
		if (gk_utf8_decode((const unsigned char *)s + i, n - i, &l) < 0)
			l = 1;
		i += l;
		cps++;
	}
	if (i >= n)
		return s;
	return gk_check_printf(c, "%.*s…", (int)i, s);
}

static const char *keep(struct gk_check *c, const char *s)
{
	char *copy = gk_arena_strdup(&c->res->arena, s ? s : "");
	if (!copy)
		c->oom = true;
	return copy ? copy : "";
}

struct gk_report_finding *gk_check_add(struct gk_check *c, struct gk_report *r,
				       enum gk_report_severity sev, const char *relation, size_t qa,
				       size_t qb)
{
	if (c->oom)
		return NULL;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		struct gk_report_finding *nf = realloc(c->f, ncap * sizeof *nf);
		if (!nf) {
			c->oom = true;
			return NULL;
		}
		c->f = nf;
		c->cap = ncap;
	}
	struct gk_report_finding *f = &c->f[c->n++];
	memset(f, 0, sizeof *f);
	f->severity = sev;
	f->relation = relation;
	f->start = gk_report_text_src_start(&r->text, qa);
	f->end = gk_report_text_src_end(&r->text, qb);
	f->line = gk_report_text_src_lineno(&r->text, f->start);
	char *q = gk_report_excerpt(r, qa, qb);
	f->quote = q ? keep(c, shorten(c, q, 200)) : "";
	f->figures = gk_arena_alloc(&c->res->arena, GK_CHECK_MAX_FIGS * sizeof *f->figures);
	if (!f->figures || !q)
		c->oom = true;
	f->file = r == c->prev ? "previous" : NULL;
	f->message = "";
	f->left_label = f->right_label = "";
	return f;
}

void gk_check_figure(struct gk_check *c, struct gk_report_finding *f, struct gk_report *r, int fi)
{
	if (!f || !f->figures || fi < 0 || fi >= r->nfigures || f->nfigures >= GK_CHECK_MAX_FIGS)
		return;
	const struct gk_report_figure *g = &r->figures[fi];
	f->figures[f->nfigures++] = (struct gk_report_finding_figure){
		keep(c, g->label), g->value, g->decimals, g->unit, g->line, g->start, g->end,
	};
}

void gk_check_sides(struct gk_check *c, struct gk_report_finding *f, const char *ll, double l,
		    const char *rl, double rv, int dec)
{
	if (!f)
		return;
	ll = keep(c, ll);
	rl = keep(c, rl);
	f->left_label = ll;
	f->left = l;
	f->right_label = rl;
	f->right = rv;
	f->decimals = dec;
}

const char *gk_check_join_labels(struct gk_check *c, struct gk_report *r, const int *idx, int n)
{
	char buf[1024];
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && k < sizeof buf - 64; i++) {
		const char *l = r->figures[idx[i]].label;
		if (!*l)
			l = "?";
		int w = snprintf(buf + k, sizeof buf - k, "%s%s", i ? " + " : "", l);
		if (w < 0 || (size_t)w >= sizeof buf - k)
			break;
		k += (size_t)w;
	}
	return shorten(c, gk_check_printf(c, "%s", buf), 120);
}

const char *gk_check_join_values(struct gk_check *c, struct gk_report *r, const int *idx, int n)
{
	char buf[1024];
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && k < sizeof buf - 32; i++) {
		const struct gk_report_figure *g = &r->figures[idx[i]];
		int w = snprintf(buf + k, sizeof buf - k, "%s%.*f", i ? "+" : "", g->decimals,
				 g->value);
		if (w < 0 || (size_t)w >= sizeof buf - k)
			break;
		k += (size_t)w;
	}
	return gk_check_printf(c, "%s", buf);
}

const struct gk_report_sentence *gk_check_sentence_of(const struct gk_report *r, int fi)
{
	int s = r->figures[fi].sentence;
	if (s < 0 || s >= r->nsentences)
		return NULL;
	return &r->sentences[s];
}
