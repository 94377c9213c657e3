/* gongkai check: find the contradictions in annual reports written by hand. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/report/check.h"
#include "core/report/output.h"
#include "lib/buf.h"
#include "service/document_text.h"

/* Reads PATH ("-" for standard input) whole, up to the report size limit. */
static enum gk_err read_file(const char *path, char **data, size_t *len, struct gk_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return gk_fail(err, GK_EIO, "cannot open '%s': %s", path, strerror(errno));
	struct gk_buf b;
	gk_buf_init(&b, GK_REPORT_MAX_INPUT + 1);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (gk_buf_add(&b, chunk, n) != GK_OK)
			break;
	bool bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (b.failed == GK_ETOOBIG) {
		gk_buf_release(&b);
		return gk_fail(err, GK_ETOOBIG, "'%s' is too large (the limit is %zu MiB)", path,
			       GK_REPORT_MAX_INPUT >> 20);
	}
	if (bad || b.failed) {
		gk_buf_release(&b);
		return gk_fail(err, bad ? GK_EIO : GK_ENOMEM, "cannot read '%s'", path);
	}
	*data = gk_buf_detach(&b, len);
	return *data ? GK_OK : gk_fail(err, GK_ENOMEM, "out of memory reading '%s'", path);
}

/* Reads PATH as read_file does; a PDF or a .docx becomes its text. */
static enum gk_err read_report(const char *path, char **data, size_t *len, struct gk_error *err)
{
	enum gk_err rc = read_file(path, data, len, err);
	if (rc != GK_OK || !gk_document_needs_reading(*data, *len))
		return rc;
	char *text = NULL;
	size_t text_len = 0;
	rc = gk_document_text(*data, *len, &text, &text_len, err);
	free(*data);
	*data = text;
	*len = text_len;
	return rc;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		GK_CLI_HELP_OPTION,
		{"json", no_argument, 0, 'j'},
		{"previous", required_argument, 0, 'p'},
		{0, 0, 0, 0},
	};
	bool json = false;
	const char *previous = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "hjp:", opts, NULL)) != -1) {
		if (opt == 'j') {
			json = true;
			continue;
		}
		if (opt == 'p') {
			previous = optarg;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_check, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind >= argc)
		return gk_cli_usage(&gk_cmd_check, "no report given");
	struct gk_error err = {0};
	char *prev = NULL;
	size_t prev_len = 0;
	if (previous && read_report(previous, &prev, &prev_len, &err) != GK_OK) {
		fprintf(stderr, "gongkai check: %s\n", gk_error_text(&err));
		return 2;
	}
	int status = 0;
	json_t *all = json ? json_array() : NULL;
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		char *data = NULL;
		size_t len = 0;
		struct gk_report_result *res = NULL;
		err = (struct gk_error){0};
		if (read_report(path, &data, &len, &err) != GK_OK ||
		    gk_report_check(data, len, prev, prev_len, &res, &err) != GK_OK) {
			fprintf(stderr, "gongkai check: %s: %s\n", path, gk_error_text(&err));
			free(data);
			status = 2;
			continue;
		}
		free(data);
		if (res->nfindings && status == 0)
			status = 1;
		/* a file with no figure in it was not checked: say so, and do not
		 * let the exit status claim it passed */
		if (res->nfigures == 0) {
			fprintf(stderr,
				"gongkai check: %s: no figures found, nothing to check "
				"(is it an annual report?)\n",
				path);
			status = 2;
		}
		if (json) {
			json_t *o = gk_report_result_json(res, path);
			if (!o || json_array_append_new(all, o)) {
				fprintf(stderr, "gongkai check: out of memory\n");
				status = 2;
			}
		} else {
			struct gk_buf out;
			gk_buf_init(&out, 0);
			gk_report_result_text(res, path, &out);
			fwrite(out.data, 1, out.len, stdout);
			gk_buf_release(&out);
		}
		gk_report_result_free(res);
	}
	free(prev);
	if (json) {
		/* one report: its object; several: an array of them */
		json_t *doc = json_array_size(all) == 1 ? json_array_get(all, 0) : all;
		char *text = json_dumps(doc, JSON_INDENT(2));
		if (text) {
			puts(text);
			free(text);
		} else {
			status = 2;
		}
		json_decref(all);
	}
	return status;
}

const struct gk_command gk_cmd_check = {
	"check",
	run,
	"check annual reports for figures that contradict each other",
	"usage: gongkai check [--json] [--previous LAST_YEAR] FILE...\n"
	"\n"
	"Reads each annual report on government information disclosure (plain text,\n"
	"Markdown, HTML, Word (.docx) or PDF with a text layer; UTF-8, GB18030 or\n"
	"UTF-16; narrative style or the 2019/2021 tables) and reports the figures that\n"
	"cannot all be true: parts against their totals, percentages against counts,\n"
	"the identities of the official tables, years and dates.\n"
	"\n"
	"  --json               print the findings as JSON (line numbers and byte offsets)\n"
	"  --previous FILE      the same agency's report for the year before: also check\n"
	"                       this year's 上年结转 against last year's 结转下年度\n"
	"  -h, --help           show this help\n"
	"\n"
	"FILE may be '-' for standard input. Exit status: 0 no finding, 1 findings,\n"
	"2 a file could not be read, held no figures, or the command was misused.\n",
};
