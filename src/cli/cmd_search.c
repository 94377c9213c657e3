/* gongkai search: search the public catalogue from the command line, as
 * /items?q= does (ranked, with the total and snippets). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/catalogue_index.h"
#include "core/richtext.h"
#include "lib/buf.h"
#include "service/catalogue.h"
#include "store/store.h"

struct out {
	const char *query;
	bool json, tty;
	json_t *items;
	int64_t n, offset;
};

/* The snippet's HTML as terminal text: entities undone, the words found
 * in bold on a terminal, else in 【】. */
static void print_snippet(const char *html, bool tty)
{
	static const struct {
		const char *from, *to;
	} tr[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	for (const char *p = html; *p;) {
		if (strncmp(p, "<mark>", 6) == 0) {
			fputs(tty ? "\033[1m" : "【", stdout);
			p += 6;
			continue;
		}
		if (strncmp(p, "</mark>", 7) == 0) {
			fputs(tty ? "\033[0m" : "】", stdout);
			p += 7;
			continue;
		}
		bool done = false;
		for (size_t i = 0; !done && *p == '&' && i < sizeof tr / sizeof tr[0]; i++)
			if (strncmp(p, tr[i].from, strlen(tr[i].from)) == 0) {
				fputs(tr[i].to, stdout);
				p += strlen(tr[i].from);
				done = true;
			}
		if (!done)
			putchar(*p++ == '\n' ? ' ' : p[-1]);
	}
}

static int hit(const struct gk_item *it, void *ctx)
{
	struct out *o = ctx;
	struct gk_buf text, snippet;
	gk_buf_init(&text, (size_t)16 << 20);
	gk_buf_init(&snippet, 1 << 16);
	if (it->body)
		gk_richtext_text(&text, it->body, strlen(it->body));
	gk_catalogue_snippet(&snippet, text.data, o->query, 120);
	o->n++;
	if (o->json) {
		json_t *j = gk_item_to_json(it, false);
		if (j) {
			json_object_set_new(j, "snippet", json_string(snippet.data));
			json_array_append_new(o->items, j);
		}
	} else {
		printf("%lld. %.10s  %s\n   %s · %s%s%s · /items/%lld\n   ",
		       (long long)(o->offset + o->n), it->published, it->title, it->index_no,
		       it->agency_name, it->doc_no[0] ? " · " : "", it->doc_no, (long long)it->id);
		print_snippet(snippet.data, o->tty);
		fputs("\n\n", stdout);
	}
	gk_buf_release(&text);
	gk_buf_release(&snippet);
	return 0;
}

static bool to_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	*out = strtol(s, &end, 10);
	return *s && !*end && *out >= lo && *out <= hi;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"json", no_argument, 0, 'j'},
					     {"limit", required_argument, 0, 'l'},
					     {"page", required_argument, 0, 'p'},
					     {"agency", required_argument, 0, 'a'},
					     {"topic", required_argument, 0, 't'},
					     {"genre", required_argument, 0, 'g'},
					     {"column", required_argument, 0, 'c'},
					     {"year", required_argument, 0, 'y'},
					     {"validity", required_argument, 0, 'v'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	const struct gk_command *cmd = &gk_cmd_search;
	const char *db = NULL, *agency = NULL;
	struct gk_item_filter f = {.validity = -1, .limit = 10};
	struct out o = {.tty = isatty(1)};
	long n, page = 1;
	enum gk_validity validity;
	int opt;
	while ((opt = getopt_long(argc, argv, "d:jl:p:a:t:g:c:y:v:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			db = optarg;
			continue;
		case 'j':
			o.json = true;
			continue;
		case 'l':
			if (!to_int(optarg, 1, 100, &n))
				return gk_cli_usage(cmd, "--limit must be 1 to 100");
			f.limit = n;
			continue;
		case 'p':
			if (!to_int(optarg, 1, 1000000, &page))
				return gk_cli_usage(cmd, "--page must be 1 to 1000000");
			continue;
		case 'a':
			agency = optarg;
			continue;
		case 't':
			if (!*gk_topic_label(optarg))
				return gk_cli_usage(cmd, "--topic '%s' is not a topic code",
						    optarg);
			f.topic = optarg;
			continue;
		case 'g':
			if (!*gk_genre_label(optarg))
				return gk_cli_usage(cmd, "--genre '%s' is not a genre code",
						    optarg);
			f.genre = optarg;
			continue;
		case 'c':
			if (!*gk_column_label(optarg))
				return gk_cli_usage(cmd, "--column '%s' is not a column code",
						    optarg);
			f.column = optarg;
			continue;
		case 'y':
			if (!to_int(optarg, 1949, 2100, &n))
				return gk_cli_usage(cmd, "--year must be 1949 to 2100");
			f.year = (int)n;
			continue;
		case 'v':
			if (gk_validity_parse(optarg, &validity))
				return gk_cli_usage(
					cmd, "--validity must be valid, expired or repealed");
			f.validity = (int)validity;
			continue;
		}
		int rc = gk_cli_common_opt(cmd, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return gk_cli_usage(cmd, optind < argc ? "one QUERY, quoted if it has spaces"
						       : "what to search for? (QUERY)");
	if (!db)
		return gk_cli_usage(cmd, "--db is required");
	f.query = o.query = argv[optind];
	f.offset = o.offset = (page - 1) * f.limit;

	struct gk_error err = {0};
	struct gk_store *s;
	struct gk_svc svc;
	struct gk_item_listing l = {0};
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	enum gk_err rc = GK_OK;
	if (agency) {
		struct gk_agency a;
		rc = gk_store_agency_by_code(s, agency, &a, &err);
		if (rc == GK_ENOTFOUND)
			rc = gk_fail(&err, GK_EINVAL, "--agency: no agency has code '%s'", agency);
		f.agency_id = a.id;
		f.agency_subtree = true;
	}
	if (!rc)
		rc = gk_catalogue_open(s, db, 0, NULL, NULL, &svc.catalogue, &err);
	o.items = json_array();
	if (!rc)
		rc = gk_svc_item_list(&svc, &f, GK_LIST_BODY, hit, &o, &l, &err);
	gk_catalogue_free(svc.catalogue);
	gk_store_free(s);
	if (rc) {
		json_decref(o.items);
		return gk_cli_fail(&err);
	}
	if (o.json) {
		json_t *j = json_pack("{s:s, s:I, s:b, s:I, s:o}", "query", f.query, "total",
				      (json_int_t)l.total, "total_capped", l.capped, "page",
				      (json_int_t)page, "items", o.items);
		char *text = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
		if (text)
			puts(text);
		free(text);
		json_decref(j);
	} else {
		json_decref(o.items);
		if (l.capped)
			printf("共 %d+ 条（显示第 %lld–%lld 条）\n", GK_SEARCH_COUNT_CAP,
			       (long long)o.offset + (o.n ? 1 : 0), (long long)(o.offset + o.n));
		else
			printf("共 %lld 条（显示第 %lld–%lld 条）\n", (long long)l.total,
			       (long long)o.offset + (o.n ? 1 : 0), (long long)(o.offset + o.n));
	}
	gk_item_listing_release(&l);
	return 0;
}

const struct gk_command gk_cmd_search = {
	"search",
	run,
	"search the public catalogue",
	"usage: gongkai search --db DB [--json] [--limit N] [--page N] [--agency CODE]\n"
	"                      [--topic CODE] [--genre CODE] [--column CODE] [--year YYYY]\n"
	"                      [--validity valid|expired|repealed] QUERY\n\n"
	"Searches the published items of the database at PATH as the public site's\n"
	"search does: every word of QUERY (separated by spaces; \"quoted phrases\"\n"
	"keep theirs) must occur in the title, 文号, 索引号, agency, keywords,\n"
	"summary, file names or body. Items whose title or 文号 hold every word\n"
	"come first, then newest first. Prints the total (counted up to 10,000:\n"
	"\"10000+\" past it) and, per item, its date, title, numbers and a snippet\n"
	"of the body; --json prints the API's items with \"total\",\n"
	"\"total_capped\" and each item's \"snippet\" (HTML). --limit: items per\n"
	"page (1-100, default 10). The filters are those of /items.\n"
	"Loads the catalogue index PATH.catalogue (building it if missing).\n",
};
