/* Intake of applications for disclosure (依申请公开): the channels and the
 * day of receipt (条例 第三十一条), applicant types, delivery, the applicant,
 * what an application is given as on a form or through the API, and the
 * checks of what an applicant or clerk types. No storage and no HTTP here. */
#ifndef GK_CORE_INTAKE_H
#define GK_CORE_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/calendar.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* Longest description, reply letter and note accepted, in characters. */
#define GK_APP_DESCRIPTION_MAX 2000
#define GK_APP_LETTER_MAX      6000
#define GK_APP_NOTE_MAX        1000

/* --- channels and the day of receipt (条例 第三十一条) ---------------------- */

/* How an application arrived (申请渠道). The publication channel of an item
 * is something else: its outlet (core/item.h). */
#define GK_CHANNEL_LIST(X)                                           \
	X(GK_CHANNEL_IN_PERSON, "in_person", "当面")                 \
	X(GK_CHANNEL_FAX, "fax", "传真")                             \
	X(GK_CHANNEL_ONLINE, "online", "网络") /* the online form */ \
	X(GK_CHANNEL_LETTER, "letter", "信函")                       \
	X(GK_CHANNEL_EMAIL, "email", "电子邮件")
GK_ENUM_DECLARE(gk_channel, GK_CHANNEL, GK_CHANNEL_LIST);

/* The row of the pre-2019 统计表 (当面/传真/网络/信函) that counts CHANNEL:
 * e-mail counts as 网络; a value out of range is returned as it is. */
enum gk_channel gk_channel_stat(enum gk_channel channel);

/* What fixes the day of receipt. */
enum gk_receipt_basis {
	GK_RECEIPT_SUBMITTED, /* 提交之日: handed in */
	GK_RECEIPT_SIGNED,    /* 签收之日: registered post signed for */
	GK_RECEIPT_CONFIRMED, /* 确认之日: confirmed with the applicant */
};

/* The facts known about how an application arrived; days are GK_NO_DAY
 * when not known (yet). */
struct gk_receipt_facts {
	enum gk_channel channel;
	bool registered_post; /* GK_CHANNEL_LETTER: needs a signature (挂号信、快递) */
	long submitted;       /* day handed in or sent */
	long signed_for;      /* day the office signed for it */
	long confirmed;       /* day receipt was confirmed with the applicant */
};

/* The basis of the day of receipt for CHANNEL: in person, submitted;
 * registered post, signed for; an ordinary letter, fax, online form or
 * e-mail, confirmed with the applicant. */
enum gk_receipt_basis gk_channel_receipt_basis(enum gk_channel channel, bool registered_post);
/* Fixes the day of receipt from FACTS into *DAY and, if RULE is not NULL,
 * points it at the rule applied (static text, e.g. "邮寄签收之日 (第三十一条
 * 第二项)"). GK_EINVAL names the missing day (e.g. "confirmed: ..."). */
enum gk_err gk_receipt_day(const struct gk_receipt_facts *facts, long *day, const char **rule,
			   struct gk_error *err);

/* --- applicants -------------------------------------------------------------- */

/* The applicant types of the annual report's table (the API's applicant_type). */
#define GK_APPLICANT_TYPE_LIST(X)                                          \
	X(GK_APPLICANT_NATURAL_PERSON, "natural_person", "自然人")         \
	X(GK_APPLICANT_BUSINESS, "business", "商业企业")                   \
	X(GK_APPLICANT_RESEARCH, "research", "科研机构")                   \
	X(GK_APPLICANT_PUBLIC_INTEREST, "public_interest", "社会公益组织") \
	X(GK_APPLICANT_LEGAL_SERVICES, "legal_services", "法律服务机构")   \
	X(GK_APPLICANT_OTHER, "other", "其他")
GK_ENUM_DECLARE(gk_applicant_type, GK_APPLICANT, GK_APPLICANT_TYPE_LIST);

/* Where an applicant type stands in the annual report's table. */
struct gk_applicant_type_info {
	const char *group; /* 自然人 or 法人或其他组织 (the report's column group) */
	int column;        /* 0–5: the report table's column (总计 is 6) */
};

/* The report facts of TYPE; NULL for a value out of range. */
const struct gk_applicant_type_info *gk_applicant_type_info(enum gk_applicant_type type);

/* How the applicant wants to receive the information (获取信息的方式、途径). */
#define GK_DELIVERY_LIST(X)                         \
	X(GK_DELIVERY_EMAIL, "email", "电子邮件")   \
	X(GK_DELIVERY_POST, "post", "邮寄")         \
	X(GK_DELIVERY_PICKUP, "pickup", "当面领取") \
	X(GK_DELIVERY_ONLINE, "online", "网上获取")
GK_ENUM_DECLARE(gk_delivery, GK_DELIVERY, GK_DELIVERY_LIST);

/* The applicant's personal data: shown only to staff of the handling agency
 * (or city-wide staff), never on public pages or the public API. */
struct gk_applicant {
	char name[256];      /* a person's name, or the organisation's */
	char id_number[128]; /* identity document (身份证明) number */
	char phone[96];
	char email[256];
	char address[512];
};

/* --- intake ------------------------------------------------------------------ */

/* An application as entered on a form or through the API. For staff
 * registration the receipt facts fix the day of receipt; for the online
 * form the day of receipt is tentatively the day of submission until a
 * handler confirms it (action register). */
struct gk_intake {
	int64_t agency_id;
	enum gk_intake_kind {
		GK_INTAKE_ONLINE, /* the public form or API: state received */
		GK_INTAKE_STAFF,  /* registered by staff: state registered */
	} kind;
	struct gk_receipt_facts facts;
	enum gk_applicant_type applicant_type;
	struct gk_applicant applicant;
	const char *description, *doc_no, *medium, *note;
	enum gk_delivery delivery;
	const struct gk_upload *upload; /* staff: e.g. the scanned letter, kept with
					   the create event; NULL = none */
};

/* Checks IN's text fields (lengths, the applicant's name and a way to reach
 * him: phone, e-mail or address). GK_EINVAL names the field. */
enum gk_err gk_intake_validate(const struct gk_intake *in, struct gk_error *err);

/* Checks text a person typed into FIELD: valid UTF-8, at most MAX_CHARS
 * characters, no control characters (but tabs, and line breaks when
 * MULTILINE), present if REQUIRED. GK_EINVAL naming FIELD. */
enum gk_err gk_app_check_text(const char *v, size_t max_chars, bool required, bool multiline,
			      const char *field, struct gk_error *err);

#endif
