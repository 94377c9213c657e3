/* The use cases: one function per thing a person or a program does —
 * register an application, take a workflow step, publish an item, load a
 * holiday year, add an account, log in — each checking its rules (core/),
 * keeping its records (store/) in one transaction with its audit row, and
 * reporting a failure once, as an enum gk_err with the detail in ERR.
 *
 * The web pages and the commands both call these; nothing below calls up:
 *
 *	lib < core < store < service < web | cli
 *
 * A struct gk_svc says who acts, where from and when, for one request or
 * one command. See docs/architecture.md. */
#ifndef GK_SERVICE_SERVICE_H
#define GK_SERVICE_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/user.h"
#include "lib/error.h"
#include "store/store.h"

struct gk_catalogue;

struct gk_svc {
	struct gk_store *store;
	const struct gk_calendar *calendar; /* working days (applications, holidays) */
	const struct gk_user *actor;        /* who acts; NULL: the public or the command line */
	const char *origin;                 /* the client's address, or "cli" (limits, audit) */
	long today;                         /* the day it is (lib/date.h day number) */
	int64_t now;                        /* unix seconds */
	struct gk_catalogue *catalogue;     /* the live catalogue index, or NULL
					       (service/catalogue.h) */
	/* the lowest change seq the catalogue index reflected when it answered
	 * a listing for this svc; -1: none answered (the page cache keeps no
	 * page drawn from an index behind the site version) */
	int64_t catalogue_seq;
	/* the change log's version as this request read it (once: the page
	 * cache's check, or the first listing); -1: not read yet */
	int64_t catalogue_version;
	/* online applications per address per minute, 0: no limit (issue 13;
	 * serve --intake-limit); an hour allows GK_APPLY_MAX_PER_HOUR, or as
	 * many as a minute if that is more */
	int intake_limit;
};

#define GK_INTAKE_LIMIT_DEFAULT 3

/* Fills SVC for a request or a command made now; ACTOR and CAL may be
 * NULL; no catalogue (the caller sets one). */
void gk_svc_init(struct gk_svc *svc, struct gk_store *s, const struct gk_calendar *cal,
		 const struct gk_user *actor, const char *origin);
/* The acting account's id, or 0 for the public and the command line. */
int64_t gk_svc_actor_id(const struct gk_svc *svc);

/* Opens a transaction unless the caller holds one (*OWN tells which). */
enum gk_err gk_svc_begin(struct gk_svc *svc, bool *own, struct gk_error *err);
/* Ends what gk_svc_begin opened: commits if RC is GK_OK, else rolls back.
 * Returns RC, or the commit's failure. */
enum gk_err gk_svc_end(struct gk_svc *svc, bool own, enum gk_err rc, struct gk_error *err);

/* True if the acting account may see and change records of AGENCY_ID (its
 * agency's subtree, or everything for the city office). False for no
 * actor, and on a database error (logged): the check fails closed. */
bool gk_svc_in_scope(struct gk_svc *svc, int64_t agency_id);
/* The same for account U (e.g. a handler being assigned). */
bool gk_svc_user_in_scope(struct gk_svc *svc, const struct gk_user *u, int64_t agency_id);

/* The working-day calendar: the shipped years, then the years
 * administrators stored (a stored year that no longer parses is skipped
 * with a warning in the log). NULL with ERR set on failure; free it with
 * gk_calendar_free. */
struct gk_calendar *gk_svc_calendar_load(struct gk_store *s, struct gk_error *err);

/* Counts the events of KEY in the WINDOW seconds before svc->now (rows in
 * rate_hits, shared by every process on the database): *OK if fewer than
 * LIMIT; then, when RECORD, records one more in the same write
 * transaction, so servers on one database never pass the limit together. */
enum gk_err gk_svc_rate_take(struct gk_svc *svc, const char *key, int64_t window, int64_t limit,
			     bool record, bool *ok, struct gk_error *err);
/* Records one event of KEY at svc->now. */
enum gk_err gk_svc_rate_note(struct gk_svc *svc, const char *key, struct gk_error *err);

/* Loads every stored holiday year into LIVE again (a running server's
 * calendar, read meanwhile without locks): how a server sees a year another
 * process stored (the site version moved). */
enum gk_err gk_svc_calendar_reload(struct gk_store *s, struct gk_calendar *live,
				   struct gk_error *err);

/* The deployment's secret for tokens (made and stored on first use) into
 * OUT (32 bytes). */
enum gk_err gk_svc_secret(struct gk_store *s, unsigned char out[32], struct gk_error *err);

#endif
