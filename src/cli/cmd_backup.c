/* gongkai backup / gongkai restore: a consistent copy of a live database,
 * checked before it is kept, and its return. */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "service/backup.h"

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* True if A and B name the same existing file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static int run_backup(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"to", required_argument, 0, 't'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const char *db = NULL, *to = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "d:t:h", opts, NULL)) != -1) {
		if (opt == 'd' || opt == 't') {
			*(opt == 'd' ? &db : &to) = optarg;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_backup, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_backup, "unexpected argument '%s'", argv[optind]);
	if (!db || !to)
		return gk_cli_usage(&gk_cmd_backup, "--db and --to are required");
	if (same_file(db, to))
		return gk_cli_usage(&gk_cmd_backup, "--to names the database itself");
	struct gk_error err = {0};
	struct gk_store *s;
	double start = seconds();
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	struct gk_svc svc;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	int64_t bytes = 0;
	enum gk_err rc = gk_svc_backup(&svc, to, &bytes, &err);
	gk_store_free(s);
	if (rc)
		return gk_cli_fail(&err);
	printf("backed up %s to %s: %.1f MB in %.1f s, integrity check ok\n", db, to,
	       (double)bytes / 1048576.0, seconds() - start);
	return 0;
}

const struct gk_command gk_cmd_backup = {
	"backup",
	run_backup,
	"copy a database, live or not, into a checked backup file",
	"usage: gongkai backup --db DB --to FILE\n\n"
	"Copies the database at PATH into FILE while a server may go on writing\n"
	"to it: the copy holds every change committed before the backup began.\n"
	"The copy is written beside FILE, passes SQLite's integrity check, is\n"
	"synced to the disk and only then renamed to FILE (an existing FILE is\n"
	"replaced; on any failure it is left as it was). The backup is one file,\n"
	"readable by its owner alone (it holds applicants' personal data), and is\n"
	"recorded in the database's audit log. The catalogue index (PATH.catalogue)\n"
	"is not copied: it is rebuilt from the database. Restore with\n"
	"'gongkai restore --from FILE --db DB'.\n",
};

static int run_restore(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"from", required_argument, 0, 'f'},
					     {"check", no_argument, 0, 'c'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const char *db = NULL, *from = NULL;
	bool check = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "d:f:ch", opts, NULL)) != -1) {
		if (opt == 'd' || opt == 'f') {
			*(opt == 'd' ? &db : &from) = optarg;
			continue;
		}
		if (opt == 'c') {
			check = true;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_restore, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_restore, "unexpected argument '%s'", argv[optind]);
	if (!from || (!db && !check))
		return gk_cli_usage(&gk_cmd_restore, "--from and --db are required");
	struct gk_error err = {0};
	int version = 0;
	if (check) {
		if (gk_store_verify_file(db, from, &version, &err))
			return gk_cli_fail(&err);
		printf("%s: integrity check ok, schema %d (this gongkai: %d)\n", from, version,
		       gk_store_schema_version());
		return 0;
	}
	if (same_file(db, from))
		return gk_cli_usage(&gk_cmd_restore, "--from names the database itself");
	double start = seconds();
	if (gk_svc_restore(db, from, &version, &err))
		return gk_cli_fail(&err);
	printf("restored %s from %s (schema %d, now %d) in %.1f s;\n"
	       "the catalogue index is rebuilt at the next start ('gongkai reindex --db %s' does it "
	       "now)\n",
	       db, from, version, gk_store_schema_version(), seconds() - start, db);
	return 0;
}

const struct gk_command gk_cmd_restore = {
	"restore",
	run_restore,
	"put a backup back in place of a database",
	"usage: gongkai restore --from FILE --db DB\n"
	"       gongkai restore --check --from FILE\n\n"
	"Checks the backup FILE (a SQLite copy: its integrity check; a PostgreSQL\n"
	"dump: pg_restore --list; then gongkai's tables, a schema not newer than\n"
	"this gongkai), then writes it over the database DB in one transaction (a\n"
	"failure leaves the old database), or creates it. A SQLite file is refused\n"
	"while another process has it open; stop the servers first in any case.\n"
	"The restored database's schema is brought up to date, its audit log\n"
	"records the restore, and the old catalogue index is removed: the server\n"
	"rebuilds it at its next start.\n\n"
	"  --check   only check FILE; write nothing\n",
};
