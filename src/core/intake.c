/* Intake of applications: the channel tables and the day of receipt,
 * applicant types and delivery, and the checks of what an applicant or
 * clerk types. */
#include <stdio.h>
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
		return gk_fail(err, GK_EINVAL, "“申请渠道”的值不正确");
	const char *text;
	long d;
	switch (gk_channel_receipt_basis(facts->channel, facts->registered_post)) {
	case GK_RECEIPT_SUBMITTED:
		d = facts->submitted;
		text = "当面提交之日 (条例第三十一条第一项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL, "当面申请的，请填写“提交日期”");
		break;
	case GK_RECEIPT_SIGNED:
		d = facts->signed_for;
		text = "邮寄签收之日 (条例第三十一条第二项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL, "挂号信或快递申请的，请填写“签收日期”");
		break;
	default:
		d = facts->confirmed;
		text = facts->channel == GK_CHANNEL_LETTER
			       ? "平常信函: 与申请人确认之日 (条例第三十一条第二项)"
			       : "双方确认之日 (条例第三十一条第三项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "%s申请的，请填写“确认收到日期”（与申请人确认收到之日）",
				       gk_channel_label(facts->channel));
		break;
	}
	if (facts->submitted != GK_NO_DAY && d < facts->submitted)
		return gk_fail(err, GK_EINVAL, "“收到申请日期”不能早于申请的提交日期");
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

/* --- identity documents and contact ------------------------------------------ */

GK_ENUM_DEFINE(gk_id_type, GK_ID_TYPE_LIST)

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

char gk_id_resident_check_char(const char *first17)
{
	/* ISO 7064 MOD 11-2: weight 2^(17-i) mod 11 for digit i */
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	if (!first17 || strlen(first17) < 17 || !all_digits(first17, 17))
		return 0;
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weight[i];
	return "10X98765432"[sum % 11];
}

/* GB 32100: 31 characters without I, O, S, V and Z. */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char gk_credit_code_check_char(const char *first17)
{
	static const int weight[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
				       29, 25, 13, 8,  24, 10, 30, 28};
	if (!first17 || strlen(first17) < 17)
		return 0;
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		const char *at = first17[i] ? strchr(credit_alphabet, first17[i]) : NULL;
		if (!at)
			return 0;
		sum += (int)(at - credit_alphabet) * weight[i];
	}
	return credit_alphabet[(31 - sum % 31) % 31];
}

static bool valid_birth_date(const char *d)
{
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	int m = (d[4] - '0') * 10 + (d[5] - '0');
	int day = (d[6] - '0') * 10 + (d[7] - '0');
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2099 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && day == 29 && !leap);
}

static bool ascii_alnum(const char *s)
{
	bool digit = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
			return false;
	}
	return digit;
}

/* A number of another document: letters, digits, Chinese characters,
 * hyphens, brackets and spaces (e.g. "南字第0123456号"), with a digit. */
static bool other_document_plausible(const char *v)
{
	size_t n = strlen(v);
	if (!gk_utf8_valid(v, n) || gk_utf8_count(v, n) < 4)
		return false;
	bool digit = false;
	for (size_t i = 0; i < n;) {
		size_t len;
		long c = gk_utf8_decode((const unsigned char *)v + i, n - i, &len);
		if (c < 0 || !len)
			return false;
		i += len;
		if (c >= '0' && c <= '9')
			digit = true;
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
			   c == '(' || c == ')' || c == ' ' || c == 0xff08 || c == 0xff09 ||
			   (c >= 0x4e00 && c <= 0x9fff)))
			return false;
	}
	return digit;
}

const char *gk_id_number_problem(enum gk_id_type type, const char *v)
{
	size_t n = v ? strlen(v) : 0;
	switch (type) {
	case GK_ID_RESIDENT:
		if (n != 18 || !all_digits(v, 17) ||
		    !((v[17] >= '0' && v[17] <= '9') || v[17] == 'X' || v[17] == 'x'))
			return "居民身份证号码应为18位，前17位是数字，最后一位是数字或X";
		if (v[0] < '1' || v[0] > '8' || !valid_birth_date(v + 6))
			return "居民身份证号码的地区码或出生日期（第7至14位）不正确，请核对";
		if (gk_id_resident_check_char(v) != (v[17] == 'x' ? 'X' : v[17]))
			return "居民身份证号码的校验位（最后一位）不正确，请逐位核对";
		return NULL;
	case GK_ID_PASSPORT:
		if (n < 5 || n > 17 || !ascii_alnum(v))
			return "护照号码应为5至17位字母和数字，如 E12345678";
		return NULL;
	case GK_ID_HK_MACAO:
		if (!((n == 9 || n == 11) && strchr("HMhm", v[0]) && all_digits(v + 1, n - 1)))
			return "港澳居民来往内地通行证号码应为H或M加8位（或10位）数字，如 H12345678";
		return NULL;
	case GK_ID_TAIWAN:
		if (!((n == 8 || n == 10) && all_digits(v, n)))
			return "台湾居民来往大陆通行证号码应为8位数字，如 12345678";
		return NULL;
	case GK_ID_CREDIT_CODE:
		if (n != 18 || strspn(v, credit_alphabet) != 18)
			return "统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）";
		if (gk_credit_code_check_char(v) != v[17])
			return "统一社会信用代码的校验位（最后一位）不正确，请逐位核对";
		return NULL;
	case GK_ID_ANY:
	case GK_ID_OTHER:
	case GK_ID_COUNT:
		break;
	}
	if (!other_document_plausible(v))
		return "证件号码只能由字母、数字、汉字、连字符和括号组成，且至少4位、含有数字";
	return NULL;
}

bool gk_phone_plausible(const char *p)
{
	size_t n = strlen(p);
	if (strncmp(p, "+86", 3) == 0) {
		p += 3;
		p += *p == ' ' || *p == '-';
		n = strlen(p);
		return n == 11 && all_digits(p, 11) && p[0] == '1' && p[1] >= '3';
	}
	if (n == 11 && p[0] == '1')
		return all_digits(p, 11) && p[1] >= '3';
	/* 区号: 0 and 2 or 3 digits, in brackets or followed by a hyphen or not */
	bool bracket = *p == '(' || strncmp(p, "（", 3) == 0;
	if (bracket)
		p += *p == '(' ? 1 : 3;
	if (*p != '0')
		return false;
	size_t area = strspn(p, "0123456789");
	if (bracket) {
		if (area != 3 && area != 4)
			return false;
		p += area;
		if (*p != ')' && strncmp(p, "）", 3) != 0)
			return false;
		p += *p == ')' ? 1 : 3;
	} else if (p[area] == '-' || p[area] == ' ') {
		if (area != 3 && area != 4)
			return false;
		p += area + 1;
	} else {
		/* written without a separator: 区号 and number together */
		if (area < 10 || area > 12)
			return false;
		p += area;
		goto extension;
	}
	size_t local = strspn(p, "0123456789");
	if (local < 7 || local > 8 || *p == '0')
		return false;
	p += local;
extension:
	if (!*p)
		return true;
	if (*p == '-')
		p++;
	else if (strncmp(p, "转", 3) == 0)
		p += 3;
	else
		return false;
	n = strlen(p);
	return n >= 1 && n <= 6 && all_digits(p, n);
}

bool gk_email_plausible(const char *e)
{
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@'))
		return false;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || !dot[1] || strstr(at, ".."))
		return false;
	for (const unsigned char *c = (const unsigned char *)e; *c; c++)
		if (*c <= ' ' || *c == 0x7f || strchr("<>()[]{},;:\"'\\", *c))
			return false;
	return true;
}

/* The length of the white space at S: 0 if none. */
static size_t space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0) /* U+3000 */
		return 3;
	if (strncmp(s, "\xc2\xa0", 2) == 0) /* U+00A0 */
		return 2;
	return 0;
}

/* The length of the white space that ends S (of N bytes). */
static size_t space_before(const char *s, size_t n)
{
	if (n >= 1 && strchr(" \t\n\r", s[n - 1]) && s[n - 1])
		return 1;
	if (n >= 3 && strncmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
		return 3;
	if (n >= 2 && strncmp(s + n - 2, "\xc2\xa0", 2) == 0)
		return 2;
	return 0;
}

const char *gk_text_trimmed(const char *v, size_t *len)
{
	if (!v) {
		*len = 0;
		return "";
	}
	size_t k;
	while ((k = space_at(v)))
		v += k;
	size_t n = strlen(v);
	while ((k = space_before(v, n)))
		n -= k;
	*len = n;
	return v;
}

bool gk_text_blank(const char *v)
{
	size_t n;
	gk_text_trimmed(v, &n);
	return n == 0;
}

/* --- intake ------------------------------------------------------------------ */

GK_ENUM_DEFINE(gk_intake_field, GK_INTAKE_FIELD_LIST)

size_t gk_intake_field_max(enum gk_intake_field field)
{
	static const size_t max[GK_FIELD_COUNT] = {
		[GK_FIELD_NAME] = GK_INTAKE_NAME_MAX,
		[GK_FIELD_ID_NUMBER] = GK_INTAKE_ID_MAX,
		[GK_FIELD_PHONE] = GK_INTAKE_PHONE_MAX,
		[GK_FIELD_EMAIL] = GK_INTAKE_EMAIL_MAX,
		[GK_FIELD_ADDRESS] = GK_INTAKE_ADDRESS_MAX,
		[GK_FIELD_DESCRIPTION] = GK_APP_DESCRIPTION_MAX,
		[GK_FIELD_DOC_NO] = GK_INTAKE_DOC_NO_MAX,
		[GK_FIELD_NOTE] = GK_APP_NOTE_MAX,
	};
	return (unsigned)field < GK_FIELD_COUNT ? max[field] : 0;
}

void gk_intake_problem(struct gk_intake_problems *p, enum gk_intake_field field,
		       const char *message)
{
	if ((unsigned)field >= GK_FIELD_COUNT || p->message[field][0])
		return;
	snprintf(p->message[field], sizeof p->message[field], "%s", message);
	p->count++;
}

/* What is wrong with text V for a field labelled LABEL, into OUT (N bytes):
 * false if nothing. */
static bool text_problem(const char *v, size_t max_chars, bool required, bool multiline,
			 const char *label, char *out, size_t n)
{
	size_t len = v ? strlen(v) : 0;
	if (!len) {
		if (required)
			snprintf(out, n, "请填写“%s”", label);
		return required;
	}
	if (!gk_utf8_valid(v, len)) {
		snprintf(out, n, "“%s”含有无法识别的字符，请重新输入", label);
		return true;
	}
	size_t count = gk_utf8_count(v, len);
	/* a line break is one character however the browser sent it (CR LF),
	   as the browser's maxlength counts it */
	for (const char *cr = strstr(v, "\r\n"); cr; cr = strstr(cr + 2, "\r\n"))
		count--;
	if (count > max_chars) {
		snprintf(out, n, "“%s”最多%zu个字，现在是%zu个字，请删减", label, max_chars, count);
		return true;
	}
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if ((*p < 0x20 && *p != '\t' && !(multiline && (*p == '\n' || *p == '\r'))) ||
		    *p == 0x7f) {
			snprintf(out, n, "“%s”含有不允许的控制字符", label);
			return true;
		}
	if (required && gk_text_blank(v)) {
		snprintf(out, n, "“%s”不能只填空格，请填写内容", label);
		return true;
	}
	return false;
}

/* The label of FIELD as error messages quote it. */
static const char *field_label(const char *field)
{
	enum gk_intake_field f;
	if (field && gk_intake_field_parse(field, &f))
		return gk_intake_field_label(f);
	if (field && strcmp(field, "letter") == 0)
		return "答复书";
	return field ? field : "";
}

enum gk_err gk_app_check_text(const char *v, size_t max_chars, bool required, bool multiline,
			      const char *field, struct gk_error *err)
{
	char message[192];
	if (text_problem(v, max_chars, required, multiline, field_label(field), message,
			 sizeof message))
		return gk_fail(err, GK_EINVAL, "%s", message);
	return GK_OK;
}

/* Checks text field F of value V into P. */
static void check_text(struct gk_intake_problems *p, enum gk_intake_field f, const char *v,
		       bool required)
{
	char message[192];
	if (text_problem(v, gk_intake_field_max(f), required,
			 f == GK_FIELD_DESCRIPTION || f == GK_FIELD_NOTE, gk_intake_field_label(f),
			 message, sizeof message))
		gk_intake_problem(p, f, message);
}

int gk_intake_check(const struct gk_intake *in, struct gk_intake_problems *p)
{
	memset(p, 0, sizeof *p);
	const struct gk_applicant *a = &in->applicant;
	bool online = in->kind == GK_INTAKE_ONLINE;
	if (in->agency_id <= 0)
		gk_intake_problem(p, GK_FIELD_AGENCY, "请选择受理机关（向哪个机关申请）");
	bool person = in->applicant_type == GK_APPLICANT_NATURAL_PERSON;
	if ((unsigned)in->applicant_type >= GK_APPLICANT_COUNT)
		gk_intake_problem(p, GK_FIELD_APPLICANT_TYPE, "请选择申请人类型");
	check_text(p, GK_FIELD_NAME, a->name, true);
	check_text(p, GK_FIELD_ID_NUMBER, a->id_number, false);
	check_text(p, GK_FIELD_PHONE, a->phone, false);
	check_text(p, GK_FIELD_EMAIL, a->email, false);
	check_text(p, GK_FIELD_ADDRESS, a->address, false);
	check_text(p, GK_FIELD_DESCRIPTION, in->description, true);
	check_text(p, GK_FIELD_DOC_NO, in->doc_no, false);
	check_text(p, GK_FIELD_NOTE, in->note, false);

	/* the identity document */
	bool has_id = !gk_text_blank(a->id_number);
	if ((unsigned)in->id_type >= GK_ID_COUNT)
		gk_intake_problem(p, GK_FIELD_ID_TYPE, "请选择证件类型");
	else if (person && in->id_type == GK_ID_CREDIT_CODE)
		gk_intake_problem(p, GK_FIELD_ID_TYPE,
				  "统一社会信用代码适用于法人或其他组织，自然人请选择身份证件类型");
	else if (in->id_type_required && in->id_type == GK_ID_ANY && (has_id || person))
		gk_intake_problem(p, GK_FIELD_ID_TYPE, "请选择证件类型");
	/* online a person proves who he is by the number; a clerk registering
	   a paper application may have seen the document itself */
	if (person && !has_id && online)
		gk_intake_problem(p, GK_FIELD_ID_NUMBER, "自然人申请的，请填写身份证件号码");
	if (has_id && (unsigned)in->id_type < GK_ID_COUNT) {
		const char *why = gk_id_number_problem(in->id_type, a->id_number);
		if (why)
			gk_intake_problem(p, GK_FIELD_ID_NUMBER, why);
	}

	/* a way to reach the applicant, and where the reply goes */
	bool phone = !gk_text_blank(a->phone), email = !gk_text_blank(a->email),
	     address = !gk_text_blank(a->address);
	if (phone && online && !gk_phone_plausible(a->phone))
		gk_intake_problem(p, GK_FIELD_PHONE,
				  "联系电话应为11位手机号码（如 13912345678）或带区号的固定电话"
				  "（如 0352-5189096，分机写在后面：0352-5189096-123）");
	if (email && !gk_email_plausible(a->email))
		gk_intake_problem(p, GK_FIELD_EMAIL, "电子邮箱格式不正确，应如 name@example.cn");
	if (!phone && !email && !address)
		gk_intake_problem(p, GK_FIELD_PHONE,
				  "请至少填写联系电话、电子邮箱、通信地址中的一项，以便联系您");
	if ((unsigned)in->delivery >= GK_DELIVERY_COUNT)
		gk_intake_problem(p, GK_FIELD_DELIVERY, "请选择获取信息的方式");
	else if (in->delivery == GK_DELIVERY_EMAIL && !email)
		gk_intake_problem(p, GK_FIELD_EMAIL, "选择“电子邮件”方式获取的，请填写电子邮箱");
	else if (in->delivery == GK_DELIVERY_POST && !address)
		gk_intake_problem(p, GK_FIELD_ADDRESS, "选择“邮寄”方式获取的，请填写通信地址");
	if (in->medium && in->medium[0] && strcmp(in->medium, "paper") != 0 &&
	    strcmp(in->medium, "electronic") != 0)
		gk_intake_problem(p, GK_FIELD_MEDIUM, "“信息的载体形式”只能是纸质或电子");
	return p->count;
}

enum gk_err gk_intake_validate(const struct gk_intake *in, struct gk_error *err)
{
	struct gk_intake_problems p;
	if (gk_intake_check(in, &p))
		for (int f = 0; f < GK_FIELD_COUNT; f++)
			if (p.message[f][0])
				return gk_fail(err, GK_EINVAL, "%s", p.message[f]);
	if (in->upload)
		return gk_upload_check(in->upload, err);
	return GK_OK;
}
