/* A timing tool for the in-memory catalogue index (not a test): builds N
 * documents from the real texts in /work/shared/data/cn-laws (titles,
 * 文号, agencies, ~150-character bodies), then prints build MB/s, memory,
 * save/load times and query latency percentiles per kind.
 *
 *   /tmp/cib N [data dir] [build]     (how to compile it: docs/search.md)
 *
 * CIB_INDEX=path keeps the built index there and reuses it on the next run;
 * SLOW=ms prints the queries slower than that. */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/catalogue_index.h"
#include "core/catalogue_index/internal.h"

static uint64_t rs = 88172645463325252ULL;
static uint32_t rnd(uint32_t n)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return n ? (uint32_t)(rs % n) : 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this thread: on a shared 2-core machine, wall time per query
 * mostly measures the other processes */
static double cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* the corpus: paragraphs and titles */
static char **paras, **titles;
static size_t npara, ntitle, cpara, ctitle;

static void add(char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*v = realloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = strndup(s, len);
}

static void read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[65536];
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		if (line[0] == '#' && line[1] == ' ')
			add(&titles, &ntitle, &ctitle, line + 2, len - 2);
		else if (len > 60 && line[0] != '<' && line[0] != '#')
			add(&paras, &npara, &cpara, line, len);
	}
	fclose(f);
}

static void walk(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			walk(p);
		else if (strstr(e->d_name, ".md"))
			read_file(p);
	}
	closedir(d);
}

/* N characters of S from character AT (UTF-8) */
static size_t take(char *out, size_t outsz, const char *s, size_t at, size_t chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (p[i] && at) {
		i++;
		while ((p[i] & 0xC0) == 0x80)
			i++;
		at--;
	}
	size_t st = i;
	while (p[i] && chars) {
		i++;
		while ((p[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	size_t n = i - st < outsz - 1 ? i - st : outsz - 1;
	memcpy(out, s + st, n);
	out[n] = '\0';
	return n;
}

static const char *agencies[][2] = {
	{"大同市人民政府办公厅", "同政办发"}, {"大同市人民政府", "同政发"},
	{"山西省人民政府办公厅", "晋政办发"}, {"山西省教育厅", "晋教发"},
	{"大同市财政局", "同财发"},           {"大同市卫生健康委员会", "同卫发"},
	{"大同市生态环境局", "同环发"},       {"平城区人民政府", "平政发"},
	{"云冈区人民政府办公室", "云政办发"}, {"大同市住房和城乡建设局", "同建发"},
	{"大同市交通运输局", "同交发"},       {"大同市市场监督管理局", "同市监发"},
};
#define NAG (sizeof agencies / sizeof agencies[0])

struct sample {
	double *v, *w;
	size_t n, cap;
};

static void put_sample(struct sample *s, double x, double wall)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		s->w = realloc(s->w, s->cap * sizeof *s->w);
	}
	s->w[s->n] = wall;
	s->v[s->n++] = x;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *name, struct sample *s, double hits)
{
	qsort(s->v, s->n, sizeof *s->v, cmpd);
	qsort(s->w, s->n, sizeof *s->w, cmpd);
	printf("  %-30s cpu p50 %7.3f p95 %7.3f p99 %7.3f max %7.3f | wall p50 %7.3f p99 %7.3f ms"
	       " (mean total %.0f)\n",
	       name, s->v[s->n / 2] * 1e3, s->v[s->n * 95 / 100] * 1e3, s->v[s->n * 99 / 100] * 1e3,
	       s->v[s->n - 1] * 1e3, s->w[s->n / 2] * 1e3, s->w[s->n * 99 / 100] * 1e3,
	       hits / (double)s->n);
	s->n = 0;
}

static char **docs_b; /* bodies kept to draw queries from */
static size_t ndocs;

static void random_sub(char *out, size_t outsz, size_t chars)
{
	for (;;) {
		const char *b = docs_b[rnd((uint32_t)ndocs)];
		size_t len = strlen(b) / 3;
		take(out, outsz, b, rnd((uint32_t)(len > chars ? len - chars : 1)), chars);
		if (!strpbrk(out, " \n\"") && strlen(out) >= chars)
			return;
	}
}

static int file_write(const void *p, size_t n, void *ctx)
{
	return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

static void run_query(struct gk_catalogue_index *ix, const char *text, const char *const *keys,
		      size_t nkeys, int64_t offset, struct sample *s, double *hits)
{
	struct gk_catalogue_query q = {text, keys, nkeys, offset, 10, 10000, NULL, 0};
	struct gk_catalogue_result r;
	double t0 = now(), c0 = cpu();
	enum gk_catalogue_query_error e = gk_catalogue_index_query(ix, &q, &r);
	double t1 = now(), c1 = cpu();
	if (getenv("SLOW") && c1 - c0 > atof(getenv("SLOW")) / 1e3)
		fprintf(stderr, "slow: %.3f ms '%s' total %lld\n", (c1 - c0) * 1e3,
			text ? text : "", (long long)r.total);
	if (e) {
		fprintf(stderr, "query '%s' failed: %d\n", text ? text : "", e);
		exit(1);
	}
	*hits += (double)r.total;
	put_sample(s, c1 - c0, t1 - t0);
	gk_catalogue_result_release(&r);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	const char *dir = argc > 2 ? argv[2] : "/work/shared/data/cn-laws";
	walk(dir);
	if (!npara || !ntitle) {
		fprintf(stderr, "no texts under %s\n", dir);
		return 1;
	}
	fprintf(stderr, "%zu paragraphs, %zu titles\n", npara, ntitle);
	docs_b = calloc(n, sizeof *docs_b);
	/* CIB_INDEX=path: reuse the index saved there by an earlier run */
	const char *path =
		getenv("CIB_INDEX") ? getenv("CIB_INDEX") : "/tmp/catalogue_index_bench.idx";
	bool reuse = getenv("CIB_INDEX") && access(path, R_OK) == 0;
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	double bytes = 0, tput = 0;
	char a[512], b[2048], body[1600], tt[256], key_a[32], key_t[32], key_y[32], key_g[32];
	for (size_t i = 0; i < n; i++) {
		size_t ag = rnd(NAG) * rnd(2) + rnd(2); /* some agencies publish more */
		if (ag >= NAG)
			ag = NAG - 1;
		unsigned year = 2000 + rnd(25);
		take(tt, sizeof tt, titles[rnd((uint32_t)ntitle)], 0, 10 + rnd(14));
		snprintf(a, sizeof a, "%s%s\n%s〔%u〕%u号", rnd(3) ? "关于印发" : "", tt,
			 agencies[ag][1], year, 1 + rnd(200));
		/* ~150 characters from consecutive paragraphs */
		size_t pi = rnd((uint32_t)npara);
		char para[4096];
		size_t pl = 0;
		for (size_t k = 0; k < 4 && pl < 2000; k++) {
			const char *p = paras[(pi + k) % npara];
			size_t l = strlen(p);
			if (pl + l >= sizeof para)
				break;
			memcpy(para + pl, p, l);
			pl += l;
		}
		para[pl] = '\0';
		size_t plen = strlen(para) / 3;
		take(body, sizeof body, para, rnd((uint32_t)(plen > 180 ? plen - 180 : 1)),
		     120 + rnd(60));
		snprintf(b, sizeof b, "%s\n%s", agencies[ag][0], body);
		snprintf(key_a, sizeof key_a, "a:%zu", ag);
		snprintf(key_t, sizeof key_t, "t:%02u", rnd(20));
		snprintf(key_y, sizeof key_y, "y:%u", year);
		snprintf(key_g, sizeof key_g, "g:%u", rnd(5));
		const char *keys[] = {"s:published", key_a, key_t, key_y, key_g};
		char sk[32];
		snprintf(sk, sizeof sk, "%u-%02u-%02u", year, 1 + rnd(12), 1 + rnd(28));
		struct gk_catalogue_doc doc = {(int64_t)i + 1, sk, keys, 5, a, b};
		bytes += (double)(strlen(a) + strlen(b));
		docs_b[i] = strdup(b);
		if (reuse)
			continue;
		double t0 = cpu();
		if (gk_catalogue_index_put(ix, &doc)) {
			fprintf(stderr, "put failed\n");
			return 1;
		}
		tput += cpu() - t0;
	}
	ndocs = n;
	if (reuse)
		goto load;
	double t0 = now(), c0 = cpu();
	if (gk_catalogue_index_compact(ix)) {
		fprintf(stderr, "compact failed\n");
		return 1;
	}
	double tc = cpu() - c0, tcw = now() - t0;
	printf("catalogue index, %zu documents, %.1f MB of text\n", n, bytes / 1e6);
	printf("  build (cpu): puts %.2f s + compact %.2f s = %.1f MB/s (compact wall %.2f s)\n",
	       tput, tc, bytes / 1e6 / (tput + tc), tcw);
	{
		const struct ci_main *m = &ix->m;
		double text = (double)m->text_off[m->n];
		double grams = (double)m->gram_off[m->ngrams] + (double)m->ngrams * 16;
		double keys = (double)(m->kpost_off[m->nkeys] * 4 + m->dkey_off[m->n] * 4);
		double total = (double)ix->image_len;
		printf("  image %.1f MB: normalised text %.1f MB, grams %.1f MB (%.2fx the text, "
		       "%llu grams), keys %.1f MB, rest %.1f MB\n",
		       total / 1e6, text / 1e6, grams / 1e6, grams / text,
		       (unsigned long long)m->ngrams, keys / 1e6,
		       (total - text - grams - keys) / 1e6);
		printf("  index beyond the normalised text: %.2fx the text\n",
		       (total - text) / text);
	}
	/* save, map, load */
	FILE *f = fopen(path, "wb");
	t0 = now();
	if (!f || gk_catalogue_index_save(ix, file_write, f) || fclose(f)) {
		fprintf(stderr, "save failed\n");
		return 1;
	}
	double ts = now() - t0;
	printf("  save %.2f s, ", ts);
	gk_catalogue_index_free(ix);
load:;
	int fd = open(path, O_RDONLY);
	struct stat st;
	fstat(fd, &st);
	double t1 = now();
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	double t2 = now(), c2 = cpu();
	struct gk_catalogue_index *ld = gk_catalogue_index_load(map, (size_t)st.st_size);
	double tl = now() - t2, cl = cpu() - c2;
	if (!ld) {
		fprintf(stderr, "load failed\n");
		return 1;
	}
	printf("%.1f MB; mmap %.3f s, load %.3f s (cpu %.3f s)\n", (double)st.st_size / 1e6,
	       t2 - t1, tl, cl);
	if (argc > 3 && strcmp(argv[3], "build") == 0)
		return 0;
	ix = ld;

	struct sample s = {0};
	double hits = 0;
	int per = 400;
	char q[512], w1[64], w2[64];
	printf("  queries (limit 10, count cap 10,000):\n");
	static const size_t lens[] = {1, 2, 3, 4, 6, 8};
	static const char *names[] = {"1 character",  "2 characters", "3 characters",
				      "4 characters", "6 characters", "8 characters"};
	for (size_t k = 0; k < 6; k++) {
		for (int i = 0; i < per; i++) {
			random_sub(q, sizeof q, lens[k]);
			run_query(ix, q, NULL, 0, 0, &s, &hits);
		}
		report(names[k], &s, hits);
		hits = 0;
	}
	for (int i = 0; i < per; i++) {
		snprintf(q, sizeof q, "%u号", 1 + rnd(200));
		run_query(ix, q, NULL, 0, 0, &s, &hits);
	}
	report("文号 number (109号)", &s, hits);
	hits = 0;
	for (int i = 0; i < per; i++) {
		snprintf(q, sizeof q, "%s〔%u〕", agencies[rnd(NAG)][1], 2000 + rnd(25));
		run_query(ix, q, NULL, 0, 0, &s, &hits);
	}
	report("文号 prefix (同政办发〔2017〕)", &s, hits);
	hits = 0;
	for (int i = 0; i < per; i++)
		run_query(ix, agencies[rnd(NAG)][0], NULL, 0, 0, &s, &hits);
	report("agency name", &s, hits);
	hits = 0;
	static const char *latin[] = {"2017", "10", "GB", "a", "pdf", "1", "2020年", "ISO"};
	for (int i = 0; i < per; i++)
		run_query(ix, latin[rnd(8)], NULL, 0, 0, &s, &hits);
	report("Latin words and digits", &s, hits);
	hits = 0;
	for (int i = 0; i < per; i++) {
		random_sub(w1, sizeof w1, 2);
		random_sub(w2, sizeof w2, 2 + rnd(2));
		snprintf(q, sizeof q, "%s %s", w1, w2);
		run_query(ix, q, NULL, 0, 0, &s, &hits);
	}
	report("two words", &s, hits);
	hits = 0;
	for (int i = 0; i < per; i++) {
		random_sub(w1, sizeof w1, 2);
		snprintf(key_a, sizeof key_a, "a:%u", rnd(NAG));
		const char *keys[] = {key_a};
		run_query(ix, w1, keys, 1, 0, &s, &hits);
	}
	report("2 characters + agency key", &s, hits);
	hits = 0;
	for (int i = 0; i < per; i++) {
		random_sub(w1, sizeof w1, 1 + rnd(4));
		snprintf(key_t, sizeof key_t, "t:%02u", rnd(20));
		const char *keys[] = {key_t};
		struct gk_catalogue_query fq = {
			w1, keys, 1, 0, 10, 10000, (const char *[]){"y:", "a:"}, 2};
		struct gk_catalogue_result r;
		double tq = now(), cq = cpu();
		if (gk_catalogue_index_query(ix, &fq, &r)) {
			fprintf(stderr, "facet query failed\n");
			return 1;
		}
		put_sample(&s, cpu() - cq, now() - tq);
		hits += (double)r.total;
		gk_catalogue_result_release(&r);
	}
	report("1-4 chars + key + 2 facets", &s, hits);
	hits = 0;
	/* listings */
	for (int off = 0; off <= 100000; off += 100000) {
		char name[64];
		for (int nk = 0; nk <= 2; nk++) {
			for (int i = 0; i < per; i++) {
				snprintf(key_y, sizeof key_y, "y:%u", 2000 + rnd(25));
				snprintf(key_a, sizeof key_a, "a:%u", rnd(NAG));
				const char *keys[] = {"s:published", key_y, key_a};
				const char *k1[] = {key_y, key_a};
				run_query(ix, NULL, nk == 2 ? k1 : keys, (size_t)nk, off, &s,
					  &hits);
			}
			snprintf(name, sizeof name, "listing %d key%s @%d", nk, nk == 1 ? "" : "s",
				 off);
			report(name, &s, hits);
			hits = 0;
		}
	}
	/* a live change: puts over the loaded image, then listings and searches */
	for (size_t i = 0; i < 1000; i++) {
		const char *keys[] = {"s:published", "a:1", "y:2024"};
		struct gk_catalogue_doc doc = {
			(int64_t)(rnd((uint32_t)n) + 1), "2024-12-31", keys, 3, "关于新的通知",
			docs_b[rnd((uint32_t)n)]};
		gk_catalogue_index_put(ix, &doc);
	}
	for (int i = 0; i < per; i++) {
		const char *keys[] = {"y:2024", "a:1"};
		run_query(ix, NULL, keys, (size_t)rnd(3), rnd(2) ? 0 : 50000, &s, &hits);
	}
	report("listing, 1000 puts pending", &s, hits);
	hits = 0;
	for (int i = 0; i < per; i++) {
		random_sub(q, sizeof q, 1 + rnd(4));
		run_query(ix, q, NULL, 0, 0, &s, &hits);
	}
	report("search, 1000 puts pending", &s, hits);
	gk_catalogue_index_free(ix);
	munmap(map, (size_t)st.st_size);
	close(fd);
	if (!getenv("CIB_INDEX"))
		unlink(path);
	return 0;
}
