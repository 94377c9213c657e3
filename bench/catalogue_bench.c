/* Catalogue benchmark helper: exports a database's items as JSON Lines or
 * CSV (the import's input), and times catalogue search — the catalogue
 * index through the service (service/catalogue.h) — against its peer, a LIKE scan of the same
 * items in the same database, printing both side by side with the ratio
 * and both match counts (the LIKE scan is exact substring truth). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/item.h"
#include "lib/csv.h"
#include "service/catalogue.h"
#include "store/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct out {
	struct gk_store *s;
	int csv;
};

static int export_row(const struct gk_item *listed, void *ctx)
{
	struct out *o = ctx;
	struct gk_item it;
	if (gk_store_item_get(o->s, listed->id, &it, NULL))
		return 1;
	if (o->csv) {
		struct gk_buf b;
		char ch[128];
		gk_buf_init(&b, 0);
		gk_outlets_format(it.outlets, ch, sizeof ch);
		const char *v[] = {it.index_no,
				   it.agency_code,
				   it.title,
				   it.topic,
				   it.genre,
				   it.column,
				   it.doc_no,
				   it.written,
				   it.published,
				   gk_validity_code(it.validity),
				   it.ended,
				   gk_normative_code(it.normative),
				   ch,
				   it.summary,
				   it.interp_kind,
				   it.interprets_index,
				   it.body ? it.body : ""};
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
			gk_csv_field(&b, v[i], i + 1 == sizeof v / sizeof v[0]);
		fwrite(b.data, 1, b.len, stdout);
		gk_buf_release(&b);
	} else {
		json_t *j = gk_item_to_json(&it, true);
		char *line = json_dumps(j, JSON_COMPACT);
		puts(line);
		free(line);
		json_decref(j);
	}
	gk_item_release(&it);
	return 0;
}

static int export(const char *db, int csv)
{
	struct gk_store *s;
	if (gk_store_open(db, GK_STORE_OPEN, &s, NULL))
		return 1;
	struct out o = {s, csv};
	if (csv)
		puts("index_no,agency,title,topic,genre,column,doc_no,written,published,validity,ended,"
		     "normative,channels,summary,interp_kind,interprets,body\r");
	struct gk_item_filter f = {.validity = -1, .limit = 10000000};
	gk_store_item_list(s, &f, export_row, &o, NULL, NULL);
	gk_store_free(s);
	return 0;
}

static int search(const char *db, int rounds)
{
	static const char *const queries[] = {
		"环保",   "扬尘",           "督查", "通知", "统计信息", "政务公开工作要点",
		"同环发", "不动产统一登记", "黄花", "环",   NULL};
	static const char like_sql[] =
		"SELECT count(*) FROM items WHERE status = 'published' AND "
		"(instr(title, ?1) > 0 OR instr(doc_no, ?1) > 0 OR instr(body, ?1) > 0)";
	struct gk_store *s;
	struct gk_svc svc;
	sqlite3 *peer;
	sqlite3_stmt *st;
	if (gk_store_open(db, GK_STORE_OPEN, &s, NULL))
		return 1;
	gk_svc_init(&svc, s, NULL, NULL, "bench");
	if (gk_catalogue_open(s, db, 0, NULL, NULL, &svc.catalogue, NULL) ||
	    sqlite3_open_v2(db, &peer, SQLITE_OPEN_READONLY, NULL) ||
	    sqlite3_prepare_v2(peer, like_sql, -1, &st, NULL))
		return 1;
	printf("%-18s %12s %12s %8s %10s %10s\n", "query", "index ms", "LIKE ms", "ratio",
	       "index hits", "LIKE hits");
	double sum_fts = 0, sum_like = 0;
	for (int q = 0; queries[q]; q++) {
		int64_t total = 0, like = 0;
		struct gk_item_filter f = {.validity = -1, .query = queries[q], .limit = 20};
		double t0 = now();
		for (int i = 0; i < rounds; i++) {
			struct gk_item_listing l;
			gk_svc_item_list(&svc, &f, 0, NULL, NULL, &l, NULL);
			gk_item_listing_release(&l);
			total = l.total;
		}
		double fts = (now() - t0) * 1000 / rounds;
		t0 = now();
		for (int i = 0; i < rounds; i++) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, queries[q], -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				like = sqlite3_column_int64(st, 0);
		}
		double lk = (now() - t0) * 1000 / rounds;
		sum_fts += fts;
		sum_like += lk;
		printf("%-18s %12.2f %12.2f %7.1fx %10lld %10lld\n", queries[q], fts, lk,
		       lk / (fts > 0 ? fts : 1e-9), (long long)total, (long long)like);
	}
	printf("%-18s %12.2f %12.2f %7.1fx\n", "(all queries)", sum_fts, sum_like,
	       sum_like / sum_fts);
	sqlite3_finalize(st);
	sqlite3_close(peer);
	gk_catalogue_free(svc.catalogue);
	gk_store_free(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "export-jsonl"))
		return export(argv[2], 0);
	if (argc >= 3 && !strcmp(argv[1], "export-csv"))
		return export(argv[2], 1);
	if (argc >= 3 && !strcmp(argv[1], "search"))
		return search(argv[2], argc >= 4 ? atoi(argv[3]) : 5);
	fprintf(stderr, "usage: catalogue_bench export-jsonl|export-csv|search DB [ROUNDS]\n");
	return 2;
}
