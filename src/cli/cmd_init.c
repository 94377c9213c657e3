/* gongkai init: create a database (or bring an existing one's schema up to date). */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, GK_CLI_HELP_OPTION, {0, 0, 0, 0}};
	const char *db = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (opt == 'd') {
			db = optarg;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_init, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_init, "unexpected argument '%s'", argv[optind]);
	if (!db)
		return gk_cli_usage(&gk_cmd_init, "--db is required");
	struct gk_error err = {0};
	struct gk_store *s;
	if (gk_store_open(db, GK_STORE_CREATE, &s, &err))
		return gk_cli_fail(&err);
	gk_store_free(s);
	printf("database %s ready (schema %d)\n", db, gk_store_schema_version());
	return 0;
}

const struct gk_command gk_cmd_init = {
	"init",
	run,
	"create a database, or update an existing one's schema",
	"usage: gongkai init --db DB\n\n"
	"Creates the SQLite database at PATH with the current schema, or applies\n"
	"pending migrations to an existing one. Next: 'gongkai agency add' and\n"
	"'gongkai user add', or 'gongkai demo' for a demo city.\n",
};
