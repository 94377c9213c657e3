/* The live catalogue of a process: the catalogue index (core/
 * catalogue_index.h) filled from the store, kept current from the store's
 * change log, shared by every request thread, saved beside the database
 * (<db>.catalogue) so a start does not rebuild it. Every public listing and
 * every search is answered from it; see docs/catalogue.md.
 *
 * Thread-safe: queries run concurrently under a read lock; before each,
 * the store's catalogue version is read (one cheap query) and, if it moved,
 * one thread applies the changes while the others wait for it, so a write
 * by this process, by `gongkai import` or by any other process is seen by
 * the next request. A server catches up with a large gap (a bulk import)
 * in the background instead, answering meanwhile from the index as it is;
 * gk_svc_item_list reports the seq each answer reflects. */
#ifndef GK_SERVICE_CATALOGUE_H
#define GK_SERVICE_CATALOGUE_H

#include <stdbool.h>
#include <stdint.h>

#include "service/service.h"

struct gk_catalogue;

/* A search counts its matches up to this many ("10,000+" past it); pages
 * beyond it are refused. */
#define GK_SEARCH_COUNT_CAP 10000

/* Progress of a build: DONE of TOTAL items read (called every few thousand
 * items and once at the end). */
typedef void gk_catalogue_progress_fn(int64_t done, int64_t total, void *ctx);

enum gk_catalogue_open_flags {
	GK_CATALOGUE_REBUILD = 1, /* ignore a saved index: build from the store */
	GK_CATALOGUE_NO_SAVE = 2, /* do not save what was built (the caller will) */
	/* a server: once many changes wait in the index's delta, rebuild it in
	 * the background (a connection of its own), save it and swap it in */
	GK_CATALOGUE_LIVE = 4,
};

/* The file the index of the database at ADDRESS is saved to (malloc'd;
 * NULL when out of memory): <path>.catalogue beside a SQLite file; for any
 * other address (postgresql://…), $GONGKAI_INDEX_DIR (default /var/tmp)/
 * <hex digest of the address without its password>.catalogue. */
char *gk_catalogue_index_path(const char *address);

/* Opens the catalogue of the database at DB_PATH through S: loads the
 * saved index (gk_catalogue_index_path) if it belongs to this database and its
 * seq is still in the change log, else builds it from every item (PROGRESS
 * may be NULL) and saves it; then catches up with the change log. *OUT is
 * freed with gk_catalogue_free. */
enum gk_err gk_catalogue_open(struct gk_store *s, const char *db_path, unsigned flags,
			      gk_catalogue_progress_fn *progress, void *progress_ctx,
			      struct gk_catalogue **out, struct gk_error *err);
/* Frees C (accepts NULL), stopping a background rebuild; does not save. */
void gk_catalogue_free(struct gk_catalogue *c);
/* Writes the index to its file atomically (a temporary file, fsync,
 * rename). Readers wait while it is compacted and written: with changes in
 * its delta that is a fold of the whole index (tens of seconds at 300,000
 * items), so a server saves only when the delta is empty (info.delta). */
enum gk_err gk_catalogue_save(struct gk_catalogue *c, struct gk_error *err);
/* Applies the changes the store logged since the index's seq, if any
 * (what every query does first). *VERSION is the change log's version: read
 * here when negative (and kept for the caller), else as the caller read it
 * at the start of its request. */
enum gk_err gk_catalogue_refresh(struct gk_catalogue *c, struct gk_store *s, int64_t *version,
				 struct gk_error *err);

/* What the index holds: items, its change seq, the changes in its delta
 * since it was built, the saved file's path and whether it was loaded from
 * that file (else built). */
struct gk_catalogue_info {
	int64_t items, seq, delta;
	const char *path;
	bool loaded;
	bool rebuilding;  /* a background rebuild is running */
	int64_t rebuilds; /* background rebuilds swapped in */
	bool behind;      /* a large gap is being caught up in the background */
	int64_t catchups; /* background catch-ups done */
};
void gk_catalogue_info(struct gk_catalogue *c, struct gk_catalogue_info *out);
/* With GK_CATALOGUE_LIVE: rebuild once CHANGES wait in the delta (or 1% of
 * the catalogue) rather than 5,000 (for tests and tuning). */
void gk_catalogue_rebuild_at(struct gk_catalogue *c, size_t changes);
/* With GK_CATALOGUE_LIVE: a query waits for the catch-up of at most
 * CHANGES changes (default 2,000); a larger gap is caught up in the
 * background (from the saved file if it is newer: see gk_catalogue_update)
 * while queries are answered from the index as it is. The environment
 * variable GONGKAI_TEST_CATCHUP_SYNC sets it too (tests of a real server). */
void gk_catalogue_sync_max(struct gk_catalogue *c, size_t changes);
/* The change seq the index reflects now (it may be behind the store). */
int64_t gk_catalogue_seq(struct gk_catalogue *c);

/* --- after a bulk write ----------------------------------------------------------- */

/* Progress of gk_catalogue_update: STEP is "load", "build" (DONE of TOTAL
 * items read), "apply" (DONE of TOTAL changes) or "save" (compacting and
 * writing; no counts). */
typedef void gk_catalogue_step_fn(const char *step, int64_t done, int64_t total, void *ctx);

/* Whether a bulk write that changed CHANGED items of a catalogue of ITEMS
 * should end with gk_catalogue_update: from 5,000 changes or 1% of the
 * catalogue, whichever is more (where a server would otherwise rebuild
 * its index in the background). The environment variable
 * GONGKAI_TEST_IMPORT_INDEX sets the count instead (tests). */
bool gk_catalogue_update_wanted(int64_t changed, int64_t items);
/* Brings the saved index <DB_PATH>.catalogue up to date with the
 * database: loads it (or builds, if there is none usable), applies the
 * changes since, compacts and saves it atomically. A server beside it
 * loads the new file in the background instead of catching up change by
 * change. OUT (may be NULL) gets what it holds (path NULL). */
enum gk_err gk_catalogue_update(struct gk_store *s, const char *db_path, gk_catalogue_step_fn *step,
				void *step_ctx, struct gk_catalogue_info *out,
				struct gk_error *err);

/* Following a bulk write: the index brought up to date while the rows are
 * written rather than after them. A thread with a connection of its own
 * loads the saved index (or builds one), then applies each batch the
 * writer commits (a WAL reader sees them) while the writer goes on with
 * the next; gk_catalogue_follow_end applies the rest, compacts and saves
 * <DB_PATH>.catalogue, so the file is what gk_catalogue_update would
 * write. On a machine with two cores the index costs the bulk write only
 * its compaction and save. The thread also checkpoints the database's log
 * (gk_store_checkpoint) about once a second, for a writer that left its
 * checkpoints to it (gk_store_bulk_defer_checkpoints). */
struct gk_catalogue_follow;
enum gk_err gk_catalogue_follow_start(const char *db_path, struct gk_catalogue_follow **out,
				      struct gk_error *err);
/* A batch was committed: apply it now rather than at the next poll. */
void gk_catalogue_follow_poke(struct gk_catalogue_follow *f);
/* Every row is committed (the writer goes on with what ends its work):
 * the thread applies them, folds and saves the index now, meanwhile. A
 * change committed after this call is applied, and the index saved again,
 * by gk_catalogue_follow_end. */
void gk_catalogue_follow_rows_done(struct gk_catalogue_follow *f);
/* The change seq the follower has reached so far (0 before its start). */
int64_t gk_catalogue_follow_seq(struct gk_catalogue_follow *f);
/* Applies every change committed before the call, compacts and saves;
 * frees F whatever happens. STEP (may be NULL) hears "apply" and "save";
 * OUT (may be NULL) gets what the saved index holds (path NULL). */
enum gk_err gk_catalogue_follow_end(struct gk_catalogue_follow *f, gk_catalogue_step_fn *step,
				    void *step_ctx, struct gk_catalogue_info *out,
				    struct gk_error *err);
/* Stops following and frees F (accepts NULL); saves nothing. */
void gk_catalogue_follow_free(struct gk_catalogue_follow *f);

/* --- the listing use case --------------------------------------------------- */

struct gk_item_facet {
	char key[48]; /* "t:10", "a:12", "y:2024", … as the index keys them */
	int64_t count;
};

/* The answer to a listing besides its rows. */
struct gk_item_listing {
	int64_t total;                /* the matches (searches: up to GK_SEARCH_COUNT_CAP) */
	bool capped;                  /* there are more than total */
	struct gk_item_facet *facets; /* with GK_LIST_FACETS; owned */
	size_t nfacets;
};

enum gk_item_list_flags {
	/* count the matches per agency (subtree), topic, genre, column, year
	 * and validity: each dimension as if its own filter were not set, so a
	 * count is what its link would list */
	GK_LIST_FACETS = 1,
	GK_LIST_BODY = 2, /* rows carry the body (for snippets) */
};

/* Lists the items F selects (public: published only; f->staff: any status
 * within f->scope), newest first, or searches them when f->query is set
 * (titles and 文号 first). Calls FN for each row of the page (stops early
 * if FN returns non-zero); fills OUT (release it). Answered by
 * svc->catalogue; without one (or a staff listing without a query, ordered
 * by last change) by the store. A query that cannot be run is GK_EINVAL
 * with a message for the visitor, a page past the search cap GK_ENOTFOUND. */
enum gk_err gk_svc_item_list(struct gk_svc *svc, const struct gk_item_filter *f, unsigned flags,
			     int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
			     struct gk_item_listing *out, struct gk_error *err);
/* Frees the facets; total and capped stay readable. */
void gk_item_listing_release(struct gk_item_listing *l);
/* The facet count of KEY (0 if none). */
int64_t gk_item_listing_count(const struct gk_item_listing *l, const char *key);

#endif
