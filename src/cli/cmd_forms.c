/* gongkai forms: the blank application form (政府信息公开申请表) for an
 * office to print, as the public downloads it from /forms. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "output/application_form.h"
#include "store/store.h"

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"kind", required_argument, 0, 'k'},
					     {"format", required_argument, 0, 'f'},
					     {"agency", required_argument, 0, 'a'},
					     {"db", required_argument, 0, 'd'},
					     {"output", required_argument, 0, 'o'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const struct gk_command *cmd = &gk_cmd_forms;
	const char *db = NULL, *agency_code = NULL, *path = NULL;
	enum gk_appform_kind kind = GK_APPFORM_COUNT;
	enum gk_appform_format format = GK_APPFORM_FORMAT_COUNT;
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "k:f:a:d:o:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			if (!gk_appform_kind_parse(optarg, &kind))
				return gk_cli_usage(cmd, "--kind must be person or organisation");
			continue;
		case 'f':
			if (!gk_appform_format_parse(optarg, &format))
				return gk_cli_usage(cmd, "--format must be pdf or docx");
			continue;
		case 'a':
			agency_code = optarg;
			continue;
		case 'd':
			db = optarg;
			continue;
		case 'o':
			path = optarg;
			continue;
		}
		int rc = gk_cli_common_opt(cmd, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind != argc)
		return gk_cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (kind == GK_APPFORM_COUNT)
		return gk_cli_usage(cmd, "--kind is required (person or organisation)");
	if (format == GK_APPFORM_FORMAT_COUNT) {
		const char *dot = path ? strrchr(path, '.') : NULL;
		if (!dot || !gk_appform_format_parse(dot + 1, &format))
			return gk_cli_usage(cmd, "--format is required (pdf or docx)");
	}
	if (agency_code && !db)
		return gk_cli_usage(cmd, "--agency needs --db");
	if (!path)
		return gk_cli_usage(cmd, "-o FILE is required ('-' for standard output)");
	bool to_stdout = strcmp(path, "-") == 0;
	if (to_stdout && isatty(STDOUT_FILENO))
		return gk_cli_usage(cmd,
				    "%s is not for a terminal: -o FILE, or redirect the output",
				    gk_appform_format_code(format));

	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct gk_agency ag;
	struct gk_buf out;
	gk_buf_init(&out, (size_t)64 << 20);
	enum gk_err rc = GK_OK;
	if (db && (rc = gk_store_open(db, GK_STORE_OPEN, &s, &err)))
		goto done;
	if (db)
		rc = agency_code ? gk_store_agency_by_code(s, agency_code, &ag, &err)
				 : gk_store_agency_root(s, &ag, &err);
	if (rc)
		goto done;
	struct gk_application_form f = {kind, db ? &ag : NULL, NULL};
	rc = format == GK_APPFORM_PDF ? gk_appform_pdf(&f, &out, &err)
				      : gk_appform_docx(&f, &out, &err);
	if (rc)
		goto done;
	FILE *fp = to_stdout ? stdout : fopen(path, "wb");
	if (!fp) {
		rc = gk_fail(&err, GK_EIO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	bool ok = fwrite(out.data, 1, out.len, fp) == out.len;
	ok = (fp == stdout ? fflush(fp) : fclose(fp)) == 0 && ok;
	if (!ok)
		rc = gk_fail(&err, GK_EIO, "cannot write '%s': %s", path, strerror(errno));
done:
	gk_buf_release(&out);
	gk_store_free(s);
	return rc ? gk_cli_fail(&err) : 0;
}

const struct gk_command gk_cmd_forms = {
	"forms",
	run,
	"the blank application form (政府信息公开申请表) as PDF or Word, for printing",
	"usage: gongkai forms --kind person|organisation --format pdf|docx\n"
	"                     [--db DB [--agency CODE]] -o FILE\n\n"
	"Writes the application form for disclosure on application (条例第二十九条):\n"
	"the version for natural persons (公民) or for organisations (法人或者其他组织),\n"
	"as a PDF with its Chinese font embedded or as a Word document (.docx). With\n"
	"--db the agency (--agency CODE, else the root agency) is named in the title and\n"
	"its disclosure office's contact in the notes; without it the form names none.\n"
	"The format may be left to FILE's ending (.pdf, .docx). The same documents are\n"
	"downloaded from /forms on the web site.\n",
};
