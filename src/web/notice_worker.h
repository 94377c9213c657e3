/* The server's background pass over notices (notice_worker.c, issue 15). */
#ifndef GK_WEB_NOTICE_WORKER_H
#define GK_WEB_NOTICE_WORKER_H

#include "core/calendar.h"
#include "lib/error.h"

struct gk_notice_sender;
struct gk_notice_worker;

/* Starts a thread that every INTERVAL seconds (0: 5) scans for the day's
 * reminders and sends due notices by SENDER (NULL: none are sent, they
 * wait) on its own connection to DB_PATH. CALENDAR is the server's. */
enum gk_err gk_notice_worker_start(const char *db_path, const struct gk_calendar *calendar,
				   const struct gk_notice_sender *sender, int interval,
				   struct gk_notice_worker **out, struct gk_error *err);
/* Stops the thread after its current pass and frees W (may be NULL). */
void gk_notice_worker_stop(struct gk_notice_worker *w);

#endif
