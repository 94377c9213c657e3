/* gongkai reindex: rebuild the catalogue index (<db>.catalogue) from the
 * database, with a progress bar on a terminal. */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/catalogue.h"
#include "store/store.h"

struct bar {
	double start;
	int last; /* the per-mille last drawn */
};

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw(int64_t done, int64_t total, void *ctx)
{
	struct bar *b = ctx;
	int permille = total > 0 ? (int)(done * 1000 / total) : 1000;
	if (permille == b->last)
		return;
	b->last = permille;
	char cells[41];
	int full = permille * 40 / 1000;
	for (int i = 0; i < 40; i++)
		cells[i] = i < full ? '#' : '.';
	cells[40] = '\0';
	double t = seconds() - b->start;
	fprintf(stderr, "\r[%s] %3d%% %lld/%lld items %.0f/s", cells, permille / 10,
		(long long)done, (long long)total, t > 0 ? (double)done / t : 0.0);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"no-progress", no_argument, 0, 'n'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const char *db = NULL;
	bool progress = isatty(2);
	int opt;
	while ((opt = getopt_long(argc, argv, "d:nh", opts, NULL)) != -1) {
		if (opt == 'd') {
			db = optarg;
			continue;
		}
		if (opt == 'n') {
			progress = false;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_reindex, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_reindex, "unexpected argument '%s'", argv[optind]);
	if (!db)
		return gk_cli_usage(&gk_cmd_reindex, "--db is required");
	struct gk_error err = {0};
	struct gk_store *s;
	struct gk_catalogue *c = NULL;
	struct bar bar = {seconds(), -1};
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	enum gk_err rc = gk_catalogue_open(s, db, GK_CATALOGUE_REBUILD | GK_CATALOGUE_NO_SAVE,
					   progress ? draw : NULL, &bar, &c, &err);
	gk_store_free(s);
	if (!rc)
		rc = gk_catalogue_save(c, &err);
	if (rc) {
		gk_catalogue_free(c);
		return gk_cli_fail(&err);
	}
	struct gk_catalogue_info ci;
	struct stat st;
	gk_catalogue_info(c, &ci);
	double mb = stat(ci.path, &st) == 0 ? (double)st.st_size / 1048576.0 : 0;
	printf("indexed %lld items (change %lld) in %.1f s: %s (%.1f MB)\n", (long long)ci.items,
	       (long long)ci.seq, seconds() - bar.start, ci.path, mb);
	gk_catalogue_free(c);
	return 0;
}

const struct gk_command gk_cmd_reindex = {
	"reindex",
	run,
	"rebuild the catalogue's search index from the database",
	"usage: gongkai reindex --db DB [--no-progress]\n\n"
	"Reads every catalogue item of the database at PATH and writes the\n"
	"catalogue index (listings, counts and search) to PATH.catalogue, the\n"
	"file 'gongkai serve' and 'gongkai search' load at start. A server keeps\n"
	"its index current by itself; reindex is for a damaged or deleted file,\n"
	"or after a change of gongkai's index format. Shows a progress bar on\n"
	"standard error when that is a terminal (--no-progress: never).\n",
};
