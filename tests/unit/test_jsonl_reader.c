/* Unit tests for cli/jsonl_reader: rows in file order with their line
 * numbers, blank lines skipped, bad lines reported, an early stop, a
 * conversion in the reading thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli/jsonl_reader.h"

/* A file of N lines {"n": I}, with a blank line after every tenth. */
static FILE *numbers(int n)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	for (int i = 1; i <= n; i++)
		fprintf(f, "{\"n\": %d}\n%s", i, i % 10 == 0 ? "\n" : "");
	rewind(f);
	return f;
}

/* More rows than the slots between the threads: all come, in order. */
static void rows_come_in_order(void **state)
{
	(void)state;
	int n = GK_JSONL_SLOTS * 5 + 7;
	FILE *f = numbers(n);
	struct gk_jsonl_reader r;
	struct gk_error err = {0};
	assert_int_equal(gk_jsonl_reader_start(&r, f, 1 << 20, &err), GK_OK);
	struct gk_jsonl_row row;
	int got = 0;
	long line = 0;
	while (gk_jsonl_reader_next(&r, &row)) {
		got++;
		assert_non_null(row.obj);
		assert_int_equal(json_integer_value(json_object_get(row.obj, "n")), got);
		/* one blank line after every tenth row */
		assert_int_equal(row.line, line + 1 + (got > 1 && (got - 1) % 10 == 0));
		line = row.line;
		json_decref(row.obj);
	}
	assert_int_equal(got, n);
	gk_jsonl_reader_stop(&r);
	assert_int_equal(r.read_errno, 0);
	fclose(f);
}

static void bad_lines_say_why(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	fputs("{\"a\": 1}\n{\"a\": \n  \n{\"a\": 1, \"a\": 2}\n{\"b\": \"", f);
	for (int i = 0; i < 100; i++)
		fputs("长", f);
	fputs("\"}\n{\"c\": 3}", f);
	rewind(f);
	struct gk_jsonl_reader r;
	struct gk_error err = {0};
	assert_int_equal(gk_jsonl_reader_start(&r, f, 200, &err), GK_OK);
	struct gk_jsonl_row row;
	long lines[5];
	bool ok[5];
	int n = 0;
	while (n < 5 && gk_jsonl_reader_next(&r, &row)) {
		lines[n] = row.line;
		ok[n] = row.obj != NULL;
		if (!row.obj)
			assert_true(row.why[0] != '\0');
		if (n == 3)
			assert_non_null(strstr(row.why, "longer than"));
		json_decref(row.obj);
		n++;
	}
	assert_false(gk_jsonl_reader_next(&r, &row));
	gk_jsonl_reader_stop(&r);
	assert_int_equal(n, 5);
	long want_lines[] = {1, 2, 4, 5, 6};
	bool want_ok[] = {true, false, false, false, true};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(lines[i], want_lines[i]);
		assert_int_equal(ok[i], want_ok[i]);
	}
	fclose(f);
}

/* Every line gives what jansson gives (the reader parses the common flat
 * object itself and leaves the rest to jansson). */
static void parses_as_jansson_does(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"{\"title\": \"上海口岸服务条例\", \"body\": \"第一章\\n第一条 \\\"口岸\\\"\\t\\\\ \\/\"}",
		"  {\"a\":\"\\u00e9\\u4e2d\\ud83d\\ude00\",\"b\":null,\"c\":true,\"d\":false}  ",
		"{\"a\": \"x\", \"n\": 12, \"f\": 1.5}",
		"{\"attachments\": [{\"name\": \"附件\"}], \"t\": \"x\"}",
		"{\"k\\u0061y\": \"escaped key\"}",
		"{}",
		"[1, 2]",
		"{\"a\": \"1\", \"a\": \"2\"}",
		"{\"a\": \"\\u0000\"}",
		"{\"a\": \"\\ud800\"}",
		"{\"a\": \"\\udc00x\"}",
		"{\"a\": \"\\x\"}",
		"{\"a\": \"bad \xC0\xAF utf-8\"}",
		"{\"a\": \"tab\there\"}",
		"{\"a\": \"x\"} trailing",
		"{\"a\": \"x\",}",
		"{\"a\" \"x\"}",
		"{\"a\": nul}",
		"{\"a\": \"unterminated}",
		"{\"a\": \"x\"",
	};
	size_t n = sizeof lines / sizeof lines[0];
	FILE *f = tmpfile();
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i]);
	rewind(f);
	struct gk_jsonl_reader r;
	struct gk_error err = {0};
	assert_int_equal(gk_jsonl_reader_start(&r, f, 1 << 20, &err), GK_OK);
	struct gk_jsonl_row row;
	size_t i = 0;
	for (; gk_jsonl_reader_next(&r, &row); i++) {
		assert_true(i < n);
		assert_int_equal(row.line, (long)i + 1);
		json_error_t jerr;
		json_t *want = json_loads(lines[i], JSON_REJECT_DUPLICATES, &jerr);
		if (!want) {
			assert_null(row.obj);
			assert_non_null(strstr(row.why, "not valid JSON"));
		} else {
			assert_non_null(row.obj);
			assert_true(json_equal(row.obj, want));
		}
		json_decref(want);
		json_decref(row.obj);
	}
	assert_int_equal(i, n);
	gk_jsonl_reader_stop(&r);
	fclose(f);
}

/* The caller stops after a few rows: the thread ends, parsed rows not
 * taken are released (ASan sees a leak otherwise). */
static void stops_early(void **state)
{
	(void)state;
	FILE *f = numbers(GK_JSONL_SLOTS * 8);
	struct gk_jsonl_reader r;
	struct gk_error err = {0};
	assert_int_equal(gk_jsonl_reader_start(&r, f, 1 << 20, &err), GK_OK);
	struct gk_jsonl_row row;
	for (int i = 0; i < 3; i++) {
		assert_true(gk_jsonl_reader_next(&r, &row));
		json_decref(row.obj);
	}
	gk_jsonl_reader_stop(&r);
	gk_jsonl_reader_stop(&r); /* harmless twice */
	fclose(f);
}

/* What the conversion makes of an object: its "n" and line, on the heap. */
struct made {
	long n, line;
};

static void *convert(json_t *obj, long line, void *ctx)
{
	struct made *m = malloc(sizeof *m);
	assert_non_null(m);
	m->n = (long)json_integer_value(json_object_get(obj, "n"));
	m->line = line;
	(*(int *)ctx)++;
	return m;
}

/* A conversion runs in the reading thread: each row carries what it made
 * (no object), a bad line still says why, and what was made but not taken
 * is released at the stop (the sanitizer would see a leak). */
static void converts_in_the_reading_thread(void **state)
{
	(void)state;
	FILE *f = numbers(GK_JSONL_SLOTS * 3);
	fseek(f, 0, SEEK_END);
	fputs("{\"n\": \n", f);
	rewind(f);
	struct gk_jsonl_reader r;
	struct gk_error err = {0};
	int converted = 0;
	assert_int_equal(
		gk_jsonl_reader_start_converting(&r, f, 1 << 20, convert, free, &converted, &err),
		GK_OK);
	struct gk_jsonl_row row;
	int got = 0;
	while (gk_jsonl_reader_next(&r, &row)) {
		assert_null(row.obj);
		if (got == GK_JSONL_SLOTS * 3) {
			assert_null(row.made);
			assert_non_null(strstr(row.why, "not valid JSON"));
			got++;
			continue;
		}
		struct made *m = row.made;
		assert_non_null(m);
		assert_int_equal(m->n, ++got);
		assert_int_equal(m->line, row.line);
		free(m);
	}
	assert_int_equal(got, GK_JSONL_SLOTS * 3 + 1);
	assert_int_equal(converted, GK_JSONL_SLOTS * 3);
	gk_jsonl_reader_stop(&r);
	fclose(f);
	/* stopped early: the rows made ahead are released */
	f = numbers(GK_JSONL_SLOTS * 4);
	assert_int_equal(
		gk_jsonl_reader_start_converting(&r, f, 1 << 20, convert, free, &converted, &err),
		GK_OK);
	assert_true(gk_jsonl_reader_next(&r, &row));
	free(row.made);
	gk_jsonl_reader_stop(&r);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_come_in_order),
		cmocka_unit_test(bad_lines_say_why),
		cmocka_unit_test(parses_as_jansson_does),
		cmocka_unit_test(stops_early),
		cmocka_unit_test(converts_in_the_reading_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
