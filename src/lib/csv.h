/* CSV (RFC 4180) writing and reading, for exports and imports. */
#ifndef GK_LIB_CSV_H
#define GK_LIB_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/buf.h"

/* Appends VALUE as one field, quoted when it holds a comma, quote or line
 * break; then a comma, or CRLF if LAST. A value starting with = + @ or a
 * tab gets a leading ' so spreadsheets do not run it as a formula. */
void gk_csv_field(struct gk_buf *b, const char *value, bool last);

#define GK_CSV_MAX_FIELDS 64

struct gk_csv_reader {
	FILE *in;
	long line;          /* the line the last record started on (1-based) */
	long next_line;     /* where the next record starts */
	struct gk_buf text; /* the record's fields, NUL-separated */
	const char *fields[GK_CSV_MAX_FIELDS];
	int nfields;
};

/* Prepares R to read records from IN (which stays the caller's). */
void gk_csv_reader_init(struct gk_csv_reader *r, FILE *in);
/* Frees what R owns (its record buffer), not IN; R can be initialised again. */
void gk_csv_reader_release(struct gk_csv_reader *r);
/* Reads one record into r->fields. Returns 1 for a record, 0 at the end,
 * -1 for a malformed record (an unclosed quote, too many fields, a record
 * over 4 MB), after which reading goes on at the next line. */
int gk_csv_read(struct gk_csv_reader *r);

#endif
