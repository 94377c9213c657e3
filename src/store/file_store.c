/* Stored files: the bytes once per SHA-256 in `files`, the attachments of
 * items (`item_files`) and of applications (`application_attachments`)
 * pointing at them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"

/* Finds or stores the bytes of UP (whose digest is SHA); *FILE_ID names them. */
static enum gk_err file_put(struct gk_store *s, const struct gk_upload *up, const char *sha,
			    int64_t *file_id, struct gk_error *err)
{
	static const char find[] = "SELECT id FROM files WHERE sha256 = ?1";
	static const char insert[] = "INSERT INTO files(sha256, size, data) VALUES (?1, ?2, ?3)";
	enum gk_err rc = gk_db_int(s, find, GK_ARGS(GK_TEXT(sha)), file_id, "find file", err);
	if (rc != GK_ENOTFOUND)
		return rc;
	/* the caller's bytes outlive the step, and 20 MiB is not copied twice */
	return gk_db_insert(s, insert,
			    GK_ARGS(GK_TEXT(sha), GK_INT(up->len), GK_BLOB(up->data, up->len)),
			    file_id, "store file", err);
}

/* Deletes the bytes of FILE_ID once no attachment names them. */
static enum gk_err file_gc(struct gk_store *s, int64_t file_id, struct gk_error *err)
{
	static const char sql[] =
		"DELETE FROM files WHERE id = ?1"
		" AND NOT EXISTS (SELECT 1 FROM item_files WHERE file_id = ?1)"
		" AND NOT EXISTS (SELECT 1 FROM application_attachments WHERE file_id = ?1)";
	return gk_db_exec(s, sql, GK_ARGS(GK_INT(file_id)), NULL, "delete file", err);
}

/* Appends the bytes in column I to DATA. */
static enum gk_err copy_blob(struct gk_stmt *st, int i, struct gk_buf *data, struct gk_error *err)
{
	size_t n;
	const void *blob = gk_col_blob(st, i, &n);
	if (n && (!blob || gk_buf_add(data, blob, n)))
		return gk_fail(err, data->failed == GK_ENOMEM ? GK_ENOMEM : GK_ETOOBIG,
			       "the file is too large to send");
	return GK_OK;
}

/* --- catalogue items -------------------------------------------------------- */

#define ITEM_FILE_COLS "f.id, f.item_id, f.name, f.media_type, b.size, b.sha256, f.added_at"

static void read_item_file(struct gk_stmt *st, struct gk_attachment *a)
{
	memset(a, 0, sizeof *a);
	a->id = gk_col_int(st, 0);
	a->owner_id = gk_col_int(st, 1);
	gk_col_copy(st, 2, a->name, sizeof a->name);
	gk_col_copy(st, 3, a->media_type, sizeof a->media_type);
	a->size = gk_col_int(st, 4);
	gk_col_copy(st, 5, a->sha256, sizeof a->sha256);
	a->added_at = gk_col_int(st, 6);
}

enum gk_err gk_store_item_files(struct gk_store *s, struct gk_item *it, struct gk_error *err)
{
	static const char sql[] =
		"SELECT " ITEM_FILE_COLS " FROM item_files f"
		" JOIN files b ON b.id = f.file_id WHERE f.item_id = ?1 ORDER BY f.id";
	free(it->files);
	it->files = NULL;
	it->nfiles = 0;
	if (!it->id)
		return GK_OK;
	size_t cap = 0;
	enum gk_err rc = GK_OK;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(it->id)), err);
	while (st && gk_stmt_row(st)) {
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
	enum gk_err end = gk_stmt_end(st, "list item files", err);
	return rc ? rc : end;
}

enum gk_err gk_store_item_file_add(struct gk_store *s, int64_t item_id, const struct gk_upload *up,
				   const char *sha256, int64_t user_id, struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO item_files(item_id, file_id, name, media_type, added_by, added_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	int64_t file_id = 0;
	enum gk_err rc = file_put(s, up, sha256, &file_id, err);
	if (!rc)
		rc = gk_db_exec(s, sql,
				GK_ARGS(GK_INT(item_id), GK_INT(file_id), GK_TEXT(up->name),
					GK_TEXT(up->media_type), GK_ID(user_id),
					GK_INT(time(NULL))),
				NULL, "attach file", err);
	return rc;
}

enum gk_err gk_store_item_file_delete(struct gk_store *s, int64_t item_id, int64_t id,
				      struct gk_error *err)
{
	static const char find[] = "SELECT file_id FROM item_files WHERE id = ?1 AND item_id = ?2";
	static const char sql[] = "DELETE FROM item_files WHERE id = ?1";
	int64_t file_id = 0;
	enum gk_err rc = gk_db_int(s, find, GK_ARGS(GK_INT(id), GK_INT(item_id)), &file_id,
				   "remove attachment", err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_ENOTFOUND, "信息（编号%lld）没有编号为%lld的附件",
			       (long long)item_id, (long long)id);
	if (!rc)
		rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id)), NULL, "remove attachment", err);
	return rc ? rc : file_gc(s, file_id, err);
}

enum gk_err gk_store_item_file_get(struct gk_store *s, int64_t item_id, int64_t file_id,
				   struct gk_attachment *out, struct gk_buf *data,
				   struct gk_error *err)
{
	static const char sql[] =
		"SELECT " ITEM_FILE_COLS ", b.data FROM item_files f"
		" JOIN files b ON b.id = f.file_id WHERE f.id = ?1 AND f.item_id = ?2";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(file_id), GK_INT(item_id)), err);
	bool found = st && gk_stmt_row(st);
	enum gk_err rc = GK_OK;
	if (found) {
		read_item_file(st, out);
		if (data)
			rc = copy_blob(st, 7, data, err);
	}
	enum gk_err end = gk_stmt_end(st, "read attachment", err);
	if (!rc)
		rc = end;
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "信息（编号%lld）没有编号为%lld的附件",
			     (long long)item_id, (long long)file_id);
	return rc;
}

/* --- applications --------------------------------------------------------------- */

#define APP_FILE_COLS                                                                     \
	"a.id, a.application_id, COALESCE(a.event_id, 0), a.name, a.media_type, a.size, " \
	"a.sha256, a.added_at"

static void read_app_file(struct gk_stmt *st, struct gk_attachment *a)
{
	memset(a, 0, sizeof *a);
	a->id = gk_col_int(st, 0);
	a->owner_id = gk_col_int(st, 1);
	a->event_id = gk_col_int(st, 2);
	gk_col_copy(st, 3, a->name, sizeof a->name);
	gk_col_copy(st, 4, a->media_type, sizeof a->media_type);
	a->size = gk_col_int(st, 5);
	gk_col_copy(st, 6, a->sha256, sizeof a->sha256);
	a->added_at = gk_col_int(st, 7);
}

enum gk_err gk_store_app_attachment_add(struct gk_store *s, int64_t app_id, int64_t event_id,
					const struct gk_upload *up, struct gk_attachment *out,
					struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO application_attachments(application_id, event_id, name, media_type, size,"
		" sha256, file_id, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	int64_t file_id = 0, id = 0, now = (int64_t)time(NULL);
	char sha[65];
	gk_attachment_sha256(up->data, up->len, sha);
	enum gk_err rc = file_put(s, up, sha, &file_id, err);
	if (!rc)
		rc = gk_db_insert(s, sql,
				  GK_ARGS(GK_INT(app_id), GK_ID(event_id), GK_TEXT(up->name),
					  GK_TEXT(up->media_type), GK_INT(up->len), GK_TEXT(sha),
					  GK_INT(file_id), GK_INT(now)),
				  &id, "attach file", err);
	if (rc || !out)
		return rc;
	memset(out, 0, sizeof *out);
	out->id = id;
	out->owner_id = app_id;
	out->event_id = event_id;
	snprintf(out->name, sizeof out->name, "%s", up->name);
	snprintf(out->media_type, sizeof out->media_type, "%s", up->media_type);
	out->size = (int64_t)up->len;
	memcpy(out->sha256, sha, sizeof out->sha256);
	out->added_at = now;
	return GK_OK;
}

enum gk_err gk_store_app_attachments(struct gk_store *s, int64_t app_id,
				     int (*fn)(const struct gk_attachment *a, void *ctx), void *ctx,
				     struct gk_error *err)
{
	/* rows of schema 3 without bytes (file_id NULL) are not listed */
	static const char sql[] =
		"SELECT " APP_FILE_COLS " FROM application_attachments a"
		" WHERE a.application_id = ?1 AND a.file_id IS NOT NULL ORDER BY a.id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(app_id)), err);
	struct gk_attachment a;
	while (st && gk_stmt_row(st)) {
		read_app_file(st, &a);
		if (fn(&a, ctx))
			break;
	}
	return gk_stmt_end(st, "list attachments", err);
}

enum gk_err gk_store_app_attachment_get(struct gk_store *s, int64_t app_id, int64_t id,
					struct gk_attachment *out, struct gk_buf *data,
					struct gk_error *err)
{
	static const char sql[] =
		"SELECT " APP_FILE_COLS ", b.data FROM application_attachments a"
		" JOIN files b ON b.id = a.file_id WHERE a.id = ?1 AND a.application_id = ?2";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id), GK_INT(app_id)), err);
	bool found = st && gk_stmt_row(st);
	enum gk_err rc = GK_OK;
	if (found) {
		read_app_file(st, out);
		if (data)
			rc = copy_blob(st, 8, data, err);
	}
	enum gk_err end = gk_stmt_end(st, "read attachment", err);
	if (!rc)
		rc = end;
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "这件申请没有编号为%lld的附件", (long long)id);
	return rc;
}
