/* Logging to standard error, one line per event, safe from any thread. */
#ifndef GK_LIB_LOG_H
#define GK_LIB_LOG_H

enum gk_log_level { GK_LOG_DEBUG, GK_LOG_INFO, GK_LOG_WARN, GK_LOG_ERROR };

/* Messages below LEVEL are dropped. Default: GK_LOG_INFO. */
void gk_log_set_level(enum gk_log_level level);
void gk_log(enum gk_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define gk_info(...)  gk_log(GK_LOG_INFO, __VA_ARGS__)
#define gk_warn(...)  gk_log(GK_LOG_WARN, __VA_ARGS__)
#define gk_error(...) gk_log(GK_LOG_ERROR, __VA_ARGS__)

#endif
