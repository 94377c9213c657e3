/* Reading a test's input file whole (tests run from the repository root).
 * Header-only, like tempdb.h: include after <cmocka.h>. */
#ifndef GK_TESTS_TESTFILE_H
#define GK_TESTS_TESTFILE_H

#include <stdio.h>
#include <stdlib.h>

/* PATH's bytes with a NUL after them (*LEN, if LEN, gets their number), or
 * NULL if it cannot be opened: for inputs a test may do without. */
static inline char *testfile_read_if_any(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* The same for an input the test needs: a missing file fails the test. */
static inline char *testfile_read(const char *path, size_t *len)
{
	char *buf = testfile_read_if_any(path, len);
	if (!buf)
		fail_msg("cannot read %s (tests run from the repository root)", path);
	return buf;
}

#endif
