/* Use case of the working-day calendar: loading an official year. */
#ifndef GK_SERVICE_HOLIDAYS_H
#define GK_SERVICE_HOLIDAYS_H

#include "service/service.h"

/* Loads the holiday file TEXT (LEN bytes, the format of data/holidays/)
 * for one year: checks it parses, stores it (replacing that year) with its
 * audit row and recounts the deadline of every open application on the new
 * calendar, in one transaction; then applies it to LIVE (the running
 * server's calendar; may be NULL). Only city-wide staff (or the command
 * line) may: GK_EFORBIDDEN otherwise. *YEAR and *RECOUNTED tell what was done. */
enum gk_err gk_svc_holiday_load(struct gk_svc *svc, struct gk_calendar *live, const char *text,
				size_t len, int *year, int *recounted, struct gk_error *err);

#endif
