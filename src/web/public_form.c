/* The parts of the public forms: see public_form.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/html.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/human_check.h"
#include "web/public_form.h"
#include "web/server.h"

const char *gk_pubform_param(struct gk_request *r, const char *name)
{
	const char *v = gk_req_param(r, name);
	return v ? v : "";
}

void gk_pubform_copy_trimmed(char *dst, size_t size, const char *value)
{
	size_t n;
	const char *v = gk_text_trimmed(value, &n);
	snprintf(dst, size, "%.*s", (int)(n < size ? n : size - 1), v);
}

void gk_pubform_replace_problem(int *count, char *message, size_t size, const char *text)
{
	if (!message[0])
		(*count)++;
	snprintf(message, size, "%s", text);
}

bool gk_pubform_agency(struct gk_request *r, const char *code, int64_t *id, bool *unknown)
{
	*id = 0;
	*unknown = false;
	if (!*code)
		return true;
	struct gk_agency a;
	struct gk_error err = {0};
	enum gk_err rc = gk_store_agency_by_code(r->store, code, &a, &err);
	if (rc == GK_ENOTFOUND)
		*unknown = true;
	else if (gk_req_failed(r, rc, &err))
		return false;
	else if (rc == GK_OK)
		*id = a.id;
	return true;
}

void gk_pubform_error_summary(struct gk_buf *b, int count, int fields,
			      const char (*message)[GK_PUBFORM_MESSAGE_SIZE],
			      const char *(*code)(int field), const char *answer_problem)
{
	int n = count + (answer_problem != NULL);
	if (!n)
		return;
	gk_html_raw(b, "<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" "
		       "tabindex=\"-1\" aria-labelledby=\"error-summary-title\">\n"
		       "<h2 id=\"error-summary-title\">提交的内容有 ");
	gk_html_int(b, n);
	gk_html_raw(b, " 处需要修改，您填写的内容已保留，请修改后重新提交：</h2>\n<ul>\n");
	for (int i = 0; i < fields; i++) {
		if (!message[i][0])
			continue;
		gk_html_raw(b, "<li><a href=\"#a-");
		gk_html_raw(b, code(i));
		gk_html_raw(b, "\">");
		gk_html_text(b, message[i]);
		gk_html_raw(b, "</a></li>\n");
	}
	if (answer_problem) {
		gk_html_raw(b, "<li><a href=\"#a-answer\">");
		gk_html_text(b, answer_problem);
		gk_html_raw(b, "</a></li>\n");
	}
	gk_html_raw(b, "</ul>\n</div>\n");
}

static bool has_problem(const struct gk_pubform_field *f)
{
	return f->problem && f->problem[0];
}

void gk_pubform_field_head(struct gk_buf *b, const struct gk_pubform_field *f)
{
	gk_html_raw(b, has_problem(f) ? "<div class=\"field has-error\">\n<label for=\"a-"
				      : "<div class=\"field\">\n<label for=\"a-");
	gk_html_raw(b, f->name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, f->label);
	if (f->mark) {
		gk_html_raw(b, " <span class=\"req\">（");
		gk_html_raw(b, f->mark);
		gk_html_raw(b, "）</span>");
	}
	gk_html_raw(b, "</label>\n");
	if (f->hint) {
		gk_html_raw(b, "<p class=\"hint\" id=\"a-");
		gk_html_raw(b, f->name);
		gk_html_raw(b, "-hint\">");
		gk_html_raw(b, f->hint);
		gk_html_raw(b, "</p>\n");
	}
	if (has_problem(f))
		gk_app_field_error(b, f->name, f->problem);
}

void gk_pubform_field_attrs(struct gk_buf *b, const struct gk_pubform_field *f)
{
	gk_app_field_attrs(b, f->name, f->required, has_problem(f), f->hint != NULL);
}

void gk_pubform_input(struct gk_buf *b, const struct gk_pubform_field *f, const char *extra,
		      size_t max, const char *value)
{
	gk_pubform_field_head(b, f);
	gk_html_raw(b, "<input");
	gk_pubform_field_attrs(b, f);
	gk_html_raw(b, " ");
	gk_html_raw(b, extra);
	if (max) {
		gk_html_raw(b, " maxlength=\"");
		gk_html_int(b, (long long)max);
		gk_html_raw(b, "\"");
	}
	gk_html_raw(b, " value=\"");
	gk_html_attr(b, value);
	gk_html_raw(b, "\">\n</div>\n");
}

void gk_pubform_textarea(struct gk_buf *b, const struct gk_pubform_field *f, size_t max,
			 const char *value)
{
	gk_pubform_field_head(b, f);
	gk_html_raw(b, "<textarea rows=\"8\"");
	gk_pubform_field_attrs(b, f);
	gk_html_raw(b, " maxlength=\"");
	gk_html_int(b, (long long)max);
	/* the newline after the tag is dropped by the parser, so a text that
	   begins with a line break keeps it */
	gk_html_raw(b, "\">\n");
	gk_html_text(b, value);
	gk_html_raw(b, "</textarea>\n</div>\n");
}

void gk_pubform_select_open(struct gk_buf *b, const struct gk_pubform_field *f,
			    const char *placeholder, const char *selected)
{
	gk_pubform_field_head(b, f);
	gk_html_raw(b, "<select");
	gk_pubform_field_attrs(b, f);
	gk_html_raw(b, ">\n");
	if (placeholder)
		gk_app_option(b, "", placeholder, selected);
}

void gk_pubform_select_close(struct gk_buf *b)
{
	gk_html_raw(b, "</select>\n</div>\n");
}

bool gk_pubform_agency_options(struct gk_request *r, const char *selected)
{
	struct gk_agency_list agencies;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return false;
	for (size_t i = 0; i < agencies.count; i++)
		gk_app_option(&r->out, agencies.items[i].code, agencies.items[i].name, selected);
	gk_agency_list_release(&agencies);
	return true;
}

/* --- the human check ------------------------------------------------------------------ */

/* The question of form KEY for this visitor in this hour: two numbers from
 * an HMAC of the CSRF token, so no state is kept and a new token gives a
 * new question. */
static void challenge(struct gk_request *r, const char *key, long hour, int *a, int *b)
{
	char msg[128];
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	int n = snprintf(msg, sizeof msg, "%s:%s:%ld", key, r->csrf, hour);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, (unsigned long long)n,
			       r->server->secret);
	*a = 2 + mac[0] % 18;
	*b = 1 + mac[1] % 9;
}

/* The answer is right for this hour's question or the last hour's. */
static bool answer_ok(struct gk_request *r, const char *key, const char *answer)
{
	long hour = (long)(time(NULL) / 3600);
	long given = answer && *answer ? strtol(answer, NULL, 10) : -1;
	for (long h = hour; h >= hour - 1; h--) {
		int a, b;
		challenge(r, key, h, &a, &b);
		if (given == a + b)
			return true;
	}
	return false;
}

bool gk_pubform_human_verify(struct gk_request *r, const char *key, struct gk_pubform_human *h)
{
	struct gk_error human = {0};
	memset(h, 0, sizeof *h);
	enum gk_err hrc = gk_human_verify(r, gk_req_param(r, "pow"), gk_req_param(r, "pow_nonce"),
					  &h->once, &human);
	if (gk_req_failed(r, hrc, &human))
		return false;
	h->by_question = hrc == GK_ENOTFOUND && answer_ok(r, key, gk_req_param(r, "answer"));
	if (hrc == GK_EINVAL)
		h->problem = gk_arena_strdup(&r->arena, gk_error_text(&human));
	else if (hrc != GK_OK && !h->by_question)
		h->problem = "验证问题的答案不正确，请重新计算后填写";
	return true;
}

void gk_pubform_human_check(struct gk_request *r, const char *key, const char *problem,
			    bool keep_answer)
{
	struct gk_buf *b = &r->out;
	int qa, qb;
	challenge(r, key, (long)(time(NULL) / 3600), &qa, &qb);
	gk_html_raw(b, problem ? "<div class=\"field has-error\" id=\"human-check\">\n"
			       : "<div class=\"field\" id=\"human-check\">\n");
	gk_html_raw(b, "<input type=\"hidden\" name=\"pow\" id=\"a-pow\" value=\"");
	gk_html_attr(b, gk_human_challenge(r));
	gk_html_raw(b, "\">\n<input type=\"hidden\" name=\"pow_nonce\" id=\"a-pow_nonce\" "
		       "value=\"\">\n"
		       "<p class=\"hint\" id=\"pow-status\" role=\"status\" hidden></p>\n");
	if (problem) {
		gk_html_raw(b, "<p class=\"field-error\" id=\"a-answer-error\">"
			       "<span class=\"visually-hidden\">错误：</span>");
		gk_html_text(b, problem);
		gk_html_raw(b, "</p>\n");
	}
	gk_html_raw(b, "<div id=\"human-question\">\n"
		       "<label for=\"a-answer\">验证问题：<span id=\"challenge\">");
	gk_html_int(b, qa);
	gk_html_raw(b, " 加 ");
	gk_html_int(b, qb);
	gk_html_raw(b, " 等于多少？</span> <span class=\"req\">（必填）</span></label>\n"
		       "<input id=\"a-answer\" name=\"answer\" inputmode=\"numeric\" "
		       "maxlength=\"3\" required autocomplete=\"off\"");
	if (problem)
		gk_html_raw(b, " aria-invalid=\"true\" aria-describedby=\"a-answer-error\"");
	gk_html_raw(b, " value=\"");
	if (keep_answer)
		gk_html_attr(b, gk_pubform_param(r, "answer"));
	gk_html_raw(b, "\">\n</div>\n</div>\n");
}
