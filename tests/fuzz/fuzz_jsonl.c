/* Fuzz target: the JSON Lines reader of `gongkai import` (cli/
 * jsonl_reader.c), whose fast path parses flat objects of strings itself
 * and leaves everything else to jansson. Property: for every non-blank
 * line the reader gives the same object jansson makes of the line (or
 * none when jansson refuses it), with the line's number. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_check.h"

#include "cli/jsonl_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	FUZZ_CHECK(in != NULL, "fmemopen");
	struct gk_jsonl_reader r;
	struct gk_error err = {0};
	FUZZ_CHECK(gk_jsonl_reader_start(&r, in, (size_t)1 << 20, &err) == GK_OK,
		   "the reader starts");
	const char *p = (const char *)data, *end = p + size;
	long lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		lineno++;
		const char *line = p;
		p += n;
		size_t blank = 0;
		while (blank < n && strchr(" \t\r\n", line[blank]) && line[blank])
			blank++;
		if (blank == n)
			continue;
		struct gk_jsonl_row row;
		FUZZ_CHECK(gk_jsonl_reader_next(&r, &row), "a row for each non-blank line");
		FUZZ_CHECK(row.line == lineno, "the row's line number");
		json_error_t jerr;
		json_t *want = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
		if (!want) {
			FUZZ_CHECK(!row.obj, "what jansson refuses is refused");
			FUZZ_CHECK(row.why[0] != '\0', "a refusal says why");
		} else {
			FUZZ_CHECK(row.obj != NULL, "what jansson reads is read");
			FUZZ_CHECK(json_equal(row.obj, want), "the same object as jansson's");
		}
		json_decref(want);
		json_decref(row.obj);
	}
	struct gk_jsonl_row extra;
	FUZZ_CHECK(!gk_jsonl_reader_next(&r, &extra), "no row past the last line");
	gk_jsonl_reader_stop(&r);
	fclose(in);
	return 0;
}
