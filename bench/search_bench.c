/* Search benchmark (docs/search-bench.md): the truth of every query by a
 * plain substring scan, our catalogue index (core/catalogue_index.h) and
 * its peer SQLite FTS5 with the trigram tokenizer, on the corpus that
 * bench/search_corpus.py wrote into DIR. Each engine writes DIR/NAME.tsv
 * (one line per query) and DIR/NAME.meta; bench/search_report.py prints
 * them beside Xapian's (bench/search_xapian.py).
 *
 *   search_bench truth DIR   the true matches, DIR/truth.bin
 *   search_bench ours DIR    build, save, load and query our index
 *   search_bench fts5 DIR    the same with FTS5 trigram in DIR/fts5.db
 */
#include <fcntl.h>
#include <jansson.h>
#include <malloc.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/catalogue_index.h"

#define PAGE      10
#define COUNT_CAP 10000

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this thread: query times that a loaded machine's other
 * processes do not inflate */
static double thread_cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "search_bench: %s\n", what);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* The matching rule of gk_catalogue_normalize, written again here so the
 * truth does not depend on the code it judges: full-width ASCII to ASCII,
 * ASCII lower case, runs of blanks (space, tab, U+3000, controls but
 * newline) to one space. Appends to OUT, which has room for N bytes. */
static size_t normalize(char *out, const char *s, size_t n)
{
	size_t o = 0;
	int blank = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int ws = (c < 0x20 && c != '\n') || c == ' ' || c == 0x7f;
		if (c == 0xe3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x80)
			ws = 3; /* U+3000 */
		if (ws) {
			if (!blank)
				out[o++] = ' ';
			blank = 1;
			i += ws == 3 ? 3 : 1;
			continue;
		}
		blank = 0;
		/* U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E */
		if (c == 0xef && i + 2 < n) {
			unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
			unsigned cp = ((unsigned)(c & 0x0f) << 12) | ((unsigned)(c1 & 0x3f) << 6) |
				      (c2 & 0x3f);
			if (cp >= 0xff01 && cp <= 0xff5e) {
				c = (unsigned char)(cp - 0xfee0);
				i += 2;
			}
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		i++;
	}
	return o;
}

static char *normalized(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1);
	out[normalize(out, s, n)] = '\0';
	return out;
}

/* --- the corpus ----------------------------------------------------------- */

struct item {
	char *title, *doc_no, *agency, *body, *published;
};

struct corpus {
	struct item *items;
	size_t n;
	size_t text_bytes; /* title, 文号, agency name and body, as given */
	/* every item normalised as "title\n文号\nagency\nbody\n", one after
	 * another; item i is text[start[i] .. start[i + 1]) */
	char *text;
	size_t *start;
	char **qkind, **query;
	size_t nq;
};

static char *slurp_lines(const char *path, size_t *n, char ***lines)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die(path);
	size_t cap = 1024, len = 0;
	char **v = xmalloc(cap * sizeof *v);
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;
	while ((got = getline(&line, &lcap, f)) > 0) {
		if (line[got - 1] == '\n')
			line[--got] = '\0';
		if (len == cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof *v);
			if (!v)
				die("out of memory");
		}
		v[len++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	*n = len;
	*lines = v;
	return NULL;
}

static const char *json_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void corpus_load(struct corpus *c, const char *dir)
{
	char path[4096];
	size_t nag;
	char **ag;
	snprintf(path, sizeof path, "%s/agencies.tsv", dir);
	slurp_lines(path, &nag, &ag);
	snprintf(path, sizeof path, "%s/items.jsonl", dir);
	char **lines;
	slurp_lines(path, &c->n, &lines);
	c->items = xmalloc(c->n * sizeof *c->items);
	c->start = xmalloc((c->n + 1) * sizeof *c->start);
	size_t cap = 0;
	for (size_t i = 0; i < c->n; i++)
		cap += strlen(lines[i]) + 8;
	c->text = xmalloc(cap);
	size_t at = 0;
	c->text_bytes = 0;
	for (size_t i = 0; i < c->n; i++) {
		json_error_t err;
		json_t *o = json_loads(lines[i], 0, &err);
		if (!o)
			die("items.jsonl: bad line");
		struct item *it = &c->items[i];
		const char *code = json_str(o, "agency"), *name = code;
		for (size_t k = 0; k < nag; k++)
			if (!strncmp(ag[k], code, strlen(code)) && ag[k][strlen(code)] == '\t')
				name = strrchr(ag[k], '\t') + 1;
		it->title = xstrdup(json_str(o, "title"));
		it->doc_no = xstrdup(json_str(o, "doc_no"));
		it->agency = xstrdup(name);
		it->body = xstrdup(json_str(o, "body"));
		it->published = xstrdup(json_str(o, "published"));
		json_decref(o);
		free(lines[i]);
		c->start[i] = at;
		const char *f[] = {it->title, it->doc_no, it->agency, it->body};
		for (int k = 0; k < 4; k++) {
			at += normalize(c->text + at, f[k], strlen(f[k]));
			c->text[at++] = '\n';
			c->text_bytes += strlen(f[k]);
		}
	}
	c->start[c->n] = at;
	c->text[at] = '\0';
	free(lines);
	snprintf(path, sizeof path, "%s/queries.tsv", dir);
	slurp_lines(path, &c->nq, &lines);
	c->qkind = xmalloc(c->nq * sizeof *c->qkind);
	c->query = xmalloc(c->nq * sizeof *c->query);
	for (size_t i = 0; i < c->nq; i++) {
		char *tab = strchr(lines[i], '\t');
		if (!tab)
			die("queries.tsv: no tab");
		*tab = '\0';
		c->qkind[i] = lines[i];
		c->query[i] = tab + 1;
	}
	free(lines);
	for (size_t k = 0; k < nag; k++)
		free(ag[k]);
	free(ag);
}

/* Splits the normalised query Q in place into words (at spaces). */
static size_t words_of(char *q, char **w, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(q, " "); tok && n < max; tok = strtok(NULL, " "))
		w[n++] = tok;
	return n;
}

/* --- the truth ------------------------------------------------------------ */

struct truth {
	uint32_t **ids; /* per query, ascending */
	uint32_t *n;
};

struct truth_job {
	const struct corpus *c;
	struct truth *t;
	size_t from, step;
};

/* The items whose normalised text holds every word of query Q (ids from
 * 1), found by memmem over all items at once. */
static void *truth_run(void *arg)
{
	struct truth_job *j = arg;
	const struct corpus *c = j->c;
	size_t total = c->start[c->n];
	unsigned char *mark = xmalloc(c->n), *one = xmalloc(c->n);
	for (size_t q = j->from; q < c->nq; q += j->step) {
		char *text = normalized(c->query[q]), *w[GK_CATALOGUE_QUERY_WORDS];
		size_t nw = words_of(text, w, GK_CATALOGUE_QUERY_WORDS);
		memset(mark, 1, c->n);
		for (size_t k = 0; k < nw; k++) {
			memset(one, 0, c->n);
			size_t wl = strlen(w[k]), doc = 0;
			const char *at = c->text, *end = c->text + total;
			while ((at = memmem(at, (size_t)(end - at), w[k], wl))) {
				size_t pos = (size_t)(at - c->text);
				while (c->start[doc + 1] <= pos)
					doc++;
				one[doc] = 1;
				at = c->text + c->start[doc + 1];
			}
			for (size_t i = 0; i < c->n; i++)
				mark[i] &= one[i];
		}
		uint32_t cnt = 0;
		for (size_t i = 0; i < c->n; i++)
			cnt += mark[i];
		j->t->ids[q] = xmalloc(cnt * sizeof(uint32_t));
		j->t->n[q] = 0;
		for (size_t i = 0; i < c->n; i++)
			if (mark[i] && nw)
				j->t->ids[q][j->t->n[q]++] = (uint32_t)(i + 1);
		free(text);
	}
	free(mark);
	free(one);
	return NULL;
}

static int truth_main(const struct corpus *c, const char *dir)
{
	struct truth t = {xmalloc(c->nq * sizeof *t.ids), xmalloc(c->nq * sizeof *t.n)};
	double t0 = now();
	enum { THREADS = 2 };
	pthread_t th[THREADS];
	struct truth_job jobs[THREADS];
	for (size_t i = 0; i < THREADS; i++) {
		jobs[i] = (struct truth_job){c, &t, i, THREADS};
		pthread_create(&th[i], NULL, truth_run, &jobs[i]);
	}
	for (size_t i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	char path[4096];
	snprintf(path, sizeof path, "%s/truth.bin", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		die(path);
	for (size_t q = 0; q < c->nq; q++) {
		fwrite(&t.n[q], sizeof(uint32_t), 1, f);
		fwrite(t.ids[q], sizeof(uint32_t), t.n[q], f);
	}
	if (fclose(f))
		die(path);
	fprintf(stderr, "   truth: %zu queries over %zu items by substring scan in %.1f s\n", c->nq,
		c->n, now() - t0);
	return 0;
}

static void truth_read(struct truth *t, const struct corpus *c, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/truth.bin", dir);
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path);
	t->ids = xmalloc(c->nq * sizeof *t->ids);
	t->n = xmalloc(c->nq * sizeof *t->n);
	for (size_t q = 0; q < c->nq; q++) {
		if (fread(&t->n[q], sizeof(uint32_t), 1, f) != 1)
			die("truth.bin: short");
		t->ids[q] = xmalloc(t->n[q] * sizeof(uint32_t));
		if (fread(t->ids[q], sizeof(uint32_t), t->n[q], f) != t->n[q])
			die("truth.bin: short");
	}
	fclose(f);
}

/* --- what each engine reports --------------------------------------------- */

struct score {
	unsigned char *is_true; /* per item id, for the query being scored */
	FILE *out;
};

static void score_begin(struct score *s, const struct corpus *c, const struct truth *t, size_t q)
{
	memset(s->is_true, 0, c->n + 1);
	for (uint32_t i = 0; i < t->n[q]; i++)
		s->is_true[t->ids[q][i]] = 1;
}

/* One line of NAME.tsv: kind, seconds of the ranked first page, its total
 * and whether capped, hits of the full (uncapped) run, how many of them
 * truly match, the true count, first-page hits and how many truly match,
 * CPU seconds of the ranked first page. */
static void score_line(struct score *s, const char *kind, double secs, double cpu, int64_t total,
		       int capped, const int64_t *all, size_t nall, uint32_t ntrue,
		       const int64_t *page, size_t npage)
{
	size_t tp = 0, ptp = 0;
	for (size_t i = 0; i < nall; i++)
		tp += all[i] >= 1 && s->is_true[all[i]];
	for (size_t i = 0; i < npage; i++)
		ptp += page[i] >= 1 && s->is_true[page[i]];
	fprintf(s->out, "%s\t%.9f\t%lld\t%d\t%zu\t%zu\t%u\t%zu\t%zu\t%.9f\n", kind, secs,
		(long long)total, capped, nall, tp, ntrue, npage, ptp, cpu);
}

static FILE *open_out(const char *dir, const char *name, const char *ext)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext);
	FILE *f = fopen(path, "w");
	if (!f)
		die(path);
	return f;
}

static size_t heap_bytes(void)
{
	struct mallinfo2 m = mallinfo2();
	return m.uordblks + m.hblkhd;
}

static off_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? -1 : st.st_size;
}

/* --- ours ----------------------------------------------------------------- */

static int write_file(const void *p, size_t n, void *ctx)
{
	return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

static int ours_main(const struct corpus *c, const struct truth *t, const char *dir)
{
	size_t heap0 = heap_bytes();
	double t0 = now(), c0 = cpu_now();
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	char *a = NULL, *b = NULL;
	size_t acap = 0, bcap = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct item *it = &c->items[i];
		size_t an = strlen(it->title) + strlen(it->doc_no) + 2;
		size_t bn = strlen(it->agency) + strlen(it->body) + 2;
		if (an > acap)
			a = realloc(a, acap = an * 2);
		if (bn > bcap)
			b = realloc(b, bcap = bn * 2);
		if (!a || !b)
			die("out of memory");
		snprintf(a, acap, "%s\n%s", it->title, it->doc_no);
		snprintf(b, bcap, "%s\n%s", it->agency, it->body);
		const char *keys[] = {"s:published"};
		struct gk_catalogue_doc d = {
			.id = (int64_t)i + 1,
			.sort_key = it->published,
			.keys = keys,
			.nkeys = 1,
			.text_a = a,
			.text_b = b,
		};
		if (gk_catalogue_index_put(ix, &d))
			die("put failed");
	}
	free(a);
	free(b);
	if (gk_catalogue_index_compact(ix))
		die("compact failed");
	double build = now() - t0, build_cpu = cpu_now() - c0;
	size_t mem = heap_bytes() - heap0;

	char path[4096];
	snprintf(path, sizeof path, "%s/ours.idx", dir);
	t0 = now();
	FILE *f = fopen(path, "wb");
	if (!f || gk_catalogue_index_save(ix, write_file, f) || fclose(f))
		die("save failed");
	double save = now() - t0;
	off_t disk = file_size(path);
	t0 = now();
	int fd = open(path, O_RDONLY);
	void *map = mmap(NULL, (size_t)disk, PROT_READ, MAP_PRIVATE, fd, 0);
	if (fd < 0 || map == MAP_FAILED)
		die("cannot map the saved index");
	struct gk_catalogue_index *loaded = gk_catalogue_index_load(map, (size_t)disk);
	double load = now() - t0;
	if (!loaded || gk_catalogue_index_size(loaded) != c->n)
		die("load failed");
	gk_catalogue_index_free(loaded);
	munmap(map, (size_t)disk);
	close(fd);
	unlink(path);

	struct score s = {xmalloc(c->n + 1), open_out(dir, "ours", "tsv")};
	int64_t *all = xmalloc((c->n + 1) * sizeof *all), page[PAGE];
	for (size_t q = 0; q < c->nq + 5; q++) {
		size_t qi = q < 5 ? q : q - 5; /* the first five twice: a warm-up */
		struct gk_catalogue_query qq = {
			.text = c->query[qi], .limit = PAGE, .count_cap = COUNT_CAP};
		struct gk_catalogue_result r;
		double c0 = thread_cpu_now();
		t0 = now();
		enum gk_catalogue_query_error e = gk_catalogue_index_query(ix, &qq, &r);
		double secs = now() - t0, cpu = thread_cpu_now() - c0;
		if (q < 5) {
			if (!e)
				gk_catalogue_result_release(&r);
			continue;
		}
		if (e)
			fprintf(stderr, "   ours: query %zu '%s' refused (%d)\n", qi, c->query[qi],
				e);
		size_t npage = e ? 0 : r.nhits;
		for (size_t i = 0; i < npage; i++)
			page[i] = r.hits[i].id;
		int64_t total = e ? 0 : r.total;
		int capped = e ? 0 : r.capped;
		if (!e)
			gk_catalogue_result_release(&r);
		/* recall: every match, uncapped */
		qq.limit = (int64_t)c->n;
		qq.count_cap = 0;
		size_t nall = 0;
		if (!gk_catalogue_index_query(ix, &qq, &r)) {
			for (size_t i = 0; i < r.nhits; i++)
				all[nall++] = r.hits[i].id;
			gk_catalogue_result_release(&r);
		}
		score_begin(&s, c, t, qi);
		score_line(&s, c->qkind[qi], secs, cpu, total, capped, all, nall, t->n[qi], page,
			   npage);
	}
	fclose(s.out);
	free(s.is_true);
	free(all);
	gk_catalogue_index_free(ix);
	FILE *m = open_out(dir, "ours", "meta");
	fprintf(m,
		"items=%zu\nbuild_s=%.3f\nbuild_cpu_s=%.3f\ntext_bytes=%zu\ndisk_bytes=%lld\n"
		"mem_bytes=%zu\nsave_s=%.3f\nload_s=%.3f\n",
		c->n, build, build_cpu, c->text_bytes, (long long)disk, mem, save, load);
	fclose(m);
	return 0;
}

/* --- FTS5 trigram ---------------------------------------------------------- */

static void sql_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, err);
		exit(1);
	}
}

/* The SQL of query Q (normalised, split into words): words of three
 * characters or more as FTS5 phrases ANDed in MATCH, ranked by bm25;
 * shorter ones, which the trigram index cannot serve, by instr() on every
 * column of the content table (a LIKE pattern of under three characters
 * finds nothing with SQLite 3.40's trigram tokenizer, and instr() on the
 * FTS5 table's columns is slower still). Without a MATCH, newest first.
 * MODE 0: ranked first page; 1: the matches up to one past the cap (as
 * costly as a capped count, and the full answer when not capped); 2: every
 * match. */
static sqlite3_stmt *fts_prepare(sqlite3 *db, char **w, size_t nw, int mode)
{
	char match[1024] = "", cond[4096] = "";
	size_t nshort = 0;
	for (size_t k = 0; k < nw; k++) {
		size_t chars = 0;
		for (const char *p = w[k]; *p; p++)
			chars += ((unsigned char)*p & 0xc0) != 0x80;
		if (chars >= 3) {
			strcat(match, *match ? " \"" : "\"");
			for (const char *p = w[k]; *p; p++) {
				if (*p == '"')
					strcat(match, "\"");
				strncat(match, p, 1);
			}
			strcat(match, "\"");
		} else {
			char one[256];
			snprintf(one, sizeof one,
				 "%s(instr(d.title, ?%zu) OR instr(d.doc_no, ?%zu) OR "
				 "instr(d.agency, ?%zu) OR instr(d.body, ?%zu))",
				 nshort ? " AND " : "", k + 2, k + 2, k + 2, k + 2);
			strcat(cond, one);
			nshort++;
		}
	}
	int has_match = *match != '\0';
	char from[8192];
	if (has_match)
		snprintf(from, sizeof from, "fts%s WHERE fts MATCH ?1%s%s",
			 nshort ? " JOIN docs d ON d.id = fts.rowid" : "", nshort ? " AND " : "",
			 cond);
	else
		snprintf(from, sizeof from, "docs d WHERE %s", cond);
	const char *id = has_match ? "fts.rowid" : "d.id";
	char sql[10000];
	if (mode == 0)
		snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s LIMIT %d", id, from,
			 has_match ? "bm25(fts)" : "d.id DESC", PAGE);
	else if (mode == 1)
		snprintf(sql, sizeof sql, "SELECT %s FROM %s LIMIT %d", id, from, COUNT_CAP + 1);
	else
		snprintf(sql, sizeof sql, "SELECT %s FROM %s", id, from);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	if (has_match)
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	for (size_t k = 0; k < nw; k++) {
		char name[32];
		snprintf(name, sizeof name, "?%zu", k + 2);
		int idx = sqlite3_bind_parameter_index(st, name);
		if (idx)
			sqlite3_bind_text(st, idx, w[k], -1, SQLITE_TRANSIENT);
	}
	return st;
}

static int past_deadline(void *deadline)
{
	return now() > *(double *)deadline;
}

/* Runs query W in MODE (fts_prepare) into IDS; SQLITE_DONE, or
 * SQLITE_INTERRUPT past the deadline. */
static int fts_rows(sqlite3 *db, char **w, size_t nw, int mode, int64_t *ids, size_t *n)
{
	sqlite3_stmt *st = fts_prepare(db, w, nw, mode);
	int rc;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

static int fts5_main(const struct corpus *c, const struct truth *t, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/fts5.db", dir);
	unlink(path);
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(path);
	sql_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
	double t0 = now(), c0 = cpu_now(), content_cpu = 0;
	/* the text in a plain table, indexed by an external-content FTS5 table */
	sql_exec(db, "CREATE TABLE docs(id INTEGER PRIMARY KEY, title, doc_no, agency, body)");
	sql_exec(db, "CREATE VIRTUAL TABLE fts USING fts5(title, doc_no, agency, body, "
		     "content='docs', content_rowid='id', tokenize='trigram')");
	sql_exec(db, "BEGIN");
	sqlite3_stmt *ins, *ins_fts;
	sqlite3_prepare_v2(db,
			   "INSERT INTO docs(id, title, doc_no, agency, body) VALUES (?,?,?,?,?)",
			   -1, &ins, NULL);
	sqlite3_prepare_v2(db,
			   "INSERT INTO fts(rowid, title, doc_no, agency, body) VALUES (?,?,?,?,?)",
			   -1, &ins_fts, NULL);
	double content_s = 0;
	for (size_t i = 0; i < c->n; i++) {
		/* the normalised fields, as the truth and our index see them */
		const char *p = c->text + c->start[i], *f[4];
		int len[4];
		for (int k = 0; k < 4; k++) {
			const char *nl = k < 3 ? strchr(p, '\n') : c->text + c->start[i + 1] - 1;
			f[k] = p;
			len[k] = (int)(nl - p);
			p = nl + 1;
		}
		sqlite3_stmt *both[] = {ins, ins_fts};
		for (int j = 0; j < 2; j++) {
			double t1 = now(), c1 = cpu_now();
			sqlite3_bind_int64(both[j], 1, (int64_t)i + 1);
			for (int k = 0; k < 4; k++)
				sqlite3_bind_text(both[j], k + 2, f[k], len[k], SQLITE_STATIC);
			if (sqlite3_step(both[j]) != SQLITE_DONE)
				die(sqlite3_errmsg(db));
			sqlite3_reset(both[j]);
			if (j == 0) { /* the content row is not the index's cost */
				content_s += now() - t1;
				content_cpu += cpu_now() - c1;
			}
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(ins_fts);
	sql_exec(db, "COMMIT");
	sql_exec(db, "INSERT INTO fts(fts) VALUES('optimize')");
	double build = now() - t0 - content_s, build_cpu = cpu_now() - c0 - content_cpu;
	long long index = 0, content = 0;
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (!strcmp(name, "docs"))
			content += sqlite3_column_int64(st, 1);
		else if (!strncmp(name, "fts_", 4))
			index += sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);

	/* a query that must scan the table stops at the time limit */
	const char *limit_env = getenv("SEARCH_FTS5_LIMIT_S");
	double limit = limit_env ? atof(limit_env) : 5, deadline = 0;
	sqlite3_progress_handler(db, 10000, past_deadline, &deadline);
	struct score s = {xmalloc(c->n + 1), open_out(dir, "fts5", "tsv")};
	int64_t *all = xmalloc((c->n + 1) * sizeof *all), page[PAGE];
	for (size_t q = 0; q < c->nq + 5; q++) {
		size_t qi = q < 5 ? q : q - 5;
		char *text = normalized(c->query[qi]), *w[GK_CATALOGUE_QUERY_WORDS];
		size_t nw = words_of(text, w, GK_CATALOGUE_QUERY_WORDS), npage = 0, nall = 0;
		double c0 = thread_cpu_now();
		t0 = now();
		deadline = t0 + limit;
		int rc = fts_rows(db, w, nw, 0, page, &npage);
		if (rc == SQLITE_DONE)
			rc = fts_rows(db, w, nw, 1, all, &nall);
		double secs = now() - t0, cpu = thread_cpu_now() - c0;
		if (q < 5) {
			free(text);
			continue;
		}
		int capped = nall > COUNT_CAP;
		int64_t total = capped ? COUNT_CAP : (int64_t)nall;
		if (rc == SQLITE_DONE && capped) { /* recall: every match */
			deadline = now() + 10 * limit;
			rc = fts_rows(db, w, nw, 2, all, &nall);
		}
		score_begin(&s, c, t, qi);
		if (rc == SQLITE_DONE)
			score_line(&s, c->qkind[qi], secs, cpu, total, capped, all, nall, t->n[qi],
				   page, npage);
		else /* stopped: no total, left out of precision and recall */
			fprintf(s.out, "%s\t%.9f\t-1\t-1\t0\t0\t%u\t0\t0\t%.9f\n", c->qkind[qi],
				secs, t->n[qi], cpu);
		free(text);
	}
	fclose(s.out);
	free(s.is_true);
	free(all);
	sqlite3_close(db);
	FILE *m = open_out(dir, "fts5", "meta");
	fprintf(m,
		"items=%zu\nbuild_s=%.3f\nbuild_cpu_s=%.3f\ntext_bytes=%zu\ndisk_bytes=%lld\n"
		"index_bytes=%lld\ncontent_bytes=%lld\n",
		c->n, build, build_cpu, c->text_bytes, (long long)file_size(path), index, content);
	fclose(m);
	unlink(path);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		die("usage: search_bench truth|ours|fts5 DIR");
	struct corpus c = {0};
	double t0 = now();
	corpus_load(&c, argv[2]);
	fprintf(stderr, "   %s: %zu items, %zu queries loaded in %.1f s\n", argv[1], c.n, c.nq,
		now() - t0);
	if (!strcmp(argv[1], "truth"))
		return truth_main(&c, argv[2]);
	struct truth t;
	truth_read(&t, &c, argv[2]);
	if (!strcmp(argv[1], "ours"))
		return ours_main(&c, &t, argv[2]);
	if (!strcmp(argv[1], "fts5"))
		return fts5_main(&c, &t, argv[2]);
	die("usage: search_bench truth|ours|fts5 DIR");
	return 1;
}
