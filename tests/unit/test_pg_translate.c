/* Unit tests for store/postgres/translate: the store's SQL as PostgreSQL
 * reads it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "store/postgres/translate.h"

static void check(const char *sql, bool returning, const char *want, int want_params)
{
	int n = -1;
	char *out = gk_pg_translate(sql, returning, &n);
	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(n, want_params);
	free(out);
}

static void parameters_become_dollars(void **state)
{
	check("SELECT a FROM t WHERE b = ?1 AND c = ?2", false,
	      "SELECT a FROM t WHERE b = $1 AND c = $2", 2);
	check("UPDATE t SET a=?12,b=?3", false, "UPDATE t SET a=$12,b=$3", 12);
	check("SELECT 1", false, "SELECT 1", 0);
	check("", false, "", 0);
	/* a bare ? is not a parameter of ours */
	check("SELECT ? ", false, "SELECT ? ", 0);
}

static void literals_names_and_comments_stay(void **state)
{
	check("SELECT '?1', \"?2\" FROM t WHERE x = ?3", false,
	      "SELECT '?1', \"?2\" FROM t WHERE x = $3", 3);
	check("SELECT 'it''s ?1' || ?2", false, "SELECT 'it''s ?1' || $2", 2);
	check("SELECT \"a\"\"?1\" FROM t", false, "SELECT \"a\"\"?1\" FROM t", 0);
	check("SELECT 1 -- ?1 char(\n, ?2", false, "SELECT 1 -- ?1 char(\n, $2", 2);
	check("SELECT /* ?1 group_concat( */ ?2", false, "SELECT /* ?1 group_concat( */ $2", 2);
	/* unterminated: copied to the end */
	check("SELECT '?1", false, "SELECT '?1", 0);
	check("SELECT 1 /* ?1", false, "SELECT 1 /* ?1", 0);
}

static void sqlite_functions_renamed(void **state)
{
	check("SELECT group_concat(f.name, char(10)) FROM f", false,
	      "SELECT string_agg(f.name, chr(10)) FROM f", 0);
	check("SELECT GROUP_CONCAT(x, CHAR(10))", false, "SELECT string_agg(x, chr(10))", 0);
	/* only whole words */
	check("CREATE TABLE t (a varchar(10), my_char(1))", false,
	      "CREATE TABLE t (a varchar(10), my_char(1))", 0);
	check("SELECT 'char(10)'", false, "SELECT 'char(10)'", 0);
}

static void returning_id_appended(void **state)
{
	check("INSERT INTO t(a) VALUES (?1)", true, "INSERT INTO t(a) VALUES ($1) RETURNING id", 1);
	check("INSERT INTO t(a) VALUES (?1);  \n", true,
	      "INSERT INTO t(a) VALUES ($1) RETURNING id", 1);
	check("INSERT INTO t(a) VALUES (?1)", false, "INSERT INTO t(a) VALUES ($1)", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parameters_become_dollars),
		cmocka_unit_test(literals_names_and_comments_stay),
		cmocka_unit_test(sqlite_functions_renamed),
		cmocka_unit_test(returning_id_appended),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
