/* Unit tests for core/password_policy: length in characters, blanks,
 * repetition, runs, common passwords, the login. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/password_policy.h"

/* Refused, with a message containing WHY. */
static void refused(const char *password, const char *login, const char *why)
{
	struct gk_error err = {0};
	if (gk_password_policy_check(password, login, &err) != GK_EINVAL)
		fail_msg("accepted: \"%s\"", password);
	if (!strstr(err.detail, why))
		fail_msg("\"%s\": %s (wanted %s)", password, err.detail, why);
	assert_non_null(strstr(err.detail, "“密码”"));
}

static void accepted(const char *password, const char *login)
{
	struct gk_error err = {0};
	if (gk_password_policy_check(password, login, &err) != GK_OK)
		fail_msg("refused: \"%s\": %s", password, err.detail);
}

static void length_counts_characters(void **state)
{
	(void)state;
	refused(NULL, NULL, "请填写");
	refused("", NULL, "请填写");
	refused("short", NULL, "至少需要10个字符");
	/* five Chinese characters are 15 bytes, still five characters */
	refused("政府信息公", NULL, "现在只有5个");
	refused("政府信息公开条例", NULL, "至少需要10个字符");
	accepted("依法公开政府信息办理申请", NULL);
	char longest[300];
	memset(longest, 'x', sizeof longest - 1);
	longest[sizeof longest - 1] = '\0';
	refused(longest, NULL, "不能超过256字节");
	refused("bad \xff utf-8 text", NULL, "UTF-8");
}

static void blanks_and_repetition(void **state)
{
	(void)state;
	refused("          ", NULL, "不能全是空格");
	refused("\t \t \t \t \t ", NULL, "不能全是空格");
	refused("　　　　　　　　　　", NULL, "不能全是空格"); /* ideographic spaces */
	refused("aaaaaaaaaa", NULL, "重复");
	refused("ababababab", NULL, "重复");
	refused("xyz7xyz7xyz7", NULL, "重复");
	refused("公开公开公开公开公开", NULL, "重复");
}

static void runs_and_keyboards(void **state)
{
	(void)state;
	refused("1234567890", NULL, "太有规律");
	refused("0987654321", NULL, "太有规律");
	refused("abcdefghijkl", NULL, "太有规律");
	refused("qwertyuiop", NULL, "太有规律");
	refused("QWERTYuiop[]", NULL, "太有规律");
	refused("asdfghjkl;'", NULL, "太有规律");
	refused("1qaz2wsx3edc", NULL, "太有规律");
	refused("zxcvbnm123456", NULL, "规律");
	refused("aaabbbcccddd", NULL, "太有规律");
}

static void common_passwords(void **state)
{
	(void)state;
	refused("password12", NULL, "常见密码");
	refused("Password2024!", NULL, "常见密码");
	refused("P@ssw0rd123", NULL, "常见密码");
	refused("iloveyou2024", NULL, "常见密码");
	refused("woaini1314520", NULL, "常见密码");
	refused("admin@123456", NULL, "常见密码");
	refused("woaibeijing", NULL, "常见密码");
	refused("5201314woaini", NULL, "常见密码");
	refused("gongkai2026", NULL, "常见密码");
}

static void login_derived(void **state)
{
	(void)state;
	refused("zhang.wei01", "zhang.wei01", "不能包含账号名");
	refused("hbj.editor2024", "hbj.editor", "不能包含账号名");
	refused("HBJ.EDITOR!!xyz", "hbj.editor", "不能包含账号名");
	refused("rotide.jbh-77", "hbj.editor", "不能包含账号名"); /* reversed */
	refused("xiaoming12345", "wangxiaoming", "账号名变化");
	accepted("editor-of-the-bureau", "hbj.editor");
}

static void good_passwords(void **state)
{
	(void)state;
	accepted("correct horse battery staple", NULL);
	accepted("Tr0ub4dor&3x", NULL);
	accepted("政府信息公开工作年度报告", NULL);
	accepted("long enough 密码", NULL);
	accepted("e2e-secret-pass", NULL);
	accepted("a-good-password", "clerk");
	accepted("unit-test-password", NULL);
	accepted("demo-password-1", NULL);
	accepted("first-password-1", NULL);
	refused("yg-handler-pass", "yg.handler", "账号名变化");
	accepted("k7Hp2mQx9Wtz", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(length_counts_characters),
		cmocka_unit_test(blanks_and_repetition),
		cmocka_unit_test(runs_and_keyboards),
		cmocka_unit_test(common_passwords),
		cmocka_unit_test(login_derived),
		cmocka_unit_test(good_passwords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
