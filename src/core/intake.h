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
/* The other fields of intake, in characters: the one place the form's
 * maxlength and the server's check both take them from. */
#define GK_INTAKE_NAME_MAX    60
#define GK_INTAKE_ID_MAX      30
#define GK_INTAKE_PHONE_MAX   30
#define GK_INTAKE_EMAIL_MAX   120
#define GK_INTAKE_ADDRESS_MAX 120
#define GK_INTAKE_DOC_NO_MAX  60

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

/* --- identity documents and contact ------------------------------------------ */

/* The identity document (身份证明) an applicant gives, chosen explicitly on
 * the online form. GK_ID_ANY is "not said" (the API, staff registration):
 * only a plausibility check. Not stored: it decides the check only. */
#define GK_ID_TYPE_LIST(X)                                                        \
	X(GK_ID_ANY, "any", "未指明")                                             \
	X(GK_ID_RESIDENT, "resident", "居民身份证")                               \
	X(GK_ID_PASSPORT, "passport", "护照")                                     \
	X(GK_ID_HK_MACAO, "hk_macao", "港澳居民来往内地通行证")                   \
	X(GK_ID_TAIWAN, "taiwan", "台湾居民来往大陆通行证")                       \
	X(GK_ID_CREDIT_CODE, "credit_code", "统一社会信用代码（法人或其他组织）") \
	X(GK_ID_OTHER, "other", "其他证件")
GK_ENUM_DECLARE(gk_id_type, GK_ID, GK_ID_TYPE_LIST);

/* The check character of a 居民身份证号码 (GB 11643, ISO 7064 MOD 11-2)
 * for its first 17 digits FIRST17: '0'–'9' or 'X'; 0 if FIRST17 is not 17
 * digits. */
char gk_id_resident_check_char(const char *first17);
/* The check character of a 统一社会信用代码 (GB 32100) for its first 17
 * characters; 0 if they are not from its alphabet. */
char gk_credit_code_check_char(const char *first17);
/* Checks NUMBER as a document of TYPE: NULL if it is plausible, else a
 * message for the person who typed it (static Chinese text). */
const char *gk_id_number_problem(enum gk_id_type type, const char *number);
/* True for a mobile number (1[3-9] and nine digits) or a fixed number
 * (区号-号码, an optional extension "-1234" or "转1234"), with an optional
 * "+86" before a mobile number. */
bool gk_phone_plausible(const char *phone);
/* True for something@domain.tld without spaces or markup characters. */
bool gk_email_plausible(const char *email);

/* Text without leading and trailing white space (ASCII, the ideographic
 * space U+3000 and no-break space U+00A0): its start, its length in *LEN. */
const char *gk_text_trimmed(const char *v, size_t *len);
/* True if V is NULL, empty or only white space as above. */
bool gk_text_blank(const char *v);

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
	enum gk_id_type id_type;        /* GK_ID_ANY unless the form asked */
	bool id_type_required;          /* the online form: a number needs its type */
};

/* The fields of intake, in the order of the form: their parameter names
 * and the labels people read (and error messages quote). */
#define GK_INTAKE_FIELD_LIST(X)                                                \
	X(GK_FIELD_AGENCY, "agency", "受理机关")                               \
	X(GK_FIELD_APPLICANT_TYPE, "applicant_type", "申请人类型")             \
	X(GK_FIELD_NAME, "name", "姓名或名称")                                 \
	X(GK_FIELD_ID_TYPE, "id_type", "证件类型")                             \
	X(GK_FIELD_ID_NUMBER, "id_number", "证件号码")                         \
	X(GK_FIELD_PHONE, "phone", "联系电话")                                 \
	X(GK_FIELD_EMAIL, "email", "电子邮箱")                                 \
	X(GK_FIELD_ADDRESS, "address", "通信地址")                             \
	X(GK_FIELD_DESCRIPTION, "description", "所需政府信息的名称或内容描述") \
	X(GK_FIELD_DOC_NO, "doc_no", "文号")                                   \
	X(GK_FIELD_DELIVERY, "delivery", "获取信息的方式")                     \
	X(GK_FIELD_MEDIUM, "medium", "信息的载体形式")                         \
	X(GK_FIELD_NOTE, "note", "备注")
GK_ENUM_DECLARE(gk_intake_field, GK_FIELD, GK_INTAKE_FIELD_LIST);

/* The longest value of FIELD in characters (0: a choice, no text). */
size_t gk_intake_field_max(enum gk_intake_field field);

/* What is wrong with an intake, field by field: "" where nothing is. */
struct gk_intake_problems {
	int count;
	char message[GK_FIELD_COUNT][192];
};

/* Sets the problem of FIELD to MESSAGE unless it already has one (the first
 * problem of a field is the one shown). */
void gk_intake_problem(struct gk_intake_problems *p, enum gk_intake_field field,
		       const char *message);
/* Checks every field of IN into P (cleared first); returns P->count. A
 * missing agency is agency_id 0; an applicant type or delivery out of range
 * is "not chosen". Phone numbers are checked for format, and a natural
 * person's identity number required, when IN is online; the identity
 * number by its type (GK_ID_ANY: plausibility only). */
int gk_intake_check(const struct gk_intake *in, struct gk_intake_problems *p);

/* As gk_intake_check, reporting the first problem in field order as
 * GK_EINVAL with its message (Chinese, naming the field). */
enum gk_err gk_intake_validate(const struct gk_intake *in, struct gk_error *err);

/* Checks text a person typed into FIELD: valid UTF-8, at most MAX_CHARS
 * characters, no control characters (but tabs, and line breaks when
 * MULTILINE), present and not blank if REQUIRED. GK_EINVAL naming FIELD by
 * its label (an intake field's, "答复书" for letter; else FIELD itself). */
enum gk_err gk_app_check_text(const char *v, size_t max_chars, bool required, bool multiline,
			      const char *field, struct gk_error *err);

#endif
