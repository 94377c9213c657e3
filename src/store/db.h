/* Internals shared by the SQLite implementation of store.h. Only files in
 * src/store/ include this. Statements are constant strings, prepared once
 * per connection and cached by the address of their text. */
#ifndef GK_STORE_DB_H
#define GK_STORE_DB_H

#include <sqlite3.h>

#include "store/store.h"

#define GK_STMT_CACHE 256

struct gk_store {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[GK_STMT_CACHE];
	int in_tx;
};

/* Returns a reset statement for the constant SQL text, or NULL with ERR set.
 * The statement stays owned by the store: do not finalize it. */
sqlite3_stmt *gk_db_prepare(struct gk_store *s, const char *sql, struct gk_error *err);
/* Records the connection's last error as GK_EDB (or GK_ECONFLICT for a
 * constraint violation) with WHAT in the detail. Returns the code. */
enum gk_err gk_db_fail(struct gk_store *s, struct gk_error *err, const char *what);
/* Runs a statement that returns no rows. Binds nothing: for fixed SQL. */
enum gk_err gk_db_exec(struct gk_store *s, const char *sql, struct gk_error *err);

/* Binds text, or NULL for an empty string when EMPTY_IS_NULL. */
void gk_db_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Copies column I as text into OUT (size N), truncating safely. */
void gk_db_column_copy(sqlite3_stmt *st, int i, char *out, size_t n);

/* Item attachments (file_store.c), for item_store.c. load replaces
 * it->files with the stored list; add stores it->uploads (checked, at most
 * GK_ITEM_FILES_MAX per item, a file already attached skipped) and reloads;
 * delete removes attachment ID of ITEM_ID and its bytes when unused. */
enum gk_err gk_db_item_files_load(struct gk_store *s, struct gk_item *it, struct gk_error *err);
enum gk_err gk_db_item_files_add(struct gk_store *s, struct gk_item *it, int64_t user_id,
				 struct gk_error *err);
enum gk_err gk_db_item_file_delete(struct gk_store *s, int64_t item_id, int64_t id,
				   struct gk_error *err);

/* The migrations, applied in order by gk_store_open. */
enum gk_err gk_db_migrate(struct gk_store *s, struct gk_error *err);

#endif
