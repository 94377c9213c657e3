/* 索引号 (index numbers): rendered from a per-deployment format, by default
 * <agency code>/<year>-<5-digit serial> (e.g. 035200000/2018-00032).
 *
 * A format is text with placeholders: {code} the agency's code, {year} the
 * year of publication, {topic} the item's top-level topic code, and
 * {serial} or {serial:N} the serial, zero-padded to N digits. It must hold
 * {year} and {serial}. Serials count within a "series": the index number
 * with the serial left out, so they are unique whatever the format. */
#ifndef GK_CORE_INDEX_NO_H
#define GK_CORE_INDEX_NO_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

#define GK_INDEX_FORMAT_DEFAULT "{code}/{year}-{serial:5}"
/* The settings key holding the deployment's format. */
#define GK_INDEX_FORMAT_SETTING "catalogue.index_format"
#define GK_INDEX_MAX            64 /* bytes, with the NUL */

/* Checks FORMAT (known placeholders, {year} and {serial} present, width 1–9). */
enum gk_err gk_index_format_check(const char *format, struct gk_error *err);

/* Renders the index number into OUT (GK_INDEX_MAX bytes). A SERIAL below 1
 * renders the series key instead (the serial as "#"). */
enum gk_err gk_index_render(const char *format, const char *code, const char *topic, int year,
			    long serial, char out[GK_INDEX_MAX], struct gk_error *err);

/* Matches INDEX against FORMAT for agency CODE; on success fills *year,
 * *serial and SERIES (GK_INDEX_MAX bytes), so an imported number can
 * advance its series' counter. False if it does not follow the format. */
bool gk_index_match(const char *format, const char *code, const char *index, int *year,
		    long *serial, char series[GK_INDEX_MAX]);

/* True if S looks like an index number at all: 1–63 printable ASCII
 * characters without spaces (imports may carry other agencies' styles). */
bool gk_index_plausible(const char *s);

#endif
