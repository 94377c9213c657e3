/* Inside the store: the statement helper every store module uses, and the
 * table of operations a database backend implements.
 *
 * Store modules (src/store/NAME_store.c) hold constant SQL and the mapping
 * between rows and domain structs; they call only what this header
 * declares. A backend (src/store/sqlite/) is the only code that knows a
 * database library. Only files in src/store/ include this header.
 *
 * A statement is a constant string, prepared once per connection and cached
 * by the address of its text. Values are bound from a list written at the
 * call, so each call reads like its signature:
 *
 *	st = gk_db_query(s, sql, GK_ARGS(GK_INT(id), GK_TEXT(code)), err);
 *	while (gk_stmt_row(st))
 *		read(st);
 *	return gk_stmt_end(st, "list agencies", err);
 *
 * Parameters are numbered ?1, ?2 … in the SQL, in the order of the list. */
#ifndef GK_STORE_DB_H
#define GK_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* --- values to bind -------------------------------------------------------- */

enum gk_val_kind {
	GK_VAL_END,  /* ends a list */
	GK_VAL_NULL, /* SQL NULL */
	GK_VAL_INT,  /* a 64-bit integer */
	GK_VAL_TEXT, /* UTF-8 text; a NULL pointer binds '' */
	GK_VAL_BLOB, /* bytes */
	GK_VAL_DAY,  /* a day number (lib/date.h) as 'YYYY-MM-DD'; GK_NO_DAY as '' */
};

struct gk_val {
	enum gk_val_kind kind;
	int64_t i;
	const void *p;
	size_t n;
};

#define GK_NULL    ((struct gk_val){GK_VAL_NULL, 0, NULL, 0})
#define GK_INT(v)  ((struct gk_val){GK_VAL_INT, (int64_t)(v), NULL, 0})
#define GK_BOOL(v) GK_INT((v) ? 1 : 0)
/* An id, or NULL when it is 0 (optional references). */
#define GK_ID(v)   ((v) ? GK_INT(v) : GK_NULL)
#define GK_TEXT(v) ((struct gk_val){GK_VAL_TEXT, 0, (v), 0})
/* Text, or NULL when it is NULL or empty (optional, unique columns). */
#define GK_OPT(v)        ((v) && *(const char *)(v) ? GK_TEXT(v) : GK_NULL)
#define GK_TEXTN(v, len) ((struct gk_val){GK_VAL_TEXT, 1, (v), (len)})
#define GK_BLOB(v, len)  ((struct gk_val){GK_VAL_BLOB, 0, (v), (len)})
#define GK_DAY(v)        ((struct gk_val){GK_VAL_DAY, (int64_t)(v), NULL, 0})
/* A list of values for one statement, in parameter order. */
#define GK_ARGS(...) ((const struct gk_val[]){__VA_ARGS__, {GK_VAL_END, 0, NULL, 0}})
/* No values. */
#define GK_NOARGS NULL

/* --- statements ------------------------------------------------------------ */

struct gk_stmt;

/* Prepares SQL (constant text: cached per connection by its address) and
 * binds ARGS (a GK_ARGS list, or GK_NOARGS). Returns the statement, owned
 * by the store, or NULL with ERR set (GK_EDB). Every statement returned
 * must be finished with gk_stmt_end, even after a failed step. */
struct gk_stmt *gk_db_query(struct gk_store *s, const char *sql, const struct gk_val *args,
			    struct gk_error *err);
/* Steps ST to its next row: true if there is one; false at the end or on
 * a failure (which gk_stmt_end reports). */
bool gk_stmt_row(struct gk_stmt *st);
/* Finishes ST (it may be stopped before its last row). Returns GK_OK, or
 * the failure of a step as GK_EDB or GK_ECONFLICT (a constraint) with WHAT
 * in the detail. Accepts NULL (returns GK_EDB: the query failed to prepare
 * and ERR is already set). */
enum gk_err gk_stmt_end(struct gk_stmt *st, const char *what, struct gk_error *err);
/* True if the failure gk_stmt_end reported was a uniqueness violation. */
bool gk_db_unique_violation(const struct gk_store *s);

/* Column I of the current row. Text is never NULL and stays valid until the
 * next step; numbers of a NULL column read 0, days of '' GK_NO_DAY. */
int64_t gk_col_int(struct gk_stmt *st, int i);
bool gk_col_bool(struct gk_stmt *st, int i);
const char *gk_col_text(struct gk_stmt *st, int i);
/* Column I as bytes (a BLOB), its length in *LEN; valid until the next step. */
const void *gk_col_blob(struct gk_stmt *st, int i, size_t *len);
long gk_col_day(struct gk_stmt *st, int i);
/* Copies column I as text into OUT (size N), truncated at a character
 * boundary if too long. */
void gk_col_copy(struct gk_stmt *st, int i, char *out, size_t n);
/* Column I as a malloc'd string, or NULL when empty (or out of memory). */
char *gk_col_dup(struct gk_stmt *st, int i);

/* --- one-shot forms ---------------------------------------------------------- */

/* Runs a statement that returns no rows. *CHANGED (may be NULL) gets how
 * many rows it changed. */
enum gk_err gk_db_exec(struct gk_store *s, const char *sql, const struct gk_val *args,
		       int64_t *changed, const char *what, struct gk_error *err);
/* Runs an INSERT into a table with an integer key `id` and stores the new
 * row's id in *ID (untouched on failure). No RETURNING in the SQL: in SQLite
 * it opens a statement journal, which makes the full-text index flush at
 * every insert (the PostgreSQL driver adds it: prepare_insert). */
enum gk_err gk_db_insert(struct gk_store *s, const char *sql, const struct gk_val *args,
			 int64_t *id, const char *what, struct gk_error *err);
/* Runs a query for one integer (first column of the first row) into *OUT.
 * GK_ENOTFOUND (without touching ERR) if there is no row. */
enum gk_err gk_db_int(struct gk_store *s, const char *sql, const struct gk_val *args, int64_t *out,
		      const char *what, struct gk_error *err);
/* Runs a script of statements without values (schema changes). */
enum gk_err gk_db_script(struct gk_store *s, const char *sql, struct gk_error *err);

/* --- the backend ------------------------------------------------------------------ */

/* What a database backend provides. Handles are the backend's own. Steps
 * return 1 for a row, 0 at the end, -1 on failure; a failure is described
 * by fail(), called at once, before anything else runs on the connection. */
enum gk_dialect {
	GK_DIALECT_SQLITE,
	GK_DIALECT_POSTGRES,
};

struct gk_db_driver {
	const char *name;
	enum gk_dialect dialect; /* which text of a migration it runs */
	/* True if ADDRESS (what --db names) is for this backend. */
	bool (*claims)(const char *address);
	enum gk_err (*open)(const char *address, enum gk_store_mode mode, void **conn,
			    struct gk_error *err);
	void (*close)(void *conn);

	void *(*prepare)(void *conn, const char *sql, struct gk_error *err);
	/* Prepares an INSERT for gk_db_insert whose steps record the new row's
	 * id for last_id (PostgreSQL: RETURNING id, as its triggers' inserts
	 * elsewhere make lastval() wrong); NULL: prepare, and last_id reads it. */
	void *(*prepare_insert)(void *conn, const char *sql, struct gk_error *err);
	void (*finalize)(void *stmt);
	/* binds value V (never GK_VAL_DAY: the helper converts it) to parameter I (from 1) */
	void (*bind)(void *stmt, int i, const struct gk_val *v);
	int (*step)(void *stmt);
	void (*reset)(void *stmt);
	int64_t (*col_int)(void *stmt, int i);
	/* column I as text (NUL-terminated) or as bytes, with its length */
	const char *(*col_text)(void *stmt, int i, size_t *len);
	const void *(*col_blob)(void *stmt, int i, size_t *len);
	/* rows changed by the last statement; the key of the last row inserted */
	int64_t (*changes)(void *conn);
	int64_t (*last_id)(void *conn);
	/* Classifies the connection's last failure: GK_ECONFLICT for a duplicate
	 * key (*UNIQUE set), else GK_EDB; the database's own message into MSG
	 * (size N), for the log. */
	enum gk_err (*fail)(void *conn, bool *unique, char *msg, size_t n);
	enum gk_err (*script)(void *conn, const char *sql, struct gk_error *err);

	/* A transaction that takes the write lock at once, so it will not fail
	 * later on a lock; commit; rollback (harmless when none is open). */
	enum gk_err (*begin)(void *conn, struct gk_error *err);
	enum gk_err (*commit)(void *conn, struct gk_error *err);
	void (*rollback)(void *conn);

	/* The schema version stored in the database (-1 on failure) and its update
	 * (inside the migration's transaction). */
	int (*schema_version)(void *conn);
	enum gk_err (*set_schema_version)(void *conn, int version, struct gk_error *err);

	/* Refresh the planner's statistics; tune for a bulk load (ON) and back
	 * to every commit durable (!ON). */
	enum gk_err (*analyze)(void *conn, struct gk_error *err);
	void (*bulk)(void *conn, bool on);
	/* A bulk load's checkpoints left to another connection, which runs
	 * checkpoint: copies what the log holds into the database as far as
	 * no reader needs it, waiting for no one; or, WHOLE, all of it,
	 * waiting for the readers, and empties the log. */
	void (*defer_checkpoints)(void *conn);
	enum gk_err (*checkpoint)(void *conn, bool whole, struct gk_error *err);

	/* Backups (gk_store_backup, gk_store_verify_file, gk_store_restore):
	 * a consistent copy of CONN's database into the file PATH, checked and
	 * put in place atomically (*BYTES its size); the soundness of a copy and
	 * its schema version; a copy written over the database at ADDRESS. */
	enum gk_err (*backup)(void *conn, const char *path, int64_t *bytes, struct gk_error *err);
	/* how the backend's backup files begin, to tell whose a file is */
	const char *backup_magic;
	enum gk_err (*verify)(const char *path, int *version, struct gk_error *err);
	enum gk_err (*restore)(const char *from, const char *address, struct gk_error *err);
};

/* The backends compiled in (store.c picks one by the address). */
extern const struct gk_db_driver gk_sqlite_driver;
extern const struct gk_db_driver gk_postgres_driver;

#define GK_STMT_CACHE 256

struct gk_stmt {
	struct gk_store *store;
	const char *sql;
	void *handle;
	bool failed;  /* a step failed: end reports it */
	bool stepped; /* the statement ran since its reset */
	bool insert;  /* prepared by gk_db_insert (prepare_insert) */
};

/* A connection: the backend's handle, its statement cache, the transaction. */
struct gk_store {
	const struct gk_db_driver *drv;
	void *conn;
	struct gk_stmt cache[GK_STMT_CACHE];
	bool in_tx;
	bool bulk; /* gk_store_bulk … gk_store_bulk_end */
	/* in a bulk load, the first item inserted by the open transaction:
	 * the change log and agency counts of it and every later id are
	 * written at the commit (gk_store_item_log_inserted); 0: none */
	int64_t inserted_from;
	/* the last failed step, described at once (end reports it) */
	enum gk_err fail_code;
	bool fail_unique;
	char fail_detail[400];
	char origin[64]; /* where audited changes come from (gk_store_set_origin) */
	int audit_rows;  /* audit rows written since gk_store_set_origin */
};

/* Writes the change-log rows and agency counts of the items a bulk load
 * inserted since s->inserted_from (item_store.c). */
enum gk_err gk_store_item_log_inserted(struct gk_store *s, struct gk_error *err);

/* Applies the migrations (migrations.c) S's database is missing. */
enum gk_err gk_db_migrate(struct gk_store *s, struct gk_error *err);

#endif
