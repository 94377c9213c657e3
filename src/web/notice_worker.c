/* The server's notice worker (issue 15): a thread with its own database
 * connection that, every few seconds, runs the day's scan (once a day: its
 * idempotency keys make a repeat a no-op anyway) and the sender's pass over
 * the outbox. Pending notices are rows, so a restart loses none. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "lib/log.h"
#include "service/notices.h"
#include "web/notice_worker.h"

#define DEFAULT_INTERVAL 5 /* seconds between passes */
#define BATCH            50

struct gk_notice_worker {
	const char *db_path;
	const struct gk_calendar *calendar;
	const struct gk_notice_sender *sender;
	int interval;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
};

static void pass(struct gk_notice_worker *w, struct gk_store *s, long *scanned)
{
	struct gk_svc svc;
	struct gk_error err = {0};
	gk_svc_init(&svc, s, w->calendar, NULL, "notices");
	if (*scanned != svc.today) {
		int added = 0;
		if (gk_svc_notices_scan(&svc, svc.today, &added, &err))
			gk_warn("notice scan: %s", gk_error_text(&err));
		else {
			*scanned = svc.today;
			if (added)
				gk_info("notice scan: %d reminders", added);
		}
	}
	int sent = 0;
	err = (struct gk_error){0};
	if (gk_svc_notices_deliver(&svc, w->sender, svc.now, BATCH, &sent, &err))
		gk_warn("notice delivery: %s", gk_error_text(&err));
}

static void *run(void *arg)
{
	struct gk_notice_worker *w = arg;
	struct gk_store *s = NULL;
	struct gk_error err = {0};
	long scanned = -1;
	if (gk_store_open(w->db_path, GK_STORE_OPEN, &s, &err)) {
		gk_warn("notice worker: cannot open the database: %s", gk_error_text(&err));
		return NULL;
	}
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		pthread_mutex_unlock(&w->lock);
		pass(w, s, &scanned);
		pthread_mutex_lock(&w->lock);
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += w->interval;
		while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w->lock);
	gk_store_free(s);
	return NULL;
}

enum gk_err gk_notice_worker_start(const char *db_path, const struct gk_calendar *calendar,
				   const struct gk_notice_sender *sender, int interval,
				   struct gk_notice_worker **out, struct gk_error *err)
{
	*out = NULL;
	struct gk_notice_worker *w = calloc(1, sizeof *w);
	if (!w)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	w->db_path = db_path;
	w->calendar = calendar;
	w->sender = sender;
	w->interval = interval > 0 ? interval : DEFAULT_INTERVAL;
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return gk_fail(err, GK_ENOMEM, "cannot start the notice worker thread");
	}
	*out = w;
	return GK_OK;
}

void gk_notice_worker_stop(struct gk_notice_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
