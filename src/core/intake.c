/* Intake of applications: the channel tables and the day of receipt,
 * applicant types and delivery, and the checks of what an applicant or
 * clerk types. */
#include <string.h>

#include "core/intake.h"
#include "lib/utf8.h"

/* --- channels and the day of receipt ---------------------------------------- */

GK_ENUM_DEFINE(gk_channel, GK_CHANNEL_LIST)

enum gk_channel gk_channel_stat(enum gk_channel channel)
{
	/* the pre-2019 统计表 has no row for e-mail: it counts as 网络 */
	return channel == GK_CHANNEL_EMAIL ? GK_CHANNEL_ONLINE : channel;
}

enum gk_receipt_basis gk_channel_receipt_basis(enum gk_channel channel, bool registered_post)
{
	switch (channel) {
	case GK_CHANNEL_IN_PERSON:
		return GK_RECEIPT_SUBMITTED;
	case GK_CHANNEL_LETTER:
		return registered_post ? GK_RECEIPT_SIGNED : GK_RECEIPT_CONFIRMED;
	case GK_CHANNEL_FAX:
	case GK_CHANNEL_ONLINE:
	case GK_CHANNEL_EMAIL:
	case GK_CHANNEL_COUNT:
		break;
	}
	return GK_RECEIPT_CONFIRMED;
}

enum gk_err gk_receipt_day(const struct gk_receipt_facts *facts, long *day, const char **rule,
			   struct gk_error *err)
{
	if ((unsigned)facts->channel >= GK_CHANNEL_COUNT)
		return gk_fail(err, GK_EINVAL, "channel: unknown channel");
	const char *text;
	long d;
	switch (gk_channel_receipt_basis(facts->channel, facts->registered_post)) {
	case GK_RECEIPT_SUBMITTED:
		d = facts->submitted;
		text = "当面提交之日 (条例第三十一条第一项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "submitted: the day the application was handed "
				       "in is required");
		break;
	case GK_RECEIPT_SIGNED:
		d = facts->signed_for;
		text = "邮寄签收之日 (条例第三十一条第二项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "signed_for: the day the letter was signed for "
				       "is required");
		break;
	default:
		d = facts->confirmed;
		text = facts->channel == GK_CHANNEL_LETTER
			       ? "平常信函: 与申请人确认之日 (条例第三十一条第二项)"
			       : "双方确认之日 (条例第三十一条第三项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "confirmed: the day receipt was confirmed with "
				       "the applicant is required for %s",
				       gk_channel_label(facts->channel));
		break;
	}
	if (facts->submitted != GK_NO_DAY && d < facts->submitted)
		return gk_fail(err, GK_EINVAL,
			       "received: the day of receipt cannot precede the day "
			       "the application was sent");
	*day = d;
	if (rule)
		*rule = text;
	return GK_OK;
}

/* --- applicants and delivery ------------------------------------------------- */

GK_ENUM_DEFINE(gk_applicant_type, GK_APPLICANT_TYPE_LIST)

static const struct gk_applicant_type_info applicant_types[GK_APPLICANT_COUNT] = {
	[GK_APPLICANT_NATURAL_PERSON] = {"自然人", 0},
	[GK_APPLICANT_BUSINESS] = {"法人或其他组织", 1},
	[GK_APPLICANT_RESEARCH] = {"法人或其他组织", 2},
	[GK_APPLICANT_PUBLIC_INTEREST] = {"法人或其他组织", 3},
	[GK_APPLICANT_LEGAL_SERVICES] = {"法人或其他组织", 4},
	[GK_APPLICANT_OTHER] = {"法人或其他组织", 5},
};

const struct gk_applicant_type_info *gk_applicant_type_info(enum gk_applicant_type type)
{
	return (unsigned)type < GK_APPLICANT_COUNT ? &applicant_types[type] : NULL;
}

GK_ENUM_DEFINE(gk_delivery, GK_DELIVERY_LIST)

/* --- intake ------------------------------------------------------------------ */

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
	    (rc = gk_app_check_text(in->description, GK_APP_DESCRIPTION_MAX, true, true,
				    "description", err)) ||
	    (rc = gk_app_check_text(in->doc_no, 60, false, false, "doc_no", err)) ||
	    (rc = gk_app_check_text(in->note, GK_APP_NOTE_MAX, false, true, "note", err)))
		return rc;
	if (p->email[0] && (!strchr(p->email, '@') || strchr(p->email, ' ')))
		return gk_fail(err, GK_EINVAL, "'email' is not an e-mail address");
	if (!p->phone[0] && !p->email[0] && !p->address[0])
		return gk_fail(
			err, GK_EINVAL,
			"'phone' is required (or 'email' or 'address'): we need a way to reach you");
	if (in->delivery == GK_DELIVERY_EMAIL && !p->email[0])
		return gk_fail(err, GK_EINVAL,
			       "'email' is required to receive the reply by e-mail");
	if (in->delivery == GK_DELIVERY_POST && !p->address[0])
		return gk_fail(err, GK_EINVAL,
			       "'address' is required to receive the reply by post");
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
