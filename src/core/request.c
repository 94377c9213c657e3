/* Applications as records: a fresh application, fee notice states, who may
 * see the applicant, and the checks of what an applicant or clerk types.
 * The workflow that changes them is service/applications.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/request.h"
#include "lib/date.h"
#include "lib/utf8.h"

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

/* --- intake ------------------------------------------------------------------- */

enum gk_err gk_app_check_text(const char *v, size_t max_chars, bool required, bool multiline,
			      const char *field, struct gk_error *err)
{
	size_t n = v ? strlen(v) : 0;
	if (!n) {
		if (required)
			return gk_fail(err, GK_EINVAL, "'%s' is required", field);
		return GK_OK;
	}
	if (!gk_utf8_valid(v, n))
		return gk_fail(err, GK_EINVAL, "'%s' is not valid UTF-8", field);
	if (gk_utf8_count(v, n) > max_chars)
		return gk_fail(err, GK_EINVAL, "'%s' is too long (at most %zu characters)", field,
			       max_chars);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if ((*p < 0x20 && *p != '\t' && !(multiline && (*p == '\n' || *p == '\r'))) ||
		    *p == 0x7f)
			return gk_fail(err, GK_EINVAL, "'%s' contains control characters", field);
	return GK_OK;
}

enum gk_err gk_intake_validate(const struct gk_intake *in, struct gk_error *err)
{
	const struct gk_applicant *p = &in->applicant;
	enum gk_err rc;
	if ((rc = gk_app_check_text(p->name, 60, true, false, "name", err)) ||
	    (rc = gk_app_check_text(p->id_number, 30, false, false, "id_number", err)) ||
	    (rc = gk_app_check_text(p->phone, 30, false, false, "phone", err)) ||
	    (rc = gk_app_check_text(p->email, 120, false, false, "email", err)) ||
	    (rc = gk_app_check_text(p->address, 120, false, false, "address", err)) ||
	    (rc = gk_app_check_text(in->description, GK_APP_DESCRIPTION_MAX, true, true, "description",
			     err)) ||
	    (rc = gk_app_check_text(in->doc_no, 60, false, false, "doc_no", err)) ||
	    (rc = gk_app_check_text(in->note, GK_APP_NOTE_MAX, false, true, "note", err)))
		return rc;
	if (p->email[0] && (!strchr(p->email, '@') || strchr(p->email, ' ')))
		return gk_fail(err, GK_EINVAL, "'email' is not an e-mail address");
	if (!p->phone[0] && !p->email[0] && !p->address[0])
		return gk_fail(err, GK_EINVAL,
			       "'phone' is required (or 'email' or 'address'): we need a way to reach you");
	if (in->delivery == GK_DELIVERY_EMAIL && !p->email[0])
		return gk_fail(err, GK_EINVAL, "'email' is required to receive the reply by e-mail");
	if (in->delivery == GK_DELIVERY_POST && !p->address[0])
		return gk_fail(err, GK_EINVAL, "'address' is required to receive the reply by post");
	if (in->medium && in->medium[0] && strcmp(in->medium, "paper") != 0 &&
	    strcmp(in->medium, "electronic") != 0)
		return gk_fail(err, GK_EINVAL, "'medium' must be paper or electronic");
	if ((unsigned)in->applicant_type >= GK_APPLICANT_COUNT)
		return gk_fail(err, GK_EINVAL, "'applicant_type' has a value that is not allowed");
	if ((unsigned)in->delivery >= GK_DELIVERY_COUNT)
		return gk_fail(err, GK_EINVAL, "'delivery' has a value that is not allowed");
	if (in->upload && (rc = gk_upload_check(in->upload, err)))
		return rc;
	return GK_OK;
}

