/* gongkai report: the yearly report (政府信息公开工作年度报告) of an agency,
 * or rolled up over its subtree, computed from the records and written in
 * one of the formats (docs/annual-report.md). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/report/annual.h"
#include "lib/buf.h"
#include "lib/html.h"
#include "output/annual_pdf.h"
#include "output/annual_xlsx.h"
#include "service/annual_report.h"
#include "store/store.h"

/* Years the HTML's trend charts show, this one included. */
#define TREND_YEARS 5

enum doc_format { DOC_TXT, DOC_MD, DOC_JSON, DOC_HTML, DOC_XLSX, DOC_PDF, DOC_NONE };

static const char *const format_codes[] = {"txt", "md", "json", "html", "xlsx", "pdf"};

static enum doc_format format_parse(const char *s)
{
	for (int i = 0; i < DOC_NONE; i++)
		if (!strcmp(s, format_codes[i]))
			return (enum doc_format)i;
	if (!strcmp(s, "text"))
		return DOC_TXT;
	if (!strcmp(s, "markdown"))
		return DOC_MD;
	return DOC_NONE;
}

/* The format a file name's ending names, DOC_NONE if none. */
static enum doc_format format_of_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	return dot ? format_parse(dot + 1) : DOC_NONE;
}

/* A stand-alone HTML document around the report's fragment: a file is read
 * without the site's style sheet, so a few rules come with it. */
static void html_document(struct gk_buf *out, const struct gk_annual *a, const struct gk_buf *body)
{
	gk_buf_puts(out,
		    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<title>");
	struct gk_buf title;
	gk_buf_init(&title, 1024);
	gk_buf_printf(&title, "%s%d年政府信息公开工作年度报告", a->agency_name, a->year);
	gk_html_text(out, title.data ? title.data : "");
	gk_buf_release(&title);
	gk_buf_puts(out,
		    "</title>\n<style>\n"
		    "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.7}\n"
		    "table{border-collapse:collapse;margin:1em 0}\n"
		    "th,td{border:1px solid #444;padding:.2em .5em}\n"
		    "td.num{text-align:right}\n</style>\n</head>\n<body>\n");
	gk_buf_add(out, body->data, body->len);
	gk_buf_puts(out, "\n</body>\n</html>\n");
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"year", required_argument, 0, 'y'},
					     {"agency", required_argument, 0, 'a'},
					     {"style", required_argument, 0, 's'},
					     {"format", required_argument, 0, 'f'},
					     {"output", required_argument, 0, 'o'},
					     {"own", no_argument, 0, 'O'},
					     {"rollup", no_argument, 0, 'R'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const struct gk_command *cmd = &gk_cmd_report;
	const char *db = NULL, *agency_code = NULL, *path = NULL;
	long year = 0;
	bool style_set = false;
	int scope = -1; /* -1 by the agency's kind, 0 its own, 1 its subtree */
	enum gk_annual_style style = GK_STYLE_2021;
	enum doc_format format = DOC_NONE;
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:y:a:s:f:o:ORh", opts, NULL)) != -1) {
		char *end;
		switch (opt) {
		case 'd':
			db = optarg;
			continue;
		case 'y':
			year = strtol(optarg, &end, 10);
			if (*end || year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX)
				return gk_cli_usage(cmd, "--year must be a year from %d to %d",
						    GK_RECORD_YEAR_MIN, GK_RECORD_YEAR_MAX);
			continue;
		case 'a':
			agency_code = optarg;
			continue;
		case 's':
			if (!gk_annual_style_parse(optarg, &style))
				return gk_cli_usage(cmd, "--style must be 2021, 2019 or narrative");
			style_set = true;
			continue;
		case 'f':
			if ((format = format_parse(optarg)) == DOC_NONE)
				return gk_cli_usage(
					cmd, "--format must be html, md, txt, json, xlsx or pdf");
			continue;
		case 'o':
			path = optarg;
			continue;
		case 'O':
			scope = 0;
			continue;
		case 'R':
			scope = 1;
			continue;
		}
		int rc = gk_cli_common_opt(cmd, opt);
		if (rc >= 0)
			return rc;
	}
	if (!db)
		return gk_cli_usage(cmd, "--db is required");
	if (!year)
		return gk_cli_usage(cmd, "--year is required");
	if (optind != argc)
		return gk_cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (format == DOC_NONE)
		format = path && strcmp(path, "-") ? format_of_path(path) : DOC_TXT;
	if (format == DOC_NONE)
		return gk_cli_usage(cmd, "say the format with --format: '%s' has no known ending",
				    path);
	/* a document to standard output only when it goes to a file or a pipe */
	bool to_stdout = !path || !strcmp(path, "-");
	if ((format == DOC_XLSX || format == DOC_PDF) && to_stdout && isatty(STDOUT_FILENO))
		return gk_cli_usage(cmd,
				    "%s is not for a terminal: -o FILE, or redirect the output",
				    format_codes[format]);

	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct gk_calendar *cal = NULL;
	struct gk_annual a;
	struct gk_buf out;
	enum gk_err rc;
	gk_annual_init(&a, (int)year);
	gk_buf_init(&out, (size_t)256 << 20);
	if ((rc = gk_store_open(db, GK_STORE_OPEN, &s, &err)))
		goto done;
	struct gk_agency ag;
	rc = agency_code ? gk_store_agency_by_code(s, agency_code, &ag, &err)
			 : gk_store_agency_root(s, &ag, &err);
	if (rc)
		goto done;
	/* a government reports on everything under it; a department on itself */
	bool rollup = scope < 0 ? ag.kind == GK_AGENCY_GOVERNMENT : scope == 1;
	/* a year whose working-day calendar is not loaded is refused */
	if (!(cal = gk_svc_calendar_load(s, &err))) {
		rc = err.code ? err.code : GK_ENOMEM;
		goto done;
	}
	struct gk_svc svc;
	gk_svc_init(&svc, s, cal, NULL, "cli");
	if ((rc = gk_svc_annual_build(&svc, ag.id, (int)year, rollup, &a, &err)))
		goto done;
	if (style_set)
		a.style = style;
	switch (format) {
	case DOC_XLSX:
		rc = to_stdout ? gk_annual_xlsx(&a, &out, &err)
			       : gk_annual_write_xlsx(&a, path, &err);
		break;
	case DOC_PDF:
		rc = to_stdout ? gk_annual_pdf(&a, &out, &err)
			       : gk_annual_write_pdf(&a, path, &err);
		break;
	case DOC_HTML: {
		/* with its charts: channels, outcomes and the five-year trends */
		struct gk_annual past[TREND_YEARS - 1];
		int npast = 0;
		struct gk_buf body;
		gk_buf_init(&body, (size_t)64 << 20);
		rc = gk_svc_annual_build_history(&svc, ag.id, (int)year, rollup, past,
						 TREND_YEARS - 1, &npast, &err);
		struct gk_annual_history history = {past, npast};
		if (!rc)
			rc = gk_annual_render(&a, GK_OUT_HTML, &history, &body, &err);
		if (!rc)
			html_document(&out, &a, &body);
		gk_buf_release(&body);
		for (int i = 0; i < npast; i++)
			gk_annual_release(&past[i]);
		break;
	}
	default:
		rc = gk_annual_render(&a,
				      format == DOC_MD     ? GK_OUT_MARKDOWN
				      : format == DOC_JSON ? GK_OUT_JSON
							   : GK_OUT_TEXT,
				      NULL, &out, &err);
	}
	if (!rc && out.failed)
		rc = gk_fail(&err, GK_ENOMEM, "out of memory");
	if (rc || ((format == DOC_XLSX || format == DOC_PDF) && !to_stdout))
		goto done;
	FILE *f = path && strcmp(path, "-") ? fopen(path, "w") : stdout;
	if (!f) {
		rc = gk_fail(&err, GK_EIO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	bool ok = fwrite(out.data, 1, out.len, f) == out.len;
	ok = (f == stdout ? fflush(f) : fclose(f)) == 0 && ok;
	if (!ok)
		rc = gk_fail(&err, GK_EIO, "cannot write '%s': %s", path ? path : "standard output",
			     strerror(errno));
done:
	gk_buf_release(&out);
	gk_annual_release(&a);
	gk_store_free(s);
	gk_calendar_free(cal);
	return rc ? gk_cli_fail(&err) : 0;
}

const struct gk_command gk_cmd_report = {
	"report",
	run,
	"the yearly report (政府信息公开工作年度报告) from the records",
	"usage: gongkai report --db DB --year Y [--agency CODE] [--own | --rollup]\n"
	"                      [--style 2021|2019|narrative] [--format html|md|txt|json|xlsx|pdf]\n"
	"                      [-o FILE]\n\n"
	"Computes the yearly report of government information disclosure for year Y from\n"
	"what was recorded: applications, the catalogue, reconsideration and litigation,\n"
	"complaints, response work and the figures entered per year. Every figure is\n"
	"counted from its records, so every sum of the official tables holds.\n\n"
	"  --agency CODE  the agency (default: the root, the city's government)\n"
	"  --own          only the agency's own records\n"
	"  --rollup       summed over the agency and every agency under it\n"
	"                 (default: rolled up for a people's government, own otherwise)\n"
	"  --style        2021 format (years 2021 on), 2019 format (2019-2020) or the\n"
	"                 narrative style of earlier years; default from the year\n"
	"  --format       default from the ending of FILE, else txt (xlsx and pdf go to\n"
	"                 standard output only when it is a file or a pipe)\n"
	"  -o FILE        write there (default: standard output)\n",
};
