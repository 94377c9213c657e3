/* Stored files in SQLite: the bytes once per SHA-256 in `files`, the
 * attachments of items (`item_files`) and of applications
 * (`application_attachments`) pointing at them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

/* Finds or stores the bytes of UP; *FILE_ID names them, SHA gets the digest. */
static enum gk_err file_put(struct gk_store *s, const struct gk_upload *up, int64_t *file_id,
			    char sha[65], struct gk_error *err)
{
	static const char find[] = "SELECT id FROM files WHERE sha256 = ?1";
	static const char insert[] = "INSERT INTO files(sha256, size, data) VALUES (?1, ?2, ?3)";
	gk_attachment_sha256(up->data, up->len, sha);
	sqlite3_stmt *st = gk_db_prepare(s, find, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, sha);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*file_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		return GK_OK;
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "find file");
	if (!(st = gk_db_prepare(s, insert, err)))
		return GK_EDB;
	gk_db_bind_text(st, 1, sha);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)up->len);
	/* static: the caller's bytes outlive the step, and 20 MiB is not copied twice */
	sqlite3_bind_blob64(st, 3, up->data, (sqlite3_uint64)up->len, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "store file");
	*file_id = sqlite3_last_insert_rowid(s->db);
	return GK_OK;
}

/* Deletes the bytes of FILE_ID once no attachment names them. */
static enum gk_err file_gc(struct gk_store *s, int64_t file_id, struct gk_error *err)
{
	static const char sql[] =
		"DELETE FROM files WHERE id = ?1"
		" AND NOT EXISTS (SELECT 1 FROM item_files WHERE file_id = ?1)"
		" AND NOT EXISTS (SELECT 1 FROM application_attachments WHERE file_id = ?1)";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, file_id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "delete file");
}

/* Appends the BLOB in column I to DATA. */
static enum gk_err copy_blob(sqlite3_stmt *st, int i, struct gk_buf *data, struct gk_error *err)
{
	const void *blob = sqlite3_column_blob(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	if (n && (!blob || gk_buf_add(data, blob, n)))
		return gk_fail(err, data->failed == GK_ENOMEM ? GK_ENOMEM : GK_ETOOBIG,
			       "the file is too large to send");
	return GK_OK;
}

/* --- catalogue items -------------------------------------------------------- */

#define ITEM_FILE_COLS \
	"f.id, f.item_id, f.name, f.media_type, b.size, b.sha256, f.added_at"

static void read_item_file(sqlite3_stmt *st, struct gk_attachment *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->owner_id = sqlite3_column_int64(st, 1);
	gk_db_column_copy(st, 2, a->name, sizeof a->name);
	gk_db_column_copy(st, 3, a->media_type, sizeof a->media_type);
	a->size = sqlite3_column_int64(st, 4);
	gk_db_column_copy(st, 5, a->sha256, sizeof a->sha256);
	a->added_at = sqlite3_column_int64(st, 6);
}

enum gk_err gk_db_item_files_load(struct gk_store *s, struct gk_item *it, struct gk_error *err)
{
	static const char sql[] = "SELECT " ITEM_FILE_COLS " FROM item_files f"
				  " JOIN files b ON b.id = f.file_id WHERE f.item_id = ?1 ORDER BY f.id";
	free(it->files);
	it->files = NULL;
	it->nfiles = 0;
	if (!it->id)
		return GK_OK;
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, it->id);
	size_t cap = 0;
	int step;
	enum gk_err rc = GK_OK;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (it->nfiles == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			struct gk_attachment *grown = realloc(it->files, ncap * sizeof *grown);
			if (!grown) {
				rc = gk_fail(err, GK_ENOMEM, "out of memory");
				break;
			}
			it->files = grown;
			cap = ncap;
		}
		read_item_file(st, &it->files[it->nfiles++]);
	}
	sqlite3_reset(st);
	if (!rc && step != SQLITE_DONE)
		rc = gk_db_fail(s, err, "list item files");
	return rc;
}

static bool item_has_sha(const struct gk_item *it, const char *sha)
{
	for (size_t i = 0; i < it->nfiles; i++)
		if (strcmp(it->files[i].sha256, sha) == 0)
			return true;
	return false;
}

enum gk_err gk_db_item_files_add(struct gk_store *s, struct gk_item *it, int64_t user_id,
				 struct gk_error *err)
{
	static const char sql[] = "INSERT INTO item_files(item_id, file_id, name, media_type, added_by)"
				  " VALUES (?1, ?2, ?3, ?4, ?5)";
	enum gk_err rc;
	if (!it->nuploads)
		return GK_OK;
	if ((rc = gk_db_item_files_load(s, it, err)))
		return rc;
	for (size_t i = 0; i < it->nuploads; i++) {
		const struct gk_upload *up = &it->uploads[i];
		int64_t file_id = 0;
		char sha[65];
		if ((rc = gk_upload_check(up, err)) || (rc = file_put(s, up, &file_id, sha, err)))
			return rc;
		/* the same file twice on one item is one attachment */
		if (item_has_sha(it, sha))
			continue;
		if (it->nfiles >= GK_ITEM_FILES_MAX)
			return gk_fail(err, GK_EINVAL, "attachments: an item carries at most %d files",
				       GK_ITEM_FILES_MAX);
		sqlite3_stmt *st = gk_db_prepare(s, sql, err);
		if (!st)
			return GK_EDB;
		sqlite3_bind_int64(st, 1, it->id);
		sqlite3_bind_int64(st, 2, file_id);
		gk_db_bind_text(st, 3, up->name);
		gk_db_bind_text(st, 4, up->media_type);
		if (user_id)
			sqlite3_bind_int64(st, 5, user_id);
		int step = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (step != SQLITE_DONE)
			return gk_db_fail(s, err, "attach file");
		if ((rc = gk_db_item_files_load(s, it, err)))
			return rc;
	}
	return GK_OK;
}

enum gk_err gk_db_item_file_delete(struct gk_store *s, int64_t item_id, int64_t id,
				   struct gk_error *err)
{
	static const char sql[] = "DELETE FROM item_files WHERE id = ?1 AND item_id = ?2 RETURNING file_id";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, item_id);
	int step = sqlite3_step(st);
	int64_t file_id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	while (step == SQLITE_ROW)
		step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "remove attachment");
	if (!file_id)
		return gk_fail(err, GK_ENOTFOUND, "item %lld has no attachment %lld", (long long)item_id,
			       (long long)id);
	return file_gc(s, file_id, err);
}

enum gk_err gk_store_item_file_get(struct gk_store *s, int64_t item_id, int64_t file_id,
				   struct gk_attachment *out, struct gk_buf *data,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT " ITEM_FILE_COLS ", b.data FROM item_files f"
				  " JOIN files b ON b.id = f.file_id WHERE f.id = ?1 AND f.item_id = ?2";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, item_id);
	int step = sqlite3_step(st);
	enum gk_err rc = GK_OK;
	if (step == SQLITE_ROW) {
		read_item_file(st, out);
		if (data)
			rc = copy_blob(st, 7, data, err);
	} else if (step == SQLITE_DONE) {
		rc = gk_fail(err, GK_ENOTFOUND, "item %lld has no attachment %lld", (long long)item_id,
			     (long long)file_id);
	} else {
		rc = gk_db_fail(s, err, "read attachment");
	}
	sqlite3_reset(st);
	return rc;
}

/* --- applications --------------------------------------------------------------- */

#define APP_FILE_COLS \
	"a.id, a.application_id, COALESCE(a.event_id, 0), a.name, a.media_type, a.size, a.sha256, a.added_at"

static void read_app_file(sqlite3_stmt *st, struct gk_attachment *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->owner_id = sqlite3_column_int64(st, 1);
	a->event_id = sqlite3_column_int64(st, 2);
	gk_db_column_copy(st, 3, a->name, sizeof a->name);
	gk_db_column_copy(st, 4, a->media_type, sizeof a->media_type);
	a->size = sqlite3_column_int64(st, 5);
	gk_db_column_copy(st, 6, a->sha256, sizeof a->sha256);
	a->added_at = sqlite3_column_int64(st, 7);
}

enum gk_err gk_store_app_attachment_add(struct gk_store *s, int64_t app_id, int64_t event_id,
					const struct gk_upload *up, struct gk_attachment *out,
					struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO application_attachments(application_id, event_id, name, media_type, size,"
		" sha256, file_id, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, unixepoch())";
	int64_t file_id = 0;
	char sha[65];
	enum gk_err rc;
	if ((rc = gk_upload_check(up, err)) || (rc = file_put(s, up, &file_id, sha, err)))
		return rc;
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	if (event_id)
		sqlite3_bind_int64(st, 2, event_id);
	gk_db_bind_text(st, 3, up->name);
	gk_db_bind_text(st, 4, up->media_type);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)up->len);
	gk_db_bind_text(st, 6, sha);
	sqlite3_bind_int64(st, 7, file_id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "attach file");
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_last_insert_rowid(s->db);
		out->owner_id = app_id;
		out->event_id = event_id;
		snprintf(out->name, sizeof out->name, "%s", up->name);
		snprintf(out->media_type, sizeof out->media_type, "%s", up->media_type);
		out->size = (int64_t)up->len;
		memcpy(out->sha256, sha, sizeof out->sha256);
	}
	return GK_OK;
}

enum gk_err gk_store_app_attachments(struct gk_store *s, int64_t app_id,
				     int (*fn)(const struct gk_attachment *a, void *ctx), void *ctx,
				     struct gk_error *err)
{
	/* rows of schema 3 without bytes (file_id NULL) are not listed */
	static const char sql[] = "SELECT " APP_FILE_COLS " FROM application_attachments a"
				  " WHERE a.application_id = ?1 AND a.file_id IS NOT NULL ORDER BY a.id";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	int step;
	struct gk_attachment a;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		read_app_file(st, &a);
		if (fn(&a, ctx))
			break;
	}
	bool ok = step == SQLITE_ROW || step == SQLITE_DONE;
	sqlite3_reset(st);
	return ok ? GK_OK : gk_db_fail(s, err, "list attachments");
}

enum gk_err gk_store_app_attachment_get(struct gk_store *s, int64_t app_id, int64_t id,
					struct gk_attachment *out, struct gk_buf *data,
					struct gk_error *err)
{
	static const char sql[] = "SELECT " APP_FILE_COLS ", b.data FROM application_attachments a"
				  " JOIN files b ON b.id = a.file_id WHERE a.id = ?1 AND a.application_id = ?2";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, app_id);
	int step = sqlite3_step(st);
	enum gk_err rc = GK_OK;
	if (step == SQLITE_ROW) {
		read_app_file(st, out);
		if (data)
			rc = copy_blob(st, 8, data, err);
	} else if (step == SQLITE_DONE) {
		rc = gk_fail(err, GK_ENOTFOUND, "the application has no attachment %lld", (long long)id);
	} else {
		rc = gk_db_fail(s, err, "read attachment");
	}
	sqlite3_reset(st);
	return rc;
}
