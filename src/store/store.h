/* The database, behind a narrow interface of our own: persistence only.
 *
 * The service layer and the front ends call these functions with domain
 * structs; the rules (validation, numbering, what a step records) are the
 * service's. Behind this header, store modules (src/store/NAME_store.c) hold
 * the SQL, and a backend (src/store/sqlite/) talks to the database: another
 * backend is another folder there (see store/db.h and docs/architecture.md).
 *
 * A struct gk_store is one connection, used by one thread at a time. The
 * server keeps a gk_store_pool; commands open a store directly. Use cases
 * run their writes between gk_store_begin and gk_store_commit.
 *
 * Every function reports a failure as an enum gk_err with the detail in
 * ERR (which may be NULL): GK_ENOTFOUND for a missing row, GK_ECONFLICT for
 * a duplicate key or a stale revision, GK_EDB for the database itself. */
#ifndef GK_STORE_STORE_H
#define GK_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/agency.h"
#include "core/application.h"
#include "core/attachment.h"
#include "core/consultation.h"
#include "core/item.h"
#include "core/records.h"
#include "core/user.h"
#include "lib/buf.h"
#include "lib/enumtab.h"
#include "lib/error.h"

struct gk_store;
struct gk_store_pool;

enum gk_store_mode {
	GK_STORE_OPEN,   /* the database must exist */
	GK_STORE_CREATE, /* create it if missing */
};

/* Opens the database ADDRESS names (a file path for SQLite) and brings its
 * schema up to date. On error *out is NULL and ERR says why (e.g. path not
 * writable, no backend for the address). */
enum gk_err gk_store_open(const char *address, enum gk_store_mode mode, struct gk_store **out,
			  struct gk_error *err);
/* Closes the connection; accepts NULL. */
void gk_store_free(struct gk_store *s);
/* The schema version this build writes. */
int gk_store_schema_version(void);
/* The SQLite text of migration N (1 to gk_store_schema_version()), for a
 * test that replays one on a database made as it was before; NULL past
 * the list. */
const char *gk_store_migration_sqlite(int n);
/* Its PostgreSQL text, likewise (for a test that builds the schema). */
const char *gk_store_migration_postgres(int n);

/* Transactions. begin takes the write lock at once (BEGIN IMMEDIATE), so a
 * transaction that began will not fail later on a lock. */
enum gk_err gk_store_begin(struct gk_store *s, struct gk_error *err);
enum gk_err gk_store_commit(struct gk_store *s, struct gk_error *err);
/* Rolls back if a transaction is open; harmless otherwise. */
void gk_store_rollback(struct gk_store *s);
/* True while a transaction is open on S (so a helper joins it). */
bool gk_store_in_tx(const struct gk_store *s);

/* Refreshes the query planner's statistics; call after a bulk load. */
enum gk_err gk_store_analyze(struct gk_store *s, struct gk_error *err);
/* Tunes the connection for loading many rows in batches: a larger cache,
 * fewer checkpoints, and commits that survive a kill of the process but
 * not a power loss until the next checkpoint or gk_store_bulk_end. */
void gk_store_bulk(struct gk_store *s);
/* Every commit durable again, from the next one, which makes what the
 * bulk load committed before it durable too: call before its last commit. */
void gk_store_bulk_end(struct gk_store *s);
/* During a bulk load, leaves its checkpoints (copying the log into the
 * database, and the disk syncs that go with them) to another connection
 * calling gk_store_checkpoint, until gk_store_bulk_end: the writer then
 * never waits for the disk. Durability is the same: a checkpoint only
 * copies what was committed. */
void gk_store_bulk_defer_checkpoints(struct gk_store *s);
/* Copies the pages committed in the log into the database as far as no
 * reader needs them, waiting for no one (a passive checkpoint). */
enum gk_err gk_store_checkpoint(struct gk_store *s, struct gk_error *err);
/* What closing the store does after a bulk load, done ahead while the
 * caller would otherwise wait (e.g. for the search index): the planner's
 * statistics checked, the log copied whole (waiting for readers) and
 * emptied, so that the close is quick. */
enum gk_err gk_store_settle(struct gk_store *s, struct gk_error *err);

/* A fixed set of connections for the server's threads. */
enum gk_err gk_store_pool_open(const char *address, int size, struct gk_store_pool **out,
			       struct gk_error *err);
/* Takes a free connection, waiting for one. */
struct gk_store *gk_store_pool_take(struct gk_store_pool *p);
/* Gives S back (rolling back what it left open); accepts NULL. */
void gk_store_pool_give(struct gk_store_pool *p, struct gk_store *s);
void gk_store_pool_free(struct gk_store_pool *p);

/* --- backups ------------------------------------------------------------ */

/* Copies the database S is open on into the file PATH while others go on
 * writing: the copy holds every transaction committed before it began and
 * none after. It is checked (the backend's integrity check) and synced in a
 * temporary file beside PATH, then renamed over PATH; on failure PATH is
 * untouched. *BYTES (may be NULL) gets the copy's size. Not inside a
 * transaction. */
enum gk_err gk_store_backup(struct gk_store *s, const char *path, int64_t *bytes,
			    struct gk_error *err);
/* Checks that the file PATH is a sound copy of a database of ADDRESS's
 * backend (NULL: the backend whose backups begin as PATH does) that this
 * build can open: its integrity, gongkai's tables, and a schema version
 * (*VERSION, may be NULL) not newer than this build's. */
enum gk_err gk_store_verify_file(const char *address, const char *path, int *version,
				 struct gk_error *err);
/* Replaces the database at ADDRESS (created if missing) with the copy in
 * the file FROM, checked first as gk_store_verify_file does, in one
 * transaction: a failure or a kill leaves the old database. GK_ECONFLICT
 * if another process holds the database open. The schema is not brought
 * up to date: gk_store_open does that. */
enum gk_err gk_store_restore(const char *address, const char *from, int *version,
			     struct gk_error *err);

/* --- settings: small key/value facts of the deployment ------------------ */

/* Copies the value of KEY into OUT (size N). GK_ENOTFOUND if unset. */
enum gk_err gk_store_setting_get(struct gk_store *s, const char *key, char *out, size_t n,
				 struct gk_error *err);
enum gk_err gk_store_setting_set(struct gk_store *s, const char *key, const char *value,
				 struct gk_error *err);
/* Sets KEY to VALUE only if it is unset: of several processes racing to
 * create a setting (a shared secret), the first wins and all read its value. */
enum gk_err gk_store_setting_init(struct gk_store *s, const char *key, const char *value,
				  struct gk_error *err);

/* --- agencies ----------------------------------------------------------- */

/* Inserts A (a->id is set on success) below a->parent_id (0: a root).
 * GK_ECONFLICT if its code is taken. */
enum gk_err gk_store_agency_add(struct gk_store *s, struct gk_agency *a, struct gk_error *err);
enum gk_err gk_store_agency_update(struct gk_store *s, const struct gk_agency *a,
				   struct gk_error *err);
enum gk_err gk_store_agency_get(struct gk_store *s, int64_t id, struct gk_agency *out,
				struct gk_error *err);
enum gk_err gk_store_agency_by_code(struct gk_store *s, const char *code, struct gk_agency *out,
				    struct gk_error *err);
/* All agencies, in tree order (each parent before its children, siblings by
 * sort order then name). The caller frees the list with gk_agency_list_release. */
enum gk_err gk_store_agency_list(struct gk_store *s, struct gk_agency_list *out,
				 struct gk_error *err);
/* The city's disclosure office: the agency that supervises, else the root.
 * GK_ENOTFOUND on an empty database. */
enum gk_err gk_store_agency_city_office(struct gk_store *s, struct gk_agency *out,
					struct gk_error *err);
/* The root agency (the city government). */
enum gk_err gk_store_agency_root(struct gk_store *s, struct gk_agency *out, struct gk_error *err);
/* *WITHIN: agency DESCENDANT is ANCESTOR or lies below it. */
enum gk_err gk_store_agency_within(struct gk_store *s, int64_t descendant, int64_t ancestor,
				   bool *within, struct gk_error *err);

/* --- staff accounts ------------------------------------------------------ */

/* Inserts U (u->id, city_wide and agency_name are set). GK_ECONFLICT if
 * the login is taken. */
enum gk_err gk_store_user_add(struct gk_store *s, struct gk_user *u, struct gk_error *err);
enum gk_err gk_store_user_by_login(struct gk_store *s, const char *login, struct gk_user *out,
				   struct gk_error *err);
enum gk_err gk_store_user_get(struct gk_store *s, int64_t id, struct gk_user *out,
			      struct gk_error *err);
enum gk_err gk_store_user_set_password(struct gk_store *s, int64_t id, const char *hash,
				       struct gk_error *err);
/* Accounts of agencies within SCOPE (an agency id; 0 = all), by login.
 * Calls FN for each; stops early if FN returns non-zero. */
/* Disables or enables an account. */
enum gk_err gk_store_user_set_disabled(struct gk_store *s, int64_t id, bool disabled,
				       struct gk_error *err);
/* Marks an account to set a new password at its next login (or clears it). */
enum gk_err gk_store_user_set_must_reset(struct gk_store *s, int64_t id, bool must_reset,
					 struct gk_error *err);
enum gk_err gk_store_user_each(struct gk_store *s, int64_t scope,
			       int (*fn)(const struct gk_user *u, void *ctx), void *ctx,
			       struct gk_error *err);

/* --- sessions ------------------------------------------------------------ */

/* Stores a session for USER_ID under the digest of its token. */
/* (and forgets sessions that expired before NOW) */
enum gk_err gk_store_session_add(struct gk_store *s, const char *token_digest, int64_t user_id,
				 const char *csrf, int64_t expires, int64_t now,
				 struct gk_error *err);
/* Finds a live session: not expired at NOW and used after SEEN_AFTER;
 * fills *user_id, CSRF (at least 64 bytes) and *SEEN_AT (may be NULL). */
enum gk_err gk_store_session_get(struct gk_store *s, const char *token_digest, int64_t now,
				 int64_t seen_after, int64_t *user_id, char *csrf, size_t csrf_size,
				 int64_t *seen_at, struct gk_error *err);
/* Notes that the session was used at NOW (the idle timeout counts from it). */
enum gk_err gk_store_session_touch(struct gk_store *s, const char *token_digest, int64_t now,
				   struct gk_error *err);
/* Ends every session of a user but the one with KEEP_DIGEST. */
enum gk_err gk_store_session_delete_others(struct gk_store *s, int64_t user_id,
					   const char *keep_digest, struct gk_error *err);
enum gk_err gk_store_session_delete(struct gk_store *s, const char *token_digest,
				    struct gk_error *err);
/* Ends every session of a user (after a password change). */
enum gk_err gk_store_session_delete_user(struct gk_store *s, int64_t user_id, struct gk_error *err);

/* --- rate limits ------------------------------------------------------------ */

/* How many events were recorded under KEY since SINCE (unix seconds):
 * failed logins under 'login:NAME' and 'addr:IP', applications under
 * 'apply:IP'. On error *COUNT is 0 and the caller must refuse (fail closed). */
enum gk_err gk_store_rate_count(struct gk_store *s, const char *key, int64_t since, int64_t *count,
				struct gk_error *err);
/* Records one event under KEY at AT (and forgets events over a day old). */
enum gk_err gk_store_rate_hit(struct gk_store *s, const char *key, int64_t at,
			      struct gk_error *err);
/* Forgets every event under KEY (a successful login). */
enum gk_err gk_store_rate_clear(struct gk_store *s, const char *key, struct gk_error *err);
/* Like gk_store_rate_count, with the time of the latest event in *LAST (0 if none). */
enum gk_err gk_store_rate_recent(struct gk_store *s, const char *key, int64_t since, int64_t *count,
				 int64_t *last, struct gk_error *err);

/* --- audit log ------------------------------------------------------------- */

/* Records who did what to which object; DETAIL is free text (may be NULL).
 * The row also gets the address gk_store_set_origin last named. The log is
 * append-only: the database refuses to change or delete a row. */
enum gk_err gk_store_audit(struct gk_store *s, int64_t user_id, int64_t agency_id,
			   const char *action, const char *object_type, int64_t object_id,
			   const char *detail, struct gk_error *err);
/* The client address (or "cli") the next audit rows on S come from. */
void gk_store_set_origin(struct gk_store *s, const char *origin);
/* How many audit rows S wrote since gk_store_set_origin (a request's). */
int gk_store_audit_rows(const struct gk_store *s);

/* One row of the audit log as it is read back. */
struct gk_audit_entry {
	int64_t id;
	int64_t at;       /* unix seconds */
	char login[64];   /* "" for the command line */
	char agency[160]; /* the agency the change concerns */
	char action[32];
	char object_type[32];
	int64_t object_id;
	char detail[400];
	char address[64];
};

/* Calls FN for at most LIMIT rows of the audit log with an id below BEFORE
 * (0: from the newest), newest first; stops early if FN returns non-zero. */
enum gk_err gk_store_audit_each(struct gk_store *s, int64_t before, int limit,
				int (*fn)(const struct gk_audit_entry *e, void *ctx), void *ctx,
				struct gk_error *err);

/* --- catalogue items (issue 3) --------------------------------------------- */

/* What a listing selects. Strings NULL or "" mean any. */
struct gk_item_filter {
	int64_t agency_id;   /* 0 = any */
	bool agency_subtree; /* with agency_id: also the agencies below it */
	const char *topic;   /* "10" also matches its sub-topics "10.x" */
	const char *genre;
	const char *column;
	int year;          /* 0 = any */
	int validity;      /* -1 = any, else enum gk_validity */
	const char *query; /* search as typed; NULL = none (the store lists
			      without one: searches are the catalogue index's) */
	bool staff;        /* drafts and withdrawn items too (else published only) */
	int64_t scope;     /* staff: only this agency's subtree (0 = all) */
	int64_t offset, limit;
};

/* Calls FN for each item FILTER selects, newest first (body and attachments
 * not loaded); stops early if FN returns non-zero. *TOTAL (if not NULL) gets
 * the number of matches without offset and limit. */
enum gk_err gk_store_item_list(struct gk_store *s, const struct gk_item_filter *filter,
			       int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
			       int64_t *total, struct gk_error *err);
/* The item with everything; the caller releases it with gk_item_release. */
enum gk_err gk_store_item_get(struct gk_store *s, int64_t id, struct gk_item *out,
			      struct gk_error *err);
/* The item's metadata only, as a listing reads it (no body, attachments or
 * files: nothing to release). GK_ENOTFOUND if there is none. */
enum gk_err gk_store_item_head(struct gk_store *s, int64_t id, struct gk_item *out,
			       struct gk_error *err);
enum gk_err gk_store_item_by_index(struct gk_store *s, const char *index_no, struct gk_item *out,
				   struct gk_error *err);
/* The id of the item with 索引号 INDEX_NO into *ID; GK_ENOTFOUND if none. */
enum gk_err gk_store_item_id_by_index(struct gk_store *s, const char *index_no, int64_t *id,
				      struct gk_error *err);
/* The id of a numbered item of AGENCY_ID with TITLE published at PUBLISHED
 * (how an import without 索引号 recognises an item); GK_ENOTFOUND if none. */
enum gk_err gk_store_item_find(struct gk_store *s, int64_t agency_id, const char *title,
			       const char *published, int64_t *id, struct gk_error *err);
/* Inserts IT as revision 1 (it->id and it->revision are set), created by
 * USER_ID (0 for the command line). GK_ECONFLICT if its 索引号 is taken. */
enum gk_err gk_store_item_insert(struct gk_store *s, struct gk_item *it, int64_t user_id,
				 struct gk_error *err);
/* Stores IT over the stored item if that is still it->revision, and bumps
 * it->revision; GK_ECONFLICT if someone saved meanwhile or the 索引号 is
 * taken, GK_ENOTFOUND if there is no such item. */
enum gk_err gk_store_item_update(struct gk_store *s, struct gk_item *it, struct gk_error *err);

/* Keeps SNAPSHOT (the item's JSON) as revision REVISION of item ID, made by
 * USER_ID (0 for the command line) doing ACTION. GK_ITEM_SNAPSHOT_ROW (an
 * import's new item) stands for the item row as it is: the readers below
 * build it from the row, and gk_store_item_update keeps it built before
 * the row changes. Whatever changes an item row goes through
 * gk_store_item_update for that reason. */
enum gk_err gk_store_item_revision_add(struct gk_store *s, int64_t id, int revision,
				       int64_t user_id, const char *action, const char *snapshot,
				       struct gk_error *err);
/* The current revision of item ID and its snapshot (malloc'd, NULL if none
 * was kept; the caller frees it). */
enum gk_err gk_store_item_snapshot(struct gk_store *s, int64_t id, int *revision, char **snapshot,
				   struct gk_error *err);

/* 索引号 serials: counters per series that only go up, so a number once
 * given (even to an item later withdrawn) is never given again. next takes
 * the next one in *SERIAL; at_least moves the series to SERIAL if it is
 * behind (an imported number). Both join the caller's transaction. */
enum gk_err gk_store_serial_next(struct gk_store *s, const char *series, long *serial,
				 struct gk_error *err);
enum gk_err gk_store_serial_at_least(struct gk_store *s, const char *series, long serial,
				     struct gk_error *err);

/* Published items that interpret item ID (相关解读), oldest first. */
enum gk_err gk_store_item_interpretations(struct gk_store *s, int64_t id,
					  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
					  struct gk_error *err);
/* Up to LIMIT other published items on IT's topic, newest first. */
enum gk_err gk_store_item_related(struct gk_store *s, const struct gk_item *it, int limit,
				  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
				  struct gk_error *err);

struct gk_item_revision {
	int revision;
	int64_t at;     /* unix seconds */
	char user[128]; /* display name, "" for the command line */
	char action[32];
	const char *snapshot; /* JSON text, valid during the callback */
};
/* Revisions of item ID, newest first. */
enum gk_err gk_store_item_revisions(struct gk_store *s, int64_t id,
				    int (*fn)(const struct gk_item_revision *rev, void *ctx),
				    void *ctx, struct gk_error *err);

/* The catalogue's change log (migration 8): every change to an item, its
 * files or its agency's name is logged in the writing transaction. The
 * version is the last change's seq (0: none); it only goes up. */
enum gk_err gk_store_catalogue_version(struct gk_store *s, int64_t *version, struct gk_error *err);
/* Calls FN for each item changed after SINCE, once per item, in the order
 * of its last change, with that change's seq; stops early if FN returns
 * non-zero. An item deleted since is reported too (reading it then finds
 * nothing). */
enum gk_err gk_store_item_changes(struct gk_store *s, int64_t since,
				  int (*fn)(int64_t item_id, int64_t seq, void *ctx), void *ctx,
				  struct gk_error *err);

/* An item as the catalogue index reads it (service/catalogue.c): its
 * listing keys and every text a search looks in. Strings are valid during
 * the callback only; FILES holds the stored files' names, one a line. */
struct gk_item_doc {
	int64_t id;
	enum gk_item_status status;
	int64_t agency_id;
	const char *agency_path; /* '/1/5/12/': the agency's ancestors and itself */
	const char *agency_name;
	const char *topic, *genre, *column;
	int year;
	enum gk_validity validity;
	const char *published;
	const char *title, *doc_no, *index_no;
	const char *keywords, *summary, *files;
	const char *body; /* sanitised HTML */
};
/* Calls FN for every item (any status), by id; stops early if FN returns
 * non-zero. One statement: fast at a million items. */
enum gk_err gk_store_item_scan(struct gk_store *s,
			       int (*fn)(const struct gk_item_doc *d, void *ctx), void *ctx,
			       struct gk_error *err);
/* Calls FN once with item ID as the scan reads it; GK_ENOTFOUND if there is
 * no such item (deleted). */
enum gk_err gk_store_item_doc(struct gk_store *s, int64_t id,
			      int (*fn)(const struct gk_item_doc *d, void *ctx), void *ctx,
			      struct gk_error *err);
/* The number of items, any status (for progress reports). */
enum gk_err gk_store_item_count(struct gk_store *s, int64_t *count, struct gk_error *err);
/* Calls FN with the listing row (as gk_store_item_list reads it) of each of
 * the N items IDS, in that order, skipping ids that no longer exist; with
 * WITH_BODY, it->body holds the body too (owned by the callback's caller).
 * Stops early if FN returns non-zero. */
enum gk_err gk_store_item_heads(struct gk_store *s, const int64_t *ids, size_t n, bool with_body,
				int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
				struct gk_error *err);
/* The item a change seq logged into *ITEM_ID (GK_ENOTFOUND if none): how a
 * saved index recognises the database it was made from. */
enum gk_err gk_store_catalogue_change(struct gk_store *s, int64_t seq, int64_t *item_id,
				      struct gk_error *err);

/* Years that have published items, newest first, with their counts. */
enum gk_err gk_store_item_years(struct gk_store *s, int (*fn)(int year, int64_t count, void *ctx),
				void *ctx, struct gk_error *err);

/* --- whole-catalogue outputs (issue 9, item_store.c): exports, feeds, the
 * sitemap and the guide's count, each in time independent of the
 * catalogue's size (per part, per feed) ----------------------------------- */

/* A place in the public listing's order (newest first): just after the item
 * published at PUBLISHED with ID. ID 0 is the place before the newest. */
struct gk_item_key {
	char published[17];
	int64_t id;
};

/* Calls FN for at most F->limit published items F selects (no search: the
 * query is ignored) that come after AFTER, newest first, skipping the first
 * F->offset; with body and attachments (not the stored files: see
 * gk_store_item_files). FN's item is released after the call; FN stops the
 * listing by returning non-zero. One statement walking the listing's index
 * from AFTER down, so a whole catalogue is read in parts at the cost of one
 * pass, and no part begins from the top again. */
enum gk_err gk_store_item_export(struct gk_store *s, const struct gk_item_filter *f,
				 const struct gk_item_key *after,
				 int (*fn)(struct gk_item *it, void *ctx), void *ctx,
				 struct gk_error *err);
/* The LIMIT newest published items of agency AGENCY_ID and those below it,
 * or of topic TOPIC and its sub-topics (as a listing reads them, no body):
 * at most LIMIT read per agency or topic, whatever the catalogue's size. */
enum gk_err gk_store_item_newest_of_agency(struct gk_store *s, int64_t agency_id, int limit,
					   int (*fn)(const struct gk_item *it, void *ctx),
					   void *ctx, struct gk_error *err);
enum gk_err gk_store_item_newest_of_topic(struct gk_store *s, const char *topic, int limit,
					  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
					  struct gk_error *err);
/* The number of published items of agency AGENCY_ID and those below it,
 * from counts the triggers of migration 12 keep per agency. */
enum gk_err gk_store_agency_published(struct gk_store *s, int64_t agency_id, int64_t *count,
				      struct gk_error *err);
/* The sitemap's reads: the smallest published item id >= FROM (*ID 0 if
 * none), the largest (0 if none), and the published items with FROM <= id
 * <= TO in id order with their last change (unix seconds). */
enum gk_err gk_store_item_published_from(struct gk_store *s, int64_t from, int64_t *id,
					 struct gk_error *err);
enum gk_err gk_store_item_published_max(struct gk_store *s, int64_t *id, struct gk_error *err);
enum gk_err gk_store_item_published_ids(struct gk_store *s, int64_t from, int64_t to,
					int (*fn)(int64_t id, int64_t updated_at, void *ctx),
					void *ctx, struct gk_error *err);

/* --- applications for disclosure (issue 4, application_store.c) ------------ */

/* Inserts APP with its applicant (app->id is set); the tracking code must
 * be unique (GK_ECONFLICT otherwise). The caller holds a transaction. */
enum gk_err gk_store_application_add(struct gk_store *s, struct gk_application *app,
				     struct gk_error *err);
/* Stores everything of APP but its id, code, agency and applicant. */
enum gk_err gk_store_application_update(struct gk_store *s, const struct gk_application *app,
					struct gk_error *err);
/* Loads application ID (or by tracking CODE); the applicant only if
 * WITH_APPLICANT. GK_ENOTFOUND if there is none. */
enum gk_err gk_store_application_get(struct gk_store *s, int64_t id, bool with_applicant,
				     struct gk_application *out, struct gk_error *err);
enum gk_err gk_store_application_by_code(struct gk_store *s, const char *code, bool with_applicant,
					 struct gk_application *out, struct gk_error *err);

/* Which applications a queue shows, in the order the staff page shows its
 * tabs. MINE: open and assigned to USER_ID; INTAKE: waiting for
 * registration or assignment; REVIEW: drafted replies waiting for a
 * reviewer; DUE: running clock, due from TODAY through DUE_BY; OVERDUE:
 * running clock, due before TODAY; OPEN: still being handled; ALL:
 * everything in scope; ACTION: waiting for a step by the user (by ROLES: a
 * handler registers what arrived and drafts and sends the replies of his
 * applications, a reviewer assigns and approves replies he did not draft).
 * Open applications come first, by days left. */
#define GK_APP_VIEW_LIST(X)                        \
	X(GK_VIEW_MINE, "mine", "我的待办")        \
	X(GK_VIEW_INTAKE, "intake", "待登记/分办") \
	X(GK_VIEW_REVIEW, "review", "待审核")      \
	X(GK_VIEW_DUE, "due", "3个工作日内到期")   \
	X(GK_VIEW_OVERDUE, "overdue", "已超期")    \
	X(GK_VIEW_OPEN, "open", "全部在办")        \
	X(GK_VIEW_ALL, "all", "全部申请")          \
	X(GK_VIEW_ACTION, "action", "待我办理")
GK_ENUM_DECLARE(gk_app_view, GK_APP_VIEW, GK_APP_VIEW_LIST);

struct gk_app_filter {
	enum gk_app_view view;
	int64_t scope;     /* the agency subtree visible (0 = all) */
	int64_t agency_id; /* only this agency (0 = any in scope) */
	int64_t user_id;   /* GK_VIEW_MINE, GK_VIEW_ACTION */
	unsigned roles;    /* GK_VIEW_ACTION: the user's enum gk_role set */
	long today, due_by;
	int year; /* received in this year (0 = any) */
	int64_t offset, limit;
};

/* Calls FN for each application FILTER selects (without applicant); stops
 * early if FN returns non-zero. *TOTAL (if not NULL) gets the count without
 * offset and limit. Open applications with a running clock first, by due
 * date (days left), then the others open, then closed ones, newest first. */
enum gk_err gk_store_application_list(struct gk_store *s, const struct gk_app_filter *filter,
				      int (*fn)(const struct gk_application *app, void *ctx),
				      void *ctx, int64_t *total, struct gk_error *err);
/* Per agency within SCOPE (0 = all) that has applications: how many are
 * open, overdue on TODAY, and received in YEAR. In tree order. */
struct gk_app_agency_counts {
	char code[40];
	char name[160];
	int64_t open, overdue, received;
};
enum gk_err
gk_store_application_agency_counts(struct gk_store *s, int64_t scope, long today, int year,
				   int (*fn)(const struct gk_app_agency_counts *c, void *ctx),
				   void *ctx, struct gk_error *err);
/* Open applications (ids), for recomputing deadlines. */
enum gk_err gk_store_application_open_ids(struct gk_store *s, int64_t **ids, size_t *count,
					  struct gk_error *err);
/* How many applications the same applicant (same identity number, else name)
 * made to APP's agency from the first day of APP's month of receipt through
 * APP itself (ordered by day of receipt, then id), into *COUNT. */
enum gk_err gk_store_application_month_count(struct gk_store *s, const struct gk_application *app,
					     int *count, struct gk_error *err);

/* The timeline: appends EV to application APP_ID (ev->id is set). */
enum gk_err gk_store_app_event_add(struct gk_store *s, int64_t app_id, struct gk_app_event *ev,
				   struct gk_error *err);
/* Events of APP_ID in the order recorded. */
enum gk_err gk_store_app_events(struct gk_store *s, int64_t app_id,
				int (*fn)(const struct gk_app_event *ev, void *ctx), void *ctx,
				struct gk_error *err);

/* Fee notices of an application. */
enum gk_err gk_store_app_fee_add(struct gk_store *s, int64_t app_id, struct gk_app_fee *fee,
				 struct gk_error *err);
/* Settles the open notice of APP_ID (status and day). GK_ENOTFOUND if none is open. */
enum gk_err gk_store_app_fee_settle(struct gk_store *s, int64_t app_id, enum gk_fee_status status,
				    long day, struct gk_error *err);
enum gk_err gk_store_app_fees(struct gk_store *s, int64_t app_id,
			      int (*fn)(const struct gk_app_fee *fee, void *ctx), void *ctx,
			      struct gk_error *err);

/* --- attachments: stored files of items and applications (file_store.c) ---
 *
 * Bytes are kept once per SHA-256 (deduplicated across owners); each
 * attachment row names the file, its display name and type. The service
 * checks uploads (core/attachment.h) before they reach these functions. */

/* Replaces it->files with the files stored for item it->id. */
enum gk_err gk_store_item_files(struct gk_store *s, struct gk_item *it, struct gk_error *err);
/* Attaches UP (whose digest is SHA256) to item ITEM_ID, added by USER_ID. */
enum gk_err gk_store_item_file_add(struct gk_store *s, int64_t item_id, const struct gk_upload *up,
				   const char *sha256, int64_t user_id, struct gk_error *err);
/* Removes attachment ID of item ITEM_ID, and its bytes when nothing else
 * names them. GK_ENOTFOUND if the item has no such attachment. */
enum gk_err gk_store_item_file_delete(struct gk_store *s, int64_t item_id, int64_t id,
				      struct gk_error *err);
/* One stored file of item ITEM_ID: its metadata into OUT and, unless DATA is
 * NULL, its bytes appended to DATA. GK_ENOTFOUND if the item has no file
 * FILE_ID; GK_ETOOBIG if DATA cannot hold it. */
enum gk_err gk_store_item_file_get(struct gk_store *s, int64_t item_id, int64_t file_id,
				   struct gk_attachment *out, struct gk_buf *data,
				   struct gk_error *err);

/* Stores UP as an attachment of application APP_ID that came with event
 * EVENT_ID (0 = none); OUT (may be NULL) gets its metadata. The caller
 * holds a transaction. */
enum gk_err gk_store_app_attachment_add(struct gk_store *s, int64_t app_id, int64_t event_id,
					const struct gk_upload *up, struct gk_attachment *out,
					struct gk_error *err);
/* The attachments of APP_ID in the order stored (metadata only). */
enum gk_err gk_store_app_attachments(struct gk_store *s, int64_t app_id,
				     int (*fn)(const struct gk_attachment *a, void *ctx), void *ctx,
				     struct gk_error *err);
/* One attachment of APP_ID, as gk_store_item_file_get. */
enum gk_err gk_store_app_attachment_get(struct gk_store *s, int64_t app_id, int64_t id,
					struct gk_attachment *out, struct gk_buf *data,
					struct gk_error *err);

/* --- holiday calendar years uploaded by administrators (holiday_store.c) --- */

/* Stores (or replaces) the text of YEAR's holiday file. */
enum gk_err gk_store_holiday_put(struct gk_store *s, int year, const char *text, int64_t user_id,
				 struct gk_error *err);
struct gk_holiday_year {
	int year;
	int64_t uploaded_at;
	char uploaded_by[128];
	const char *text; /* valid during the callback */
};
/* The stored years, ascending. */
enum gk_err gk_store_holiday_each(struct gk_store *s,
				  int (*fn)(const struct gk_holiday_year *y, void *ctx), void *ctx,
				  struct gk_error *err);
/* --- the version of what public pages show (site_store.c) --- */

/* What a public page's bytes depend on: the catalogue's version (the last
 * seq of its change log, migration 8) and a counter of changes to agencies
 * and settings (migration 10). Both only go up, and both are bumped in the
 * writing transaction by whichever process writes. */
struct gk_site_version {
	int64_t catalogue;
	int64_t site;
};
/* Reads both in one statement (one snapshot). */
enum gk_err gk_store_site_version(struct gk_store *s, struct gk_site_version *v,
				  struct gk_error *err);

/* --- published yearly reports (annual_report_store.c) --- */

/* The catalogue item carrying the report of AGENCY_ID for YEAR (ROLLUP: over
 * its subtree) into *ITEM_ID; 0 if none was published. */
enum gk_err gk_store_annual_report_item(struct gk_store *s, int64_t agency_id, int year,
					bool rollup, int64_t *item_id, struct gk_error *err);
/* Records (or replaces) the item carrying that report, in style STYLE. */
enum gk_err gk_store_annual_report_put(struct gk_store *s, int64_t agency_id, int year, bool rollup,
				       const char *style, int64_t item_id, int64_t user_id,
				       struct gk_error *err);
struct gk_annual_report_row {
	int64_t agency_id;
	char agency_code[40], agency_name[160];
	int year;
	bool rollup;
	char style[16];
	int64_t item_id;
	char index_no[64], title[1024], published[17];
};
/* The published reports (their items published), of AGENCY_ID or of every
 * agency when 0, newest year first. */
enum gk_err gk_store_annual_reports(struct gk_store *s, int64_t agency_id,
				    int (*fn)(const struct gk_annual_report_row *row, void *ctx),
				    void *ctx, struct gk_error *err);

/* --- the yearly report's texts and its supervision (issue 10:
 * report_text_store.c, supervision_store.c) ------------------------------- */

/* One version of a section staff wrote for an agency's report on a year. */
struct gk_report_version {
	int64_t agency_id;
	int year;
	char section[16]; /* a gk_report_section code */
	int revision;     /* 1, 2, …: the current text is the highest */
	int64_t user_id;  /* 0 for the command line */
	char user[128];   /* display name, "" for the command line */
	int64_t at;       /* unix seconds */
	const char *body; /* valid during the callback */
};
/* Stores BODY as the next version of SECTION of AGENCY_ID's report on YEAR,
 * written by USER_ID (0: the command line), if the current version is still
 * EXPECTED (0: none yet); *REVISION gets the new one. One statement, so two
 * writers cannot both succeed from the same version: the second gets
 * GK_ECONFLICT, with a Chinese message. */
enum gk_err gk_store_report_text_save(struct gk_store *s, int64_t agency_id, int year,
				      const char *section, int expected, const char *body,
				      int64_t user_id, int *revision, struct gk_error *err);
/* The current version of each section written for AGENCY_ID on YEAR
 * (sections never written are not reported). */
enum gk_err gk_store_report_text_current(struct gk_store *s, int64_t agency_id, int year,
					 int (*fn)(const struct gk_report_version *t, void *ctx),
					 void *ctx, struct gk_error *err);
/* Every version of SECTION (NULL: of every section) of AGENCY_ID on YEAR,
 * by section, newest first; stops early if FN returns non-zero. */
enum gk_err gk_store_report_text_history(struct gk_store *s, int64_t agency_id, int year,
					 const char *section,
					 int (*fn)(const struct gk_report_version *t, void *ctx),
					 void *ctx, struct gk_error *err);

/* Per agency and year in FROM..TO that has texts or a published report:
 * how many sections have a current text that is not empty, and the day its
 * report (either kind: its own or its subtree's) was first published. */
struct gk_report_status {
	int64_t agency_id;
	int year;
	int texts;
	long published; /* GK_NO_DAY: not published */
};
enum gk_err gk_store_report_status(struct gk_store *s, int from, int to,
				   int (*fn)(const struct gk_report_status *st, void *ctx),
				   void *ctx, struct gk_error *err);

/* The assessment's figures for YEAR, one statement per kind, one call of
 * FN per agency that has any (agencies with none are not reported): V holds
 * the values in the order each function names. */
typedef int gk_agency_figures_fn(int64_t agency_id, const int64_t *v, void *ctx);
/* Applications: concluded in YEAR on time, concluded in YEAR late; received
 * by CUTOFF (a day) and open then, and of those past their deadline then. */
enum gk_err gk_store_supervision_applications(struct gk_store *s, int year, long cutoff,
					      gk_agency_figures_fn *fn, void *ctx,
					      struct gk_error *err);
/* Disputes filed in YEAR and decided 结果纠正 by 31 December: 行政复议, 行政诉讼. */
enum gk_err gk_store_supervision_disputes(struct gk_store *s, int year, gk_agency_figures_fn *fn,
					  void *ctx, struct gk_error *err);
/* Catalogue items first published in YEAR (withdrawn since included). */
enum gk_err gk_store_supervision_items(struct gk_store *s, int year, gk_agency_figures_fn *fn,
				       void *ctx, struct gk_error *err);

/* The weights the city office set for YEAR: FN per stored criterion code. */
enum gk_err gk_store_score_weights(struct gk_store *s, int year,
				   int (*fn)(const char *code, int weight, void *ctx), void *ctx,
				   struct gk_error *err);
/* Sets (or replaces) the weight of criterion CODE for YEAR. */
enum gk_err gk_store_score_weight_set(struct gk_store *s, int year, const char *code, int weight,
				      int64_t user_id, struct gk_error *err);
/* --- records the yearly report counts beyond items and applications (issue 10,
 * record_store.c): disputes (行政复议、行政诉讼), complaints (投诉举报),
 * responses (新闻发布会、在线访谈、舆情回应) and the figures staff enter per
 * agency and year. Records carry a revision: an update of a stale one is
 * GK_ECONFLICT, as for items. ---------------------------------------------- */

/* What a listing of records selects. A record's year is that of its filed,
 * received or held day. */
struct gk_record_filter {
	int64_t scope;         /* the agency subtree visible (0 = all) */
	int64_t agency_id;     /* only this agency (0 = any in scope) */
	int year;              /* 0 = any */
	int64_t offset, limit; /* limit 0 = all */
};

/* Names a page shows beside a record, read with it. */
struct gk_record_names {
	char agency_code[40];
	char agency_name[160];
	char application_code[40]; /* the linked application's tracking code, "" if none */
	char review_case_no[128];  /* a suit after review: the review's 案号 */
	char created_by[128], updated_by[128]; /* display names, "" for the command line */
};

/* Inserts D as revision 1 (id, revision and times are set), by USER_ID (0:
 * the command line). */
enum gk_err gk_store_dispute_insert(struct gk_store *s, struct gk_dispute *d, int64_t user_id,
				    struct gk_error *err);
/* Stores D over the stored case if that is still d->revision (bumped),
 * by USER_ID. GK_ECONFLICT if someone saved meanwhile, GK_ENOTFOUND if none. */
enum gk_err gk_store_dispute_update(struct gk_store *s, struct gk_dispute *d, int64_t user_id,
				    struct gk_error *err);
/* Loads case ID (and its names, if NAMES is not NULL). GK_ENOTFOUND if none. */
enum gk_err gk_store_dispute_get(struct gk_store *s, int64_t id, struct gk_dispute *out,
				 struct gk_record_names *names, struct gk_error *err);
/* The id of AGENCY_ID's case numbered CASE_NO into *ID (GK_ENOTFOUND if none). */
enum gk_err gk_store_dispute_by_case(struct gk_store *s, int64_t agency_id, const char *case_no,
				     int64_t *id, struct gk_error *err);
/* Deletes case ID (and unlinks suits that named it as their review). */
enum gk_err gk_store_dispute_delete(struct gk_store *s, int64_t id, struct gk_error *err);
/* Cases F selects, newest filed first; *TOTAL (may be NULL) counts them
 * without offset and limit. FN stops the listing by returning non-zero. */
enum gk_err gk_store_dispute_list(struct gk_store *s, const struct gk_record_filter *f,
				  int (*fn)(const struct gk_dispute *d,
					    const struct gk_record_names *n, void *ctx),
				  void *ctx, int64_t *total, struct gk_error *err);
/* The cases that arose from application APP_ID, in the order filed. */
enum gk_err gk_store_application_disputes(struct gk_store *s, int64_t app_id,
					  int (*fn)(const struct gk_dispute *d,
						    const struct gk_record_names *n, void *ctx),
					  void *ctx, struct gk_error *err);

enum gk_err gk_store_complaint_insert(struct gk_store *s, struct gk_complaint *c, int64_t user_id,
				      struct gk_error *err);
enum gk_err gk_store_complaint_update(struct gk_store *s, struct gk_complaint *c, int64_t user_id,
				      struct gk_error *err);
enum gk_err gk_store_complaint_get(struct gk_store *s, int64_t id, struct gk_complaint *out,
				   struct gk_record_names *names, struct gk_error *err);
enum gk_err gk_store_complaint_delete(struct gk_store *s, int64_t id, struct gk_error *err);
enum gk_err gk_store_complaint_list(struct gk_store *s, const struct gk_record_filter *f,
				    int (*fn)(const struct gk_complaint *c,
					      const struct gk_record_names *n, void *ctx),
				    void *ctx, int64_t *total, struct gk_error *err);

enum gk_err gk_store_response_insert(struct gk_store *s, struct gk_response *r, int64_t user_id,
				     struct gk_error *err);
enum gk_err gk_store_response_update(struct gk_store *s, struct gk_response *r, int64_t user_id,
				     struct gk_error *err);
enum gk_err gk_store_response_get(struct gk_store *s, int64_t id, struct gk_response *out,
				  struct gk_record_names *names, struct gk_error *err);
enum gk_err gk_store_response_delete(struct gk_store *s, int64_t id, struct gk_error *err);
enum gk_err gk_store_response_list(struct gk_store *s, const struct gk_record_filter *f,
				   int (*fn)(const struct gk_response *r,
					     const struct gk_record_names *n, void *ctx),
				   void *ctx, int64_t *total, struct gk_error *err);

/* One figure of an agency's year as stored: absent (never entered, or
 * cleared) is not 0. */
struct gk_year_figure_value {
	bool set;
	int64_t value; /* a count, or 分 */
	int64_t updated_by;
	char updated_by_name[128];
	int64_t updated_at;
};
/* AGENCY_ID's figures for YEAR into OUT, indexed by enum gk_year_figure
 * (codes stored that this build does not know are skipped). */
enum gk_err gk_store_year_figures_get(struct gk_store *s, int64_t agency_id, int year,
				      struct gk_year_figure_value out[GK_YEAR_FIGURE_COUNT],
				      struct gk_error *err);
/* Stores VALUE for FIGURE of AGENCY_ID's YEAR, entered by USER_ID;
 * VALUE < 0 removes the figure (absent again). */
enum gk_err gk_store_year_figure_set(struct gk_store *s, int64_t agency_id, int year,
				     enum gk_year_figure figure, int64_t value, int64_t user_id,
				     struct gk_error *err);
/* The sums of the figures of YEAR over the agency SCOPE and its subtree (0:
 * every agency): OUT[f].set if any agency entered f. */
enum gk_err gk_store_year_figures_sum(struct gk_store *s, int64_t scope, int year,
				      struct gk_year_figure_value out[GK_YEAR_FIGURE_COUNT],
				      struct gk_error *err);
/* --- the yearly report's reads (report_store.c) --- */
#include "core/report/annual_count.h"

/* What a report's reads cover: the year, and AGENCY_ID alone or (SUBTREE)
 * with every agency below it. */
struct gk_report_scope {
	int64_t agency_id;
	bool subtree;
	int year;
};
/* The applications that count in the year, each once with its agency:
 * received by 31 December and not concluded before 1 January (one query). */
enum gk_err gk_store_report_applications(struct gk_store *s, const struct gk_report_scope *sc,
					 int (*fn)(int64_t agency_id,
						   const struct gk_annual_app *app, void *ctx),
					 void *ctx, struct gk_error *err);
/* Cases filed, complaints received, responses held in the year (the fields
 * the report counts; agency_id set). */
enum gk_err gk_store_report_disputes(struct gk_store *s, const struct gk_report_scope *sc,
				     int (*fn)(const struct gk_dispute *d, void *ctx), void *ctx,
				     struct gk_error *err);
enum gk_err gk_store_report_complaints(struct gk_store *s, const struct gk_report_scope *sc,
				       int (*fn)(const struct gk_complaint *c, void *ctx),
				       void *ctx, struct gk_error *err);
enum gk_err gk_store_report_responses(struct gk_store *s, const struct gk_report_scope *sc,
				      int (*fn)(const struct gk_response *r, void *ctx), void *ctx,
				      struct gk_error *err);
/* The figures entered for the year and the year before. */
enum gk_err gk_store_report_figures(struct gk_store *s, const struct gk_report_scope *sc,
				    int (*fn)(int64_t agency_id, int year,
					      enum gk_year_figure figure, int64_t value, void *ctx),
				    void *ctx, struct gk_error *err);
/* The catalogue's counts per agency, by aggregate SQL; an agency may be
 * given more than once (partial counts: add them). */
enum gk_err gk_store_report_items(struct gk_store *s, const struct gk_report_scope *sc,
				  int (*fn)(int64_t agency_id, const struct gk_annual_items *c,
					    void *ctx),
				  void *ctx, struct gk_error *err);
/* The newest text of each section of AGENCY_ID's report on YEAR into OUT
 * (malloc'd, NULL where none). */
enum gk_err gk_store_report_sections(struct gk_store *s, int64_t agency_id, int year,
				     char *out[GK_SECTION_COUNT], struct gk_error *err);

/* --- online consultation (网上咨询, issue 15, consultation_store.c) ------- */

/* Inserts C with its asker (c->id is set); the code must be free
 * (GK_ECONFLICT otherwise). */
enum gk_err gk_store_consultation_add(struct gk_store *s, struct gk_consultation *c,
				      struct gk_error *err);
/* Stores C's state, answer, reason, publication and application. */
enum gk_err gk_store_consultation_update(struct gk_store *s, const struct gk_consultation *c,
					 struct gk_error *err);
/* Loads question ID (or by CODE) into OUT (release it with
 * gk_consultation_release); the asker only if WITH_ASKER. GK_ENOTFOUND if
 * there is none. */
enum gk_err gk_store_consultation_get(struct gk_store *s, int64_t id, bool with_asker,
				      struct gk_consultation *out, struct gk_error *err);
enum gk_err gk_store_consultation_by_code(struct gk_store *s, const char *code, bool with_asker,
					  struct gk_consultation *out, struct gk_error *err);

/* Which questions a listing shows, newest first. */
struct gk_question_filter {
	bool published;    /* the public list: published ones only (SCOPE and STATE ignored) */
	int64_t scope;     /* staff: this agency's subtree only (0 = all) */
	int64_t agency_id; /* 0 = any, else this agency only */
	int state;         /* -1 = any, else enum gk_question_state */
	const char *query; /* a substring of the subject, question or answer; NULL = none */
	int64_t before;    /* ids below this only (the next page's key); 0 = from the newest */
	int limit;
};
/* Calls FN for each question F selects (without asker), at most F->limit;
 * stops early if FN returns non-zero. */
enum gk_err gk_store_consultation_list(struct gk_store *s, const struct gk_question_filter *f,
				       int (*fn)(const struct gk_consultation *c, void *ctx),
				       void *ctx, struct gk_error *err);
/* Questions received in YEAR by agencies within SCOPE (0 = all). */
struct gk_question_counts {
	int64_t total;
	int64_t by_state[GK_QUESTION_STATE_COUNT];
	int64_t published;
};
enum gk_err gk_store_consultation_counts(struct gk_store *s, int64_t scope, int year,
					 struct gk_question_counts *out, struct gk_error *err);
/* --- notices (notice_store.c, issue 15) --- */
#include "core/notice.h"

/* Adds N unless a notice with its key exists (*ADDED false then); N->id
 * gets the row's id either way. */
enum gk_err gk_store_notice_add(struct gk_store *s, struct gk_notice *n, bool *added,
				struct gk_error *err);
enum gk_err gk_store_notice_get(struct gk_store *s, int64_t id, struct gk_notice *out,
				struct gk_error *err);
/* Ids (at most CAP into IDS, how many in *N) of e-mail and SMS notices a
 * sender may take at NOW: pending and due, or sending with a lapsed claim. */
enum gk_err gk_store_notices_due(struct gk_store *s, int64_t now, int64_t *ids, size_t cap,
				 size_t *n, struct gk_error *err);
/* Takes notice ID for sending if it is still takeable at NOW (*CLAIMED):
 * state sending until CLAIM_UNTIL, one more attempt counted. */
enum gk_err gk_store_notice_claim(struct gk_store *s, int64_t id, int64_t now, int64_t claim_until,
				  bool *claimed, struct gk_error *err);
/* Records how the claimed notice ID ended: its new STATE, when to try
 * next, when sent (0: not), the last error and the gateway's receipt. */
enum gk_err gk_store_notice_finish(struct gk_store *s, int64_t id, enum gk_notice_state state,
				   int64_t next_attempt_at, int64_t sent_at, const char *last_error,
				   const char *receipt, struct gk_error *err);
/* Puts failed e-mail or SMS notice ID back in the queue at NOW with its
 * attempts counted afresh (*DONE false if it was not failed). */
enum gk_err gk_store_notice_requeue(struct gk_store *s, int64_t id, int64_t now, bool *done,
				    struct gk_error *err);
/* Every pending notice kept instead (state kept, REASON as its last error):
 * a demo's made-up history is not sent to its made-up addresses. */
enum gk_err gk_store_notices_keep_pending(struct gk_store *s, const char *reason,
					  struct gk_error *err);
/* The gateway reported notice ID delivered at AT (never before it was
 * sent): only a sent notice changes (*CHANGED, may be NULL). */
enum gk_err gk_store_notice_delivered(struct gk_store *s, int64_t id, int64_t at, bool *changed,
				      struct gk_error *err);
/* The gateway reported notice ID not delivered, for REASON: a sent notice
 * becomes failed (*CHANGED, may be NULL); a delivered one stays. */
enum gk_err gk_store_notice_undelivered(struct gk_store *s, int64_t id, const char *reason,
					bool *changed, struct gk_error *err);
/* The newest notice by CHANNEL whose receipt is RECEIPT; *ID 0 if none. */
enum gk_err gk_store_notice_by_receipt(struct gk_store *s, enum gk_notice_channel channel,
				       const char *receipt, int64_t *id, struct gk_error *err);
enum gk_err gk_store_notice_attempt_add(struct gk_store *s, const struct gk_notice_attempt *a,
					struct gk_error *err);
/* The notices of application APP_ID, oldest first. */
enum gk_err gk_store_notices_of_application(struct gk_store *s, int64_t app_id,
					    int (*fn)(const struct gk_notice *n, void *ctx),
					    void *ctx, struct gk_error *err);
/* The newest LIMIT notices to staff member USER_ID, newest first. */
enum gk_err gk_store_notices_of_user(struct gk_store *s, int64_t user_id, int limit,
				     int (*fn)(const struct gk_notice *n, void *ctx), void *ctx,
				     struct gk_error *err);
enum gk_err gk_store_notice_attempts(struct gk_store *s, int64_t notice_id,
				     int (*fn)(const struct gk_notice_attempt *a, void *ctx),
				     void *ctx, struct gk_error *err);
/* USER_ID's chosen channel per kind: SET[k] false where none was chosen. */
enum gk_err gk_store_notice_prefs(struct gk_store *s, int64_t user_id,
				  enum gk_notice_channel channel[GK_NOTICE_COUNT],
				  bool set[GK_NOTICE_COUNT], struct gk_error *err);
enum gk_err gk_store_notice_pref_set(struct gk_store *s, int64_t user_id, enum gk_notice_kind kind,
				     enum gk_notice_channel channel, struct gk_error *err);
/* A staff member's e-mail and phone for notices ("" when not given). */
enum gk_err gk_store_staff_contact(struct gk_store *s, int64_t user_id, char *email,
				   size_t email_size, char *phone, size_t phone_size,
				   struct gk_error *err);
enum gk_err gk_store_staff_contact_set(struct gk_store *s, int64_t user_id, const char *email,
				       const char *phone, struct gk_error *err);
/* An open application the scan looks at. */
struct gk_notice_case {
	int64_t id, agency_id, handler_id;
	char tracking_code[GK_TRACKING_CODE_LEN + 1];
	char agency_name[160];
	long due;
	enum gk_app_state state;
};
/* Open applications with a running deadline on or before UNTIL, by due day. */
enum gk_err gk_store_notice_cases(struct gk_store *s, long until,
				  int (*fn)(const struct gk_notice_case *c, void *ctx), void *ctx,
				  struct gk_error *err);
/* The enabled accounts of the agencies that supervise the city. */
enum gk_err gk_store_city_office_users(struct gk_store *s,
				       int (*fn)(const struct gk_user *u, void *ctx), void *ctx,
				       struct gk_error *err);
/* --- notice templates administrators edit (notice_store.c, issue 15) --- */
/* KIND's override into OUT (*FOUND false: none, the default applies). */
enum gk_err gk_store_notice_template_get(struct gk_store *s, enum gk_notice_kind kind,
					 struct gk_notice_template *out, bool *found,
					 struct gk_error *err);
/* Stores T as its kind's override (replacing any). */
enum gk_err gk_store_notice_template_set(struct gk_store *s, const struct gk_notice_template *t,
					 struct gk_error *err);
/* Drops KIND's override (*DELETED false if there was none; may be NULL). */
enum gk_err gk_store_notice_template_delete(struct gk_store *s, enum gk_notice_kind kind,
					    bool *deleted, struct gk_error *err);

#endif
