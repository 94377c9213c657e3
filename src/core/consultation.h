/* Online consultation (网上咨询, issue 15): a question the public asks an
 * agency, the answer its staff give, and whether the pair may be
 * published (only with the asker's consent, never with his personal data).
 * The asker's name and contact are kept apart, like an applicant's. No
 * storage and no HTTP here. */
#ifndef GK_CORE_CONSULTATION_H
#define GK_CORE_CONSULTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/application.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* Longest texts accepted, in characters: the forms' maxlength and the
 * service's checks both take them from here. */
#define GK_QUESTION_SUBJECT_MAX 100
#define GK_QUESTION_TEXT_MAX    2000
#define GK_QUESTION_ANSWER_MAX  6000
#define GK_QUESTION_REASON_MAX  500
#define GK_QUESTION_NAME_MAX    60
#define GK_QUESTION_PHONE_MAX   30
#define GK_QUESTION_EMAIL_MAX   120

/* Where a question stands. */
#define GK_QUESTION_STATE_LIST(X)                       \
	X(GK_QUESTION_OPEN, "open", "待答复")           \
	X(GK_QUESTION_ANSWERED, "answered", "已答复")   \
	X(GK_QUESTION_REJECTED, "rejected", "不予答复") \
	X(GK_QUESTION_CONVERTED, "converted", "已转为公开申请")
GK_ENUM_DECLARE(gk_question_state, GK_QUESTION_STATE, GK_QUESTION_STATE_LIST);

/* The asker's personal data: shown to staff of the agency asked and the
 * city office only, never on a public page, the public API or the asker's
 * own page. */
struct gk_asker {
	char name[256];
	char phone[96];
	char email[256];
};

struct gk_consultation {
	int64_t id;
	char code[GK_TRACKING_CODE_LEN + 1]; /* the asker's code to read the answer */
	int64_t agency_id;
	char agency_code[48];
	char agency_name[160];
	char subject[512];
	char *question; /* malloc'd: gk_consultation_release */
	char *answer;   /* "" until answered */
	long received;  /* day asked (lib/date.h day number) */
	bool consent;   /* the asker agreed to publication (without his data) */
	enum gk_question_state state;
	long answered; /* day answered, GK_NO_DAY if not */
	int64_t answered_by;
	char answerer[128]; /* display name */
	char reason[1024];  /* why it was rejected */
	bool published;
	int64_t application_id; /* the application it became, 0 if none */
	char application_code[GK_TRACKING_CODE_LEN + 1];
	struct gk_asker asker; /* filled only when asked for */
};

void gk_consultation_init(struct gk_consultation *c);
void gk_consultation_release(struct gk_consultation *c);

/* The fields a person fills in when asking, in the order of the form. */
#define GK_QUESTION_FIELD_LIST(X)                     \
	X(GK_QFIELD_AGENCY, "agency", "咨询机关")     \
	X(GK_QFIELD_SUBJECT, "subject", "咨询主题")   \
	X(GK_QFIELD_QUESTION, "question", "咨询内容") \
	X(GK_QFIELD_NAME, "name", "姓名")             \
	X(GK_QFIELD_PHONE, "phone", "联系电话")       \
	X(GK_QFIELD_EMAIL, "email", "电子邮箱")       \
	X(GK_QFIELD_CONSENT, "consent", "同意公开答复")
GK_ENUM_DECLARE(gk_question_field, GK_QFIELD, GK_QUESTION_FIELD_LIST);

/* A question as typed. */
struct gk_question_input {
	int64_t agency_id; /* 0: none chosen */
	const char *subject, *question;
	struct gk_asker asker;
	bool consent;
};

/* What is wrong with a question, field by field: "" where nothing is. */
struct gk_question_problems {
	int count;
	char message[GK_QFIELD_COUNT][192];
};

/* Checks every field of IN into P (cleared first); returns P->count. A
 * way to reach the asker (phone or e-mail) is required. */
int gk_question_check(const struct gk_question_input *in, struct gk_question_problems *p);
/* As gk_question_check, the first problem as GK_EINVAL (Chinese, naming
 * the field). */
enum gk_err gk_question_validate(const struct gk_question_input *in, struct gk_error *err);

/* True if staff account USER may read the asker's personal data of a
 * question to AGENCY_ID: the agency asked, or the city office (the same
 * rule as an applicant's, core/application.h). */
bool gk_question_personal_visible(const struct gk_user *user, int64_t agency_id);

#endif
