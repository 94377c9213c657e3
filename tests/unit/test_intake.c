/* Tests of intake (core/intake.c): channels and the day of receipt by the
 * rule of each (条例 第三十一条), applicant types with their report columns,
 * and delivery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/intake.h"
#include "lib/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

/* --- channels and receipt ------------------------------------------------------ */

static void test_channels(void **state)
{
	static const struct {
		const char *code, *label, *stat;
	} want[] = {
		{"in_person", "当面", "当面"}, {"fax", "传真", "传真"},
		{"online", "网络", "网络"},    {"letter", "信函", "信函"},
		{"email", "电子邮件", "网络"},
	};
	assert_int_equal(N(want), GK_CHANNEL_COUNT);
	for (size_t i = 0; i < N(want); i++) {
		enum gk_channel c;
		assert_true(gk_channel_parse(want[i].code, &c));
		assert_int_equal(c, (enum gk_channel)i);
		assert_string_equal(gk_channel_code(c), want[i].code);
		assert_string_equal(gk_channel_label(c), want[i].label);
		assert_string_equal(gk_channel_label(gk_channel_stat(c)), want[i].stat);
		assert_string_equal(gk_channel_codes[i], want[i].code);
	}
	assert_null(gk_channel_codes[GK_CHANNEL_COUNT]);
	enum gk_channel c;
	assert_false(gk_channel_parse("phone", &c));
	assert_false(gk_channel_parse(NULL, &c));
	assert_true(gk_channel_parse("电子邮件", &c)); /* a label is understood too */
	assert_int_equal(c, GK_CHANNEL_EMAIL);
	assert_string_equal(gk_channel_code(GK_CHANNEL_COUNT), "");
}

static void test_receipt_day(void **state)
{
	struct gk_error err = {GK_OK, ""};
	long d1 = day_of(2024, 3, 1), d2 = day_of(2024, 3, 4), d3 = day_of(2024, 3, 5);
	long day;
	const char *rule;
	struct gk_receipt_facts f = {GK_CHANNEL_IN_PERSON, false, d1, d2, d3};
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d1);
	assert_non_null(strstr(rule, "当面提交之日"));

	f.channel = GK_CHANNEL_LETTER;
	f.registered_post = true;
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d2);
	assert_non_null(strstr(rule, "签收"));
	f.registered_post = false; /* an ordinary letter: confirmed with the applicant */
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d3);

	enum gk_channel confirmed[] = {GK_CHANNEL_FAX, GK_CHANNEL_ONLINE, GK_CHANNEL_EMAIL};
	for (size_t i = 0; i < N(confirmed); i++) {
		f.channel = confirmed[i];
		assert_int_equal(gk_channel_receipt_basis(f.channel, true), GK_RECEIPT_CONFIRMED);
		assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
		assert_int_equal(day, d3);
		assert_non_null(strstr(rule, "双方确认之日"));
	}
	/* a missing day is named */
	f.confirmed = GK_NO_DAY;
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "确认收到日期"));
	f = (struct gk_receipt_facts){GK_CHANNEL_LETTER, true, d1, GK_NO_DAY, GK_NO_DAY};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "签收日期"));
	f = (struct gk_receipt_facts){GK_CHANNEL_IN_PERSON, false, GK_NO_DAY, GK_NO_DAY, GK_NO_DAY};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "提交日期"));
	/* received before it was sent */
	f = (struct gk_receipt_facts){GK_CHANNEL_ONLINE, false, d2, GK_NO_DAY, d1};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	f.channel = (enum gk_channel)42;
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
}

static void test_applicant_types(void **state)
{
	static const struct {
		const char *code, *label, *group;
	} want[] = {
		{"natural_person", "自然人", "自然人"},
		{"business", "商业企业", "法人或其他组织"},
		{"research", "科研机构", "法人或其他组织"},
		{"public_interest", "社会公益组织", "法人或其他组织"},
		{"legal_services", "法律服务机构", "法人或其他组织"},
		{"other", "其他", "法人或其他组织"},
	};
	assert_int_equal(N(want), GK_APPLICANT_COUNT);
	for (size_t i = 0; i < N(want); i++) {
		enum gk_applicant_type t;
		assert_true(gk_applicant_type_parse(want[i].code, &t));
		assert_string_equal(gk_applicant_type_code(t), want[i].code);
		assert_string_equal(gk_applicant_type_label(t), want[i].label);
		const struct gk_applicant_type_info *ti = gk_applicant_type_info(t);
		assert_string_equal(ti->group, want[i].group);
		assert_int_equal(ti->column, (int)i);
	}
	enum gk_applicant_type t;
	assert_false(gk_applicant_type_parse("company", &t));
	assert_null(gk_applicant_type_info(GK_APPLICANT_COUNT));
	enum gk_delivery d;
	const char *deliveries[] = {"email", "post", "pickup", "online"};
	for (size_t i = 0; i < N(deliveries); i++) {
		assert_true(gk_delivery_parse(deliveries[i], &d));
		assert_string_equal(gk_delivery_code(d), deliveries[i]);
		assert_true(gk_delivery_label(d)[0] != '\0');
	}
	assert_false(gk_delivery_parse("fax", &d));
}

/* --- identity documents, phones, blank text, the whole check -------------------- */

static void test_resident_id(void **state)
{
	/* GB 11643's example and numbers whose check digit was worked by hand */
	assert_int_equal(gk_id_resident_check_char("11010519491231002"), 'X');
	assert_int_equal(gk_id_resident_check_char("14020219900101123"), '4');
	assert_int_equal(gk_id_resident_check_char("1402021990010112"), 0);
	assert_int_equal(gk_id_resident_check_char("1402021990010112A"), 0);
	const char *good[] = {"11010519491231002X", "11010519491231002x", "140202199001011234",
			      "140202200002291237"};
	for (size_t i = 0; i < N(good); i++)
		assert_null(gk_id_number_problem(GK_ID_RESIDENT, good[i]));
	const struct {
		const char *v, *says;
	} bad[] = {
		{"12345", "18位"},
		{"140202199001011235", "校验位"}, /* one digit off */
		{"140202199001011243", "校验位"}, /* two digits swapped */
		{"ABCDEFG<script>", "18位"},
		{"14020219900101123Y", "18位"},
		{"140202199013011234", "出生日期"}, /* month 13 */
		{"140202199902291234", "出生日期"}, /* 1999 was not a leap year */
		{"040202199001011234", "地区码"},
		{"1402021990010112345", "18位"},
	};
	for (size_t i = 0; i < N(bad); i++) {
		const char *why = gk_id_number_problem(GK_ID_RESIDENT, bad[i].v);
		assert_non_null(why);
		assert_non_null(strstr(why, bad[i].says));
	}
}

static void test_other_documents(void **state)
{
	assert_int_equal(gk_credit_code_check_char("91350100M000100Y4"), '3');
	assert_null(gk_id_number_problem(GK_ID_CREDIT_CODE, "91350100M000100Y43"));
	assert_non_null(
		strstr(gk_id_number_problem(GK_ID_CREDIT_CODE, "91350100M000100Y44"), "校验位"));
	assert_non_null(gk_id_number_problem(GK_ID_CREDIT_CODE, "91350100I000100Y43"));
	assert_null(gk_id_number_problem(GK_ID_PASSPORT, "E12345678"));
	assert_null(gk_id_number_problem(GK_ID_PASSPORT, "EA1234567"));
	assert_non_null(gk_id_number_problem(GK_ID_PASSPORT, "E123"));
	assert_non_null(gk_id_number_problem(GK_ID_PASSPORT, "ABCDEFGHI"));
	assert_non_null(gk_id_number_problem(GK_ID_PASSPORT, "E1234<5678"));
	assert_null(gk_id_number_problem(GK_ID_HK_MACAO, "H12345678"));
	assert_null(gk_id_number_problem(GK_ID_HK_MACAO, "M1234567801"));
	assert_non_null(gk_id_number_problem(GK_ID_HK_MACAO, "A12345678"));
	assert_non_null(gk_id_number_problem(GK_ID_HK_MACAO, "H1234567"));
	assert_null(gk_id_number_problem(GK_ID_TAIWAN, "12345678"));
	assert_non_null(gk_id_number_problem(GK_ID_TAIWAN, "1234567"));
	assert_non_null(gk_id_number_problem(GK_ID_TAIWAN, "T1234567"));
	assert_null(gk_id_number_problem(GK_ID_OTHER, "南字第0123456号"));
	assert_null(gk_id_number_problem(GK_ID_ANY, "91140200MA01234X56"));
	assert_non_null(gk_id_number_problem(GK_ID_OTHER, "ABCDEFG<script>"));
	assert_non_null(gk_id_number_problem(GK_ID_ANY, "ABCDEFG<script>"));
	assert_non_null(gk_id_number_problem(GK_ID_OTHER, "证件号码"));
	enum gk_id_type t;
	assert_true(gk_id_type_parse("hk_macao", &t));
	assert_int_equal(t, GK_ID_HK_MACAO);
	assert_string_equal(gk_id_type_label(GK_ID_TAIWAN), "台湾居民来往大陆通行证");
}

static void test_phones_and_email(void **state)
{
	const char *good[] = {"13912345678",      "19912345678",       "+8613912345678",
			      "+86 13912345678",  "0352-5189096",      "010-12345678",
			      "0352-5189096-123", "0352-5189096转123", "03525189096",
			      "(0352)5189096",    "（0352）5189096"};
	for (size_t i = 0; i < N(good); i++)
		assert_true(gk_phone_plausible(good[i]));
	const char *bad[] = {"abc电话",        "12912345678", "1391234567",
			     "139123456789",   "123",         "0352-0189096",
			     "352-5189096",    "0352-51890",  "0352-5189096-1234567",
			     "0352-5189096x1", "+8612345",    ""};
	for (size_t i = 0; i < N(bad); i++)
		assert_false(gk_phone_plausible(bad[i]));
	assert_true(gk_email_plausible("jia@example.cn"));
	assert_true(gk_email_plausible("a.b+c@mail.example.com.cn"));
	assert_false(gk_email_plausible("not-an-email"));
	assert_false(gk_email_plausible("a@b"));
	assert_false(gk_email_plausible("a b@example.cn"));
	assert_false(gk_email_plausible("a@@example.cn"));
	assert_false(gk_email_plausible("<x>@example.cn"));
	assert_false(gk_email_plausible("@example.cn"));
}

static void test_blank_text(void **state)
{
	size_t n;
	const char *t = gk_text_trimmed("  \u3000张三\u00a0 \n", &n);
	assert_int_equal(n, strlen("张三"));
	assert_memory_equal(t, "张三", n);
	assert_true(gk_text_blank(NULL));
	assert_true(gk_text_blank(""));
	assert_true(gk_text_blank("   \t\r\n"));
	assert_true(gk_text_blank("\u3000\u3000")); /* ideographic spaces */
	assert_false(gk_text_blank(" 甲 "));
	struct gk_error err = {GK_OK, ""};
	assert_int_equal(gk_app_check_text("   ", 60, true, false, "name", &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "“姓名或名称”不能只填空格"));
	assert_int_equal(gk_app_check_text("", 60, true, false, "description", &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "请填写“所需政府信息的名称或内容描述”"));
	assert_int_equal(gk_app_check_text("甲乙丙", 2, false, false, "doc_no", &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "“文号”最多2个字，现在是3个字"));
	assert_int_equal(gk_app_check_text("a\nb", 60, false, false, "name", &err), GK_EINVAL);
	assert_int_equal(gk_app_check_text("a\nb", 60, false, true, "note", &err), GK_OK);
	assert_int_equal(gk_app_check_text("", 60, false, false, "note", &err), GK_OK);
	/* CR LF counts as one character, as the browser's maxlength counts it */
	assert_int_equal(gk_app_check_text("甲\r\n乙\r\n丙", 5, true, true, "description", &err),
			 GK_OK);
	assert_int_equal(gk_app_check_text("甲\r\n乙\r\n丙", 4, true, true, "description", &err),
			 GK_EINVAL);
}

/* A good online intake by a natural person. */
static struct gk_intake person(void)
{
	struct gk_intake in = {0};
	in.agency_id = 1;
	in.kind = GK_INTAKE_ONLINE;
	in.applicant_type = GK_APPLICANT_NATURAL_PERSON;
	snprintf(in.applicant.name, sizeof in.applicant.name, "张三");
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "140202199001011234");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "13503520001");
	snprintf(in.applicant.email, sizeof in.applicant.email, "z@example.cn");
	in.description = "2025年道路改造工程的立项批复\n以及环评批复";
	in.delivery = GK_DELIVERY_EMAIL;
	in.id_type = GK_ID_RESIDENT;
	in.id_type_required = true;
	return in;
}

static void test_intake_check(void **state)
{
	struct gk_intake_problems p;
	struct gk_intake in = person();
	assert_int_equal(gk_intake_check(&in, &p), 0);
	struct gk_error err = {GK_OK, ""};
	assert_int_equal(gk_intake_validate(&in, &err), GK_OK);

	/* every problem at once, each beside its own field */
	in.agency_id = 0;
	snprintf(in.applicant.name, sizeof in.applicant.name, "\u3000 ");
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "12345");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "abc电话");
	in.applicant.email[0] = '\0';
	in.description = "    ";
	assert_int_equal(gk_intake_check(&in, &p), 6);
	assert_non_null(strstr(p.message[GK_FIELD_AGENCY], "请选择受理机关"));
	assert_non_null(strstr(p.message[GK_FIELD_NAME], "不能只填空格"));
	assert_non_null(strstr(p.message[GK_FIELD_ID_NUMBER], "18位"));
	assert_non_null(strstr(p.message[GK_FIELD_PHONE], "手机号码"));
	assert_string_equal(p.message[GK_FIELD_EMAIL], "选择“电子邮件”方式获取的，请填写电子邮箱");
	assert_non_null(strstr(p.message[GK_FIELD_DESCRIPTION], "不能只填空格"));
	assert_int_equal(gk_intake_validate(&in, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "受理机关")); /* the first field */

	/* a natural person must give an ID, and say which document */
	in = person();
	in.applicant.id_number[0] = '\0';
	in.id_type = GK_ID_ANY;
	assert_int_equal(gk_intake_check(&in, &p), 2);
	assert_string_equal(p.message[GK_FIELD_ID_TYPE], "请选择证件类型");
	assert_non_null(strstr(p.message[GK_FIELD_ID_NUMBER], "请填写身份证件号码"));
	in = person();
	in.id_type = GK_ID_CREDIT_CODE;
	assert_int_equal(gk_intake_check(&in, &p), 2);
	assert_non_null(strstr(p.message[GK_FIELD_ID_TYPE], "统一社会信用代码适用于法人"));
	in = person();
	in.id_type = GK_ID_PASSPORT;
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "E12345678");
	assert_int_equal(gk_intake_check(&in, &p), 0);

	/* an organisation need not give a number; if it does, it is checked */
	in = person();
	in.applicant_type = GK_APPLICANT_BUSINESS;
	in.applicant.id_number[0] = '\0';
	in.id_type = GK_ID_ANY;
	assert_int_equal(gk_intake_check(&in, &p), 0);
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "91350100M000100Y44");
	in.id_type = GK_ID_CREDIT_CODE;
	assert_int_equal(gk_intake_check(&in, &p), 1);
	assert_non_null(strstr(p.message[GK_FIELD_ID_NUMBER], "校验位"));

	/* the API and staff say no type: a plausibility check only */
	in = person();
	in.id_type = GK_ID_ANY;
	in.id_type_required = false;
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "140202199001011235");
	assert_int_equal(gk_intake_check(&in, &p), 0);
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "ABCDEFG<script>");
	assert_int_equal(gk_intake_check(&in, &p), 1);

	/* staff register what came on paper: phones are not refused for their
	   form, and the clerk may have seen the document itself */
	in = person();
	in.kind = GK_INTAKE_STAFF;
	in.id_type_required = false;
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "123");
	in.applicant.id_number[0] = '\0';
	assert_int_equal(gk_intake_check(&in, &p), 0);

	/* contact and delivery */
	in = person();
	in.applicant.phone[0] = in.applicant.email[0] = '\0';
	in.delivery = GK_DELIVERY_PICKUP;
	assert_int_equal(gk_intake_check(&in, &p), 1);
	assert_non_null(strstr(p.message[GK_FIELD_PHONE], "至少填写"));
	in.delivery = GK_DELIVERY_POST;
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "0352-5189096");
	assert_int_equal(gk_intake_check(&in, &p), 1);
	assert_string_equal(p.message[GK_FIELD_ADDRESS], "选择“邮寄”方式获取的，请填写通信地址");
	in.delivery = GK_DELIVERY_COUNT;
	in.applicant_type = GK_APPLICANT_COUNT;
	in.medium = "vellum";
	assert_int_equal(gk_intake_check(&in, &p), 3);
	assert_string_equal(p.message[GK_FIELD_DELIVERY], "请选择获取信息的方式");
	assert_string_equal(p.message[GK_FIELD_APPLICANT_TYPE], "请选择申请人类型");
	assert_true(p.message[GK_FIELD_MEDIUM][0] != '\0');

	/* limits come from one place */
	in = person();
	char long_name[GK_INTAKE_NAME_MAX * 3 + 4] = "";
	for (int i = 0; i <= GK_INTAKE_NAME_MAX; i++)
		memcpy(long_name + 3 * i, "名", 4);
	snprintf(in.applicant.name, sizeof in.applicant.name, "%s", long_name);
	assert_int_equal(gk_intake_check(&in, &p), 1);
	assert_non_null(strstr(p.message[GK_FIELD_NAME], "最多60个字，现在是61个字"));
	assert_int_equal(gk_intake_field_max(GK_FIELD_DESCRIPTION), GK_APP_DESCRIPTION_MAX);
	assert_int_equal(gk_intake_field_max(GK_FIELD_AGENCY), 0);
	assert_string_equal(gk_intake_field_code(GK_FIELD_ID_NUMBER), "id_number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_channels),        cmocka_unit_test(test_receipt_day),
		cmocka_unit_test(test_applicant_types), cmocka_unit_test(test_resident_id),
		cmocka_unit_test(test_other_documents), cmocka_unit_test(test_phones_and_email),
		cmocka_unit_test(test_blank_text),      cmocka_unit_test(test_intake_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
