/* Online consultation: the checks of a question as typed (core/consultation.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/consultation.h"
#include "core/intake.h"
#include "lib/date.h"

GK_ENUM_DEFINE(gk_question_state, GK_QUESTION_STATE_LIST)
GK_ENUM_DEFINE(gk_question_field, GK_QUESTION_FIELD_LIST)

void gk_consultation_init(struct gk_consultation *c)
{
	memset(c, 0, sizeof *c);
	c->received = GK_NO_DAY;
	c->answered = GK_NO_DAY;
	c->state = GK_QUESTION_OPEN;
}

void gk_consultation_release(struct gk_consultation *c)
{
	if (!c)
		return;
	free(c->question);
	free(c->answer);
	c->question = c->answer = NULL;
}

static void problem(struct gk_question_problems *p, enum gk_question_field f, const char *message)
{
	if (p->message[f][0])
		return;
	snprintf(p->message[f], sizeof p->message[f], "%s", message);
	p->count++;
}

static void check_text(struct gk_question_problems *p, enum gk_question_field f, const char *v,
		       size_t max, bool required, bool multiline)
{
	struct gk_error err = {0};
	if (gk_app_check_text(v, max, required, multiline, gk_question_field_label(f), &err))
		problem(p, f, gk_error_text(&err));
}

int gk_question_check(const struct gk_question_input *in, struct gk_question_problems *p)
{
	memset(p, 0, sizeof *p);
	const struct gk_asker *a = &in->asker;
	if (in->agency_id <= 0)
		problem(p, GK_QFIELD_AGENCY, "请选择“咨询机关”（向哪个机关咨询）");
	check_text(p, GK_QFIELD_SUBJECT, in->subject, GK_QUESTION_SUBJECT_MAX, true, false);
	check_text(p, GK_QFIELD_QUESTION, in->question, GK_QUESTION_TEXT_MAX, true, true);
	check_text(p, GK_QFIELD_NAME, a->name, GK_QUESTION_NAME_MAX, true, false);
	check_text(p, GK_QFIELD_PHONE, a->phone, GK_QUESTION_PHONE_MAX, false, false);
	check_text(p, GK_QFIELD_EMAIL, a->email, GK_QUESTION_EMAIL_MAX, false, false);
	bool phone = !gk_text_blank(a->phone), email = !gk_text_blank(a->email);
	if (phone && !gk_phone_plausible(a->phone))
		problem(p, GK_QFIELD_PHONE,
			"“联系电话”应为11位手机号码（如 13912345678）或带区号的固定电话"
			"（如 0352-5189096）");
	if (email && !gk_email_plausible(a->email))
		problem(p, GK_QFIELD_EMAIL, "“电子邮箱”格式不正确，应如 name@example.cn");
	if (!phone && !email)
		problem(p, GK_QFIELD_PHONE, "请至少填写“联系电话”或“电子邮箱”中的一项，以便联系您");
	return p->count;
}

enum gk_err gk_question_validate(const struct gk_question_input *in, struct gk_error *err)
{
	struct gk_question_problems p;
	if (gk_question_check(in, &p))
		for (int f = 0; f < GK_QFIELD_COUNT; f++)
			if (p.message[f][0])
				return gk_fail(err, GK_EINVAL, "%s", p.message[f]);
	return GK_OK;
}

bool gk_question_personal_visible(const struct gk_user *user, int64_t agency_id)
{
	return user && (user->city_wide || user->agency_id == agency_id);
}
