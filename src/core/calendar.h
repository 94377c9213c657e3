/* The working-day calendar (工作日): official days off and make-up working
 * days per year, shipped in data/holidays/YYYY.txt and replaceable at run time.
 *
 * A day is a working day iff it is listed as "work" (调休上班), or it is
 * Monday–Friday and not listed as "off" (法定节假日). A year without data is
 * computed from weekends alone, and every answer that depends on it is
 * flagged provisional; so is the last week of December while the next year's
 * notice (which may move those days, as in 2007, 2011, 2018 and 2022) is not
 * loaded. The file format is documented at the top of each data file and in
 * docs/deadlines.md.
 *
 * Threads: any number of readers may call the query functions while another
 * thread loads a year. Each year is an immutable table published with an
 * atomic pointer; a replaced table is kept until gk_calendar_free, so a reader
 * never touches freed memory (uploads are rare: a few per year). */
#ifndef GK_CORE_CALENDAR_H
#define GK_CORE_CALENDAR_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "lib/error.h"

/* "No such day" in day-number fields (day numbers are from lib/date.h). */
#define GK_NO_DAY LONG_MIN

/* Years the calendar can hold (those lib/date.h parses). */
#define GK_CALENDAR_MIN_YEAR 1900
#define GK_CALENDAR_MAX_YEAR 2999

/* From this day of December on, a day is settled only when the next year is
 * known too: the next year's 元旦 arrangement may move it. */
#define GK_CALENDAR_DECEMBER_WINDOW 25

/* Largest holiday file accepted, in bytes. */
#define GK_CALENDAR_MAX_TEXT ((size_t)256 << 10)

enum gk_day_kind {
	GK_DAY_NORMAL, /* not listed: a working day iff Monday–Friday */
	GK_DAY_OFF,    /* 法定节假日: a day off */
	GK_DAY_WORK,   /* 调休上班: a weekend day worked */
};

struct gk_calendar;

/* An empty calendar: every year unknown. NULL only if out of memory. */
struct gk_calendar *gk_calendar_new(void);
/* A calendar holding every data/holidays/YYYY.txt compiled into the binary.
 * Returns NULL on error: GK_ENOMEM, or GK_EINTERNAL naming a shipped file
 * that does not parse (a build defect). */
struct gk_calendar *gk_calendar_new_builtin(struct gk_error *err);
/* Frees CAL and every table it ever published. Accepts NULL. No reader may
 * be using CAL any more. */
void gk_calendar_free(struct gk_calendar *cal);

/* Checks TEXT (LEN bytes, the holiday file format) without loading it and
 * stores its year in *YEAR (may be NULL). Returns GK_OK, or GK_EINVAL (or
 * GK_ETOOBIG) with a detail naming the line. For an administrator's upload. */
enum gk_err gk_calendar_check_year(const char *text, size_t len, int *year, struct gk_error *err);
/* Parses TEXT like gk_calendar_check_year and, if it is valid, makes it the
 * data for its year, replacing any earlier data for that year (shipped or
 * loaded). On error the calendar is unchanged. Stores the year in *YEAR
 * (may be NULL). Safe while other threads read. */
enum gk_err gk_calendar_load_year(struct gk_calendar *cal, const char *text, size_t len, int *year,
				  struct gk_error *err);
/* Writes the data held for YEAR in the file format (comments omitted) to OUT.
 * GK_ENOTFOUND if the year is unknown; GK_ETOOBIG/GK_ENOMEM from OUT. */
enum gk_err gk_calendar_format_year(const struct gk_calendar *cal, int year, struct gk_buf *out,
				    struct gk_error *err);

/* True if data for YEAR is loaded. */
bool gk_calendar_year_known(const struct gk_calendar *cal, int year);
/* Stores up to CAP known years, ascending, in YEARS; returns how many are
 * known in all (which may exceed CAP). */
size_t gk_calendar_known_years(const struct gk_calendar *cal, int *years, size_t cap);
/* True if DAY's status is settled: its year is known and, for a day in the
 * December window, the next year is known as well. */
bool gk_calendar_day_settled(const struct gk_calendar *cal, long day);

/* True if DAY is a working day (weekends only for an unknown year). */
bool gk_calendar_is_workday(const struct gk_calendar *cal, long day);
/* How DAY is listed. If NAME is not NULL, copies the holiday's name
 * (NUL-terminated, truncated to CAP bytes; "" if none) into it. */
enum gk_day_kind gk_calendar_day_kind(const struct gk_calendar *cal, long day, char *name,
				      size_t cap);

/* The N-th working day after FROM (FROM itself is never counted; N = 0
 * gives FROM). Sets *PROVISIONAL (may be NULL) to whether any day counted
 * through is unsettled. Returns GK_NO_DAY if N < 0 or the result would lie
 * past GK_CALENDAR_MAX_YEAR. */
long gk_calendar_add_workdays(const struct gk_calendar *cal, long from, int n, bool *provisional);
/* Number of working days D with FROM < D <= TO (0 if TO <= FROM). Sets
 * *PROVISIONAL (may be NULL) as gk_calendar_add_workdays does. */
int gk_calendar_workdays_between(const struct gk_calendar *cal, long from, long to,
				 bool *provisional);

#endif
