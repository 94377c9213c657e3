/* Reading a report's bytes: decoding to UTF-8 and normalising into logical lines.
 *
 * HTML, Markdown and `pdftotext -layout` alike become logical lines; a map
 * from every byte of the normalised text back to the decoded input lets a
 * finding quote the input at its own line and byte offsets. */
#ifndef GK_CORE_REPORT_TEXT_H
#define GK_CORE_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

/* The largest report accepted, in bytes (before decoding). */
#define GK_REPORT_MAX_INPUT ((size_t)16 << 20)

/* One logical line of the normalised text. Table rows (HTML <tr>, Markdown
 * pipes, runs of two or more spaces or tabs in plain text) keep their cells
 * separated by '\t'; an empty HTML cell stays an empty cell. */
struct gk_report_line {
	size_t start, len; /* in text */
	int lineno;        /* 1-based line of the decoded input where it begins */
	bool cells;        /* contains '\t' cell separators */
};

/* A stretch of normalised text and the input it came from. When text_len ==
 * src_len the bytes were copied one for one; otherwise (an entity, a
 * full-width digit, a separator) the whole stretch maps to the source stretch. */
struct gk_report_span {
	size_t text_off, text_len, src_off, src_len;
};

struct gk_report_text {
	char *src; /* the decoded input, UTF-8, NUL-terminated; offsets refer to it */
	size_t src_len;
	char *text; /* normalised: lines joined by '\n', NUL-terminated */
	size_t text_len;
	struct gk_report_line *lines;
	size_t nlines;
	struct gk_report_span *spans;
	size_t nspans;
	size_t *src_lines; /* byte offset in src where each input line starts */
	size_t nsrc_lines;
	const char *encoding; /* "UTF-8", "GB18030" or "UTF-16" (static strings) */
	const char *format;   /* "text", "markdown" or "html" (static strings) */
};

/* Decodes and normalises DATA[0..LEN). UTF-8 input (with or without a BOM) is
 * kept byte for byte in t->src, so offsets are offsets into DATA; GB18030 and
 * UTF-16 input is converted and offsets refer to the converted t->src.
 * Fails with GK_ETOOBIG above GK_REPORT_MAX_INPUT and GK_EINVAL for empty,
 * binary or undecodable input, with a message for people in ERR. On success
 * the caller owns T and releases it with gk_report_text_release. */
enum gk_err gk_report_text_load(struct gk_report_text *t, const char *data, size_t len,
				struct gk_error *err);
/* Frees everything T owns; T is zeroed. Accepts a zeroed T. */
void gk_report_text_release(struct gk_report_text *t);

/* Offset in t->src of the byte at normalised offset OFF (a start). */
size_t gk_report_text_src_start(const struct gk_report_text *t, size_t off);
/* Offset in t->src just past the byte before normalised offset END. */
size_t gk_report_text_src_end(const struct gk_report_text *t, size_t end);
/* 1-based input line of source offset SRC_OFF. */
int gk_report_text_src_lineno(const struct gk_report_text *t, size_t src_off);

#endif
