/* The report's blocks in the order of its style, and the few sentences the documents generate.
 *
 * The narrative style's headings and sentences are the core's
 * (gk_annual_prose, the same words as every other format); the 2019 and 2021
 * formats' few sentences around their tables are generated here. */
#include "output/annual_body.h"

#include <stdlib.h>
#include <string.h>

#include "core/intake.h"
#include "core/item.h"
#include "core/records.h"

#define NOTHING "无" /* a part with nothing to report (RULES §3.A) */

/* Appends a block owning TEXT (freed here if it cannot be added). */
static enum gk_err push(struct gk_body *body, enum gk_block_kind kind, char *text, int grid)
{
	if (body->nblocks == body->cap) {
		int cap = body->cap ? 2 * body->cap : 64;
		struct gk_block *more = realloc(body->blocks, (size_t)cap * sizeof *more);
		if (!more) {
			free(text);
			return GK_ENOMEM;
		}
		body->blocks = more;
		body->cap = cap;
	}
	body->blocks[body->nblocks++] = (struct gk_block){kind, text, grid};
	return GK_OK;
}

static enum gk_err add_block(struct gk_body *body, enum gk_block_kind kind, const char *text,
			     int grid)
{
	char *copy = NULL;
	if (text && !(copy = strdup(text)))
		return GK_ENOMEM;
	return push(body, kind, copy, grid);
}

/* Adds B's text as a paragraph (nothing if empty) and empties B. */
static enum gk_err flush(struct gk_body *body, struct gk_buf *b)
{
	if (b->failed)
		return (enum gk_err)b->failed;
	enum gk_err rc = b->len ? add_block(body, GK_BLOCK_PARAGRAPH, b->data, 0) : GK_OK;
	gk_buf_reset(b);
	return rc;
}

/* The staff's text of SECTION: one paragraph per non-blank line. Returns
 * how many paragraphs through *N. */
static enum gk_err add_section_text(struct gk_body *body, const char *text, int *n)
{
	*n = 0;
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *s = p, *e = p + len;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		/* full-width spaces staff type to indent: the layout indents */
		while (e - s >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3;
		if (e > s) {
			char *para = strndup(s, (size_t)(e - s));
			if (!para || push(body, GK_BLOCK_PARAGRAPH, para, 0))
				return GK_ENOMEM;
			(*n)++;
		}
		p = end ? end + 1 : p + len;
	}
	return GK_OK;
}

static void money(struct gk_buf *b, int64_t fen)
{
	if (fen % 100 == 0)
		gk_buf_printf(b, "%lld元", (long long)(fen / 100));
	else
		gk_buf_printf(b, "%lld.%02lld元", (long long)(fen / 100), (long long)(fen % 100));
}

/* Who the report speaks for: "本机关", or a roll-up's agency "及所属机关". */
static void subject(struct gk_buf *b, const struct gk_annual *a)
{
	if (a->rollup && a->nagencies > 1)
		gk_buf_printf(b, "%s及所属机关", a->agency_name);
	else
		gk_buf_puts(b, "本机关");
}

/* Information-processing fees exist since 国办函〔2020〕109号 (in force
 * 2021-01-01); before, applicants paid costs of retrieval, copying and post. */
enum gk_err gk_body_fee_sentence(const struct gk_annual *a, struct gk_buf *out)
{
	bool measures = a->year >= 2021;
	gk_buf_printf(out, "%d年，", a->year);
	subject(out, a);
	if (a->fees_collected_fen <= 0)
		return gk_buf_puts(out, measures ? "未收取政府信息公开信息处理费。"
						 : "未收取政府信息公开相关费用。");
	if (measures)
		gk_buf_puts(out, "依照《政府信息公开信息处理费管理办法》共收取信息处理费");
	else
		gk_buf_puts(out, "共收取政府信息公开相关费用");
	money(out, a->fees_collected_fen);
	if (a->fee_applications > 0)
		gk_buf_printf(out, "，涉及%lld件政府信息公开申请", (long long)a->fee_applications);
	return gk_buf_puts(out, "。");
}

/* The opening paragraph of the 2019 and 2021 formats: what the report is
 * based on, its period, whose it is. */
static enum gk_err preamble(struct gk_body *body, const struct gk_annual *a, struct gk_buf *b)
{
	gk_buf_puts(b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
		       "第五十条的规定编制。");
	gk_buf_printf(b,
		      "报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止，均由政府信息公开"
		      "工作的办理记录统计生成。",
		      a->year, a->year);
	if (a->rollup && a->nagencies > 1)
		gk_buf_printf(b, "本报告汇总%s及其所属共%d个机关的数据。", a->agency_name,
			      a->nagencies);
	if (a->records == 0) {
		gk_buf_printf(b, "%d年", a->year);
		subject(b, a);
		gk_buf_puts(b, "没有政府信息公开工作的记录，以下各项数字均为零。");
	}
	return flush(body, b);
}

/* --- the two layouts ------------------------------------------------------------------ */

static enum gk_err section_or_nothing(struct gk_body *body, const char *text)
{
	int n;
	enum gk_err rc = add_section_text(body, text, &n);
	if (!rc && n == 0)
		rc = add_block(body, GK_BLOCK_PARAGRAPH, NOTHING, 0);
	return rc;
}

static enum gk_err heading(struct gk_body *body, const char *number, const char *label)
{
	char text[256];
	snprintf(text, sizeof text, "%s%s", number, label);
	return add_block(body, GK_BLOCK_HEADING, text, 0);
}

static enum gk_err build_official(struct gk_body *body, const struct gk_annual *a, struct gk_buf *b)
{
	enum gk_err rc;
	if ((rc = heading(body, "一、", gk_report_section_label(GK_SECTION_OVERVIEW))) ||
	    (rc = section_or_nothing(body, a->sections[GK_SECTION_OVERVIEW])))
		return rc;
	for (int g = 0; g < body->ngrids; g++)
		if ((rc = add_block(body, GK_BLOCK_HEADING, body->grids[g].heading, 0)) ||
		    (rc = add_block(body, GK_BLOCK_TABLE, NULL, g)))
			return rc;
	/* the 2019 reports name the problems of 政府信息公开工作 */
	if ((rc = heading(body, a->style == GK_STYLE_2019 ? "五、政府信息公开工作" : "五、",
			  gk_report_section_label(GK_SECTION_PROBLEMS))) ||
	    (rc = section_or_nothing(body, a->sections[GK_SECTION_PROBLEMS])) ||
	    (rc = heading(body, "六、", gk_report_section_label(GK_SECTION_OTHER))))
		return rc;
	gk_body_fee_sentence(a, b);
	int n;
	if ((rc = flush(body, b)) ||
	    (rc = add_section_text(body, a->sections[GK_SECTION_OTHER], &n)))
		return rc;
	return GK_OK;
}

struct prose {
	struct gk_body *body;
	enum gk_err rc;
};

/* A heading or paragraph of the core's narrative as a block. */
static int prose_block(bool heading, const char *text, void *ctx)
{
	struct prose *p = ctx;
	p->rc = add_block(p->body, heading ? GK_BLOCK_HEADING : GK_BLOCK_PARAGRAPH, text, 0);
	return p->rc != GK_OK;
}

/* The narrative style: the same headings and sentences as every other
 * format (core/report/render.c), then the 统计表 as 附表. */
static enum gk_err build_narrative(struct gk_body *body, const struct gk_annual *a)
{
	struct prose p = {body, GK_OK};
	struct gk_error err = {0};
	enum gk_err rc = gk_annual_prose(a, prose_block, &p, &err);
	if (!rc)
		rc = p.rc;
	for (int g = 0; !rc && g < body->ngrids; g++)
		if ((rc = add_block(body, GK_BLOCK_HEADING, body->grids[g].heading, 0)) ||
		    (rc = add_block(body, GK_BLOCK_TABLE, NULL, g)))
			return rc;
	return rc;
}

enum gk_err gk_body_build(struct gk_body *body, const struct gk_annual *a, struct gk_error *err)
{
	body->nblocks = body->cap = 0;
	body->blocks = NULL;
	body->ngrids = gk_annual_grids(a, body->grids, GK_BODY_MAX_GRIDS);
	char title[512];
	gk_annual_title(a, true, title, sizeof title);
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	enum gk_err rc = add_block(body, GK_BLOCK_TITLE, title, 0);
	if (!rc && a->style == GK_STYLE_NARRATIVE)
		rc = build_narrative(body, a);
	else if (!rc && !(rc = preamble(body, a, &b)))
		rc = build_official(body, a, &b);
	gk_buf_release(&b);
	if (rc)
		return gk_fail(err, rc, "annual report document: out of memory");
	return GK_OK;
}

void gk_body_release(struct gk_body *body)
{
	for (int i = 0; i < body->nblocks; i++)
		free(body->blocks[i].text);
	free(body->blocks);
	body->blocks = NULL;
	body->nblocks = body->cap = 0;
}
