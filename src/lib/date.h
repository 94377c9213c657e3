/* Civil (proleptic Gregorian) dates as day numbers, for deadline arithmetic.
 * A day number counts days since 1970-01-01 (which is day 0, a Thursday). */
#ifndef GK_LIB_DATE_H
#define GK_LIB_DATE_H

#include <stdbool.h>

struct gk_date {
	int year, month, day;
};

/* Day number of a valid date. */
long gk_date_to_days(struct gk_date d);
struct gk_date gk_date_from_days(long days);
/* 1 = Monday … 7 = Sunday (ISO). */
int gk_date_weekday(long days);
bool gk_date_valid(struct gk_date d);
int gk_date_days_in_month(int year, int month);

/* Parses exactly "YYYY-MM-DD" (a real calendar date, years 1900–2999). */
bool gk_date_parse(const char *s, struct gk_date *out);
/* Writes "YYYY-MM-DD" into OUT (at least 11 bytes). Returns OUT. */
char *gk_date_format(struct gk_date d, char out[11]);
/* Today in local time (China Standard Time on a deployed server). */
struct gk_date gk_date_today(void);

#endif
