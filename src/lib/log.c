/* Timestamped log lines; one fprintf per line keeps threads from interleaving. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "lib/log.h"

static atomic_int min_level = GK_LOG_INFO;

void gk_log_set_level(enum gk_log_level level)
{
	atomic_store(&min_level, (int)level);
}

void gk_log(enum gk_log_level level, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	if ((int)level < atomic_load(&min_level))
		return;
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char stamp[32];
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(stderr, "%s %s %s\n", stamp, names[level], msg);
}
