/* JSON Lines read and parsed in a thread of their own, a few hundred lines
 * ahead of the caller: an import's parsing (a fifth of its time) runs on
 * the other core while its rows are written. */
#ifndef GK_CLI_JSONL_READER_H
#define GK_CLI_JSONL_READER_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>

#include "lib/error.h"

#define GK_JSONL_SLOTS 256

/* One non-blank line: its object, or why it has none. */
struct gk_jsonl_row {
	long line;
	json_t *obj; /* the caller's to release; NULL: WHY says what is wrong */
	/* with a conversion (gk_jsonl_reader_start_converting): what it made
	 * of the object, the caller's to release (obj is then NULL) */
	void *made;
	char why[200];
};

/* Makes what the caller wants of OBJ, in the reading thread (not NULL). */
typedef void *gk_jsonl_convert_fn(json_t *obj, long line, void *ctx);

struct gk_jsonl_reader {
	FILE *in;
	size_t max_line;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t filled, emptied;
	struct gk_jsonl_row slots[GK_JSONL_SLOTS];
	size_t head, tail; /* rows taken, rows put (head <= tail) */
	bool taker_waits, putter_waits;
	bool done;      /* the reader put its last row */
	bool stop;      /* the caller wants no more */
	int read_errno; /* a read error ended the file (0: its end) */
	gk_jsonl_convert_fn *convert;
	void (*release)(void *made);
	void *convert_ctx;
};

/* Starts reading IN (lines longer than MAX_LINE bytes are reported, not
 * parsed). */
enum gk_err gk_jsonl_reader_start(struct gk_jsonl_reader *r, FILE *in, size_t max_line,
				  struct gk_error *err);
/* The same, converting each object in the reading thread too (the caller
 * gets row.made instead of row.obj): what the writer need not do itself.
 * RELEASE frees what was made but not taken. */
enum gk_err gk_jsonl_reader_start_converting(struct gk_jsonl_reader *r, FILE *in, size_t max_line,
					     gk_jsonl_convert_fn *convert,
					     void (*release)(void *made), void *ctx,
					     struct gk_error *err);
/* The next row into ROW; false at the end of the file (or after a read
 * error: see read_errno after gk_jsonl_reader_stop). */
bool gk_jsonl_reader_next(struct gk_jsonl_reader *r, struct gk_jsonl_row *row);
/* Stops the thread, releases rows not taken; harmless after the end. */
void gk_jsonl_reader_stop(struct gk_jsonl_reader *r);

#endif
