/* gongkai version: the program's version and the schema version it writes. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"

#define GK_VERSION "0.1.0"

static int run(int argc, char **argv)
{
	static const struct option opts[] = {GK_CLI_HELP_OPTION, {0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		int rc = gk_cli_common_opt(&gk_cmd_version, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_version, "unexpected argument '%s'", argv[optind]);
	printf("gongkai %s (database schema %d)\n", GK_VERSION, gk_store_schema_version());
	return 0;
}

const struct gk_command gk_cmd_version = {
	"version",
	run,
	"print the version",
	"usage: gongkai version\n\nPrints gongkai's version and the database schema version it uses.\n",
};
