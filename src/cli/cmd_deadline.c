/* gongkai deadline: the reply deadline for an application received on a day. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "core/deadline.h"
#include "lib/buf.h"
#include "lib/date.h"

/* Reads FILE whole into OUT. */
static enum gk_err read_file(const char *path, struct gk_buf *out, struct gk_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return gk_fail(err, GK_EIO, "cannot open holiday file '%s'", path);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (gk_buf_add(out, chunk, n) != GK_OK)
			break;
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return gk_fail(err, GK_EIO, "cannot read holiday file '%s'", path);
	if (out->failed)
		return gk_fail(err, (enum gk_err)out->failed, "holiday file '%s' is too large",
			       path);
	return GK_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"received", required_argument, 0, 'r'},
		{"rules", required_argument, 0, 'R'},
		{"extended", no_argument, 0, 'e'},
		{"holidays", required_argument, 0, 'H'},
		GK_CLI_HELP_OPTION,
		{0, 0, 0, 0},
	};
	const char *received_arg = NULL;
	const char *holiday_files[16];
	int nholiday = 0;
	enum gk_rules rules = GK_RULES_AUTO;
	bool extended = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'r':
			received_arg = optarg;
			break;
		case 'R':
			if (strcmp(optarg, "2008") == 0)
				rules = GK_RULES_2008;
			else if (strcmp(optarg, "2019") == 0)
				rules = GK_RULES_2019;
			else
				return gk_cli_usage(&gk_cmd_deadline,
						    "--rules must be 2008 or 2019, not '%s'",
						    optarg);
			break;
		case 'e':
			extended = true;
			break;
		case 'H':
			if (nholiday == (int)(sizeof holiday_files / sizeof holiday_files[0]))
				return gk_cli_usage(&gk_cmd_deadline, "too many --holidays files");
			holiday_files[nholiday++] = optarg;
			break;
		default: {
			int rc = gk_cli_common_opt(&gk_cmd_deadline, opt);
			if (rc >= 0)
				return rc;
		}
		}
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_deadline, "unexpected argument '%s'", argv[optind]);
	if (!received_arg)
		return gk_cli_usage(&gk_cmd_deadline, "--received is required");
	struct gk_date received;
	if (!gk_date_parse(received_arg, &received))
		return gk_cli_usage(
			&gk_cmd_deadline,
			"--received: '%s' is not a date (expected YYYY-MM-DD, 1900–2999)",
			received_arg);

	struct gk_error err = {GK_OK, ""};
	struct gk_calendar *cal = gk_calendar_new_builtin(&err);
	if (!cal)
		return gk_cli_fail(&err);
	for (int i = 0; i < nholiday; i++) {
		struct gk_buf text;
		gk_buf_init(&text, GK_CALENDAR_MAX_TEXT + 1);
		enum gk_err rc = read_file(holiday_files[i], &text, &err);
		if (rc == GK_OK)
			rc = gk_calendar_load_year(cal, text.data, text.len, NULL, &err);
		gk_buf_release(&text);
		if (rc != GK_OK) {
			gk_calendar_free(cal);
			return gk_cli_fail(&err);
		}
	}

	long day = gk_date_to_days(received);
	enum gk_rules effective = rules == GK_RULES_AUTO ? gk_rules_for_receipt(day) : rules;
	struct gk_clock_event ext = {
		.kind = GK_CLOCK_EXTENDED,
		.day = day,
		.days = gk_rules_max_extension(effective),
		.until = GK_NO_DAY,
	};
	struct gk_deadline_input in = {day, rules, &ext, extended ? 1 : 0};
	struct gk_deadline dl;
	gk_deadline_init(&dl);
	int status = 0;
	if (gk_deadline_compute(cal, &in, &dl, &err) != GK_OK) {
		status = gk_cli_fail(&err);
	} else {
		char ds[11];
		printf("%s\n", gk_date_format(gk_date_from_days(dl.due), ds));
		fputs(dl.explain.data, stdout);
		if (dl.provisional)
			printf("(provisional: recompute when the missing holiday data is loaded)\n");
	}
	gk_deadline_release(&dl);
	gk_calendar_free(cal);
	return status;
}

const struct gk_command gk_cmd_deadline = {
	"deadline",
	run,
	"compute the reply deadline for an application",
	"usage: gongkai deadline --received YYYY-MM-DD [--rules 2008|2019] [--extended]\n"
	"                        [--holidays FILE]...\n"
	"\n"
	"Prints the last day to reply (YYYY-MM-DD) on the first line, then how it was\n"
	"counted. The day of receipt is not counted; the deadline is the N-th working\n"
	"day after it, by the State Council's holiday calendar.\n"
	"\n"
	"  --received DAY   the date of receipt (收到申请之日)\n"
	"  --rules R        2008 (15 working days, extension up to 15) or 2019 (20, up\n"
	"                   to 20); by default, by the date of receipt: before\n"
	"                   2019-05-15 the 2008 Regulation, from then the 2019 one\n"
	"  --extended       include the full extension\n"
	"  --holidays FILE  load a year's holiday file (the data/holidays format),\n"
	"                   replacing the shipped data for that year; repeatable\n"
	"\n"
	"A deadline that runs into a year without holiday data counts weekends only and\n"
	"is marked provisional.\n",
};
