/* gongkai check: find the contradictions in annual reports written by hand. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/report/check.h"
#include "core/report/output.h"
#include "core/report/title.h"
#include "lib/buf.h"
#include "output/check_summary.h"
#include "service/document_text.h"

/* Why a file cannot be opened, in words for people. */
static const char *open_error(int e)
{
	switch (e) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
	case EPERM:
		return "没有读取权限";
	case EISDIR:
		return "这是一个文件夹";
	default:
		return strerror(e);
	}
}

/* Reads PATH ("-" for standard input) whole, up to the report size limit. */
static enum gk_err read_file(const char *path, char **data, size_t *len, struct gk_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return gk_fail(err, GK_EIO, "无法打开“%s”：%s", path, open_error(errno));
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
		return gk_fail(err, GK_ETOOBIG, "文件“%s”过大（上限为 %zu MiB）", path,
			       GK_REPORT_MAX_INPUT >> 20);
	}
	if (bad || b.failed) {
		gk_buf_release(&b);
		return gk_fail(err, bad ? GK_EIO : GK_ENOMEM, "无法读取“%s”", path);
	}
	*data = gk_buf_detach(&b, len);
	return *data ? GK_OK : gk_fail(err, GK_ENOMEM, "读取“%s”时内存不足", path);
}

/* Reads PATH as read_file does; a PDF or a .docx becomes its text, and a
 * file whose extension promises one must be one. */
static enum gk_err read_report(const char *path, char **data, size_t *len, struct gk_error *err)
{
	enum gk_err rc = read_file(path, data, len, err);
	char *text = NULL;
	size_t text_len = 0;
	if (rc == GK_OK)
		rc = gk_document_report_text(path, *data, *len, &text, &text_len, err);
	if (rc != GK_OK) {
		free(*data);
		free(text);
		*data = NULL;
		return rc;
	}
	if (text) {
		free(*data);
		*data = text;
		*len = text_len;
	}
	return GK_OK;
}

/* The note for a file in which no figure was found. */
static const char no_figures[] = "未找到可核对的数字，没有检查（这是政府信息公开工作年度报告吗？）";

/* --- batch mode: --summary DIR|FILE… [--out FILE.xlsx|FILE.html] ----------------- */

struct batch {
	char **paths;
	size_t n, cap;
};

static bool batch_add(struct batch *b, const char *path)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 64;
		char **p = realloc(b->paths, cap * sizeof *p);
		if (!p)
			return false;
		b->paths = p;
		b->cap = cap;
	}
	return (b->paths[b->n] = strdup(path)) ? (b->n++, true) : false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds DIR's files (not hidden ones, not subfolders) in name order. */
static bool batch_add_dir(struct batch *b, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return batch_add(b, dir); /* its row will say why */
	size_t first = b->n;
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct gk_buf p;
		gk_buf_init(&p, 0);
		gk_buf_printf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		struct stat st;
		if (p.failed)
			ok = false;
		else if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
			; /* one level only */
		else
			ok = batch_add(b, p.data);
		gk_buf_release(&p);
	}
	closedir(d);
	if (b->n > first)
		qsort(b->paths + first, b->n - first, sizeof *b->paths, by_name);
	return ok;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Checks one file into ROW (strings in STRS, owned by the caller). */
static void batch_check(const char *path, struct gk_check_summary_row *row, char **strs)
{
	struct gk_error err = {0};
	char *data = NULL;
	size_t len = 0;
	struct gk_report_result *res = NULL;
	*row = (struct gk_check_summary_row){.file = path, .agency = "", .format = ""};
	if (read_report(path, &data, &len, &err) != GK_OK ||
	    gk_report_check(data, len, NULL, 0, &res, &err) != GK_OK) {
		free(data);
		row->problem = strs[0] = strdup(gk_error_text(&err));
		if (!row->problem)
			row->problem = "内存不足";
		return;
	}
	free(data);
	char agency[512];
	if (gk_report_title_agency(res->text, res->text_len, agency, sizeof agency))
		row->agency = strs[1] = strdup(agency);
	if (!row->agency)
		row->agency = "";
	if (res->nfigures == 0) {
		row->problem = no_figures;
	} else {
		row->year = res->year;
		row->format = res->table1_format == 2021   ? "2021"
			      : res->table1_format == 2019 ? "2019"
							   : "narrative";
		row->errors = res->nerrors;
		row->doubts = res->nwarnings;
	}
	gk_report_result_free(res);
}

static int write_out(const char *out, const struct gk_check_summary_row *rows, size_t n)
{
	struct gk_error err = {0};
	struct gk_buf b;
	gk_buf_init(&b, 0);
	enum gk_err rc = GK_OK;
	if (ends_with(out, ".xlsx"))
		rc = gk_check_summary_xlsx(rows, n, &b, &err);
	else
		gk_check_summary_html(rows, n, &b);
	if (!rc && b.failed)
		rc = gk_fail(&err, GK_ENOMEM, "内存不足");
	FILE *f = rc ? NULL : fopen(out, "wb");
	if (!rc && !f)
		rc = gk_fail(&err, GK_EIO, "无法写入“%s”：%s", out, open_error(errno));
	if (f && (fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0))
		rc = gk_fail(&err, GK_EIO, "无法写入“%s”", out);
	gk_buf_release(&b);
	if (rc) {
		fprintf(stderr, "gongkai check: %s\n", gk_error_text(&err));
		return 2;
	}
	return 0;
}

static int run_summary(int argc, char **argv, const char *out)
{
	struct batch b = {0};
	bool ok = true;
	for (int i = 0; ok && i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			ok = batch_add_dir(&b, argv[i]);
		else
			ok = batch_add(&b, argv[i]);
	}
	struct gk_check_summary_row *rows = calloc(b.n ? b.n : 1, sizeof *rows);
	char **strs = calloc(2 * (b.n ? b.n : 1), sizeof *strs);
	if (!ok || !rows || !strs) {
		fprintf(stderr, "gongkai check: 内存不足\n");
		ok = false;
		goto done;
	}
	size_t nread = 0;
	bool errors = false;
	puts("文件\t发布机关\t年度\t格式\t错误\t疑问\t说明");
	for (size_t i = 0; i < b.n; i++) {
		struct gk_check_summary_row *row = &rows[i];
		batch_check(b.paths[i], row, strs + 2 * i);
		if (row->problem) {
			printf("%s\t%s\t\t\t\t\t未检查：%s\n", row->file, row->agency,
			       row->problem);
			continue;
		}
		nread++;
		errors |= row->errors > 0;
		printf("%s\t%s\t", row->file, row->agency);
		if (row->year)
			printf("%d", row->year);
		printf("\t%s\t%d\t%d\t\n", gk_check_summary_format_label(row->format), row->errors,
		       row->doubts);
	}
	fflush(stdout);
	int status = nread == 0 ? 2 : errors ? 1 : 0;
	if (b.n == 0)
		fprintf(stderr, "gongkai check: 没有要检查的文件\n");
	if (out && write_out(out, rows, b.n) != 0)
		status = 2;
	for (size_t i = 0; i < 2 * b.n; i++)
		free(strs[i]);
	free(strs);
	free(rows);
	for (size_t i = 0; i < b.n; i++)
		free(b.paths[i]);
	free(b.paths);
	return status;
done:
	free(strs);
	free(rows);
	for (size_t i = 0; i < b.n; i++)
		free(b.paths[i]);
	free(b.paths);
	return 2;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		GK_CLI_HELP_OPTION,
		{"json", no_argument, 0, 'j'},
		{"previous", required_argument, 0, 'p'},
		{"summary", no_argument, 0, 's'},
		{"out", required_argument, 0, 'o'},
		{0, 0, 0, 0},
	};
	bool json = false, summary = false;
	const char *previous = NULL, *out_path = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "hjp:so:", opts, NULL)) != -1) {
		if (opt == 's') {
			summary = true;
			continue;
		}
		if (opt == 'o') {
			out_path = optarg;
			continue;
		}
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
	if (out_path && !summary)
		return gk_cli_usage(&gk_cmd_check, "--out goes with --summary");
	if (out_path && !ends_with(out_path, ".xlsx") && !ends_with(out_path, ".html") &&
	    !ends_with(out_path, ".htm"))
		return gk_cli_usage(&gk_cmd_check, "--out must name a .xlsx or .html file");
	if (summary && (json || previous))
		return gk_cli_usage(&gk_cmd_check,
				    "--summary does not go with --json or --previous");
	if (summary)
		return run_summary(argc - optind, argv + optind, out_path);
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
			fprintf(stderr, "gongkai check: %s: %s\n", path, no_figures);
			status = 2;
		}
		if (json) {
			json_t *o = gk_report_result_json(res, path);
			if (!o || json_array_append_new(all, o)) {
				fprintf(stderr, "gongkai check: 内存不足\n");
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
	"       gongkai check --summary [--out SUMMARY.xlsx|SUMMARY.html] DIR|FILE...\n"
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
	"  --summary            batch mode: one tab-separated line per file, in Chinese\n"
	"                       (文件, 发布机关 from the title line, 年度, 格式\n"
	"                       2021年格式/2019年格式/叙述式, 错误, 疑问, 说明); a DIR\n"
	"                       stands for its files\n"
	"  --out FILE           with --summary: also write the summary as XLSX or HTML\n"
	"  -h, --help           show this help\n"
	"\n"
	"FILE may be '-' for standard input. Exit status: 0 no finding, 1 findings,\n"
	"2 a file could not be read, held no figures, or the command was misused.\n"
	"With --summary: 0 no file has an error (doubts allowed), 1 some file has one,\n"
	"2 no file could be read; unreadable files get a line saying why.\n",
};
