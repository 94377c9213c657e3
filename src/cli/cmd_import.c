/* gongkai import items: load catalogue items from JSON Lines or CSV, fields
 * named as in the API. Idempotent by 索引号; bad rows are reported with
 * their line and reason while good rows are kept; commits in batches. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/jsonl_reader.h"
#include "lib/csv.h"
#include "service/catalogue.h"
#include "service/import.h"
#include "store/store.h"

#define MAX_LINE (4 << 20)

/* One file being read into the import use case (service/import.h). */
struct import {
	const char *path, *db;
	FILE *in;
	struct gk_item_import items;
	long bad;
	/* the search index, built while the rows are written (once the
	 * import has changed enough items to want it) */
	struct gk_catalogue_follow *follow;
	bool follow_failed;
	int64_t items_before;
	int64_t text; /* bytes of the rows' text fields (text_bytes) */
	/* progress */
	int tty;
	long size;
	double started, last_draw;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(struct import *im, int done)
{
	if (!im->tty)
		return;
	double t = now();
	if (!done && t - im->last_draw < 0.1)
		return;
	im->last_draw = t;
	long pos = ftell(im->in);
	int pct = im->size > 0 && pos >= 0 ? (int)(100.0 * (double)pos / (double)im->size) : 0;
	if (done)
		pct = 100;
	char bar[31];
	int fill = pct * 30 / 100;
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	double rate = t > im->started ? (double)im->items.rows / (t - im->started) : 0;
	fprintf(stderr, "\r[%s] %3d%% %ld rows, %ld bad, %.0f rows/s ", bar, pct, im->items.rows,
		im->bad, rate);
	if (done)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The search index's step after the rows (gk_catalogue_update). */
static void index_step(const char *step, int64_t done, int64_t total, void *ctx)
{
	struct import *im = ctx;
	double t = now();
	bool last = total > 0 && done == total;
	if (!im->tty || (!last && total > 0 && t - im->last_draw < 0.1))
		return;
	im->last_draw = t;
	if (!strcmp(step, "load")) {
		char *path = gk_catalogue_index_path(im->db);
		fprintf(stderr, "\r\033[Ksearch index: loading %s",
			path ? path : "the saved index");
		free(path);
	} else if (!strcmp(step, "save"))
		fprintf(stderr, "\r\033[Ksearch index: compacting and saving");
	else
		fprintf(stderr, "\r\033[Ksearch index: %s %lld of %lld %s (%.0f%%)",
			!strcmp(step, "build") ? "reading" : "applying", (long long)done,
			(long long)total, !strcmp(step, "build") ? "items" : "changes",
			total > 0 ? 100.0 * (double)done / (double)total : 100.0);
	fflush(stderr);
}

/* After each batch: once the import has changed enough items to update
 * the search index at its end, a thread follows the committed batches and
 * puts them into the index meanwhile (gk_catalogue_follow_start), so only
 * the last batch, the compaction and the save are left for the end. */
static void follow(struct import *im)
{
	if (im->items.rows % im->items.batch)
		return; /* no batch committed by this row */
	if (im->follow) {
		gk_catalogue_follow_poke(im->follow);
		return;
	}
	if (im->follow_failed || !gk_catalogue_update_wanted(im->items.added + im->items.updated,
							     im->items_before + im->items.added))
		return;
	struct gk_error err = {0};
	if (gk_catalogue_follow_start(im->db, &im->follow, &err) != GK_OK) {
		im->follow_failed = true; /* the index is updated after the rows instead */
		fprintf(stderr, "search index: %s; updating it after the import\n",
			gk_error_text(&err));
		return;
	}
	/* its thread checkpoints too: the writer never waits for the disk */
	gk_svc_import_defer_checkpoints(&im->items);
}

/* After a large import the saved search index is brought up to date here,
 * so the import's time includes it and a server beside it swaps the file
 * in rather than catching up item by item (docs/catalogue.md). */
static enum gk_err update_index(struct import *im, struct gk_store *s, struct gk_error *err)
{
	int64_t items = 0;
	enum gk_err rc = gk_store_item_count(s, &items, err);
	if (rc || !gk_catalogue_update_wanted(im->items.added + im->items.updated, items)) {
		gk_catalogue_follow_free(im->follow);
		im->follow = NULL;
		return rc;
	}
	double t0 = now();
	struct gk_catalogue_info ci;
	rc = GK_EINTERNAL;
	if (im->follow) {
		/* the log copied into the database and emptied while the thread
		 * folds, not after it, when closing the store would */
		struct gk_error cerr = {0};
		if (gk_store_settle(s, &cerr) != GK_OK)
			fprintf(stderr, "checkpoint: %s\n", gk_error_text(&cerr));
		struct gk_error ferr = {0};
		rc = gk_catalogue_follow_end(im->follow, index_step, im, &ci, &ferr);
		im->follow = NULL;
		if (rc)
			fprintf(stderr, "%ssearch index: %s; updating it again\n",
				im->tty ? "\r\033[K" : "", gk_error_text(&ferr));
	}
	if (rc)
		rc = gk_catalogue_update(s, im->db, index_step, im, &ci, err);
	if (im->tty)
		fputs("\r\033[K", stderr);
	if (!rc)
		printf("search index: %lld items at change %lld, updated in %.1f s\n",
		       (long long)ci.items, (long long)ci.seq, now() - t0);
	return rc;
}

static void report(struct import *im, long line, const char *reason)
{
	if (im->tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%s:%ld: %s\n", im->path, line, reason);
	im->bad++;
}

static void report_link(long line, const char *reason, void *ctx)
{
	report(ctx, line, reason);
}

/* The bytes of a row's text as given: the fields a search reads as text
 * (title, 文号, keywords, summary, body), for the rate the import prints. */
static int64_t text_bytes(json_t *obj)
{
	static const char *const fields[] = {"title", "doc_no", "keywords", "summary", "body"};
	int64_t n = 0;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		json_t *v = json_object_get(obj, fields[i]);
		if (json_is_string(v))
			n += (int64_t)json_string_length(v);
	}
	return n;
}

/* One row: an object with the API's field names. A wrong row is reported
 * and counted; only a failure that ends the import is returned. */
static enum gk_err import_row(struct import *im, json_t *obj, long line, struct gk_error *err)
{
	struct gk_error row = {0};
	im->text += text_bytes(obj);
	enum gk_err rc = gk_svc_import_row(&im->items, obj, line, &row);
	if (gk_svc_import_fatal(rc))
		return gk_fail(err, rc, "%s:%ld: %s", im->path, line, gk_error_text(&row));
	if (rc)
		report(im, line, gk_error_text(&row));
	return GK_OK;
}

/* A line's item, read from its object in the reading thread. */
struct parsed {
	struct gk_item it;
	int64_t text;
	char interprets[GK_INDEX_MAX];
	enum gk_err rc;
	struct gk_error err;
};

static void *parse_item(json_t *obj, long line, void *ctx)
{
	struct parsed *p = malloc(sizeof *p);
	if (!p)
		abort(); /* the reader's contract: never NULL */
	p->err = (struct gk_error){0};
	p->text = text_bytes(obj);
	p->rc = gk_svc_import_read(obj, &p->it, p->interprets, &p->err);
	return p;
}

static void release_parsed(void *made)
{
	struct parsed *p = made;
	gk_item_release(&p->it);
	free(p);
}

/* Lines parsed, and their items read, ahead by a thread (jsonl_reader.h)
 * while rows are written. */
static enum gk_err read_jsonl(struct import *im, struct gk_error *err)
{
	struct gk_jsonl_reader r;
	struct gk_jsonl_row row;
	enum gk_err rc = gk_jsonl_reader_start_converting(&r, im->in, MAX_LINE, parse_item,
							  release_parsed, NULL, err);
	while (!rc && gk_jsonl_reader_next(&r, &row)) {
		progress(im, 0);
		struct parsed *p = row.made;
		if (p)
			im->text += p->text;
		if (!p) {
			report(im, row.line, row.why);
		} else {
			struct gk_error one = {0};
			enum gk_err prc = p->rc ? p->rc
						: gk_svc_import_item(&im->items, &p->it,
								     p->interprets, row.line, &one);
			const char *why = p->rc ? gk_error_text(&p->err) : gk_error_text(&one);
			if (gk_svc_import_fatal(prc))
				rc = gk_fail(err, prc, "%s:%ld: %s", im->path, row.line, why);
			else if (prc)
				report(im, row.line, why);
			release_parsed(p);
		}
		if (!rc)
			rc = gk_svc_import_next(&im->items, err);
		if (!rc)
			follow(im);
	}
	gk_jsonl_reader_stop(&r);
	if (!rc && r.read_errno)
		rc = gk_fail(err, GK_EIO, "cannot read '%s': %s", im->path, strerror(r.read_errno));
	return rc;
}

static enum gk_err read_csv(struct import *im, struct gk_error *err)
{
	struct gk_csv_reader r;
	char *header[GK_CSV_MAX_FIELDS] = {0};
	int nheader = 0, got;
	enum gk_err rc = GK_OK;
	gk_csv_reader_init(&r, im->in);
	got = gk_csv_read(&r);
	if (got <= 0) {
		gk_csv_reader_release(&r);
		return gk_fail(err, GK_EINVAL, "%s: no header line with the field names", im->path);
	}
	for (int i = 0; i < r.nfields; i++) {
		const char *h = r.fields[i];
		if (i == 0 && strncmp(h, "\xEF\xBB\xBF", 3) == 0)
			h += 3; /* a spreadsheet's BOM */
		header[nheader++] = strdup(h);
	}
	while (!rc && (got = gk_csv_read(&r)) != 0) {
		progress(im, 0);
		if (got < 0) {
			report(im, r.line,
			       "malformed CSV record (an unclosed quote or too many fields)");
		} else if (!(r.nfields == 1 && !r.fields[0][0])) {
			if (r.nfields != nheader) {
				char why[120];
				snprintf(why, sizeof why, "has %d fields, the header %d", r.nfields,
					 nheader);
				report(im, r.line, why);
			} else {
				json_t *obj = json_object();
				for (int i = 0; i < nheader; i++)
					json_object_set_new(obj, header[i] ? header[i] : "",
							    json_string(r.fields[i]));
				rc = import_row(im, obj, r.line, err);
				json_decref(obj);
			}
		} else {
			continue;
		}
		if (!rc)
			rc = gk_svc_import_next(&im->items, err);
		if (!rc)
			follow(im);
	}
	for (int i = 0; i < nheader; i++)
		free(header[i]);
	gk_csv_reader_release(&r);
	return rc;
}

/* JSON Lines if the name says so or the first character is '{'; else CSV. */
static bool is_jsonl(const char *path, FILE *in)
{
	const char *dot = strrchr(path, '.');
	if (dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson") || !strcmp(dot, ".json")))
		return true;
	if (dot && !strcmp(dot, ".csv"))
		return false;
	int c;
	while ((c = getc(in)) == ' ' || c == '\n' || c == '\r' || c == '\t')
		;
	if (c != EOF)
		ungetc(c, in);
	return c == '{';
}

static int run_items(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"batch", required_argument, 0, 'b'},
					     {"no-progress", no_argument, 0, 'q'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const char *db = NULL;
	int opt, batch = 1000, quiet = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:b:qh", opts, NULL)) != -1) {
		if (opt == 'd') {
			db = optarg;
			continue;
		}
		if (opt == 'q') {
			quiet = 1;
			continue;
		}
		if (opt == 'b') {
			char *end;
			batch = (int)strtol(optarg, &end, 10);
			if (*end || batch < 1 || batch > 1000000)
				return gk_cli_usage(&gk_cmd_import, "--batch must be 1 to 1000000");
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_import, opt);
		if (rc >= 0)
			return rc;
	}
	if (!db)
		return gk_cli_usage(&gk_cmd_import, "--db is required");
	if (optind + 1 != argc)
		return gk_cli_usage(&gk_cmd_import, "give exactly one FILE to import");
	struct import im = {.path = argv[optind], .db = db};
	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct gk_svc svc;
	enum gk_err rc;
	im.in = strcmp(im.path, "-") == 0 ? stdin : fopen(im.path, "r");
	if (!im.in) {
		gk_fail(&err, GK_EIO, "cannot open '%s': %s", im.path, strerror(errno));
		return gk_cli_fail(&err);
	}
	if (fseek(im.in, 0, SEEK_END) == 0) {
		im.size = ftell(im.in);
		rewind(im.in);
	}
	im.tty = !quiet && isatty(STDERR_FILENO);
	im.started = now();
	bool jsonl = is_jsonl(im.path, im.in);
	if ((rc = gk_store_open(db, GK_STORE_OPEN, &s, &err)))
		goto out;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	if ((rc = gk_store_item_count(s, &im.items_before, &err)) ||
	    (rc = gk_svc_import_begin(&im.items, &svc, batch, &err)))
		goto out;
	rc = jsonl ? read_jsonl(&im, &err) : read_csv(&im, &err);
	/* the last rows committed, the index is folded and saved meanwhile */
	if (!rc && im.follow && im.items.rows % im.items.batch)
		rc = gk_svc_import_flush(&im.items, &err);
	if (!rc && im.follow)
		gk_catalogue_follow_rows_done(im.follow);
	rc = gk_svc_import_end(&im.items, rc, im.path, im.bad, report_link, &im, &err);
	progress(&im, 1);
	if (!rc)
		rc = update_index(&im, s, &err);
	if (!rc) {
		double took = now() - im.started;
		printf("imported %s (%s): %ld rows: %ld added, %ld updated, %ld unchanged, %ld bad, in %.1f s (%.1f MB/s of the file, %.1f MB/s of its %.1f MB of text: title, doc_no, keywords, summary, body; the search index included)\n",
		       im.path, jsonl ? "JSON Lines" : "CSV", im.items.rows, im.items.added,
		       im.items.updated, im.items.unchanged, im.bad, took,
		       took > 0 && im.size > 0 ? (double)im.size / 1e6 / took : 0.0,
		       took > 0 ? (double)im.text / 1e6 / took : 0.0, (double)im.text / 1e6);
	}
out:
	gk_catalogue_follow_free(im.follow);
	if (im.in != stdin)
		fclose(im.in);
	gk_store_free(s);
	if (rc)
		return gk_cli_fail(&err);
	return im.bad ? 1 : 0;
}

static int run(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(gk_cmd_import.usage, stdout);
		return 0;
	}
	/* the yearly report's records: cmd_import_records.c */
	if (argc >= 2 && strcmp(argv[1], "records") == 0)
		return gk_cmd_import_records(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "items") != 0)
		return gk_cli_usage(&gk_cmd_import, "say what to import: items");
	return run_items(argc - 1, argv + 1);
}

const struct gk_command gk_cmd_import = {
	"import",
	run,
	"import catalogue items from JSON Lines or CSV",
	"usage: gongkai import items --db DB [--batch N] [--no-progress] FILE\n\n"
	"Adds or updates catalogue items from FILE ('-' for standard input): JSON Lines\n"
	"(one object per line) or CSV (a header line of field names), chosen by the\n"
	"name's ending (.jsonl, .csv) or else by the first character. Fields are named\n"
	"as in the API (/api/v1/items): index_no, agency (code), title, topic, genre,\n"
	"column, doc_no, written, published, validity, effective, ended, repealed_by,\n"
	"normative, channels, keywords, summary, body, attachments, interp_kind,\n"
	"interprets (the policy's 索引号), status. Codes or labels are accepted.\n\n"
	"An item whose 索引号 exists is updated (or left alone if nothing changed), so\n"
	"importing a file twice changes nothing; items without one get one. Every bad\n"
	"row is reported as FILE:LINE: reason and skipped; good rows are kept. Commits\n"
	"every N rows (default 1000). A progress bar shows on a terminal.\n\n"
	"An import that changes 5,000 items or more (or 1% of the catalogue) also\n"
	"brings the search index PATH.catalogue up to date (its time is included):\n"
	"a second thread puts each committed batch into it while the next one is\n"
	"written, and the index is folded and saved at the end, so a server running\n"
	"beside it swaps the new index in without stalling.\n"
	"For tests, GONGKAI_TEST_IMPORT_INDEX=N sets that count instead.\n"
	"Exit status: 0 all rows imported, 1 some rows were bad (or an error).\n",
};
