/* The state of one parse, shared by the files that read a report (read.c, figures.c, locate_*.c).
 *
 * Private to core/report/. The vectors grow while the text is read; at the
 * end read.c hands their arrays to struct gk_report. */
#ifndef GK_CORE_REPORT_PARSER_H
#define GK_CORE_REPORT_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/report.h"

/* A growable array of SIZE-byte elements. */
struct gk_report_vec {
	void *data;
	size_t n, cap, size;
};

/* Appends a zeroed element and returns it; NULL when out of memory (the
 * vector is unchanged). Earlier element pointers may move. */
void *gk_report_vec_push(struct gk_report_vec *v);

struct gk_report_parser {
	struct gk_report *r;
	const char *s; /* normalised text */
	size_t len;
	struct gk_report_vec figs, sents, groups, heads;
	bool oom; /* set by whoever fails to allocate; the parse then fails */
};

/* A row of a pre-2019 统计表 read as a figure, with its nesting level
 * (1 "一、", 2 "（一）", 3 "1．", 4 "其中"). */
struct gk_report_stat_row {
	int fig;
	int level;
};

#endif
