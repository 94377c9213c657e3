/* The notice outbox (issue 15; the migration "notices" in migrations.c):
 * notices, the sender's attempts, staff preferences and contacts, and the
 * scan's reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define NOTICE_COLUMNS                                                                   \
	"id, kind, channel, recipient, subject, body, coalesce(application_id, 0),"      \
	" coalesce(user_id, 0), coalesce(agency_id, 0), day, idem_key, state, attempts," \
	" next_attempt_at, claim_until, created_at, sent_at, delivered_at, last_error, receipt"

static void read_notice(struct gk_stmt *st, struct gk_notice *n)
{
	memset(n, 0, sizeof *n);
	n->id = gk_col_int(st, 0);
	if (!gk_notice_kind_parse(gk_col_text(st, 1), &n->kind))
		n->kind = GK_NOTICE_RECEIPT;
	if (!gk_notice_channel_parse(gk_col_text(st, 2), &n->channel))
		n->channel = GK_NOTICE_NONE;
	gk_col_copy(st, 3, n->recipient, sizeof n->recipient);
	gk_col_copy(st, 4, n->subject, sizeof n->subject);
	gk_col_copy(st, 5, n->body, sizeof n->body);
	n->application_id = gk_col_int(st, 6);
	n->user_id = gk_col_int(st, 7);
	n->agency_id = gk_col_int(st, 8);
	n->day = gk_col_day(st, 9);
	gk_col_copy(st, 10, n->key, sizeof n->key);
	if (!gk_notice_state_parse(gk_col_text(st, 11), &n->state))
		n->state = GK_NOTICE_PENDING;
	n->attempts = (int)gk_col_int(st, 12);
	n->next_attempt_at = gk_col_int(st, 13);
	n->claim_until = gk_col_int(st, 14);
	n->created_at = gk_col_int(st, 15);
	n->sent_at = gk_col_int(st, 16);
	n->delivered_at = gk_col_int(st, 17);
	gk_col_copy(st, 18, n->last_error, sizeof n->last_error);
	gk_col_copy(st, 19, n->receipt, sizeof n->receipt);
}

enum gk_err gk_store_notice_add(struct gk_store *s, struct gk_notice *n, bool *added,
				struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO notices(kind, channel, recipient, subject, body, application_id,"
		" user_id, agency_id, day, idem_key, state, next_attempt_at, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
		" ON CONFLICT(idem_key) DO NOTHING";
	static const char by_key[] = "SELECT id FROM notices WHERE idem_key = ?1";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(
		s, sql,
		GK_ARGS(GK_TEXT(gk_notice_kind_code(n->kind)),
			GK_TEXT(gk_notice_channel_code(n->channel)), GK_TEXT(n->recipient),
			GK_TEXT(n->subject), GK_TEXT(n->body), GK_ID(n->application_id),
			GK_ID(n->user_id), GK_ID(n->agency_id), GK_DAY(n->day), GK_TEXT(n->key),
			GK_TEXT(gk_notice_state_code(n->state)), GK_INT(n->next_attempt_at),
			GK_INT(n->created_at)),
		&changed, "add notice", err);
	if (rc)
		return rc;
	if (added)
		*added = changed == 1;
	return gk_db_int(s, by_key, GK_ARGS(GK_TEXT(n->key)), &n->id, "find notice", err);
}

enum gk_err gk_store_notice_get(struct gk_store *s, int64_t id, struct gk_notice *out,
				struct gk_error *err)
{
	static const char sql[] = "SELECT " NOTICE_COLUMNS " FROM notices WHERE id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st);
	if (found)
		read_notice(st, out);
	enum gk_err rc = gk_stmt_end(st, "read notice", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "没有这条通知");
	return rc;
}

enum gk_err gk_store_notices_due(struct gk_store *s, int64_t now, int64_t *ids, size_t cap,
				 size_t *n, struct gk_error *err)
{
	static const char sql[] =
		"SELECT id FROM notices WHERE (state = 'pending' AND next_attempt_at <= ?1)"
		" OR (state = 'sending' AND claim_until < ?1) ORDER BY next_attempt_at, id"
		" LIMIT ?2";
	*n = 0;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(now), GK_INT(cap)), err);
	while (st && *n < cap && gk_stmt_row(st))
		ids[(*n)++] = gk_col_int(st, 0);
	return gk_stmt_end(st, "list notices due", err);
}

enum gk_err gk_store_notice_claim(struct gk_store *s, int64_t id, int64_t now, int64_t claim_until,
				  bool *claimed, struct gk_error *err)
{
	static const char sql[] =
		"UPDATE notices SET state = 'sending', claim_until = ?3, attempts = attempts + 1"
		" WHERE id = ?1 AND (channel = 'email' OR channel = 'sms')"
		" AND ((state = 'pending' AND next_attempt_at <= ?2)"
		" OR (state = 'sending' AND claim_until < ?2))";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id), GK_INT(now), GK_INT(claim_until)),
				    &changed, "claim notice", err);
	*claimed = !rc && changed == 1;
	return rc;
}

enum gk_err gk_store_notice_finish(struct gk_store *s, int64_t id, enum gk_notice_state state,
				   int64_t next_attempt_at, int64_t sent_at, const char *last_error,
				   const char *receipt, struct gk_error *err)
{
	static const char sql[] =
		"UPDATE notices SET state = ?2, next_attempt_at = ?3, claim_until = 0,"
		" sent_at = CASE WHEN ?4 > 0 THEN ?4 ELSE sent_at END, last_error = ?5,"
		" receipt = CASE WHEN ?6 <> '' THEN ?6 ELSE receipt END WHERE id = ?1";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_INT(id), GK_TEXT(gk_notice_state_code(state)),
				  GK_INT(next_attempt_at), GK_INT(sent_at), GK_TEXT(last_error),
				  GK_TEXT(receipt)),
			  NULL, "finish notice", err);
}

enum gk_err gk_store_notices_keep_pending(struct gk_store *s, const char *reason,
					  struct gk_error *err)
{
	static const char sql[] = "UPDATE notices SET state = 'kept', next_attempt_at = 0,"
				  " last_error = ?1 WHERE state = 'pending'";
	return gk_db_exec(s, sql, GK_ARGS(GK_TEXT(reason)), NULL, "keep notices", err);
}

enum gk_err gk_store_notice_requeue(struct gk_store *s, int64_t id, int64_t now, bool *done,
				    struct gk_error *err)
{
	static const char sql[] =
		"UPDATE notices SET state = 'pending', attempts = 0, next_attempt_at = ?2,"
		" claim_until = 0 WHERE id = ?1 AND state = 'failed'"
		" AND (channel = 'email' OR channel = 'sms')";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id), GK_INT(now)), &changed,
				    "requeue notice", err);
	*done = !rc && changed == 1;
	return rc;
}

enum gk_err gk_store_notice_delivered(struct gk_store *s, int64_t id, int64_t at, bool *changed,
				      struct gk_error *err)
{
	/* once: a second report changes nothing; never before it was sent */
	static const char sql[] =
		"UPDATE notices SET state = 'delivered',"
		" delivered_at = CASE WHEN ?2 > sent_at THEN ?2 ELSE sent_at END WHERE id = ?1 AND state = 'sent'";
	int64_t n = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id), GK_INT(at)), &n,
				    "mark notice delivered", err);
	if (changed)
		*changed = !rc && n == 1;
	return rc;
}

enum gk_err gk_store_notice_undelivered(struct gk_store *s, int64_t id, const char *reason,
					bool *changed, struct gk_error *err)
{
	static const char sql[] = "UPDATE notices SET state = 'failed', last_error = ?2"
				  " WHERE id = ?1 AND state = 'sent'";
	int64_t n = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id), GK_TEXT(reason)), &n,
				    "mark notice undelivered", err);
	if (changed)
		*changed = !rc && n == 1;
	return rc;
}

enum gk_err gk_store_notice_by_receipt(struct gk_store *s, enum gk_notice_channel channel,
				       const char *receipt, int64_t *id, struct gk_error *err)
{
	static const char sql[] = "SELECT id FROM notices WHERE channel = ?1 AND receipt = ?2"
				  " AND receipt <> '' ORDER BY id DESC LIMIT 1";
	*id = 0;
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_TEXT(gk_notice_channel_code(channel)), GK_TEXT(receipt)), err);
	if (st && gk_stmt_row(st))
		*id = gk_col_int(st, 0);
	return gk_stmt_end(st, "find notice by receipt", err);
}

enum gk_err gk_store_notice_attempt_add(struct gk_store *s, const struct gk_notice_attempt *a,
					struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO notice_attempts(notice_id, at, outcome, detail) VALUES (?1, ?2, ?3, ?4)";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_INT(a->notice_id), GK_INT(a->at),
				  GK_TEXT(gk_notice_outcome_code(a->outcome)), GK_TEXT(a->detail)),
			  NULL, "record notice attempt", err);
}

enum gk_err gk_store_notices_of_application(struct gk_store *s, int64_t app_id,
					    int (*fn)(const struct gk_notice *n, void *ctx),
					    void *ctx, struct gk_error *err)
{
	static const char sql[] =
		"SELECT " NOTICE_COLUMNS " FROM notices WHERE application_id = ?1 ORDER BY id";
	struct gk_notice *n = malloc(sizeof *n);
	if (!n)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(app_id)), err);
	while (st && gk_stmt_row(st)) {
		read_notice(st, n);
		if (fn(n, ctx))
			break;
	}
	free(n);
	return gk_stmt_end(st, "list notices", err);
}

enum gk_err gk_store_notices_of_user(struct gk_store *s, int64_t user_id, int limit,
				     int (*fn)(const struct gk_notice *n, void *ctx), void *ctx,
				     struct gk_error *err)
{
	static const char sql[] = "SELECT " NOTICE_COLUMNS
				  " FROM notices WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2";
	struct gk_notice *n = malloc(sizeof *n);
	if (!n)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(user_id), GK_INT(limit)), err);
	while (st && gk_stmt_row(st)) {
		read_notice(st, n);
		if (fn(n, ctx))
			break;
	}
	free(n);
	return gk_stmt_end(st, "list a person's notices", err);
}

enum gk_err gk_store_notice_attempts(struct gk_store *s, int64_t notice_id,
				     int (*fn)(const struct gk_notice_attempt *a, void *ctx),
				     void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT id, notice_id, at, outcome, detail FROM notice_attempts"
				  " WHERE notice_id = ?1 ORDER BY id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(notice_id)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_notice_attempt a = {0};
		a.id = gk_col_int(st, 0);
		a.notice_id = gk_col_int(st, 1);
		a.at = gk_col_int(st, 2);
		if (!gk_notice_outcome_parse(gk_col_text(st, 3), &a.outcome))
			a.outcome = GK_NOTICE_OUT_TEMPORARY;
		gk_col_copy(st, 4, a.detail, sizeof a.detail);
		if (fn(&a, ctx))
			break;
	}
	return gk_stmt_end(st, "list notice attempts", err);
}

enum gk_err gk_store_notice_prefs(struct gk_store *s, int64_t user_id,
				  enum gk_notice_channel channel[GK_NOTICE_COUNT],
				  bool set[GK_NOTICE_COUNT], struct gk_error *err)
{
	static const char sql[] = "SELECT kind, channel FROM notice_prefs WHERE user_id = ?1";
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		set[k] = false;
		channel[k] = GK_NOTICE_NONE;
	}
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(user_id)), err);
	while (st && gk_stmt_row(st)) {
		enum gk_notice_kind k;
		enum gk_notice_channel c;
		if (gk_notice_kind_parse(gk_col_text(st, 0), &k) &&
		    gk_notice_channel_parse(gk_col_text(st, 1), &c)) {
			set[k] = true;
			channel[k] = c;
		}
	}
	return gk_stmt_end(st, "read notice preferences", err);
}

enum gk_err gk_store_notice_pref_set(struct gk_store *s, int64_t user_id, enum gk_notice_kind kind,
				     enum gk_notice_channel channel, struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO notice_prefs(user_id, kind, channel) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(user_id, kind) DO UPDATE SET channel = excluded.channel";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_INT(user_id), GK_TEXT(gk_notice_kind_code(kind)),
				  GK_TEXT(gk_notice_channel_code(channel))),
			  NULL, "store notice preference", err);
}

enum gk_err gk_store_staff_contact(struct gk_store *s, int64_t user_id, char *email,
				   size_t email_size, char *phone, size_t phone_size,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT email, phone FROM staff_contacts WHERE user_id = ?1";
	email[0] = phone[0] = '\0';
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(user_id)), err);
	if (st && gk_stmt_row(st)) {
		gk_col_copy(st, 0, email, email_size);
		gk_col_copy(st, 1, phone, phone_size);
	}
	return gk_stmt_end(st, "read staff contact", err);
}

enum gk_err gk_store_staff_contact_set(struct gk_store *s, int64_t user_id, const char *email,
				       const char *phone, struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO staff_contacts(user_id, email, phone) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(user_id) DO UPDATE SET email = excluded.email,"
		" phone = excluded.phone";
	return gk_db_exec(s, sql, GK_ARGS(GK_INT(user_id), GK_TEXT(email), GK_TEXT(phone)), NULL,
			  "store staff contact", err);
}

enum gk_err gk_store_notice_cases(struct gk_store *s, long until,
				  int (*fn)(const struct gk_notice_case *c, void *ctx), void *ctx,
				  struct gk_error *err)
{
	static const char sql[] =
		"SELECT a.id, a.agency_id, coalesce(a.handler_id, 0), a.tracking_code, g.name,"
		" a.due, a.state FROM applications a JOIN agencies g ON g.id = a.agency_id"
		" WHERE a.is_open = 1 AND a.due <> '' AND a.due <= ?1 ORDER BY a.due, a.id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_DAY(until)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_notice_case c = {0};
		c.id = gk_col_int(st, 0);
		c.agency_id = gk_col_int(st, 1);
		c.handler_id = gk_col_int(st, 2);
		gk_col_copy(st, 3, c.tracking_code, sizeof c.tracking_code);
		gk_col_copy(st, 4, c.agency_name, sizeof c.agency_name);
		c.due = gk_col_day(st, 5);
		if (!gk_app_state_parse(gk_col_text(st, 6), &c.state))
			c.state = GK_STATE_REGISTERED;
		if (fn(&c, ctx))
			break;
	}
	return gk_stmt_end(st, "list cases for notices", err);
}

enum gk_err gk_store_city_office_users(struct gk_store *s,
				       int (*fn)(const struct gk_user *u, void *ctx), void *ctx,
				       struct gk_error *err)
{
	static const char sql[] =
		"SELECT u.id, u.agency_id, u.login, u.display_name, u.roles, a.name FROM users u"
		" JOIN agencies a ON a.id = u.agency_id WHERE a.supervises = 1 AND u.disabled = 0"
		" ORDER BY u.id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	while (st && gk_stmt_row(st)) {
		struct gk_user u;
		memset(&u, 0, sizeof u);
		u.id = gk_col_int(st, 0);
		u.agency_id = gk_col_int(st, 1);
		gk_col_copy(st, 2, u.login, sizeof u.login);
		gk_col_copy(st, 3, u.display_name, sizeof u.display_name);
		u.roles = (unsigned)gk_col_int(st, 4);
		u.city_wide = true;
		gk_col_copy(st, 5, u.agency_name, sizeof u.agency_name);
		if (fn(&u, ctx))
			break;
	}
	return gk_stmt_end(st, "list city office staff", err);
}

/* --- templates administrators edit (migration 21, notice_templates) --- */

enum gk_err gk_store_notice_template_get(struct gk_store *s, enum gk_notice_kind kind,
					 struct gk_notice_template *out, bool *found,
					 struct gk_error *err)
{
	static const char sql[] = "SELECT subject, body, coalesce(updated_by, 0), updated_at"
				  " FROM notice_templates WHERE kind = ?1";
	memset(out, 0, sizeof *out);
	out->kind = kind;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_TEXT(gk_notice_kind_code(kind))), err);
	*found = st && gk_stmt_row(st);
	if (*found) {
		gk_col_copy(st, 0, out->subject, sizeof out->subject);
		gk_col_copy(st, 1, out->body, sizeof out->body);
		out->updated_by = gk_col_int(st, 2);
		out->updated_at = gk_col_int(st, 3);
	}
	return gk_stmt_end(st, "read notice template", err);
}

enum gk_err gk_store_notice_template_set(struct gk_store *s, const struct gk_notice_template *t,
					 struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO notice_templates(kind, subject, body, updated_by, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(kind) DO UPDATE SET"
		" subject = excluded.subject, body = excluded.body,"
		" updated_by = excluded.updated_by, updated_at = excluded.updated_at";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_TEXT(gk_notice_kind_code(t->kind)), GK_TEXT(t->subject),
				  GK_TEXT(t->body), GK_ID(t->updated_by), GK_INT(t->updated_at)),
			  NULL, "save notice template", err);
}

enum gk_err gk_store_notice_template_delete(struct gk_store *s, enum gk_notice_kind kind,
					    bool *deleted, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM notice_templates WHERE kind = ?1";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_TEXT(gk_notice_kind_code(kind))), &changed,
				    "reset notice template", err);
	if (deleted)
		*deleted = changed > 0;
	return rc;
}
