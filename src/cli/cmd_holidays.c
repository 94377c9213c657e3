/* gongkai holidays list|load: the working-day calendar a database uses —
 * the years shipped in the binary plus those an administrator loaded. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "service/holidays.h"

#define MAX_HOLIDAY_FILE (1 << 20)

static int print_year(const struct gk_holiday_year *y, void *ctx)
{
	char when[32];
	time_t t = (time_t)y->uploaded_at;
	struct tm tm;
	(void)ctx;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	printf("  %d  loaded %s%s%s\n", y->year, when, y->uploaded_by[0] ? " by " : "",
	       y->uploaded_by);
	return 0;
}

static int list(struct gk_store *s)
{
	struct gk_error err = {0};
	struct gk_calendar *cal = gk_svc_calendar_load(s, &err);
	if (!cal)
		goto fail;
	int years[256];
	size_t n = gk_calendar_known_years(cal, years, 256);
	/* as ranges: 2008–2026 */
	printf("years with an official calendar:");
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && years[j + 1] == years[j] + 1)
			j++;
		if (j > i)
			printf(" %d–%d", years[i], years[j]);
		else
			printf(" %d", years[i]);
		i = j + 1;
	}
	printf("\nloaded into this database:\n");
	if (gk_store_holiday_each(s, print_year, NULL, &err))
		goto fail;
	gk_calendar_free(cal);
	return 0;
fail:
	gk_calendar_free(cal);
	return gk_cli_fail(&err);
}

static enum gk_err read_all(const char *path, char **out, size_t *len, struct gk_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return gk_fail(err, GK_EIO, "cannot open '%s'", path);
	char *buf = malloc(MAX_HOLIDAY_FILE + 1);
	size_t n = buf ? fread(buf, 1, MAX_HOLIDAY_FILE + 1, f) : 0;
	fclose(f);
	if (!buf)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	if (n > MAX_HOLIDAY_FILE) {
		free(buf);
		return gk_fail(err, GK_ETOOBIG, "'%s' is larger than a holiday file can be", path);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return GK_OK;
}

static int load(struct gk_store *s, const char *path)
{
	struct gk_error err = {0};
	struct gk_svc svc;
	char *text = NULL;
	size_t len = 0;
	int year = 0, count = 0;
	enum gk_err rc;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	if ((rc = read_all(path, &text, &len, &err)) ||
	    (rc = gk_svc_holiday_load(&svc, NULL, text, len, &year, &count, &err)))
		goto out;
	printf("loaded the %d calendar from %s; %d open application%s recounted\n"
	       "(a running server applies it on restart, or load it on the staff page /staff/holidays)\n",
	       year, path, count, count == 1 ? "" : "s");
out:
	free(text);
	return rc ? gk_cli_fail(&err) : 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, GK_CLI_HELP_OPTION, {0, 0, 0, 0}};
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			fputs(gk_cmd_holidays.usage, stdout);
			return 0;
		}
		return gk_cli_usage(&gk_cmd_holidays, "say list or load");
	}
	const char *sub = argv[1];
	if (strcmp(sub, "list") != 0 && strcmp(sub, "load") != 0)
		return gk_cli_usage(&gk_cmd_holidays, "unknown subcommand '%s'", sub);
	argc--;
	argv++;
	optind = 1;
	const char *db = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (opt == 'd') {
			db = optarg;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_holidays, opt);
		if (rc >= 0)
			return rc;
	}
	if (!db)
		return gk_cli_usage(&gk_cmd_holidays, "--db is required");
	int want = strcmp(sub, "load") == 0 ? 1 : 0;
	if (argc - optind != want)
		return gk_cli_usage(&gk_cmd_holidays,
				    want ? "load takes one FILE" : "list takes no FILE");
	struct gk_error err = {0};
	struct gk_store *s;
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	int rc = want ? load(s, argv[optind]) : list(s);
	gk_store_free(s);
	return rc;
}

const struct gk_command gk_cmd_holidays = {
	"holidays",
	run,
	"list or load official holiday calendars (working days)",
	"usage: gongkai holidays list --db DB\n"
	"       gongkai holidays load --db DB FILE\n\n"
	"Deadlines are counted in working days on the State Council's holiday calendar.\n"
	"gongkai ships the years up to its release; load a newer year (or a corrected\n"
	"one) from FILE, in the format of data/holidays/YYYY.txt: the first line\n"
	"'year YYYY', then one line per day: 'YYYY-MM-DD off NAME' for a day off,\n"
	"'YYYY-MM-DD work NAME' for a weekend made a working day. Loading replaces\n"
	"that year and recounts the deadline of every open application. A year with\n"
	"no calendar is counted on weekends alone and its deadlines marked provisional.\n",
};
