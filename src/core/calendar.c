/* The working-day calendar: parses holiday files into immutable per-year
 * tables and answers working-day questions without locks on the read side. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "lib/date.h"
#include "lib/embed.h"
#include "lib/utf8.h"

#define NYEARS   (GK_CALENDAR_MAX_YEAR - GK_CALENDAR_MIN_YEAR + 1)
#define MAX_NAME 160  /* bytes of one holiday name */
#define MAX_LINE 1024 /* bytes of one line */

/* One year's data. Never changed once published. */
struct cal_year {
	int year;
	int count;                /* days listed */
	unsigned char kind[366];  /* enum gk_day_kind, by day of year */
	uint16_t name_at[366];    /* offset + 1 into names, 0 for no name */
	char *names;              /* NUL-separated names */
	struct cal_year *retired; /* next on the calendar's list of replaced tables */
};

struct gk_calendar {
	_Atomic(struct cal_year *) years[NYEARS];
	pthread_mutex_t write_lock; /* serialises loaders; readers never take it */
	struct cal_year *retired;   /* replaced tables, freed with the calendar */
};

static void year_free(struct cal_year *y)
{
	if (!y)
		return;
	free(y->names);
	free(y);
}

static struct cal_year *year_get(const struct gk_calendar *cal, int year)
{
	if (!cal || year < GK_CALENDAR_MIN_YEAR || year > GK_CALENDAR_MAX_YEAR)
		return NULL;
	/* The cast drops const only to satisfy atomic_load's signature. */
	struct gk_calendar *c = (struct gk_calendar *)cal;
	return atomic_load_explicit(&c->years[year - GK_CALENDAR_MIN_YEAR], memory_order_acquire);
}

/* Day numbers of the first and last supported days (1900-01-01, 2999-12-31). */
static bool day_in_range(long day)
{
	return day >= -25567 && day <= 376199;
}

static int day_of_year(long day, int *year)
{
	struct gk_date d = gk_date_from_days(day);
	*year = d.year;
	return (int)(day - gk_date_to_days((struct gk_date){d.year, 1, 1}));
}

/* --- parsing ------------------------------------------------------------- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Splits off the next whitespace-separated token of LINE at *POS. */
static size_t next_token(const char *line, size_t len, size_t *pos, const char **tok)
{
	while (*pos < len && is_blank(line[*pos]))
		(*pos)++;
	*tok = line + *pos;
	size_t start = *pos;
	while (*pos < len && !is_blank(line[*pos]))
		(*pos)++;
	return *pos - start;
}

static bool token_is(const char *tok, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(tok, word, n) == 0;
}

static bool parse_year_number(const char *tok, size_t n, int *year)
{
	if (n != 4)
		return false;
	int y = 0;
	for (size_t i = 0; i < 4; i++) {
		if (tok[i] < '0' || tok[i] > '9')
			return false;
		y = y * 10 + (tok[i] - '0');
	}
	if (y < GK_CALENDAR_MIN_YEAR || y > GK_CALENDAR_MAX_YEAR)
		return false;
	*year = y;
	return true;
}

/* Parses one holiday file into a new table (owned by the caller). */
static enum gk_err parse_year(const char *text, size_t len, struct cal_year **out,
			      struct gk_error *err)
{
	*out = NULL;
	if (!text)
		return gk_fail(err, GK_EINVAL, "缺少节假日文件");
	if (len > GK_CALENDAR_MAX_TEXT)
		return gk_fail(err, GK_ETOOBIG, "节假日文件超过%zu字节", GK_CALENDAR_MAX_TEXT);
	if (!gk_utf8_valid(text, len))
		return gk_fail(err, GK_EINVAL, "节假日文件不是有效的UTF-8文本");

	struct cal_year *y = calloc(1, sizeof *y);
	if (!y)
		return gk_fail(err, GK_ENOMEM, "out of memory loading a holiday file");
	y->year = 0;
	struct gk_buf names;
	gk_buf_init(&names, UINT16_MAX - 1);
	enum gk_err rc = GK_OK;
	int lineno = 0;
	size_t pos = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		pos += n + (nl != NULL);
		lineno++;
		if (n > MAX_LINE) {
			rc = gk_fail(err, GK_EINVAL, "节假日文件第%d行：这一行过长", lineno);
			goto fail;
		}
		while (n > 0 && (line[n - 1] == '\r' || is_blank(line[n - 1])))
			n--;
		size_t at = 0;
		while (at < n && is_blank(line[at]))
			at++;
		if (at == n || line[at] == '#')
			continue;

		const char *tok;
		size_t tn = next_token(line, n, &at, &tok);
		if (y->year == 0) {
			const char *num;
			size_t nn;
			if (!token_is(tok, tn, "year") ||
			    (nn = next_token(line, n, &at, &num),
			     !parse_year_number(num, nn, &y->year)) ||
			    at != n) {
				rc = gk_fail(
					err, GK_EINVAL,
					"节假日文件第%d行：第一行须为“year YYYY”（年份在%d至%d之间）",
					lineno, GK_CALENDAR_MIN_YEAR, GK_CALENDAR_MAX_YEAR);
				goto fail;
			}
			continue;
		}

		char date_text[11] = "";
		if (tn < sizeof date_text)
			memcpy(date_text, tok, tn);
		struct gk_date d;
		if (tn != 10 || !gk_date_parse(date_text, &d)) {
			rc = gk_fail(err, GK_EINVAL, "节假日文件第%d行：日期“%.*s”无效", lineno,
				     (int)(tn > 20 ? 20 : tn), tok);
			goto fail;
		}
		if (d.year != y->year) {
			rc = gk_fail(
				err, GK_EINVAL,
				"节假日文件第%d行：日期“%s”不在%d年（每一天须列在它所在年份的文件中）",
				lineno, date_text, y->year);
			goto fail;
		}
		const char *kw;
		size_t kn = next_token(line, n, &at, &kw);
		enum gk_day_kind kind;
		if (token_is(kw, kn, "off")) {
			kind = GK_DAY_OFF;
		} else if (token_is(kw, kn, "work")) {
			kind = GK_DAY_WORK;
		} else {
			rc = gk_fail(err, GK_EINVAL,
				     "节假日文件第%d行：日期之后须为“off”（放假）或“work”（上班）",
				     lineno);
			goto fail;
		}
		long day = gk_date_to_days(d);
		int year;
		int doy = day_of_year(day, &year);
		if (y->kind[doy] != GK_DAY_NORMAL) {
			rc = gk_fail(err, GK_EINVAL, "节假日文件第%d行：日期“%s”重复列出", lineno,
				     date_text);
			goto fail;
		}
		while (at < n && is_blank(line[at]))
			at++;
		size_t name_len = n - at;
		if (name_len > MAX_NAME) {
			rc = gk_fail(err, GK_EINVAL, "节假日文件第%d行：名称超过%d字节", lineno,
				     MAX_NAME);
			goto fail;
		}
		y->kind[doy] = (unsigned char)kind;
		if (name_len > 0) {
			size_t off = names.len;
			if (gk_buf_add(&names, line + at, name_len) != GK_OK ||
			    gk_buf_putc(&names, '\0') != GK_OK) {
				rc = gk_fail(err,
					     names.failed == GK_ENOMEM ? GK_ENOMEM : GK_ETOOBIG,
					     "holiday file line %d: too many names", lineno);
				goto fail;
			}
			y->name_at[doy] = (uint16_t)(off + 1);
		}
		y->count++;
	}
	if (y->year == 0) {
		rc = gk_fail(err, GK_EINVAL, "节假日文件缺少“year YYYY”行");
		goto fail;
	}
	if (y->count == 0) {
		rc = gk_fail(err, GK_EINVAL, "%d年的节假日文件没有列出任何日期", y->year);
		goto fail;
	}
	if (names.len > 0) {
		size_t nlen;
		y->names = gk_buf_detach(&names, &nlen);
		if (!y->names) {
			rc = gk_fail(err, GK_ENOMEM, "out of memory loading a holiday file");
			goto fail;
		}
	}
	gk_buf_release(&names);
	*out = y;
	return GK_OK;
fail:
	gk_buf_release(&names);
	year_free(y);
	return rc;
}

/* --- lifecycle ----------------------------------------------------------- */

struct gk_calendar *gk_calendar_new(void)
{
	struct gk_calendar *cal = calloc(1, sizeof *cal);
	if (!cal)
		return NULL;
	for (int i = 0; i < NYEARS; i++)
		atomic_init(&cal->years[i], NULL);
	if (pthread_mutex_init(&cal->write_lock, NULL) != 0) {
		free(cal);
		return NULL;
	}
	return cal;
}

static bool same_year(const struct cal_year *a, const struct cal_year *b)
{
	if (a->count != b->count || memcmp(a->kind, b->kind, sizeof a->kind) != 0 ||
	    memcmp(a->name_at, b->name_at, sizeof a->name_at) != 0)
		return false;
	for (int d = 0; d < 366; d++)
		if (a->name_at[d] &&
		    strcmp(a->names + a->name_at[d] - 1, b->names + b->name_at[d] - 1))
			return false;
	return true;
}

static void publish(struct gk_calendar *cal, struct cal_year *y)
{
	pthread_mutex_lock(&cal->write_lock);
	_Atomic(struct cal_year *) *slot = &cal->years[y->year - GK_CALENDAR_MIN_YEAR];
	struct cal_year *old = atomic_load_explicit(slot, memory_order_acquire);
	/* the same year loaded again (a server reloading its calendar when the
	   site version moved): keep the table, so reloads retire nothing */
	if (old && same_year(old, y)) {
		pthread_mutex_unlock(&cal->write_lock);
		year_free(y);
		return;
	}
	old = atomic_exchange_explicit(slot, y, memory_order_acq_rel);
	if (old) {
		old->retired = cal->retired;
		cal->retired = old;
	}
	pthread_mutex_unlock(&cal->write_lock);
}

static bool is_builtin_name(const char *path)
{
	static const char prefix[] = "data/holidays/";
	size_t p = sizeof prefix - 1;
	if (strncmp(path, prefix, p) != 0 || strlen(path) != p + 8)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (path[p + i] < '0' || path[p + i] > '9')
			return false;
	return strcmp(path + p + 4, ".txt") == 0;
}

struct gk_calendar *gk_calendar_new_builtin(struct gk_error *err)
{
	struct gk_calendar *cal = gk_calendar_new();
	if (!cal) {
		gk_fail(err, GK_ENOMEM, "out of memory creating the calendar");
		return NULL;
	}
	for (const struct gk_embedded *e = gk_embedded_files; e->path; e++) {
		if (!is_builtin_name(e->path))
			continue;
		struct gk_error perr = {GK_OK, ""};
		struct cal_year *y;
		if (parse_year((const char *)e->data, e->size, &y, &perr) != GK_OK) {
			gk_fail(err, perr.code == GK_ENOMEM ? GK_ENOMEM : GK_EINTERNAL,
				"shipped calendar '%s': %s", e->path, gk_error_text(&perr));
			gk_calendar_free(cal);
			return NULL;
		}
		int want = atoi(e->path + strlen("data/holidays/"));
		if (y->year != want) {
			gk_fail(err, GK_EINTERNAL, "shipped calendar '%s' says year %d", e->path,
				y->year);
			year_free(y);
			gk_calendar_free(cal);
			return NULL;
		}
		publish(cal, y);
	}
	return cal;
}

void gk_calendar_free(struct gk_calendar *cal)
{
	if (!cal)
		return;
	for (int i = 0; i < NYEARS; i++)
		year_free(atomic_load_explicit(&cal->years[i], memory_order_relaxed));
	for (struct cal_year *y = cal->retired, *next; y; y = next) {
		next = y->retired;
		year_free(y);
	}
	pthread_mutex_destroy(&cal->write_lock);
	free(cal);
}

enum gk_err gk_calendar_check_year(const char *text, size_t len, int *year, struct gk_error *err)
{
	struct cal_year *y;
	enum gk_err rc = parse_year(text, len, &y, err);
	if (rc != GK_OK)
		return rc;
	if (year)
		*year = y->year;
	year_free(y);
	return GK_OK;
}

enum gk_err gk_calendar_load_year(struct gk_calendar *cal, const char *text, size_t len, int *year,
				  struct gk_error *err)
{
	if (!cal)
		return gk_fail(err, GK_EINTERNAL, "no calendar to load into");
	struct cal_year *y;
	enum gk_err rc = parse_year(text, len, &y, err);
	if (rc != GK_OK)
		return rc;
	if (year)
		*year = y->year;
	publish(cal, y);
	return GK_OK;
}

enum gk_err gk_calendar_format_year(const struct gk_calendar *cal, int year, struct gk_buf *out,
				    struct gk_error *err)
{
	const struct cal_year *y = year_get(cal, year);
	if (!y)
		return gk_fail(err, GK_ENOTFOUND, "没有%d年的节假日安排", year);
	long jan1 = gk_date_to_days((struct gk_date){year, 1, 1});
	long next = gk_date_to_days((struct gk_date){year + 1, 1, 1});
	gk_buf_printf(out, "year %d\n", year);
	for (long day = jan1; day < next; day++) {
		int doy = (int)(day - jan1);
		if (y->kind[doy] == GK_DAY_NORMAL)
			continue;
		char ds[11];
		gk_buf_printf(out, "%s %s", gk_date_format(gk_date_from_days(day), ds),
			      y->kind[doy] == GK_DAY_OFF ? "off" : "work");
		if (y->name_at[doy])
			gk_buf_printf(out, " %s", y->names + y->name_at[doy] - 1);
		gk_buf_putc(out, '\n');
	}
	if (out->failed)
		return gk_fail(err, (enum gk_err)out->failed, "cannot format the calendar of %d",
			       year);
	return GK_OK;
}

/* --- queries ------------------------------------------------------------- */

bool gk_calendar_year_known(const struct gk_calendar *cal, int year)
{
	return year_get(cal, year) != NULL;
}

size_t gk_calendar_known_years(const struct gk_calendar *cal, int *years, size_t cap)
{
	size_t n = 0;
	for (int y = GK_CALENDAR_MIN_YEAR; y <= GK_CALENDAR_MAX_YEAR; y++) {
		if (!year_get(cal, y))
			continue;
		if (n < cap)
			years[n] = y;
		n++;
	}
	return n;
}

bool gk_calendar_day_settled(const struct gk_calendar *cal, long day)
{
	if (!day_in_range(day))
		return false;
	struct gk_date d = gk_date_from_days(day);
	if (!year_get(cal, d.year))
		return false;
	if (d.month == 12 && d.day >= GK_CALENDAR_DECEMBER_WINDOW)
		return year_get(cal, d.year + 1) != NULL;
	return true;
}

enum gk_day_kind gk_calendar_day_kind(const struct gk_calendar *cal, long day, char *name,
				      size_t cap)
{
	if (name && cap > 0)
		name[0] = '\0';
	if (!day_in_range(day))
		return GK_DAY_NORMAL;
	int year;
	int doy = day_of_year(day, &year);
	const struct cal_year *y = year_get(cal, year);
	if (!y)
		return GK_DAY_NORMAL;
	if (name && cap > 0 && y->name_at[doy]) {
		const char *s = y->names + y->name_at[doy] - 1;
		size_t n = strlen(s);
		if (n >= cap) {
			/* cut at a character boundary so the copy stays valid UTF-8 */
			n = cap - 1;
			while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(name, s, n);
		name[n] = '\0';
	}
	return (enum gk_day_kind)y->kind[doy];
}

bool gk_calendar_is_workday(const struct gk_calendar *cal, long day)
{
	switch (gk_calendar_day_kind(cal, day, NULL, 0)) {
	case GK_DAY_OFF:
		return false;
	case GK_DAY_WORK:
		return true;
	case GK_DAY_NORMAL:
		break;
	}
	return gk_date_weekday(day) <= 5;
}

static long last_supported_day(void)
{
	return gk_date_to_days((struct gk_date){GK_CALENDAR_MAX_YEAR, 12, 31});
}

long gk_calendar_add_workdays(const struct gk_calendar *cal, long from, int n, bool *provisional)
{
	bool prov = false;
	long day = from;
	long last = last_supported_day();
	if (n < 0 || !day_in_range(from)) {
		day = GK_NO_DAY;
		goto out;
	}
	for (int count = 0; count < n;) {
		if (++day > last) {
			day = GK_NO_DAY;
			goto out;
		}
		if (!prov && !gk_calendar_day_settled(cal, day))
			prov = true;
		if (gk_calendar_is_workday(cal, day))
			count++;
	}
out:
	if (provisional)
		*provisional = prov;
	return day;
}

int gk_calendar_workdays_between(const struct gk_calendar *cal, long from, long to,
				 bool *provisional)
{
	bool prov = false;
	int count = 0;
	if (day_in_range(from) && day_in_range(to)) {
		for (long day = from + 1; day <= to; day++) {
			if (!prov && !gk_calendar_day_settled(cal, day))
				prov = true;
			if (gk_calendar_is_workday(cal, day))
				count++;
		}
	}
	if (provisional)
		*provisional = prov;
	return count;
}
