/* Fuzz target: the CSV reader of `gongkai import` (lib/csv.c) and the
 * import's rows: the first record names the fields, each later one of as
 * many fields becomes an object read as an item (gk_svc_import_read), as
 * cli/cmd_import.c does. Properties: the reader ends (every call reads
 * something or reports the end), its fields are NUL-terminated inside its
 * buffer, lines only go forward; what it reads, written again by
 * gk_csv_field, reads back as the same fields; a refused row says why. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "core/item.h"
#include "lib/csv.h"
#include "lib/utf8.h"
#include "service/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The record in R written with gk_csv_field and read back. */
static void csv_round_trip(const struct gk_csv_reader *r)
{
	struct gk_buf b;
	gk_buf_init(&b, (size_t)64 << 20);
	for (int i = 0; i < r->nfields; i++)
		gk_csv_field(&b, r->fields[i], i == r->nfields - 1);
	FUZZ_CHECK(!b.failed, "the record can be written");
	FILE *in = fmemopen(b.data, b.len, "r");
	FUZZ_CHECK(in != NULL, "fmemopen");
	struct gk_csv_reader again;
	gk_csv_reader_init(&again, in);
	int got = gk_csv_read(&again);
	/* a record of one empty field is written as a bare line end */
	bool empty = r->nfields == 1 && !r->fields[0][0];
	if (empty) {
		FUZZ_CHECK(got == 1 && again.nfields == 1 && !again.fields[0][0],
			   "an empty record reads back");
	} else {
		FUZZ_CHECK(got == 1, "a written record reads back");
		FUZZ_CHECK(again.nfields == r->nfields, "the same number of fields");
		for (int i = 0; i < r->nfields; i++) {
			/* the reader drops every CR outside quotes; the writer quotes
			 * a field holding one, so it survives */
			FUZZ_CHECK(strcmp(again.fields[i], r->fields[i]) == 0,
				   "the same field read back");
		}
		FUZZ_CHECK(gk_csv_read(&again) == 0, "nothing after the record");
	}
	gk_csv_reader_release(&again);
	fclose(in);
	gk_buf_release(&b);
}

/* A row under HEADER as the import reads it. */
static void csv_import_row(char *const *header, const struct gk_csv_reader *r)
{
	json_t *obj = json_object();
	FUZZ_CHECK(obj != NULL, "memory");
	for (int i = 0; i < r->nfields; i++)
		json_object_set_new(obj, header[i], json_string(r->fields[i]));
	struct gk_item it;
	char interprets[GK_INDEX_MAX];
	struct gk_error err = {0};
	if (gk_svc_import_read(obj, &it, interprets, &err) != GK_OK)
		FUZZ_CHECK(err.detail[0] != '\0' && gk_utf8_valid(err.detail, strlen(err.detail)),
			   "a refused row says why, in valid UTF-8");
	gk_item_release(&it);
	json_decref(obj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header[GK_CSV_MAX_FIELDS];
	int nheader = -1;
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	FUZZ_CHECK(in != NULL, "fmemopen");
	struct gk_csv_reader r;
	gk_csv_reader_init(&r, in);
	long records = 0, last_line = 0;
	int got;
	while ((got = gk_csv_read(&r)) != 0) {
		FUZZ_CHECK(++records <= (long)size + 1, "the reader ends");
		FUZZ_CHECK(r.line > last_line && r.next_line > r.line - 1, "lines go forward");
		last_line = r.line;
		if (got < 0)
			continue;
		FUZZ_CHECK(r.nfields >= 1 && r.nfields <= GK_CSV_MAX_FIELDS, "a field count");
		for (int i = 0; i < r.nfields; i++) {
			const char *f = r.fields[i];
			FUZZ_CHECK(f >= r.text.data && f < r.text.data + r.text.len,
				   "a field inside the record's buffer");
			FUZZ_CHECK(f + strlen(f) < r.text.data + r.text.len,
				   "a field ended inside the buffer");
		}
		csv_round_trip(&r);
		if (nheader < 0) {
			nheader = r.nfields;
			for (int i = 0; i < nheader; i++) {
				header[i] = strdup(r.fields[i]);
				FUZZ_CHECK(header[i] != NULL, "memory");
			}
		} else if (r.nfields == nheader) {
			csv_import_row(header, &r);
		}
	}
	for (int i = 0; i < nheader; i++)
		free(header[i]);
	gk_csv_reader_release(&r);
	fclose(in);
	return 0;
}
