/* gongkai demo: a database holding the demo city, with one account per role. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/user.h"
#include "service/catalogue.h"
#include "service/demo.h"
#include "store/store.h"

/* The build of the search index, on a terminal. */
static void index_step(const char *step, int64_t done, int64_t total, void *ctx)
{
	(void)ctx;
	if (!isatty(STDERR_FILENO))
		return;
	if (!strcmp(step, "build") && total > 0)
		fprintf(stderr, "\r\033[Ksearch index: %lld of %lld items read", (long long)done,
			(long long)total);
	else if (!strcmp(step, "save"))
		fprintf(stderr, "\r\033[Ksearch index: compacting and saving");
	fflush(stderr);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"password", required_argument, 0, 'p'},
					     {"items", required_argument, 0, 'i'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const char *db = NULL, *password = NULL;
	int opt, per_year = 30, nitems = 0;
	while ((opt = getopt_long(argc, argv, "d:p:i:h", opts, NULL)) != -1) {
		if (opt == 'i') {
			char *end;
			per_year = (int)strtol(optarg, &end, 10);
			if (*end || per_year < 0 || per_year > 10000)
				return gk_cli_usage(&gk_cmd_demo, "--items must be 0 to 10000");
			continue;
		}
		if (opt == 'd') {
			db = optarg;
			continue;
		}
		if (opt == 'p') {
			password = optarg;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_demo, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_demo, "unexpected argument '%s'", argv[optind]);
	if (!db)
		return gk_cli_usage(&gk_cmd_demo, "--db is required");
	struct gk_error err = {0};
	if (gk_crypto_init(&err) || (password && gk_password_check(password, &err)))
		return gk_cli_fail(&err);
	struct gk_store *s;
	if (gk_store_open(db, GK_STORE_CREATE, &s, &err))
		return gk_cli_fail(&err);
	struct gk_demo_result demo;
	enum gk_err rc = gk_svc_demo_create(s, password, &demo, &err);
	if (!rc && per_year > 0)
		rc = gk_svc_demo_catalogue(s, per_year, &nitems, &err);
	int napplications = 0;
	if (!rc)
		rc = gk_svc_demo_applications(s, &napplications, &err);
	if (!rc)
		rc = gk_store_analyze(s, &err);
	/* a large demo comes with its search index, as an import does */
	if (!rc && gk_catalogue_update_wanted(nitems, nitems)) {
		rc = gk_catalogue_update(s, db, index_step, NULL, NULL, &err);
		if (isatty(STDERR_FILENO))
			fputs("\r\033[K", stderr);
	}
	gk_store_free(s);
	if (rc)
		return gk_cli_fail(&err);
	printf("demo city created in %s: %d agencies, %d catalogue items, %d applications\n\n", db,
	       demo.nagencies, nitems, napplications);
	printf("demo logins (shown once; change them with 'gongkai user passwd'):\n");
	printf("  %-12s %-14s %-20s %s\n", "login", "password", "role", "agency");
	for (int i = 0; i < demo.naccounts; i++)
		printf("  %-12s %-14s %-20s %s\n", demo.accounts[i].login,
		       demo.accounts[i].password, demo.accounts[i].role, demo.accounts[i].agency);
	return 0;
}

const struct gk_command gk_cmd_demo = {
	"demo",
	run,
	"create a database holding the demo city",
	"usage: gongkai demo --db DB [--password PASSWORD] [--items N]\n\n"
	"Creates PATH (if needed) and fills it with the demo city: its government,\n"
	"general office, departments, districts and counties, and staff accounts\n"
	"for every role. Each account gets a random password, printed once, unless\n"
	"--password gives one for all (at least 10 characters; for tests).\n"
	"The database must not already hold agencies.\n"
	"It also fills the public catalogue and adds applications for disclosure\n"
	"(2017 with the seed report's totals, 2019 onwards, and open ones, some\n"
	"overdue, relative to today).\n\n"
	"--items N  items per agency and year, not in all: each of 22 agencies\n"
	"           publishes about N a year (the city's 1.5 N) in 2015-2018, with\n"
	"           interpretations and yearly reports, then every agency about N/6\n"
	"           a year (at least 4) from 2019 to last year, with the 规章 and\n"
	"           normative documents the yearly report counts: in 2026 about\n"
	"           146 N items in all, plus interpretations bringing 2017 to the\n"
	"           seed's 334: 30 (the default) gives 4,863; 685 about\n"
	"           100,000; 6850 about 1,000,000. 0 for none; at most 10000.\n"
	"           Items go through the publishing use case (checks, 索引号,\n"
	"           revisions, change log), committed every 5,000.\n",
};
