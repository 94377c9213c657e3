/* The statement helper: a per-connection cache of prepared statements,
 * binding from a list of values, stepping, columns, and failures reported
 * once with what was being done. Calls the backend through its table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "lib/utf8.h"
#include "store/db.h"

static void bind_all(struct gk_store *s, struct gk_stmt *st, const struct gk_val *args)
{
	for (int i = 0; args && args[i].kind != GK_VAL_END; i++) {
		const struct gk_val *v = &args[i];
		if (v->kind == GK_VAL_DAY) {
			char text[11] = "";
			if ((long)v->i != GK_NO_DAY)
				gk_date_format(gk_date_from_days((long)v->i), text);
			struct gk_val t = GK_TEXTN(text, strlen(text));
			s->drv->bind(st->handle, i + 1, &t);
		} else {
			s->drv->bind(st->handle, i + 1, v);
		}
	}
}

/* INSERT: prepared by the driver's prepare_insert, if it has one. */
static struct gk_stmt *query(struct gk_store *s, const char *sql, const struct gk_val *args,
			     bool insert, struct gk_error *err)
{
	insert = insert && s->drv->prepare_insert;
	struct gk_stmt *free_slot = NULL, *st = NULL;
	for (int i = 0; i < GK_STMT_CACHE; i++) {
		if (s->cache[i].sql == sql && s->cache[i].insert == insert) {
			st = &s->cache[i];
			break;
		}
		if (!s->cache[i].sql && !free_slot)
			free_slot = &s->cache[i];
	}
	if (!st) {
		void *h = insert ? s->drv->prepare_insert(s->conn, sql, err)
				 : s->drv->prepare(s->conn, sql, err);
		if (!h)
			return NULL;
		if (!free_slot) {
			/* cache full: evict a slot; statements are cheap to prepare again */
			free_slot = &s->cache[(uintptr_t)sql % GK_STMT_CACHE];
			s->drv->finalize(free_slot->handle);
		}
		st = free_slot;
		st->store = s;
		st->sql = sql;
		st->handle = h;
		st->insert = insert;
	} else if (st->stepped) {
		/* a statement not ended by its last user (a bug): start it clean */
		s->drv->reset(st->handle);
	}
	st->failed = false;
	st->stepped = false;
	bind_all(s, st, args);
	return st;
}

struct gk_stmt *gk_db_query(struct gk_store *s, const char *sql, const struct gk_val *args,
			    struct gk_error *err)
{
	return query(s, sql, args, false, err);
}

bool gk_stmt_row(struct gk_stmt *st)
{
	if (st->failed)
		return false;
	st->stepped = true;
	int r = st->store->drv->step(st->handle);
	if (r < 0) {
		struct gk_store *s = st->store;
		st->failed = true;
		s->fail_code = s->drv->fail(s->conn, &s->fail_unique, s->fail_detail,
					    sizeof s->fail_detail);
	}
	return r > 0;
}

enum gk_err gk_stmt_end(struct gk_stmt *st, const char *what, struct gk_error *err)
{
	if (!st)
		return GK_EDB;
	struct gk_store *s = st->store;
	s->drv->reset(st->handle);
	st->stepped = false;
	if (!st->failed) {
		s->fail_unique = false;
		return GK_OK;
	}
	st->failed = false;
	return gk_fail(err, s->fail_code, "%s: %s", what, s->fail_detail);
}

bool gk_db_unique_violation(const struct gk_store *s)
{
	return s->fail_unique;
}

int64_t gk_col_int(struct gk_stmt *st, int i)
{
	return st->store->drv->col_int(st->handle, i);
}

bool gk_col_bool(struct gk_stmt *st, int i)
{
	return gk_col_int(st, i) != 0;
}

const char *gk_col_text(struct gk_stmt *st, int i)
{
	size_t n;
	const char *t = st->store->drv->col_text(st->handle, i, &n);
	return t ? t : "";
}

const void *gk_col_blob(struct gk_stmt *st, int i, size_t *len)
{
	*len = 0;
	return st->store->drv->col_blob(st->handle, i, len);
}

long gk_col_day(struct gk_stmt *st, int i)
{
	struct gk_date d;
	const char *t = gk_col_text(st, i);
	return *t && gk_date_parse(t, &d) ? gk_date_to_days(d) : GK_NO_DAY;
}

void gk_col_copy(struct gk_stmt *st, int i, char *out, size_t n)
{
	size_t len = 0;
	const char *v = st->store->drv->col_text(st->handle, i, &len);
	if (!n)
		return;
	if (!v)
		len = 0;
	if (len >= n) {
		/* never cut a character in two */
		len = n - 1;
		while (len > 0 && ((unsigned char)v[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(out, v, len);
	out[len] = '\0';
}

char *gk_col_dup(struct gk_stmt *st, int i)
{
	size_t len = 0;
	const char *v = st->store->drv->col_text(st->handle, i, &len);
	if (!v || !len)
		return NULL;
	char *copy = malloc(len + 1);
	if (copy) {
		memcpy(copy, v, len);
		copy[len] = '\0';
	}
	return copy;
}

enum gk_err gk_db_exec(struct gk_store *s, const char *sql, const struct gk_val *args,
		       int64_t *changed, const char *what, struct gk_error *err)
{
	struct gk_stmt *st = gk_db_query(s, sql, args, err);
	if (!st)
		return GK_EDB;
	while (gk_stmt_row(st))
		;
	enum gk_err rc = gk_stmt_end(st, what, err);
	if (changed)
		*changed = rc ? 0 : s->drv->changes(s->conn);
	return rc;
}

enum gk_err gk_db_insert(struct gk_store *s, const char *sql, const struct gk_val *args,
			 int64_t *id, const char *what, struct gk_error *err)
{
	struct gk_stmt *st = query(s, sql, args, true, err);
	if (!st)
		return GK_EDB;
	while (gk_stmt_row(st))
		;
	enum gk_err rc = gk_stmt_end(st, what, err);
	if (!rc)
		*id = s->drv->last_id(s->conn); /* a failed insert leaves the caller's id alone */
	return rc;
}

enum gk_err gk_db_int(struct gk_store *s, const char *sql, const struct gk_val *args, int64_t *out,
		      const char *what, struct gk_error *err)
{
	struct gk_stmt *st = gk_db_query(s, sql, args, err);
	if (!st)
		return GK_EDB;
	bool found = gk_stmt_row(st);
	if (found)
		*out = gk_col_int(st, 0);
	while (found && gk_stmt_row(st))
		;
	enum gk_err rc = gk_stmt_end(st, what, err);
	if (rc)
		return rc;
	return found ? GK_OK : GK_ENOTFOUND;
}

enum gk_err gk_db_script(struct gk_store *s, const char *sql, struct gk_error *err)
{
	return s->drv->script(s->conn, sql, err);
}
