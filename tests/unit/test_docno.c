/* Unit tests for core/docno: 文号 in every bracket style normalise to 〔〕. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/docno.h"

static void check(const char *in, const char *want)
{
	char out[128];
	struct gk_error err = {0};
	enum gk_err rc = gk_docno_normalise(in, out, sizeof out, &err);
	if (rc)
		fail_msg("'%s' rejected: %s", in, err.detail);
	assert_string_equal(out, want);
}

static void bad(const char *in)
{
	char out[128];
	struct gk_error err = {0};
	assert_int_equal(gk_docno_normalise(in, out, sizeof out, &err), GK_EINVAL);
	assert_true(err.detail[0] != '\0');
}

static void brackets_of_every_kind(void **state)
{
	check("国办函〔2020〕109号", "国办函〔2020〕109号");
	check("同政办发电[2017]109号", "同政办发电〔2017〕109号");
	check("晋政办发(2017)50号", "晋政办发〔2017〕50号");
	check("同政办函（2017）3号", "同政办函〔2017〕3号");
	check("晋政办发电【2017】12号", "晋政办发电〔2017〕12号");
	check("晋政发［2016］8号", "晋政发〔2016〕8号");
}

static void serial_without_zeros_or_di(void **state)
{
	check("同政办发〔2017〕002号", "同政办发〔2017〕2号");
	check("同政发〔2017〕第15号", "同政发〔2017〕15号");
	check("同政发〔2017〕15", "同政发〔2017〕15号");
	check(" 同政发 〔２０１７〕 １５号 ", "同政发〔2017〕15号");
}

static void decrees_keep_their_form(void **state)
{
	check("国务院令第492号", "国务院令第492号");
	check("省政府令第0237号", "省政府令第237号");
}

static void empty_is_no_number(void **state)
{
	check("", "");
	check("   ", "");
}

static void rejects_what_is_not_a_number(void **state)
{
	bad("关于做好工作的通知");
	bad("〔2017〕3号");           /* no agency code */
	bad("同政发〔17〕3号");       /* two-digit year */
	bad("同政发〔2017〕号");      /* no serial */
	bad("同政发〔2017〕0号");     /* serial 0 */
	bad("同政发〔2017〕3号附件"); /* trailing text */
	bad("同政发〔1800〕3号");     /* implausible year */
}

static void parse_gives_the_parts(void **state)
{
	struct gk_docno d;
	assert_int_equal(gk_docno_parse("国办函(2020)109号", &d, NULL), GK_OK);
	assert_string_equal(d.prefix, "国办函");
	assert_int_equal(d.year, 2020);
	assert_int_equal(d.serial, 109);
	assert_false(d.decree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(brackets_of_every_kind),
		cmocka_unit_test(serial_without_zeros_or_di),
		cmocka_unit_test(decrees_keep_their_form),
		cmocka_unit_test(empty_is_no_number),
		cmocka_unit_test(rejects_what_is_not_a_number),
		cmocka_unit_test(parse_gives_the_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
