/* Applications as records: a fresh application, fee notice states, who may
 * see the applicant, and tracking codes. The workflow that changes them is
 * service/applications.c. */
#include <stdio.h>
#include <string.h>

#include "core/application.h"

void gk_application_init(struct gk_application *app)
{
	memset(app, 0, sizeof *app);
	app->submitted = app->signed_for = app->confirmed = app->received = GK_NO_DAY;
	app->replied = app->due = app->base_due = GK_NO_DAY;
	app->outcome = -1;
	app->received_final = true;
}

GK_ENUM_DEFINE(gk_fee_status, GK_FEE_STATUS_LIST)

bool gk_application_personal_visible(const struct gk_user *user, const struct gk_application *app)
{
	return user->city_wide || user->agency_id == app->agency_id;
}

/* --- what staff outside the handling agency read -------------------------------- */

struct applicant_field {
	const char *value, *placeholder;
};

static void applicant_fields(const struct gk_applicant *a, struct applicant_field f[5])
{
	f[0] = (struct applicant_field){a->name, "〔申请人姓名或名称〕"};
	f[1] = (struct applicant_field){a->id_number, "〔申请人证件号码〕"};
	f[2] = (struct applicant_field){a->phone, "〔申请人电话〕"};
	f[3] = (struct applicant_field){a->email, "〔申请人电子邮箱〕"};
	f[4] = (struct applicant_field){a->address, "〔申请人地址〕"};
}

/* True if S holds something besides spaces: a blank field hides nothing
 * (and would otherwise turn every space into a placeholder). */
static bool has_text(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

static bool starts_with_fold(const char *text, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = text[i], y = word[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y || !x)
			return false;
	}
	return true;
}

/* Copies TEXT into OUT, replacing at each place the longest match: a
 * field's value by its placeholder (TO_PLACEHOLDER), else the inverse. */
static void replace_fields(const struct gk_applicant *a, const char *text, bool to_placeholder,
			   struct gk_buf *out)
{
	struct applicant_field f[5];
	applicant_fields(a, f);
	for (const char *p = text ? text : ""; *p;) {
		size_t best = 0, len = 0;
		for (size_t i = 0; i < 5; i++) {
			const char *from = to_placeholder ? f[i].value : f[i].placeholder;
			const char *to = to_placeholder ? f[i].placeholder : f[i].value;
			size_t n = strlen(from);
			if (n > len && has_text(from) && has_text(to) &&
			    starts_with_fold(p, from, n)) {
				best = i;
				len = n;
			}
		}
		if (len) {
			gk_buf_puts(out, to_placeholder ? f[best].placeholder : f[best].value);
			p += len;
		} else {
			gk_buf_putc(out, *p++);
		}
	}
}

void gk_applicant_redact(const struct gk_applicant *a, const char *text, struct gk_buf *out)
{
	replace_fields(a, text, true, out);
}

void gk_applicant_restore(const struct gk_applicant *a, const char *text, struct gk_buf *out)
{
	replace_fields(a, text, false, out);
}

/* --- tracking codes ------------------------------------------------------------- */

void gk_tracking_code_make(const unsigned char random[GK_TRACKING_RANDOM_BYTES],
			   char out[GK_TRACKING_CODE_LEN + 1])
{
	static const char alphabet[] = GK_TRACKING_ALPHABET;
	uint64_t bits = 0;
	for (int i = 0; i < GK_TRACKING_RANDOM_BYTES; i++)
		bits = bits << 8 | random[i];
	for (int i = 0; i < GK_TRACKING_CODE_LEN; i++) {
		out[i] = alphabet[bits & 31];
		bits >>= 5;
	}
	out[GK_TRACKING_CODE_LEN] = '\0';
}

bool gk_tracking_code_normalize(const char *in, char out[GK_TRACKING_CODE_LEN + 1])
{
	static const char alphabet[] = GK_TRACKING_ALPHABET;
	size_t n = 0;
	if (!in)
		return false;
	for (size_t i = 0; in[i]; i++) {
		char c = in[i];
		if (i > 4 * GK_TRACKING_CODE_LEN)
			return false;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == '\0' || !strchr(alphabet, c) || n == GK_TRACKING_CODE_LEN)
			return false;
		out[n++] = c;
	}
	if (n != GK_TRACKING_CODE_LEN)
		return false;
	out[n] = '\0';
	return true;
}

char *gk_tracking_code_display(const char *code, char out[GK_TRACKING_CODE_LEN + 2])
{
	if (strnlen(code, GK_TRACKING_CODE_LEN) < GK_TRACKING_CODE_LEN)
		snprintf(out, GK_TRACKING_CODE_LEN + 2, "%s", code);
	else
		snprintf(out, GK_TRACKING_CODE_LEN + 2, "%.5s-%.5s", code, code + 5);
	return out;
}
