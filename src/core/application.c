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
