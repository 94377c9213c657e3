/* gongkai import records: the records the yearly report counts, from JSON
 * Lines — one record a line, {"type": "dispute"|"complaint"|"response"|
 * "figure", "agency": CODE, …fields by code} — through the same use cases
 * as the staff pages. A bad line is reported FILE:LINE: reason and
 * skipped. A dispute with a 案号 already recorded for its agency is
 * updated (unchanged if equal), and a figure is set for its agency, year
 * and code, so importing a file twice changes nothing for those; a
 * complaint or response has no such key and is added each time. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "service/records.h"
#include "store/store.h"

static const char usage[] =
	"usage: gongkai import records --db DB FILE\n\n"
	"Adds the records the yearly report counts from FILE ('-' for standard input),\n"
	"JSON Lines, one record a line:\n"
	"  {\"type\": \"dispute\", \"agency\": \"035205000\", \"kind\": \"review\",\n"
	"   \"case_no\": \"同复〔2021〕3号\", \"filed\": \"2021-04-02\", \"result\": \"upheld\",\n"
	"   \"decided\": \"2021-06-01\", \"application\": \"TRACKING\", …}\n"
	"  {\"type\": \"complaint\", \"agency\": …, \"received\": …, \"subject\": …, \"status\": …}\n"
	"  {\"type\": \"response\", \"agency\": …, \"kind\": \"opinion\", \"held\": …, \"title\": …,\n"
	"   \"channels\": [\"weibo\", \"wechat\"], \"leader\": false}\n"
	"  {\"type\": \"figure\", \"agency\": …, \"year\": 2021, \"code\": \"training_sessions\",\n"
	"   \"value\": 10}   (amounts in 元, e.g. \"12345.60\"; or \"figures\": {code: value, …})\n"
	"Fields are those of the API (docs/records.md). A bad line is reported as\n"
	"FILE:LINE: reason and skipped; the exit status is then 1. A dispute whose\n"
	"案号 the agency already has is updated; figures are set per agency, year\n"
	"and code: importing the same file again changes neither.\n";

struct counts {
	long lines, added, updated, unchanged, bad;
};

/* True if A and B hold the same text in every field. */
static bool same(const struct gk_record *a, const struct gk_record *b)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(a->kind);
	char x[2100], y[2100];
	for (size_t i = 0; i < k->nfields; i++) {
		gk_record_field_text(a, k->fields[i].name, x, sizeof x);
		gk_record_field_text(b, k->fields[i].name, y, sizeof y);
		if (strcmp(x, y))
			return false;
	}
	return true;
}

static enum gk_err import_record(struct gk_svc *svc, enum gk_record_kind kind, json_t *obj,
				 struct counts *c, struct gk_error *err)
{
	static const char *const extra[] = {"type", NULL};
	struct gk_record *rec = malloc(sizeof *rec), *was = malloc(sizeof *was);
	struct gk_json_fields *j = malloc(sizeof *j);
	enum gk_err rc = rec && was && j ? GK_OK : gk_fail(err, GK_ENOMEM, "out of memory");
	if (!rc) {
		j->obj = obj;
		j->next = 0;
		rc = gk_record_json_check(kind, obj, extra, err);
	}
	if (!rc) {
		gk_record_init(rec, kind, svc->today);
		rc = gk_svc_record_fill(svc, rec, gk_json_field_get, j, err);
	}
	int64_t id = 0;
	if (!rc && kind == GK_REC_DISPUTE && rec->u.dispute.case_no[0]) {
		rc = gk_store_dispute_by_case(svc->store, rec->u.dispute.agency_id,
					      rec->u.dispute.case_no, &id, err);
		if (rc == GK_ENOTFOUND)
			rc = GK_OK;
	}
	if (!rc && id) {
		/* the recorded case, with this line's fields over it */
		if (!(rc = gk_svc_record_get(svc, kind, id, was, err))) {
			*rec = *was;
			j->next = 0;
			rc = gk_svc_record_fill(svc, rec, gk_json_field_get, j, err);
		}
		if (!rc && same(rec, was)) {
			c->unchanged++;
			goto out;
		}
	}
	if (!rc)
		rc = gk_svc_record_save(svc, rec, err);
	if (!rc)
		id ? c->updated++ : c->added++;
out:
	free(rec);
	free(was);
	free(j);
	return rc;
}

static enum gk_err import_figures(struct gk_svc *svc, json_t *obj, struct counts *c,
				  struct gk_error *err)
{
	const char *key;
	json_t *value, *agency = json_object_get(obj, "agency"),
		       *year = json_object_get(obj, "year");
	json_t *figures = json_object_get(obj, "figures");
	json_t *code = json_object_get(obj, "code");
	json_object_foreach(obj, key, value) {
		static const char *const known[] = {"type",  "agency",  "year", "code",
						    "value", "figures", NULL};
		bool ok = false;
		for (int i = 0; known[i]; i++)
			ok = ok || !strcmp(key, known[i]);
		if (!ok)
			return gk_fail(err, GK_EINVAL, "未知字段“%.60s”", key);
	}
	if (!json_is_string(agency))
		return gk_fail(err, GK_EINVAL, "“agency”不能为空");
	if (!json_is_integer(year))
		return gk_fail(err, GK_EINVAL, "“year”应为年度（整数）");
	if (!figures && !json_is_string(code))
		return gk_fail(err, GK_EINVAL, "应有“code”和“value”，或“figures”");
	struct gk_agency a;
	enum gk_err rc = gk_store_agency_by_code(svc->store, json_string_value(agency), &a, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“agency”：没有代码为 %.40s 的机构",
			       json_string_value(agency));
	if (rc)
		return rc;
	struct gk_figure_change changes[GK_YEAR_FIGURE_COUNT];
	size_t n = 0;
	json_t *one = NULL;
	if (!figures) {
		one = json_object();
		json_object_set(one, json_string_value(code), json_object_get(obj, "value"));
		figures = one;
	}
	if (!json_is_object(figures))
		rc = gk_fail(err, GK_EINVAL, "“figures”应为对象");
	json_object_foreach(figures, key, value) {
		enum gk_year_figure f;
		char text[64];
		if (rc)
			break;
		if (!gk_year_figure_parse(key, &f) || n == GK_YEAR_FIGURE_COUNT) {
			rc = gk_fail(err, GK_EINVAL, "未知的年报数据项“%.60s”", key);
			break;
		}
		if (!value || json_is_null(value))
			text[0] = '\0';
		else if (json_is_integer(value))
			snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT,
				 json_integer_value(value));
		else if (json_is_string(value))
			snprintf(text, sizeof text, "%s", json_string_value(value));
		else
			snprintf(text, sizeof text, "?");
		changes[n].figure = f;
		rc = gk_figure_parse(f, text, &changes[n].value, err);
		n++;
	}
	json_decref(one);
	int changed = 0;
	if (!rc)
		rc = gk_svc_year_figures_set(svc, a.id, (int)json_integer_value(year), changes, n,
					     &changed, err);
	if (!rc)
		changed ? c->updated++ : c->unchanged++;
	return rc;
}

static enum gk_err import_line(struct gk_svc *svc, json_t *obj, struct counts *c,
			       struct gk_error *err)
{
	const char *type = json_string_value(json_object_get(obj, "type"));
	enum gk_record_kind kind;
	if (!type)
		return gk_fail(err, GK_EINVAL,
			       "“type”不能为空（dispute、complaint、response 或 figure）");
	if (!strcmp(type, "figure"))
		return import_figures(svc, obj, c, err);
	if (!gk_record_kind_parse(type, &kind))
		return gk_fail(err, GK_EINVAL, "“type”不在可选范围内：%.40s", type);
	return import_record(svc, kind, obj, c, err);
}

int gk_cmd_import_records(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, GK_CLI_HELP_OPTION, {0, 0, 0, 0}};
	const char *db = NULL;
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (opt == 'd') {
			db = optarg;
			continue;
		}
		if (opt == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		fputs(usage, stderr);
		return 2;
	}
	if (!db || optind != argc - 1) {
		fprintf(stderr, "gongkai import records: %s\n%s",
			!db ? "--db is required" : "give exactly one FILE to import", usage);
		return 2;
	}
	const char *path = argv[optind];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct gk_error err = {0};
	if (!in) {
		gk_fail(&err, GK_EIO, "cannot open %s", path);
		return gk_cli_fail(&err);
	}
	struct gk_store *s;
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err)) {
		if (in != stdin)
			fclose(in);
		return gk_cli_fail(&err);
	}
	/* the working-day calendar: a record dated in a year it does not hold
	 * is refused, as on the pages */
	struct gk_calendar *cal = gk_svc_calendar_load(s, &err);
	if (!cal) {
		if (in != stdin)
			fclose(in);
		gk_store_free(s);
		return gk_cli_fail(&err);
	}
	struct gk_svc svc;
	gk_svc_init(&svc, s, cal, NULL, "cli");
	struct counts c = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long number = 0;
	enum gk_err rc = GK_OK;
	while ((len = getline(&line, &cap, in)) >= 0) {
		number++;
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;
		c.lines++;
		json_error_t jerr;
		json_t *obj = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &jerr);
		struct gk_error why = {0};
		enum gk_err lrc;
		if (!obj)
			lrc = gk_fail(&why, GK_EINVAL, "not valid JSON: %s", jerr.text);
		else if (!json_is_object(obj))
			lrc = gk_fail(&why, GK_EINVAL, "a line must be a JSON object");
		else
			lrc = import_line(&svc, obj, &c, &why);
		json_decref(obj);
		if (gk_err_is_server(lrc)) {
			err = why;
			rc = lrc;
			break;
		}
		if (lrc) {
			c.bad++;
			fprintf(stderr, "%s:%ld: %s\n", path, number, gk_error_text(&why));
		}
	}
	free(line);
	if (in != stdin)
		fclose(in);
	gk_store_free(s);
	gk_calendar_free(cal);
	if (rc)
		return gk_cli_fail(&err);
	printf("imported %s: %ld lines: %ld added, %ld updated, %ld unchanged, %ld bad\n", path,
	       c.lines, c.added, c.updated, c.unchanged, c.bad);
	return c.bad ? 1 : 0;
}
