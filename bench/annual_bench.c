/* Yearly report benchmark helper (bench/annual.sh).
 *
 *   annual_bench make DB AGENCIES ITEMS APPLICATIONS
 *	a database with an agency tree (the root, districts, departments),
 *	catalogue items over ten years, applications over three years along
 *	the workflow's endings (replied, withdrawn, abandoned, still open;
 *	some with fees), and the other records (cases, complaints, responses,
 *	figures) — written with plain INSERTs, for speed;
 *   annual_bench run DB YEAR REPEAT
 *	times the city-wide report's build (gk_svc_annual_build over the
 *	root's subtree: every count, the sum and its proof) beside the floor,
 *	a plain SQL count of the same applications and a GROUP BY over them,
 *	and prints the ratio. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/report/annual.h"
#include "lib/date.h"
#include "output/annual_pdf.h"
#include "output/annual_xlsx.h"
#include "service/annual_report.h"
#include "store/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "annual_bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(db, sql);
	return st;
}

static void step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(db, sqlite3_sql(st));
	sqlite3_reset(st);
}

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

static const char *day(long d, char out[11])
{
	return gk_date_format(gk_date_from_days(d), out);
}

static long ymd(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

static int make(const char *path, int nagencies, long nitems, long napps)
{
	struct gk_store *s;
	struct gk_error err = {0};
	if (gk_store_open(path, GK_STORE_CREATE, &s, &err)) {
		fprintf(stderr, "annual_bench: %s\n", err.detail);
		return 1;
	}
	gk_store_free(s);
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(db, path);
	exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN");

	/* the tree: the root, 20 districts, the rest departments under them */
	sqlite3_stmt *ag = prepare(db, "INSERT INTO agencies(id, parent_id, path, code, name, kind)"
				       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	int ndistricts = nagencies > 21 ? 20 : nagencies - 1;
	for (int id = 1; id <= nagencies; id++) {
		char p[64], code[16], name[64];
		int parent = id == 1 ? 0 : id <= 1 + ndistricts ? 1 : 2 + (id - 2) % ndistricts;
		if (id == 1)
			snprintf(p, sizeof p, "/1/");
		else if (parent == 1)
			snprintf(p, sizeof p, "/1/%d/", id);
		else
			snprintf(p, sizeof p, "/1/%d/%d/", parent, id);
		snprintf(code, sizeof code, "B%08d", id);
		snprintf(name, sizeof name, "机构%d", id);
		sqlite3_bind_int(ag, 1, id);
		if (parent)
			sqlite3_bind_int(ag, 2, parent);
		else
			sqlite3_bind_null(ag, 2);
		sqlite3_bind_text(ag, 3, p, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ag, 4, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ag, 5, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ag, 6,
				  id == 1       ? "government"
				  : parent == 1 ? "government"
						: "department",
				  -1, SQLITE_STATIC);
		step(db, ag);
	}
	sqlite3_finalize(ag);

	/* items: ten years, 5% 规范性文件 and 1% 规章, some repealed, outlets
	 * and interpretations spread; bodies of the demo's mean size (about
	 * 430 bytes) so rows are as long as real ones */
	static const char body[] =
		"<p>为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，"
		"结合本地实际，现就有关事项通知如下。一、提高认识，加强领导。二、突出重点，"
		"规范程序。三、完善制度，强化监督。各单位要按照要求认真组织实施，确保各项工作"
		"落到实处。</p><p>特此通知。联系电话：0352-0000000。</p>";
	static const char *const outlets[] = {
		"website",        "website,gazette",      "website,weibo",
		"website,wechat", "website,weibo,wechat", "other"};
	sqlite3_stmt *it = prepare(
		db,
		"INSERT INTO items(agency_id, status, title, topic, genre, written, published, year,"
		" validity, ended, normative, outlets, interp_kind, summary, body)"
		" VALUES (?1, 'published', ?2, '10', 'notice', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" '关于做好有关工作的通知', ?11)");
	long first = ymd(2015, 1, 1);
	for (long i = 0; i < nitems; i++) {
		char w[11], pub[20], en[11], title[48];
		/* in the order of publication, as the publishing path makes them */
		long d = first + (long)((double)i * 3650 / (double)nitems);
		day(d - (long)(i % 20), w);
		day(d, pub);
		memcpy(pub + 10, " 09:30", 7);
		bool normative = i % 20 == 0, rule = i % 97 == 0;
		bool repealed = (normative || rule) && i % 13 == 0;
		snprintf(title, sizeof title, "文件%ld", i);
		sqlite3_bind_int(it, 1, 1 + (int)(i % nagencies));
		sqlite3_bind_text(it, 2, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(it, 3, w, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(it, 4, pub, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(it, 5, gk_date_from_days(d).year);
		sqlite3_bind_text(it, 6, repealed ? "repealed" : "valid", -1, SQLITE_STATIC);
		sqlite3_bind_text(it, 7, repealed ? day(d + 400, en) : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(it, 8,
				  rule        ? "rule"
				  : normative ? "normative"
					      : "",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(it, 9, outlets[i % 6], -1, SQLITE_STATIC);
		sqlite3_bind_text(it, 10, i % 30 == 1 ? "dept" : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(it, 11, body, -1, SQLITE_STATIC);
		step(db, it);
		if (i % 100000 == 99999) {
			exec(db, "COMMIT; BEGIN");
			fprintf(stderr, "\r  %ld items", i + 1);
		}
	}
	sqlite3_finalize(it);
	fprintf(stderr, "\r  %ld items\n", nitems);

	/* applications over 2022–2024: 85% replied, 5% withdrawn, 5% abandoned
	 * after 补正, 5% open; 3% paid a fee; two events each, plus the
	 * closing one where no reply was sent */
	static const char *const types[] = {"natural_person", "natural_person",  "business",
					    "research",       "public_interest", "legal_services",
					    "other"};
	static const char *const channels[] = {"online", "letter", "in_person", "email", "fax"};
	static const char *const outcomes[] = {
		"disclosed",      "already_public",   "partly_disclosed",
		"not_exist",      "withheld_process", "not_this_agency",
		"needs_creation", "repeat",           "petition"};
	sqlite3_stmt *ap = prepare(
		db,
		"INSERT INTO applications(id, tracking_code, agency_id, channel, received,"
		" applicant_type, description, delivery, state, outcome, replied, on_time,"
		" after_extension, is_open) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '申请', 'post', ?7, ?8,"
		" ?9, ?10, ?11, ?12)");
	sqlite3_stmt *ev = prepare(
		db, "INSERT INTO application_events(application_id, day, action, state_to, clock)"
		    " VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_stmt *fee = prepare(
		db, "INSERT INTO application_fees(application_id, method, amount, notice_day,"
		    " notice_received, payment_due, status, settled_day)"
		    " VALUES (?1, 'by_pages', ?2, ?3, ?3, ?3, 'paid', ?4)");
	long afirst = ymd(2022, 1, 3);
	for (long i = 0; i < napps; i++) {
		char code[16], rec[11], end[11];
		long r =
			afirst + (long)((double)i * 1095 / (double)napps); /* in order of receipt */
		long e = r + 5 + (long)(i % 37);
		int kind = (int)(i % 20); /* 0: open, 1: withdrawn, 2: abandoned, else replied */
		snprintf(code, sizeof code, "T%09ld", i);
		sqlite3_bind_int64(ap, 1, i + 1);
		sqlite3_bind_text(ap, 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ap, 3, 1 + (int)((i * 7) % nagencies));
		sqlite3_bind_text(ap, 4, channels[i % 5], -1, SQLITE_STATIC);
		sqlite3_bind_text(ap, 5, day(r, rec), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ap, 6, types[i % 7], -1, SQLITE_STATIC);
		sqlite3_bind_text(ap, 7,
				  kind == 0   ? "assigned"
				  : kind == 1 ? "withdrawn"
				  : kind == 2 ? "abandoned"
					      : "archived",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(ap, 8,
				  kind == 0   ? ""
				  : kind == 1 ? "other"
				  : kind == 2 ? "lapsed_no_supplement"
					      : outcomes[i % 9],
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(ap, 9, kind >= 3 ? day(e, end) : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ap, 10, kind != 0 && i % 11 != 0);
		sqlite3_bind_int(ap, 11, kind >= 3 && i % 13 == 0);
		sqlite3_bind_int(ap, 12, kind == 0);
		step(db, ap);
		sqlite3_bind_int64(ev, 1, i + 1);
		sqlite3_bind_text(ev, 2, rec, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ev, 3, "create", -1, SQLITE_STATIC);
		sqlite3_bind_text(ev, 4, "registered", -1, SQLITE_STATIC);
		sqlite3_bind_text(ev, 5, "", -1, SQLITE_STATIC);
		step(db, ev);
		sqlite3_bind_text(ev, 3, "assign", -1, SQLITE_STATIC);
		sqlite3_bind_text(ev, 4, "assigned", -1, SQLITE_STATIC);
		step(db, ev);
		if (kind == 1 || kind == 2) {
			sqlite3_bind_text(ev, 2, day(e, end), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ev, 3, kind == 1 ? "withdraw" : "abandon_supplement", -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(ev, 4, kind == 1 ? "withdrawn" : "abandoned", -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(ev, 5, "closed", -1, SQLITE_STATIC);
			step(db, ev);
		}
		if (kind >= 3 && i % 33 == 3) {
			sqlite3_bind_int64(fee, 1, i + 1);
			sqlite3_bind_int(fee, 2, 1000 + (int)(i % 50) * 100);
			sqlite3_bind_text(fee, 3, rec, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(fee, 4, day(r + 3, end), -1, SQLITE_TRANSIENT);
			step(db, fee);
		}
	}
	sqlite3_finalize(ap);
	sqlite3_finalize(ev);
	sqlite3_finalize(fee);

	/* the other records, per agency and year */
	sqlite3_stmt *dsp =
		prepare(db, "INSERT INTO disputes(agency_id, kind, filed, decided, result)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_stmt *cmp =
		prepare(db, "INSERT INTO complaints(agency_id, received, status, closed)"
			    " VALUES (?1, ?2, 'unfounded', ?2)");
	sqlite3_stmt *rsp =
		prepare(db, "INSERT INTO responses(agency_id, kind, held, title, channels, leader)"
			    " VALUES (?1, ?2, ?3, '回应', 'weibo,wechat', ?4)");
	sqlite3_stmt *fig = prepare(
		db,
		"INSERT INTO year_figures(agency_id, year, code, value) VALUES (?1, ?2, ?3, ?4)");
	static const char *const kinds[] = {"review", "direct_suit", "suit_after_review"};
	static const char *const results[] = {"upheld", "corrected", "other", "pending"};
	static const char *const rkinds[] = {"press_conference", "interview", "opinion", "opinion"};
	static const char *const figures[] = {"training_sessions", "staff_full_time",
					      "license_decisions", "license_items", "admin_fees"};
	for (int a = 1; a <= nagencies; a++)
		for (int y = 2022; y <= 2024; y++)
			for (int k = 0; k < 40; k++) {
				char d1[11], d2[11];
				long d = ymd(y, 1, 5) + k * 9;
				if (k < 5) {
					sqlite3_bind_int(dsp, 1, a);
					sqlite3_bind_text(dsp, 2, kinds[k % 3], -1, SQLITE_STATIC);
					sqlite3_bind_text(dsp, 3, day(d, d1), -1, SQLITE_TRANSIENT);
					sqlite3_bind_text(dsp, 4, k % 4 == 3 ? "" : day(d + 60, d2),
							  -1, SQLITE_TRANSIENT);
					sqlite3_bind_text(dsp, 5, results[k % 4], -1,
							  SQLITE_STATIC);
					step(db, dsp);
					sqlite3_bind_int(cmp, 1, a);
					sqlite3_bind_text(cmp, 2, d1, -1, SQLITE_TRANSIENT);
					step(db, cmp);
					sqlite3_bind_int(fig, 1, a);
					sqlite3_bind_int(fig, 2, y);
					sqlite3_bind_text(fig, 3, figures[k], -1, SQLITE_STATIC);
					sqlite3_bind_int(fig, 4, 10 + a % 7 + y % 3);
					step(db, fig);
				}
				sqlite3_bind_int(rsp, 1, a);
				sqlite3_bind_text(rsp, 2, rkinds[k % 4], -1, SQLITE_STATIC);
				sqlite3_bind_text(rsp, 3, day(d, d1), -1, SQLITE_TRANSIENT);
				sqlite3_bind_int(rsp, 4, k % 5 == 0);
				step(db, rsp);
			}
	sqlite3_finalize(dsp);
	sqlite3_finalize(cmp);
	sqlite3_finalize(rsp);
	sqlite3_finalize(fig);
	exec(db, "COMMIT; ANALYZE");
	sqlite3_close(db);
	return 0;
}

/* The floor: a plain count of the applications and a GROUP BY over them. */
static int floor_year;

/* ?1 and ?2, where the statement has them: the year's first and last day */
static double floor_query(sqlite3 *db, const char *sql, int repeat, long *rows, double *cpu_best)
{
	sqlite3_stmt *st = prepare(db, sql);
	char d1[11], d2[11];
	if (sqlite3_bind_parameter_count(st) == 2) {
		sqlite3_bind_text(st, 1, day(ymd(floor_year, 1, 1), d1), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, day(ymd(floor_year, 12, 31), d2), -1, SQLITE_TRANSIENT);
	}
	double best = 1e9;
	*cpu_best = 1e9;
	for (int r = 0; r < repeat + 1; r++) {
		double t = now(), c = cpu();
		*rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW)
			(*rows)++;
		sqlite3_reset(st);
		t = now() - t;
		c = cpu() - c;
		if (r > 0 && t < best)
			best = t;
		if (r > 0 && c < *cpu_best)
			*cpu_best = c;
	}
	sqlite3_finalize(st);
	return best;
}

static int count_agency(const struct gk_agency *agency, const struct gk_annual *a, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

/* Renders A in every format (text, Markdown, JSON, HTML, XLSX, PDF), best
 * of REPEAT runs after a first that warms the fonts; the time of each into
 * MS (in that order). */
static const char *const format_names[] = {"text", "Markdown", "JSON", "HTML", "XLSX", "PDF"};
#define NFORMATS 6

static int render_all(const struct gk_annual *a, int repeat, double ms[NFORMATS])
{
	for (int f = 0; f < NFORMATS; f++)
		ms[f] = 1e9;
	for (int r = 0; r < repeat + 1; r++) {
		for (int f = 0; f < NFORMATS; f++) {
			struct gk_buf out;
			struct gk_error err = {0};
			gk_buf_init(&out, (size_t)64 << 20);
			double t = now();
			enum gk_err rc = f == 4   ? gk_annual_xlsx(a, &out, &err)
					 : f == 5 ? gk_annual_pdf(a, &out, &err)
						  : gk_annual_render(a,
								     f == 0   ? GK_OUT_TEXT
								     : f == 1 ? GK_OUT_MARKDOWN
								     : f == 2 ? GK_OUT_JSON
									      : GK_OUT_HTML,
								     NULL, &out, &err);
			t = now() - t;
			gk_buf_release(&out);
			if (rc) {
				fprintf(stderr, "annual_bench: %s: %s\n", format_names[f],
					err.detail);
				return 1;
			}
			if (r > 0 && t * 1e3 < ms[f])
				ms[f] = t * 1e3;
		}
	}
	return 0;
}

static int run(const char *path, int year, int repeat)
{
	struct gk_store *s;
	struct gk_error err = {0};
	if (gk_store_open(path, GK_STORE_OPEN, &s, &err)) {
		fprintf(stderr, "annual_bench: %s\n", err.detail);
		return 1;
	}
	struct gk_svc svc;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	struct gk_agency root;
	if (gk_store_agency_root(s, &root, &err)) {
		fprintf(stderr, "annual_bench: %s\n", err.detail);
		return 1;
	}
	struct gk_annual a;
	double best = 1e9, sum = 0, many_best = 1e9, cpu_best = 1e9;
	for (int r = 0; r < repeat + 1; r++) { /* the first warms the cache */
		double t = now(), c = cpu();
		if (gk_svc_annual_build(&svc, root.id, year, true, &a, &err)) {
			fprintf(stderr, "annual_bench: %s\n", err.detail);
			return 1;
		}
		t = now() - t;
		c = cpu() - c;
		if (r > 0) {
			sum += t;
			if (t < best)
				best = t;
			if (c < cpu_best)
				cpu_best = c;
		}
		if (r < repeat)
			gk_annual_release(&a);
	}
	int n = 0;
	for (int r = 0; r < repeat; r++) {
		double t = now();
		n = 0;
		if (gk_svc_annual_build_many(&svc, root.id, year, count_agency, &n, &err)) {
			fprintf(stderr, "annual_bench: %s\n", err.detail);
			return 1;
		}
		t = now() - t;
		if (t < many_best)
			many_best = t;
	}
	gk_store_free(s);

	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(db, path);
	/* the same memory map and cache as the store's connections */
	exec(db, "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384");
	floor_year = year;
	long rows, groups, same_rows;
	double count_cpu, group_cpu, same_cpu;
	static const char same_sql[] = "SELECT count(*) FROM applications WHERE received <= ?2"
				       " AND (is_open = 1 OR replied = '' OR replied >= ?1)";
	double same = floor_query(db, same_sql, repeat, &same_rows, &same_cpu);
	double count =
		floor_query(db, "SELECT count(*) FROM applications", repeat, &rows, &count_cpu);
	double group = floor_query(db,
				   "SELECT agency_id, applicant_type, count(*) FROM applications"
				   " GROUP BY agency_id, applicant_type",
				   repeat, &groups, &group_cpu);
	int64_t apps = 0;
	sqlite3_stmt *st = prepare(db, "SELECT count(*) FROM applications");
	if (sqlite3_step(st) == SQLITE_ROW)
		apps = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);

	printf("city-wide report %d over %d agencies (%lld applications in the database):\n", year,
	       a.nagencies, (long long)apps);
	printf("  figures: %lld received, %lld carried in, %lld concluded, %lld carried out, "
	       "%lld items published, %lld records\n",
	       (long long)a.received, (long long)a.t2[GK_T2_CARRY_IN][GK_T2_ALL],
	       (long long)a.concluded, (long long)a.carried_out, (long long)a.items_published,
	       (long long)a.records);
	printf("  %-52s %8.1f ms (mean %.1f ms of %d; cpu %.1f ms)\n",
	       "build, roll-up (gk_svc_annual_build)", best * 1e3, sum / repeat * 1e3, repeat,
	       cpu_best * 1e3);
	printf("  %-52s %8.1f ms (%d reports)\n", "every agency's own (gk_svc_annual_build_many)",
	       many_best * 1e3, n);
	double ms[NFORMATS], all = 0;
	if (render_all(&a, repeat, ms))
		return 1;
	for (int f = 0; f < NFORMATS; f++) {
		char what[64];
		snprintf(what, sizeof what, "render %s (style %s)", format_names[f],
			 gk_annual_style_code(a.style));
		printf("  %-52s %8.1f ms\n", what, ms[f]);
		all += ms[f];
	}
	printf("  %-52s %8.1f ms\n", "build + every format", best * 1e3 + all);
	printf("  %-52s %8.2f ms (cpu %.2f ms)\n", "floor: SELECT count(*) FROM applications",
	       count * 1e3, count_cpu * 1e3);
	printf("  %-52s %8.1f ms (cpu %.1f ms; %ld groups)\n",
	       "floor: GROUP BY agency, applicant type", group * 1e3, group_cpu * 1e3, groups);
	printf("  %-52s %8.1f ms (cpu %.1f ms)\n",
	       "floor: count of the applications the year reads", same * 1e3, same_cpu * 1e3);
	printf("ratio (wall, best of %d): the build takes %.1fx a plain count, %.1fx the GROUP BY, "
	       "%.1fx the count of the same applications\n",
	       repeat, best / count, best / group, best / same);
	(void)same_rows;

	gk_annual_release(&a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "make"))
		return make(argv[2], atoi(argv[3]), atol(argv[4]), atol(argv[5]));
	if (argc == 5 && !strcmp(argv[1], "run"))
		return run(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: annual_bench make DB AGENCIES ITEMS APPLICATIONS\n"
			"       annual_bench run DB YEAR REPEAT\n");
	return 2;
}
