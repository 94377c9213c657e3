/* The live catalogue: the index of every item, built or loaded at start,
 * caught up from the store's change log before each query, answering the
 * public listings and searches. See catalogue.h and docs/catalogue.md. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/catalogue_index.h"
#include "core/richtext.h"
#include "lib/log.h"
#include "service/catalogue.h"

/* The saved file: this header, then what gk_catalogue_index_save wrote.
 * The seq's item (the change log row) identifies the database: a file
 * left beside a database made anew is not mistaken for its index. */
#define FILE_MAGIC "GKCATIX1"
struct file_header {
	char magic[8];
	int64_t seq, seq_item, length;
};

/* A server rebuilds its index in the background once this many puts and
 * removals wait in the delta (or 1% of the catalogue, whichever is more):
 * a large delta slows searches down (0.18 s with 40,000 changes on 317,000
 * items, against 2 ms), and folding it in place would hold every reader. */
#define REBUILD_MIN 5000

/* Changes applied under one write lock: readers wait at most this many
 * puts. */
#define CATCHUP_CHUNK 2000

/* A server catches up with at most this many changes before answering
 * (so "publish, then read at once" holds; about 0.3 s at worst); a larger
 * gap (an import beside it) is caught up in the background while requests
 * are answered from the index as it is. */
#define SYNC_MAX 2000

/* Facet counts cost a pass over the listing's keys (a few hundred ms at a
 * million items): kept per filter (and search) until the index changes. */
#define FACET_CACHE 128
struct facet_entry {
	char *what; /* the search text and keys, \x1f-separated; NULL: free */
	int64_t seq;
	struct gk_item_facet *v;
	size_t n;
};

struct gk_catalogue {
	char *path;            /* <db>.catalogue */
	char *db_path;         /* the database, for the rebuild's own connection */
	bool live;             /* a server: rebuild in the background */
	size_t rebuild_min;    /* REBUILD_MIN, or what a test sets */
	size_t sync_max;       /* SYNC_MAX, or what a test sets */
	pthread_rwlock_t lock; /* queries read; applying changes writes */
	/* guards the flags below and rebuilding, delta, seq_item (briefly) */
	pthread_mutex_t catchup;
	pthread_cond_t caught; /* applying went false */
	/* one thread at a time applies changes to (or swaps) the shared index */
	bool applying;
	/* a background catch-up is under way: requests do not wait for it */
	bool behind;
	pthread_t catcher;
	bool catcher_joinable;
	int64_t catchups; /* background catch-ups done (for tests) */
	struct gk_catalogue_index *ix;
	void *map; /* the saved file the index reads from (NULL: built) */
	size_t map_len;
	_Atomic int64_t seq; /* the index's seq, readable without the lock */
	int64_t seq_item;    /* the item the change log names at that seq */
	size_t delta;        /* puts and removals since the last build */
	int64_t base_seq;    /* the seq of the last build or load (the main part) */
	bool loaded;
	/* the background rebuild (the flags under the catch-up lock) */
	pthread_t rebuilder;
	bool rebuilding, joinable;
	int64_t rebuilds; /* swapped in so far */
	_Atomic bool stopping;
	gk_catalogue_step_fn *step; /* progress of gk_catalogue_update */
	void *step_ctx;
	pthread_mutex_t facet_lock;
	struct facet_entry facets[FACET_CACHE];
	size_t facet_next; /* the entry replaced next */
};

/* --- an item as the index keeps it ------------------------------------------ */

#define MAX_KEYS 48

struct doc {
	struct gk_buf keybuf, a, b;
	size_t key_at[MAX_KEYS];
	const char *keys[MAX_KEYS];
	size_t nkeys;
	char sort[40]; /* the date of publication (the scan's text is gone by the put) */
	struct gk_catalogue_doc d;
};

static void doc_init(struct doc *x)
{
	memset(x, 0, sizeof *x);
	gk_buf_init(&x->keybuf, 1 << 16);
	gk_buf_init(&x->a, 1 << 16);
	gk_buf_init(&x->b, (size_t)64 << 20);
}

static void doc_release(struct doc *x)
{
	gk_buf_release(&x->keybuf);
	gk_buf_release(&x->a);
	gk_buf_release(&x->b);
}

static void add_key(struct doc *x, const char *prefix, const char *value, size_t n)
{
	if (x->nkeys == MAX_KEYS)
		return;
	x->key_at[x->nkeys++] = x->keybuf.len;
	gk_buf_puts(&x->keybuf, prefix);
	gk_buf_add(&x->keybuf, value, n);
	gk_buf_putc(&x->keybuf, '\0');
}

static void add_line(struct gk_buf *b, const char *text)
{
	if (!text || !*text)
		return;
	if (b->len)
		gk_buf_putc(b, '\n');
	gk_buf_puts(b, text);
}

/* Fills X from D: the keys the listings filter by, text A (title, 文号)
 * and text B (索引号, agency, keywords, file names, summary, body text). */
static bool doc_fill(struct doc *x, const struct gk_item_doc *d)
{
	char num[24];
	x->nkeys = 0;
	gk_buf_reset(&x->keybuf);
	gk_buf_reset(&x->a);
	gk_buf_reset(&x->b);
	const char *st = gk_item_status_code(d->status);
	add_key(x, "s:", st, strlen(st));
	/* the agency and every agency above it: a filter by agency is its subtree */
	for (const char *p = d->agency_path; p && *p;) {
		p += strspn(p, "/");
		size_t n = strcspn(p, "/");
		if (n)
			add_key(x, "a:", p, n);
		p += n;
	}
	/* the topic and its parents: "10" lists "10.3" too */
	for (const char *dot = d->topic; *d->topic; dot++) {
		if (*dot == '.' || !*dot)
			add_key(x, "t:", d->topic, (size_t)(dot - d->topic));
		if (!*dot)
			break;
	}
	if (*d->genre)
		add_key(x, "g:", d->genre, strlen(d->genre));
	if (*d->column)
		add_key(x, "c:", d->column, strlen(d->column));
	if (d->year > 0) {
		snprintf(num, sizeof num, "%d", d->year);
		add_key(x, "y:", num, strlen(num));
	}
	const char *v = gk_validity_code(d->validity);
	add_key(x, "v:", v, strlen(v));

	add_line(&x->a, d->title);
	add_line(&x->a, d->doc_no);
	add_line(&x->b, d->index_no);
	add_line(&x->b, d->agency_name);
	add_line(&x->b, d->keywords);
	add_line(&x->b, d->files);
	add_line(&x->b, d->summary);
	if (d->body && *d->body) {
		gk_buf_putc(&x->b, '\n');
		gk_richtext_text(&x->b, d->body, strlen(d->body));
	}
	if (x->keybuf.failed || x->a.failed || x->b.failed)
		return false;
	snprintf(x->sort, sizeof x->sort, "%s", d->published);
	for (size_t i = 0; i < x->nkeys; i++)
		x->keys[i] = x->keybuf.data + x->key_at[i];
	x->d = (struct gk_catalogue_doc){
		.id = d->id,
		.sort_key = x->sort,
		.keys = x->keys,
		.nkeys = x->nkeys,
		.text_a = x->a.data,
		.text_b = x->b.data,
	};
	return true;
}

/* --- building ---------------------------------------------------------------- */

struct build {
	struct gk_catalogue_index *ix;
	int (*stop)(void *ctx); /* non-zero: give up (the process is stopping) */
	void *stop_ctx;
	struct doc x;
	int64_t done, total;
	gk_catalogue_progress_fn *progress;
	void *progress_ctx;
	bool failed;
};

static int build_one(const struct gk_item_doc *d, void *ctx)
{
	struct build *b = ctx;
	if (!doc_fill(&b->x, d) || gk_catalogue_index_put(b->ix, &b->x.d) != 0) {
		b->failed = true;
		return 1;
	}
	if (++b->done % 4096 == 0 && b->progress)
		b->progress(b->done, b->total, b->progress_ctx);
	if (b->stop && b->done % 1024 == 0 && b->stop(b->stop_ctx)) {
		b->failed = true;
		return 1;
	}
	return 0;
}

/* A new index of every item in S, at the change log's version read first
 * (a change made during the scan is applied again by the catch-up). */
static enum gk_err build(struct gk_store *s, gk_catalogue_progress_fn *progress, void *pctx,
			 int (*stop)(void *ctx), void *stop_ctx, struct gk_catalogue_index **out,
			 int64_t *seq_item, struct gk_error *err)
{
	struct build b = {
		.progress = progress, .progress_ctx = pctx, .stop = stop, .stop_ctx = stop_ctx};
	int64_t version = 0;
	enum gk_err rc;
	*out = NULL;
	*seq_item = 0;
	if ((rc = gk_store_catalogue_version(s, &version, err)) ||
	    (version > 0 && (rc = gk_store_catalogue_change(s, version, seq_item, err))) ||
	    (rc = gk_store_item_count(s, &b.total, err)))
		return rc;
	if (!(b.ix = gk_catalogue_index_new()))
		return gk_fail(err, GK_ENOMEM, "out of memory for the catalogue index");
	doc_init(&b.x);
	rc = gk_store_item_scan(s, build_one, &b, err);
	doc_release(&b.x);
	if (!rc && (b.failed || gk_catalogue_index_compact(b.ix) != 0))
		rc = gk_fail(err, GK_ENOMEM, "out of memory building the catalogue index");
	if (rc) {
		gk_catalogue_index_free(b.ix);
		return rc;
	}
	if (progress)
		progress(b.done, b.total, pctx);
	gk_catalogue_index_set_seq(b.ix, version);
	*out = b.ix;
	return GK_OK;
}

/* --- the saved file ------------------------------------------------------------ */

static void unmap(struct gk_catalogue *c)
{
	if (c->map)
		munmap(c->map, c->map_len);
	c->map = NULL;
	c->map_len = 0;
}

/* A saved index as read from its file (mapped: the map outlives ix). */
struct saved {
	struct gk_catalogue_index *ix;
	void *map;
	size_t len;
	int64_t seq_item;
};

/* Reads the saved index at PATH if it is the database's behind S and its
 * seq is past AFTER (-1: any seq); false if not (logged, unless it is
 * merely not newer). */
static bool load_file(const char *path, struct gk_store *s, int64_t after, struct saved *out)
{
	struct gk_error err = {0};
	struct file_header h;
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			gk_warn("catalogue index %s not read: %s", path, strerror(errno));
		return false;
	}
	void *map = NULL;
	if (fstat(fd, &sb) == 0 && (size_t)sb.st_size > sizeof h) {
		/* a file not newer than the index in memory is not worth mapping */
		if (after >= 0 && (pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h ||
				   memcmp(h.magic, FILE_MAGIC, 8) != 0 || h.seq <= after)) {
			close(fd);
			return false;
		}
		map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	}
	close(fd);
	if (!map || map == MAP_FAILED) {
		gk_warn("catalogue index %s not read: empty or unmappable", path);
		return false;
	}
	size_t len = (size_t)sb.st_size;
	memcpy(&h, map, sizeof h);
	const char *why = NULL;
	int64_t version = 0, item = 0;
	if (memcmp(h.magic, FILE_MAGIC, 8) != 0 || h.length != (int64_t)(len - sizeof h))
		why = "not an index file of this version";
	else if (gk_store_catalogue_version(s, &version, &err) != GK_OK)
		why = gk_error_text(&err);
	else if (h.seq > version)
		why = "made from a newer database";
	else if (h.seq > 0 &&
		 (gk_store_catalogue_change(s, h.seq, &item, &err) != GK_OK || item != h.seq_item))
		why = "made from another database";
	struct gk_catalogue_index *ix = NULL;
	if (!why && h.seq <= after)
		why = "not newer than the index in memory";
	else if (!why &&
		 !(ix = gk_catalogue_index_load((const char *)map + sizeof h, len - sizeof h)))
		why = "damaged";
	if (why) {
		gk_warn("catalogue index %s not used (%s)", path, why);
		munmap(map, len);
		return false;
	}
	gk_catalogue_index_set_seq(ix, h.seq);
	*out = (struct saved){ix, map, len, h.seq_item};
	return true;
}

/* Loads the saved index if it is this database's; false (logged) if not. */
static bool load(struct gk_catalogue *c, struct gk_store *s)
{
	struct saved sv;
	if (!load_file(c->path, s, -1, &sv))
		return false;
	c->seq_item = sv.seq_item;
	c->ix = sv.ix;
	c->map = sv.map;
	c->map_len = sv.len;
	return true;
}

/* The file is written past the page cache (O_DIRECT) where the file
 * system allows it: a fresh page of cache can cost more than the disk's
 * write (on the virtual machine this was measured on, 140 MB took 1.3 s of
 * CPU buffered and 0.17 s direct), and the reader maps the file later, not
 * now. Direct writes need aligned memory, offsets and lengths, so bytes go
 * through an aligned staging buffer; the tail and the header are written
 * through the cache. */
#define STAGE_ALIGN 4096
#define STAGE_SIZE  ((size_t)4 << 20)

struct writer {
	int fd;
	bool direct;
	unsigned char *stage; /* direct only */
	size_t staged;
	int64_t written;
};

static int write_fd(int fd, const void *p, size_t n)
{
	const char *q = p;
	while (n > 0) {
		ssize_t k = write(fd, q, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		q += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Leaves direct writes: for the tail, or where they are refused. */
static int writer_buffered(struct writer *w)
{
	int fl = fcntl(w->fd, F_GETFL);
	if (fl < 0 || fcntl(w->fd, F_SETFL, fl & ~O_DIRECT) < 0)
		return -1;
	w->direct = false;
	return 0;
}

static int writer_flush(struct writer *w)
{
	if (!w->staged)
		return 0;
	if (w->direct && write_fd(w->fd, w->stage, w->staged) != 0) {
		/* a file system that opens O_DIRECT files but refuses the writes:
		 * nothing was written, so write through the cache instead */
		if (errno != EINVAL || writer_buffered(w) != 0)
			return -1;
	}
	if (!w->direct && write_fd(w->fd, w->stage, w->staged) != 0)
		return -1;
	w->staged = 0;
	return 0;
}

static int write_all(const void *p, size_t n, void *ctx)
{
	struct writer *w = ctx;
	w->written += (int64_t)n;
	if (!w->stage)
		return write_fd(w->fd, p, n);
	const unsigned char *q = p;
	while (n > 0) {
		size_t k = STAGE_SIZE - w->staged < n ? STAGE_SIZE - w->staged : n;
		memcpy(w->stage + w->staged, q, k);
		w->staged += k;
		q += k;
		n -= k;
		if (w->staged == STAGE_SIZE && writer_flush(w) != 0)
			return -1;
	}
	return 0;
}

/* The last bytes: the whole blocks as before, the partial block after
 * them through the cache. */
static int writer_finish(struct writer *w)
{
	if (!w->stage)
		return 0;
	size_t whole = w->direct ? w->staged - w->staged % STAGE_ALIGN : w->staged;
	size_t tail = w->staged - whole;
	w->staged = whole;
	if (writer_flush(w) != 0)
		return -1;
	memmove(w->stage, w->stage + whole, tail);
	w->staged = tail;
	if (tail && w->direct && writer_buffered(w) != 0)
		return -1;
	return writer_flush(w);
}

/* Opens TMP for writing, directly if the file system allows it. */
static int writer_open(struct writer *w, const char *tmp)
{
	*w = (struct writer){.fd = -1};
	w->fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
	if (w->fd >= 0 && posix_memalign((void **)&w->stage, STAGE_ALIGN, STAGE_SIZE) == 0) {
		w->direct = true;
		return 0;
	}
	w->stage = NULL;
	if (w->fd >= 0)
		close(w->fd);
	w->fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	return w->fd < 0 ? -1 : 0;
}

/* Writes IX (whose seq names SEQ_ITEM) to PATH: a temporary file, fsync,
 * rename, fsync of the folder. IX is compacted first: the caller holds
 * the write lock if it is shared. */
static enum gk_err save_index(const char *path, struct gk_catalogue_index *ix, int64_t seq_item,
			      struct gk_error *err)
{
	struct file_header h = {.seq = gk_catalogue_index_seq(ix), .seq_item = seq_item};
	memcpy(h.magic, FILE_MAGIC, 8);
	size_t n = strlen(path);
	/* a name of its own: an import and a server may save at once (the
	 * last rename wins, each file whole) */
	static _Atomic unsigned saves;
	char *tmp = malloc(n + 48);
	if (!tmp)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	snprintf(tmp, n + 48, "%s.tmp.%ld.%u", path, (long)getpid(), atomic_fetch_add(&saves, 1));
	struct writer w;
	enum gk_err rc = GK_OK;
	if (writer_open(&w, tmp) != 0) {
		rc = gk_fail(err, GK_EIO, "cannot write '%s': %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	/* the header's length is written last, once known */
	if (write_all(&h, sizeof h, &w) != 0 || gk_catalogue_index_save(ix, write_all, &w) != 0 ||
	    writer_finish(&w) != 0)
		rc = gk_fail(err, GK_EIO, "cannot write '%s': %s", tmp, strerror(errno));
	h.length = w.written - (int64_t)sizeof h;
	if (!rc && (pwrite(w.fd, &h, sizeof h, 0) != (ssize_t)sizeof h || fsync(w.fd) != 0))
		rc = gk_fail(err, GK_EIO, "cannot write '%s': %s", tmp, strerror(errno));
	if (close(w.fd) != 0 && !rc)
		rc = gk_fail(err, GK_EIO, "cannot write '%s': %s", tmp, strerror(errno));
	free(w.stage);
	if (!rc && rename(tmp, path) != 0)
		rc = gk_fail(err, GK_EIO, "cannot rename '%s': %s", tmp, strerror(errno));
	if (rc) {
		unlink(tmp);
	} else {
		/* the rename itself is durable once its folder is synced */
		const char *slash = strrchr(path, '/');
		char dir[4096] = ".";
		if (slash && (size_t)(slash - path) < sizeof dir)
			snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		int dfd = open(slash == path ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(tmp);
	return rc;
}

/* --- catching up --------------------------------------------------------------- */

struct change {
	int64_t id, seq;
};

struct changes {
	struct change *v;
	size_t n, cap;
	bool failed;
};

static int add_change(int64_t item_id, int64_t seq, void *ctx)
{
	struct changes *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct change *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->failed = true;
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct change){item_id, seq};
	return 0;
}

/* One changed item read from the store: a copy of its doc, or a removal. */
struct pending {
	int64_t id;
	bool gone, bad;
	struct doc x;
};

static int read_pending(const struct gk_item_doc *d, void *ctx)
{
	struct pending *p = ctx;
	p->bad = !doc_fill(&p->x, d);
	return 0;
}

/* Applies to IX (at *SEQ) every change the store logged since, reading
 * the items through S. With C, IX is C's shared index: each chunk is
 * applied under the write lock and C's seq published after it. */
static enum gk_err apply_changes(struct gk_catalogue *c, struct gk_catalogue_index *ix,
				 int64_t *seq, int64_t *seq_item, size_t *delta, struct gk_store *s,
				 _Atomic bool *stop, struct gk_error *err)
{
	struct changes l = {0};
	enum gk_err rc = gk_store_item_changes(s, *seq, add_change, &l, err);
	if (!rc && l.failed)
		rc = gk_fail(err, GK_ENOMEM, "out of memory reading the catalogue's changes");
	/* Read a chunk of items without the lock (queries go on with the old
	 * state), then apply it under the write lock; the log is in order of
	 * each item's last change, so after a chunk the index reflects every
	 * change up to its last seq. */
	size_t nchunk = l.n < CATCHUP_CHUNK ? l.n : CATCHUP_CHUNK;
	struct pending *chunk = nchunk ? calloc(nchunk, sizeof *chunk) : NULL;
	if (!rc && nchunk && !chunk)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	for (size_t k = 0; chunk && k < nchunk; k++)
		doc_init(&chunk[k].x);
	for (size_t at = 0; !rc && at < l.n; at += CATCHUP_CHUNK) {
		size_t n = l.n - at < nchunk ? l.n - at : nchunk;
		if (stop && atomic_load(stop)) {
			rc = gk_fail(err, GK_EINTERNAL, "stopped");
			break;
		}
		for (size_t k = 0; !rc && k < n; k++) {
			struct pending *p = &chunk[k];
			p->id = l.v[at + k].id;
			p->gone = p->bad = false;
			rc = gk_store_item_doc(s, p->id, read_pending, p, err);
			if (rc == GK_ENOTFOUND) {
				p->gone = true;
				rc = GK_OK;
			}
			if (!rc && p->bad)
				rc = gk_fail(err, GK_ENOMEM, "out of memory reading item %lld",
					     (long long)p->id);
		}
		if (rc)
			break;
		if (c)
			pthread_rwlock_wrlock(&c->lock);
		for (size_t k = 0; !rc && k < n; k++) {
			if (chunk[k].gone)
				gk_catalogue_index_remove(ix, chunk[k].id);
			else if (gk_catalogue_index_put(ix, &chunk[k].x.d) != 0)
				rc = gk_fail(err, GK_ENOMEM,
					     "out of memory updating the catalogue");
		}
		*delta += n;
		if (!rc) {
			*seq = l.v[at + n - 1].seq;
			*seq_item = l.v[at + n - 1].id;
			gk_catalogue_index_set_seq(ix, *seq);
			if (c)
				atomic_store(&c->seq, *seq);
		}
		if (c)
			pthread_rwlock_unlock(&c->lock);
		if (c && c->step)
			c->step("apply", (int64_t)(at + n), (int64_t)l.n, c->step_ctx);
	}
	for (size_t k = 0; chunk && k < nchunk; k++)
		doc_release(&chunk[k].x);
	free(chunk);
	free(l.v);
	return rc;
}

static void *rebuild_main(void *arg);

/* The delta at which the index is renewed (REBUILD_MIN, or 1% of N). */
static size_t rebuild_at(const struct gk_catalogue *c, size_t n)
{
	return n / 100 > c->rebuild_min ? n / 100 : c->rebuild_min;
}

/* Starts a rebuild in the background once the delta slows queries down;
 * the caller holds the catch-up lock. */
static void maybe_rebuild(struct gk_catalogue *c)
{
	size_t at = rebuild_at(c, gk_catalogue_index_size(c->ix));
	if (!c->live || c->rebuilding || c->delta < at)
		return;
	if (c->joinable)
		pthread_join(c->rebuilder, NULL);
	c->joinable = c->rebuilding = pthread_create(&c->rebuilder, NULL, rebuild_main, c) == 0;
	if (c->rebuilding)
		gk_info("catalogue index: %zu changes since the last build: rebuilding in the "
			"background",
			c->delta);
}

/* Takes the right to apply changes to (or swap) the shared index: waits
 * for whoever holds it. */
static void take_applying(struct gk_catalogue *c)
{
	pthread_mutex_lock(&c->catchup);
	while (c->applying)
		pthread_cond_wait(&c->caught, &c->catchup);
	c->applying = true;
	pthread_mutex_unlock(&c->catchup);
}

enum giver { BY_REQUEST, BY_CATCHUP, BY_REBUILD };

/* Gives it back, starting a rebuild if the delta grew large (unless the
 * rebuild itself gives it back). */
static void give_applying(struct gk_catalogue *c, enum giver by)
{
	pthread_mutex_lock(&c->catchup);
	c->applying = false;
	if (by == BY_CATCHUP) {
		c->behind = false;
		c->catchups++;
	}
	if (by == BY_REBUILD)
		c->rebuilding = false;
	else
		maybe_rebuild(c);
	pthread_cond_broadcast(&c->caught);
	pthread_mutex_unlock(&c->catchup);
}

/* Puts IX (from MAP, LEN bytes, or built if MAP is NULL), caught up to
 * SEQ naming SEQ_ITEM with DELTA changes since its build, in place of the
 * shared index; the caller holds the right to apply. */
static void swap_in(struct gk_catalogue *c, struct gk_catalogue_index *ix, void *map, size_t len,
		    int64_t base, int64_t seq, int64_t seq_item, size_t delta)
{
	pthread_rwlock_wrlock(&c->lock);
	struct gk_catalogue_index *old = c->ix;
	void *old_map = c->map;
	size_t old_len = c->map_len;
	c->ix = ix;
	c->map = map;
	c->map_len = len;
	c->seq_item = seq_item;
	c->delta = delta;
	c->base_seq = base;
	c->loaded = map != NULL;
	atomic_store(&c->seq, seq);
	pthread_rwlock_unlock(&c->lock);
	gk_catalogue_index_free(old);
	if (old_map)
		munmap(old_map, old_len);
}

static void *catchup_main(void *arg);

/* Brings C up to VERSION. WAIT: apply every change before returning
 * (opening, and processes that are not servers). Else, a server answers
 * from the index as it is while a large gap is caught up in the
 * background (catchup_main), and waits only for a small one. */
static enum gk_err refresh(struct gk_catalogue *c, struct gk_store *s, int64_t version, bool wait,
			   struct gk_error *err)
{
	if (version <= atomic_load(&c->seq))
		return GK_OK;
	wait = wait || !c->live;
	pthread_mutex_lock(&c->catchup);
	for (;;) {
		int64_t seq = atomic_load(&c->seq);
		/* a background catch-up, or a rebuild that will bring the large
		 * gap with it, is under way: answer from the index as it is */
		bool large = (uint64_t)(version - seq) > c->sync_max;
		if (version <= seq || (!wait && (c->behind || (large && c->rebuilding)))) {
			pthread_mutex_unlock(&c->catchup);
			return GK_OK;
		}
		if (!wait && large) {
			if (c->catcher_joinable)
				pthread_join(c->catcher, NULL); /* it has finished */
			c->behind = c->catcher_joinable =
				pthread_create(&c->catcher, NULL, catchup_main, c) == 0;
			if (c->behind) {
				gk_info("catalogue index: %lld changes behind: catching up in the "
					"background",
					(long long)(version - seq));
				pthread_mutex_unlock(&c->catchup);
				return GK_OK;
			}
			/* no thread: catch up here */
		}
		if (!c->applying)
			break;
		pthread_cond_wait(&c->caught, &c->catchup);
	}
	c->applying = true;
	pthread_mutex_unlock(&c->catchup);
	int64_t seq = atomic_load(&c->seq);
	enum gk_err rc = apply_changes(c, c->ix, &seq, &c->seq_item, &c->delta, s, NULL, err);
	give_applying(c, BY_REQUEST);
	return rc;
}

enum gk_err gk_catalogue_refresh(struct gk_catalogue *c, struct gk_store *s, int64_t *version,
				 struct gk_error *err)
{
	if (*version < 0) {
		enum gk_err rc = gk_store_catalogue_version(s, version, err);
		if (rc) {
			*version = -1;
			return rc;
		}
	}
	return refresh(c, s, *version, false, err);
}

static int build_stop(void *ctx)
{
	struct gk_catalogue *c = ctx;
	return atomic_load(&c->stopping);
}

/* A new index for C, made off the request path on S and swapped in: the
 * saved file if it is at least as new as the index's main part (the
 * server's own last save, or one `gongkai import` wrote), else a scan of
 * every item (saved); then the changes since, read without holding
 * anything, and, if they are many, a compaction and a save (a large delta
 * slows searches and facets down). Readers use the old index meanwhile
 * and wait only for the swap (a pointer). */
static enum gk_err renew(struct gk_catalogue *c, struct gk_store *s, struct gk_error *err)
{
	struct saved sv = {0};
	int64_t seq = 0, base = 0;
	size_t delta = 0;
	enum gk_err rc = GK_OK;
	pthread_rwlock_rdlock(&c->lock);
	int64_t built = c->base_seq;
	pthread_rwlock_unlock(&c->lock);
	if (!load_file(c->path, s, built - 1, &sv)) {
		rc = build(s, NULL, NULL, build_stop, c, &sv.ix, &sv.seq_item, err);
		if (!rc) {
			struct gk_error serr = {0};
			if (save_index(c->path, sv.ix, sv.seq_item, &serr) != GK_OK)
				gk_warn("catalogue index not saved: %s", gk_error_text(&serr));
		}
	}
	if (!rc)
		seq = base = gk_catalogue_index_seq(sv.ix);
	/* the changes since, read without holding anything, round after round
	 * while a bulk write goes on (folded when they are many), until few
	 * are left or a newer saved file (the import's) takes over */
	for (size_t got = SIZE_MAX; !rc && got > c->sync_max;) {
		struct saved nv;
		if (load_file(c->path, s, seq, &nv)) {
			gk_catalogue_index_free(sv.ix);
			if (sv.map)
				munmap(sv.map, sv.len);
			sv = nv;
			seq = base = gk_catalogue_index_seq(sv.ix);
			delta = 0;
		}
		size_t before = delta;
		rc = apply_changes(NULL, sv.ix, &seq, &sv.seq_item, &delta, s, &c->stopping, err);
		got = delta - before;
		if (!rc && delta >= rebuild_at(c, gk_catalogue_index_size(sv.ix))) {
			/* folded and saved privately: tens of seconds at a million */
			struct gk_error serr = {0};
			if (save_index(c->path, sv.ix, sv.seq_item, &serr) != GK_OK)
				gk_warn("catalogue index not saved: %s", gk_error_text(&serr));
			base = seq;
			delta = 0;
			got = SIZE_MAX; /* more came meanwhile */
		}
	}
	take_applying(c);
	if (!rc)
		rc = apply_changes(NULL, sv.ix, &seq, &sv.seq_item, &delta, s, &c->stopping, err);
	if (!rc && seq >= atomic_load(&c->seq)) {
		swap_in(c, sv.ix, sv.map, sv.len, base, seq, sv.seq_item, delta);
		gk_info("catalogue index: renewed, %zu items at change %lld",
			gk_catalogue_index_size(sv.ix), (long long)seq);
		sv.ix = NULL;
		sv.map = NULL;
	}
	gk_catalogue_index_free(sv.ix);
	if (sv.map)
		munmap(sv.map, sv.len);
	return rc;
}

/* The background catch-up of a large gap (an import beside the server),
 * on a connection of its own. If the saved file is newer than the index
 * in memory (`gongkai import` brought it up to date), it is mapped, caught
 * up privately and swapped in. If the gap would make the delta large, the
 * index is renewed (renew). Otherwise the shared index takes the changes
 * in chunks, as a request would. Requests meanwhile are answered from the
 * index as it is (gk_svc_item_list reports its seq). */
static void *catchup_main(void *arg)
{
	struct gk_catalogue *c = arg;
	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct saved sv = {0};
	size_t delta = 0;
	int64_t version = 0;
	enum gk_err rc = gk_store_open(c->db_path, GK_STORE_OPEN, &s, &err);
	if (!rc)
		rc = gk_store_catalogue_version(s, &version, &err);
	pthread_rwlock_rdlock(&c->lock);
	size_t n = gk_catalogue_index_size(c->ix), pending = c->delta;
	int64_t from = gk_catalogue_index_seq(c->ix);
	pthread_rwlock_unlock(&c->lock);
	bool big = (uint64_t)(version - from) + pending >= rebuild_at(c, n);
	if (!rc && load_file(c->path, s, from, &sv)) {
		/* what came after the file, read without holding anything, then
		 * what came meanwhile with the right to swap */
		int64_t seq = gk_catalogue_index_seq(sv.ix), base = seq;
		rc = apply_changes(NULL, sv.ix, &seq, &sv.seq_item, &delta, s, &c->stopping, &err);
		take_applying(c);
		if (!rc && seq > atomic_load(&c->seq))
			rc = apply_changes(NULL, sv.ix, &seq, &sv.seq_item, &delta, s, &c->stopping,
					   &err);
		if (!rc && seq > atomic_load(&c->seq)) {
			swap_in(c, sv.ix, sv.map, sv.len, base, seq, sv.seq_item, delta);
			gk_info("catalogue index: loaded its saved file, %zu items at change %lld",
				gk_catalogue_index_size(sv.ix), (long long)seq);
			sv.ix = NULL;
			sv.map = NULL;
		}
	} else if (!rc && big) {
		rc = renew(c, s, &err); /* returns holding the right to apply */
	} else if (!rc) {
		take_applying(c);
		int64_t seq = atomic_load(&c->seq);
		rc = apply_changes(c, c->ix, &seq, &c->seq_item, &c->delta, s, &c->stopping, &err);
	} else {
		take_applying(c);
	}
	if (rc && !atomic_load(&c->stopping))
		gk_warn("catalogue index not caught up: %s", gk_error_text(&err));
	give_applying(c, BY_CATCHUP);
	gk_catalogue_index_free(sv.ix);
	if (sv.map)
		munmap(sv.map, sv.len);
	gk_store_free(s);
	return NULL;
}

/* The background rebuild once the delta grew large (renew). */
static void *rebuild_main(void *arg)
{
	struct gk_catalogue *c = arg;
	struct gk_error err = {0};
	struct gk_store *s = NULL;
	enum gk_err rc = gk_store_open(c->db_path, GK_STORE_OPEN, &s, &err);
	if (!rc)
		rc = renew(c, s, &err); /* returns holding the right to apply */
	else
		take_applying(c);
	if (!rc) {
		pthread_mutex_lock(&c->catchup);
		c->rebuilds++;
		pthread_mutex_unlock(&c->catchup);
	} else if (!atomic_load(&c->stopping)) {
		gk_warn("catalogue index not rebuilt: %s", gk_error_text(&err));
	}
	give_applying(c, BY_REBUILD);
	gk_store_free(s);
	return NULL;
}

/* --- open, save, free ------------------------------------------------------------ */

/* The address with its password left out (the user part's ":password"
 * and any "password=" parameter), so the file's name does not depend on
 * it and does not reveal it. */
static void address_without_password(const char *address, char *out, size_t n)
{
	const char *scheme = strstr(address, "://");
	const char *auth = scheme ? scheme + 3 : address;
	const char *at = strchr(auth, '@'), *slash = strchr(auth, '/');
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (at && slash && slash < at)
		colon = NULL; /* the '@' is in the path or the parameters */
	size_t o = 0;
	for (const char *p = address; *p && o + 1 < n;) {
		if (colon && p == colon) {
			p = at; /* drop ":password", keep "@" */
			continue;
		}
		bool param = p > address && (p[-1] == '?' || p[-1] == '&');
		if (param && strncmp(p, "password=", 9) == 0) {
			while (*p && *p != '&')
				p++;
			if (*p == '&')
				p++;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

char *gk_catalogue_index_path(const char *address)
{
	char *out = NULL;
	if (!strstr(address, "://") || strncmp(address, "file://", 7) == 0) {
		/* a SQLite file: beside it (a file: URI loses its query) */
		const char *path = strncmp(address, "file://", 7) == 0 ? address + 7 : address;
		size_t n = strcspn(path, strstr(address, "://") ? "?#" : "");
		if ((out = malloc(n + sizeof ".catalogue"))) {
			memcpy(out, path, n);
			memcpy(out + n, ".catalogue", sizeof ".catalogue");
		}
		return out;
	}
	size_t n = strlen(address) + 1;
	char *clean = malloc(n);
	if (!clean)
		return NULL;
	address_without_password(address, clean, n);
	unsigned char digest[16];
	char hex[2 * sizeof digest + 1];
	crypto_generichash(digest, sizeof digest, (const unsigned char *)clean, strlen(clean), NULL,
			   0);
	sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
	free(clean);
	const char *dir = getenv("GONGKAI_INDEX_DIR");
	if (!dir || !*dir)
		dir = "/var/tmp";
	size_t m = strlen(dir) + 1 + strlen(hex) + sizeof ".catalogue";
	if ((out = malloc(m)))
		snprintf(out, m, "%s/%s.catalogue", dir, hex);
	return out;
}

static enum gk_err open_stepped(struct gk_store *s, const char *db_path, unsigned flags,
				gk_catalogue_progress_fn *progress, void *progress_ctx,
				gk_catalogue_step_fn *step, void *step_ctx,
				struct gk_catalogue **out, struct gk_error *err)
{
	enum gk_err rc = GK_OK;
	*out = NULL;
	struct gk_catalogue *c = calloc(1, sizeof *c);
	if (!c)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	pthread_rwlock_init(&c->lock, NULL);
	pthread_mutex_init(&c->catchup, NULL);
	pthread_cond_init(&c->caught, NULL);
	pthread_mutex_init(&c->facet_lock, NULL);
	c->live = (flags & GK_CATALOGUE_LIVE) != 0;
	c->rebuild_min = REBUILD_MIN;
	c->sync_max = SYNC_MAX;
	c->step = step;
	c->step_ctx = step_ctx;
	/* for tests that drive a real server: a small gap counts as large */
	const char *env = getenv("GONGKAI_TEST_CATCHUP_SYNC");
	if (env && *env)
		c->sync_max = (size_t)strtoull(env, NULL, 10);
	if (!(c->db_path = strdup(db_path)) || !(c->path = gk_catalogue_index_path(db_path))) {
		gk_catalogue_free(c);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	if (!(flags & GK_CATALOGUE_REBUILD))
		c->loaded = load(c, s);
	if (!c->loaded) {
		rc = build(s, progress, progress_ctx, NULL, NULL, &c->ix, &c->seq_item, err);
		if (!rc && !(flags & GK_CATALOGUE_NO_SAVE)) {
			struct gk_error serr = {0};
			if (save_index(c->path, c->ix, c->seq_item, &serr) != GK_OK)
				gk_warn("catalogue index not saved: %s", gk_error_text(&serr));
		}
	}
	if (!rc) {
		int64_t version = 0;
		c->base_seq = gk_catalogue_index_seq(c->ix);
		atomic_store(&c->seq, c->base_seq);
		rc = gk_store_catalogue_version(s, &version, err);
		if (!rc)
			rc = refresh(c, s, version, true, err);
	}
	if (rc) {
		gk_catalogue_free(c);
		return rc;
	}
	c->step = NULL;
	*out = c;
	return GK_OK;
}

enum gk_err gk_catalogue_open(struct gk_store *s, const char *db_path, unsigned flags,
			      gk_catalogue_progress_fn *progress, void *progress_ctx,
			      struct gk_catalogue **out, struct gk_error *err)
{
	return open_stepped(s, db_path, flags, progress, progress_ctx, NULL, NULL, out, err);
}

enum gk_err gk_catalogue_save(struct gk_catalogue *c, struct gk_error *err)
{
	take_applying(c); /* no rebuild swaps the index meanwhile */
	pthread_rwlock_wrlock(&c->lock);
	enum gk_err rc = save_index(c->path, c->ix, c->seq_item, err);
	if (!rc) {
		c->delta = 0; /* saving compacted it */
		c->base_seq = gk_catalogue_index_seq(c->ix);
	}
	pthread_rwlock_unlock(&c->lock);
	give_applying(c, BY_REQUEST);
	return rc;
}

void gk_catalogue_free(struct gk_catalogue *c)
{
	if (!c)
		return;
	atomic_store(&c->stopping, true);
	/* the catcher may start a rebuild as it finishes: joined after it */
	if (c->catcher_joinable)
		pthread_join(c->catcher, NULL);
	if (c->joinable)
		pthread_join(c->rebuilder, NULL);
	gk_catalogue_index_free(c->ix);
	unmap(c);
	pthread_rwlock_destroy(&c->lock);
	pthread_mutex_destroy(&c->catchup);
	pthread_cond_destroy(&c->caught);
	pthread_mutex_destroy(&c->facet_lock);
	for (size_t i = 0; i < FACET_CACHE; i++) {
		free(c->facets[i].what);
		free(c->facets[i].v);
	}
	free(c->db_path);
	free(c->path);
	free(c);
}

void gk_catalogue_rebuild_at(struct gk_catalogue *c, size_t changes)
{
	pthread_mutex_lock(&c->catchup);
	c->rebuild_min = changes;
	pthread_mutex_unlock(&c->catchup);
}

void gk_catalogue_sync_max(struct gk_catalogue *c, size_t changes)
{
	pthread_mutex_lock(&c->catchup);
	c->sync_max = changes;
	pthread_mutex_unlock(&c->catchup);
}

int64_t gk_catalogue_seq(struct gk_catalogue *c)
{
	return atomic_load(&c->seq);
}

void gk_catalogue_info(struct gk_catalogue *c, struct gk_catalogue_info *out)
{
	/* the catch-up lock too: the rebuild's flag and the delta are its */
	pthread_mutex_lock(&c->catchup);
	pthread_rwlock_rdlock(&c->lock);
	out->items = (int64_t)gk_catalogue_index_size(c->ix);
	out->seq = gk_catalogue_index_seq(c->ix);
	out->path = c->path;
	out->loaded = c->loaded;
	out->delta = (int64_t)c->delta;
	out->rebuilding = c->rebuilding;
	out->rebuilds = c->rebuilds;
	out->behind = c->behind;
	out->catchups = c->catchups;
	pthread_rwlock_unlock(&c->lock);
	pthread_mutex_unlock(&c->catchup);
}

/* --- the listing use case --------------------------------------------------------- */

/* The dimensions a listing filters by and the facets count. */
enum dim { DIM_AGENCY, DIM_TOPIC, DIM_GENRE, DIM_COLUMN, DIM_YEAR, DIM_VALIDITY, NDIMS };
static const char *const dim_prefix[NDIMS] = {"a:", "t:", "g:", "c:", "y:", "v:"};

struct keys {
	char text[NDIMS + 2][48];
	const char *v[NDIMS + 2];
	int dim[NDIMS + 2]; /* the dimension of each key, -1 for status and scope */
	size_t n;
};

static void key(struct keys *k, int dim, const char *prefix, const char *value)
{
	snprintf(k->text[k->n], sizeof k->text[k->n], "%s%s", prefix, value);
	k->v[k->n] = k->text[k->n];
	k->dim[k->n++] = dim;
}

/* The keys F asks for; false if the index cannot answer F (one agency
 * without those below it: only the store lists that). */
static bool filter_keys(const struct gk_item_filter *f, struct keys *k)
{
	char num[24];
	k->n = 0;
	if (!f->staff)
		key(k, -1, "s:", "published");
	else if (f->scope) {
		snprintf(num, sizeof num, "%lld", (long long)f->scope);
		key(k, -1, "a:", num);
	}
	if (f->agency_id) {
		if (!f->agency_subtree)
			return false;
		snprintf(num, sizeof num, "%lld", (long long)f->agency_id);
		key(k, DIM_AGENCY, "a:", num);
	}
	if (f->topic && *f->topic)
		key(k, DIM_TOPIC, "t:", f->topic);
	if (f->genre && *f->genre)
		key(k, DIM_GENRE, "g:", f->genre);
	if (f->column && *f->column)
		key(k, DIM_COLUMN, "c:", f->column);
	if (f->year) {
		snprintf(num, sizeof num, "%d", f->year);
		key(k, DIM_YEAR, "y:", num);
	}
	if (f->validity >= 0)
		key(k, DIM_VALIDITY, "v:", gk_validity_code((enum gk_validity)f->validity));
	return true;
}

/* K without the key of dimension DIM, into OUT (the facet of DIM counts
 * what its links would list). */
static size_t keys_without(const struct keys *k, int dim, const char **out)
{
	size_t n = 0;
	for (size_t i = 0; i < k->n; i++)
		if (k->dim[i] != dim)
			out[n++] = k->v[i];
	return n;
}

struct facets {
	struct gk_item_facet *v;
	size_t n, cap;
	bool failed;
};

static void facet_add(struct facets *fs, const char *k, int64_t count)
{
	if (fs->failed || strlen(k) >= sizeof fs->v[0].key)
		return;
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 64;
		struct gk_item_facet *v = realloc(fs->v, cap * sizeof *v);
		if (!v) {
			fs->failed = true;
			return;
		}
		fs->v = v;
		fs->cap = cap;
	}
	snprintf(fs->v[fs->n].key, sizeof fs->v[fs->n].key, "%s", k);
	fs->v[fs->n++].count = count;
}

static void facet_cb(const char *k, int64_t count, void *ctx)
{
	facet_add(ctx, k, count);
}

static enum gk_err query_error(enum gk_catalogue_query_error e, struct gk_error *err)
{
	switch (e) {
	case GK_CQ_OK:
		return GK_OK;
	case GK_CQ_EMPTY:
		return gk_fail(err, GK_EINVAL, "搜索词中没有可以检索的文字，请输入要查找的字词。");
	case GK_CQ_TOO_LONG:
		return gk_fail(err, GK_EINVAL, "搜索词太长：最多 %d 个字。",
			       GK_CATALOGUE_QUERY_MAX);
	case GK_CQ_TOO_MANY:
		return gk_fail(err, GK_EINVAL, "搜索词太多：最多 %d 个，请用空格分隔。",
			       GK_CATALOGUE_QUERY_WORDS);
	case GK_CQ_TOO_DEEP:
		return gk_fail(err, GK_ENOTFOUND, "检索结果只能查看前 %d 条，请缩小检索范围。",
			       GK_SEARCH_COUNT_CAP);
	case GK_CQ_NO_MEMORY:
		break;
	}
	return gk_fail(err, GK_ENOMEM, "out of memory running a catalogue query");
}

/* The cached facets of WHAT at SEQ into FS; false if there are none. */
static bool facets_cached(struct gk_catalogue *c, const char *what, int64_t seq, struct facets *fs)
{
	bool hit = false;
	pthread_mutex_lock(&c->facet_lock);
	for (size_t i = 0; !hit && i < FACET_CACHE; i++) {
		struct facet_entry *e = &c->facets[i];
		if (!e->what || e->seq != seq || strcmp(e->what, what) != 0)
			continue;
		hit = true;
		for (size_t k = 0; k < e->n; k++)
			facet_add(fs, e->v[k].key, e->v[k].count);
	}
	pthread_mutex_unlock(&c->facet_lock);
	return hit;
}

static void facets_keep(struct gk_catalogue *c, const char *what, int64_t seq,
			const struct facets *fs)
{
	struct gk_item_facet *v = malloc((fs->n ? fs->n : 1) * sizeof *v);
	char *w = strdup(what);
	if (!v || !w || fs->failed) {
		free(v);
		free(w);
		return;
	}
	if (fs->n)
		memcpy(v, fs->v, fs->n * sizeof *v);
	pthread_mutex_lock(&c->facet_lock);
	struct facet_entry *e = &c->facets[c->facet_next];
	c->facet_next = (c->facet_next + 1) % FACET_CACHE;
	free(e->what);
	free(e->v);
	*e = (struct facet_entry){w, seq, v, fs->n};
	pthread_mutex_unlock(&c->facet_lock);
}

/* Runs F on the index under the read lock: the page's ids into *IDS, the
 * total and the facets into OUT. */
static enum gk_err run(struct gk_catalogue *c, const struct gk_item_filter *f, const struct keys *k,
		       unsigned flags, int64_t **ids, size_t *nids, struct gk_item_listing *out,
		       int64_t *answered_at, struct gk_error *err)
{
	bool searching = f->query && *f->query;
	struct facets fs = {0};
	const char *sub[NDIMS + 2];
	bool filtered[NDIMS] = {false};
	for (size_t i = 0; i < k->n; i++)
		if (k->dim[i] >= 0)
			filtered[k->dim[i]] = true;
	struct gk_catalogue_query q = {
		.text = searching ? f->query : NULL,
		.keys = k->v,
		.nkeys = k->n,
		.offset = f->offset > 0 ? f->offset : 0,
		.limit = f->limit > 0 ? f->limit : 0,
		.count_cap = searching ? GK_SEARCH_COUNT_CAP : 0,
	};
	/* what the facets depend on besides the index */
	char what[1024];
	size_t wn = (size_t)snprintf(what, sizeof what, "%s", searching ? f->query : "");
	for (size_t i = 0; i < k->n && wn < sizeof what; i++)
		wn += (size_t)snprintf(what + wn, sizeof what - wn, "\x1f%s", k->v[i]);
	bool cached = false;
	/* a search counts the facets of unfiltered dimensions as it goes */
	const char *prefixes[NDIMS];
	size_t np = 0;
	if (searching && (flags & GK_LIST_FACETS))
		for (int d = 0; d < NDIMS; d++)
			if (!filtered[d])
				prefixes[np++] = dim_prefix[d];
	q.facet_prefixes = prefixes;
	q.nfacet_prefixes = np;
	struct gk_catalogue_result res = {0};
	enum gk_err rc = GK_OK;
	pthread_rwlock_rdlock(&c->lock);
	int64_t seq = gk_catalogue_index_seq(c->ix);
	*answered_at = seq;
	if ((flags & GK_LIST_FACETS) && wn < sizeof what)
		cached = facets_cached(c, what, seq, &fs);
	if (cached)
		q.nfacet_prefixes = 0;
	enum gk_catalogue_query_error qe = gk_catalogue_index_query(c->ix, &q, &res);
	if (qe == GK_CQ_OK && (flags & GK_LIST_FACETS) && !cached) {
		for (size_t i = 0; i < res.nfacets; i++)
			facet_add(&fs, res.facets[i].key, res.facets[i].count);
		for (int d = 0; d < NDIMS; d++) {
			if (searching && !filtered[d])
				continue;
			size_t nsub = keys_without(k, filtered[d] ? d : -2, sub);
			if (!searching) {
				gk_catalogue_index_facet(c->ix, dim_prefix[d], sub, nsub, facet_cb,
							 &fs);
				continue;
			}
			/* a filtered dimension of a search: the same search without it */
			struct gk_catalogue_query fq = q;
			struct gk_catalogue_result fr = {0};
			fq.keys = sub;
			fq.nkeys = nsub;
			fq.offset = 0;
			fq.limit = 0;
			fq.facet_prefixes = &dim_prefix[d];
			fq.nfacet_prefixes = 1;
			if (gk_catalogue_index_query(c->ix, &fq, &fr) == GK_CQ_OK)
				for (size_t i = 0; i < fr.nfacets; i++)
					facet_add(&fs, fr.facets[i].key, fr.facets[i].count);
			gk_catalogue_result_release(&fr);
		}
	}
	pthread_rwlock_unlock(&c->lock);
	if (qe == GK_CQ_OK && (flags & GK_LIST_FACETS) && !cached && wn < sizeof what)
		facets_keep(c, what, seq, &fs);
	if (qe != GK_CQ_OK) {
		rc = query_error(qe, err);
	} else if (fs.failed) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory counting facets");
	} else {
		out->total = res.total;
		out->capped = res.capped;
		out->facets = fs.v;
		out->nfacets = fs.n;
		fs.v = NULL;
		*nids = res.nhits;
		*ids = malloc((res.nhits ? res.nhits : 1) * sizeof **ids);
		if (!*ids)
			rc = gk_fail(err, GK_ENOMEM, "out of memory");
		for (size_t i = 0; !rc && i < res.nhits; i++)
			(*ids)[i] = res.hits[i].id;
	}
	free(fs.v);
	gk_catalogue_result_release(&res);
	return rc;
}

struct rows {
	int (*fn)(const struct gk_item *it, void *ctx);
	void *ctx;
	bool public;
};

static int row(const struct gk_item *it, void *ctx)
{
	struct rows *r = ctx;
	/* withdrawn since the index answered (another process): not shown */
	if (r->public && it->status != GK_ITEM_PUBLISHED)
		return 0;
	return r->fn(it, r->ctx);
}

enum gk_err gk_svc_item_list(struct gk_svc *svc, const struct gk_item_filter *f, unsigned flags,
			     int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
			     struct gk_item_listing *out, struct gk_error *err)
{
	struct keys k;
	bool searching = f->query && *f->query;
	memset(out, 0, sizeof *out);
	if (!svc->catalogue || !filter_keys(f, &k) || (f->staff && !searching)) {
		if (searching)
			return gk_fail(err, GK_EINTERNAL, "a search needs the catalogue index");
		return gk_store_item_list(svc->store, f, fn, ctx, &out->total, err);
	}
	/* one read of the version per request, however many listings it draws */
	enum gk_err rc =
		gk_catalogue_refresh(svc->catalogue, svc->store, &svc->catalogue_version, err);
	int64_t *ids = NULL;
	size_t nids = 0;
	int64_t seq = 0;
	if (!rc)
		rc = run(svc->catalogue, f, &k, flags, &ids, &nids, out, &seq, err);
	/* the caller learns how current the answer was (the page cache keeps
	 * no page drawn from an index behind the site version) */
	if (!rc && (svc->catalogue_seq < 0 || seq < svc->catalogue_seq))
		svc->catalogue_seq = seq;
	struct rows r = {fn, ctx, !f->staff};
	if (!rc && fn && nids)
		rc = gk_store_item_heads(svc->store, ids, nids, (flags & GK_LIST_BODY) != 0, row,
					 &r, err);
	free(ids);
	if (rc)
		gk_item_listing_release(out);
	return rc;
}

void gk_item_listing_release(struct gk_item_listing *l)
{
	free(l->facets);
	l->facets = NULL;
	l->nfacets = 0;
}

int64_t gk_item_listing_count(const struct gk_item_listing *l, const char *k)
{
	for (size_t i = 0; i < l->nfacets; i++)
		if (strcmp(l->facets[i].key, k) == 0)
			return l->facets[i].count;
	return 0;
}

/* --- after a bulk write ------------------------------------------------------------ */

/* An import changing this many items (or 1% of the catalogue, whichever
 * is more) updates the saved index: the same count at which a server
 * would rebuild its index in the background. */
#define UPDATE_MIN REBUILD_MIN

struct step_build {
	gk_catalogue_step_fn *step;
	void *ctx;
};

static void build_step(int64_t done, int64_t total, void *ctx)
{
	struct step_build *b = ctx;
	b->step("build", done, total, b->ctx);
}

bool gk_catalogue_update_wanted(int64_t changed, int64_t items)
{
	int64_t at = items / 100 > UPDATE_MIN ? items / 100 : UPDATE_MIN;
	const char *env = getenv("GONGKAI_TEST_IMPORT_INDEX");
	if (env && *env)
		at = strtoll(env, NULL, 10);
	return changed > 0 && changed >= at;
}

enum gk_err gk_catalogue_update(struct gk_store *s, const char *db_path, gk_catalogue_step_fn *step,
				void *step_ctx, struct gk_catalogue_info *out, struct gk_error *err)
{
	struct gk_catalogue *c = NULL;
	struct step_build sb = {step, step_ctx};
	if (step)
		step("load", 0, 0, step_ctx);
	/* loads the file (or builds), then applies the changes since */
	enum gk_err rc = open_stepped(s, db_path, GK_CATALOGUE_NO_SAVE, step ? build_step : NULL,
				      &sb, step, step_ctx, &c, err);
	if (!rc && (c->delta > 0 || !c->loaded)) {
		if (step)
			step("save", 0, 0, step_ctx);
		rc = gk_catalogue_save(c, err);
	}
	if (!rc && out) {
		gk_catalogue_info(c, out);
		out->path = NULL; /* freed with c */
	}
	gk_catalogue_free(c);
	return rc;
}

/* --- following a bulk write --------------------------------------------------------- */

/* The follower looks for committed batches this often when not poked. */
#define FOLLOW_POLL_MS 200
/* and checkpoints the writer's log at most this often (a second's batches,
 * some tens of MB: the syncs wait for the disk here, not in the writer) */
#define FOLLOW_CHECKPOINT_S 1.0

struct gk_catalogue_follow {
	char *db_path, *path;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool poked, ending;
	bool rows_done; /* save as soon as the rows are applied */
	_Atomic bool stop;
	/* the thread's: read by the caller after joining it */
	struct saved sv;
	int64_t seq;
	_Atomic int64_t reached; /* seq, for gk_catalogue_follow_seq */
	size_t delta;
	bool loaded;
	int64_t saved_seq; /* the seq saved early (-1: none) */
	enum gk_err rc;
	struct gk_error err;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int follow_stop(void *ctx)
{
	struct gk_catalogue_follow *f = ctx;
	return atomic_load(&f->stop);
}

/* Waits for a poke, the end or the poll's timeout; true at the end. */
static bool follow_wait(struct gk_catalogue_follow *f)
{
	pthread_mutex_lock(&f->lock);
	if (!f->poked && !f->ending && !(f->rows_done && f->saved_seq < 0)) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += FOLLOW_POLL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&f->wake, &f->lock, &until);
	}
	f->poked = false;
	bool ending = f->ending;
	pthread_mutex_unlock(&f->lock);
	return ending;
}

/* The follower: the saved index (or a build, at the change log's version
 * read first), then the changes since, batch after batch, on a connection
 * of its own; once told to end, one last round takes every change
 * committed before. */
static void *follow_main(void *arg)
{
	struct gk_catalogue_follow *f = arg;
	struct gk_store *s = NULL;
	enum gk_err rc = gk_store_open(f->db_path, GK_STORE_OPEN, &s, &f->err);
	if (!rc && !(f->loaded = load_file(f->path, s, -1, &f->sv)))
		rc = build(s, NULL, NULL, follow_stop, f, &f->sv.ix, &f->sv.seq_item, &f->err);
	if (!rc)
		f->seq = gk_catalogue_index_seq(f->sv.ix);
	double checkpointed = now_s();
	for (bool last = false; !rc;) {
		/* told before this round's read: it takes the last rows */
		pthread_mutex_lock(&f->lock);
		bool save_now = f->rows_done && f->saved_seq < 0;
		pthread_mutex_unlock(&f->lock);
		rc = apply_changes(NULL, f->sv.ix, &f->seq, &f->sv.seq_item, &f->delta, s, &f->stop,
				   &f->err);
		if (rc || last)
			break;
		atomic_store(&f->reached, f->seq);
		if (save_now && (f->delta > 0 || !f->loaded)) {
			/* while the writer ends its work; failing here, the end tries again */
			struct gk_error serr = {0};
			if (save_index(f->path, f->sv.ix, f->sv.seq_item, &serr) == GK_OK)
				f->saved_seq = f->seq;
			else
				gk_warn("catalogue index not saved: %s", gk_error_text(&serr));
		}
		if (save_now) {
			pthread_mutex_lock(&f->lock);
			if (f->saved_seq < 0)
				f->saved_seq = 0; /* tried (or nothing to save): not again */
			pthread_mutex_unlock(&f->lock);
		}
		if (now_s() - checkpointed >= FOLLOW_CHECKPOINT_S) {
			struct gk_error cerr = {0};
			if (gk_store_checkpoint(s, &cerr) != GK_OK)
				gk_warn("catalogue index: %s", gk_error_text(&cerr));
			checkpointed = now_s();
		}
		last = follow_wait(f);
	}
	gk_store_free(s);
	f->rc = rc;
	return NULL;
}

enum gk_err gk_catalogue_follow_start(const char *db_path, struct gk_catalogue_follow **out,
				      struct gk_error *err)
{
	*out = NULL;
	struct gk_catalogue_follow *f = calloc(1, sizeof *f);
	if (!f || !(f->db_path = strdup(db_path)) ||
	    !(f->path = gk_catalogue_index_path(db_path))) {
		if (f)
			free(f->db_path);
		free(f);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	f->saved_seq = -1;
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->wake, NULL);
	if (pthread_create(&f->thread, NULL, follow_main, f) != 0) {
		pthread_mutex_destroy(&f->lock);
		pthread_cond_destroy(&f->wake);
		free(f->db_path);
		free(f->path);
		free(f);
		return gk_fail(err, GK_EINTERNAL, "cannot start the catalogue index's thread");
	}
	*out = f;
	return GK_OK;
}

void gk_catalogue_follow_rows_done(struct gk_catalogue_follow *f)
{
	pthread_mutex_lock(&f->lock);
	f->rows_done = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
}

void gk_catalogue_follow_poke(struct gk_catalogue_follow *f)
{
	pthread_mutex_lock(&f->lock);
	f->poked = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
}

int64_t gk_catalogue_follow_seq(struct gk_catalogue_follow *f)
{
	return atomic_load(&f->reached);
}

/* Tells the thread to end (STOP: at once, else after a last round) and
 * joins it. */
static void follow_join(struct gk_catalogue_follow *f, bool stop)
{
	if (stop)
		atomic_store(&f->stop, true);
	pthread_mutex_lock(&f->lock);
	f->ending = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
}

static void follow_release(struct gk_catalogue_follow *f)
{
	gk_catalogue_index_free(f->sv.ix);
	if (f->sv.map)
		munmap(f->sv.map, f->sv.len);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->wake);
	free(f->db_path);
	free(f->path);
	free(f);
}

enum gk_err gk_catalogue_follow_end(struct gk_catalogue_follow *f, gk_catalogue_step_fn *step,
				    void *step_ctx, struct gk_catalogue_info *out,
				    struct gk_error *err)
{
	if (step)
		step("save", 0, 0, step_ctx);
	follow_join(f, false);
	enum gk_err rc = f->rc;
	if (rc)
		gk_fail(err, rc, "%s", gk_error_text(&f->err));
	/* saved early, and nothing changed since: that file is the one */
	bool saved = f->saved_seq > 0 && f->saved_seq == f->seq;
	if (!rc && !saved && (f->delta > 0 || !f->loaded))
		rc = save_index(f->path, f->sv.ix, f->sv.seq_item, err);
	if (!rc && out)
		*out = (struct gk_catalogue_info){
			.items = (int64_t)gk_catalogue_index_size(f->sv.ix),
			.seq = gk_catalogue_index_seq(f->sv.ix),
			.loaded = f->loaded,
		};
	follow_release(f);
	return rc;
}

void gk_catalogue_follow_free(struct gk_catalogue_follow *f)
{
	if (!f)
		return;
	follow_join(f, true);
	follow_release(f);
}
