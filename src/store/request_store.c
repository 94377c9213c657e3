/* Applications for disclosure in SQLite: the application, its applicant
 * (a table of its own, read only when asked for), the timeline, fee
 * notices and queue queries. */
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "store/db.h"

/* --- days as 'YYYY-MM-DD' text ('' when unknown) ------------------------------ */

static void bind_day(sqlite3_stmt *st, int i, long day)
{
	char text[11] = "";
	if (day != GK_NO_DAY)
		gk_date_format(gk_date_from_days(day), text);
	sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

static long column_day(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	struct gk_date d;
	return t && gk_date_parse(t, &d) ? gk_date_to_days(d) : GK_NO_DAY;
}

static int64_t column_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* --- applications ---------------------------------------------------------------- */

#define APP_COLUMNS                                                                          \
	"a.id, a.tracking_code, a.agency_id, g.code, g.name, a.channel, a.registered_post, "   \
	"a.submitted, a.signed_for, a.confirmed, a.received, a.received_final, "             \
	"a.receipt_rule, a.applicant_type, a.description, a.doc_no, a.delivery, a.medium, "  \
	"a.state, a.outcome, a.handler_id, a.drafter_id, a.approver_id, "                    \
	"COALESCE(h.display_name, ''), COALESCE(d.display_name, ''), "                       \
	"COALESCE(v.display_name, ''), a.letter, a.replied, a.reply_way, a.due, a.base_due, " \
	"a.clock_state, a.provisional, a.on_time, a.after_extension, a.created_at, "         \
	"a.updated_at "

#define APP_FROM                                                                     \
	"FROM applications a JOIN agencies g ON g.id = a.agency_id "                  \
	"LEFT JOIN users h ON h.id = a.handler_id LEFT JOIN users d ON d.id = a.drafter_id " \
	"LEFT JOIN users v ON v.id = a.approver_id "

static void read_app(sqlite3_stmt *st, struct gk_application *a)
{
	char text[64];
	gk_application_init(a);
	a->id = sqlite3_column_int64(st, 0);
	gk_db_column_copy(st, 1, a->tracking_code, sizeof a->tracking_code);
	a->agency_id = sqlite3_column_int64(st, 2);
	gk_db_column_copy(st, 3, a->agency_code, sizeof a->agency_code);
	gk_db_column_copy(st, 4, a->agency_name, sizeof a->agency_name);
	gk_db_column_copy(st, 5, text, sizeof text);
	gk_channel_parse(text, &a->channel);
	a->registered_post = sqlite3_column_int(st, 6) != 0;
	a->submitted = column_day(st, 7);
	a->signed_for = column_day(st, 8);
	a->confirmed = column_day(st, 9);
	a->received = column_day(st, 10);
	a->received_final = sqlite3_column_int(st, 11) != 0;
	gk_db_column_copy(st, 12, a->receipt_rule, sizeof a->receipt_rule);
	gk_db_column_copy(st, 13, text, sizeof text);
	gk_applicant_type_parse(text, &a->applicant_type);
	gk_db_column_copy(st, 14, a->description, sizeof a->description);
	gk_db_column_copy(st, 15, a->doc_no, sizeof a->doc_no);
	gk_db_column_copy(st, 16, text, sizeof text);
	gk_delivery_parse(text, &a->delivery);
	gk_db_column_copy(st, 17, a->medium, sizeof a->medium);
	gk_db_column_copy(st, 18, text, sizeof text);
	gk_app_state_parse(text, &a->state);
	gk_db_column_copy(st, 19, text, sizeof text);
	enum gk_outcome o;
	a->outcome = gk_outcome_parse(text, &o) ? (int)o : -1;
	a->handler_id = column_id(st, 20);
	a->drafter_id = column_id(st, 21);
	a->approver_id = column_id(st, 22);
	gk_db_column_copy(st, 23, a->handler_name, sizeof a->handler_name);
	gk_db_column_copy(st, 24, a->drafter_name, sizeof a->drafter_name);
	gk_db_column_copy(st, 25, a->approver_name, sizeof a->approver_name);
	gk_db_column_copy(st, 26, a->letter, sizeof a->letter);
	a->replied = column_day(st, 27);
	gk_db_column_copy(st, 28, text, sizeof text);
	gk_delivery_parse(text, &a->reply_way);
	a->due = column_day(st, 29);
	a->base_due = column_day(st, 30);
	a->clock_state = (enum gk_clock_state)sqlite3_column_int(st, 31);
	a->provisional = sqlite3_column_int(st, 32) != 0;
	a->on_time = sqlite3_column_int(st, 33) != 0;
	a->after_extension = sqlite3_column_int(st, 34) != 0;
	a->created_at = sqlite3_column_int64(st, 35);
	a->updated_at = sqlite3_column_int64(st, 36);
}

enum gk_err gk_store_application_add(struct gk_store *s, struct gk_application *app,
				     struct gk_error *err)
{
	static const char insert[] =
		"INSERT INTO applications(tracking_code, agency_id, channel, registered_post, "
		"submitted, signed_for, confirmed, received, received_final, receipt_rule, "
		"applicant_type, description, doc_no, delivery, medium, state) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
	static const char insert_applicant[] =
		"INSERT INTO applicants(application_id, name, id_number, phone, email, address) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = gk_db_prepare(s, insert, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, app->tracking_code);
	sqlite3_bind_int64(st, 2, app->agency_id);
	gk_db_bind_text(st, 3, gk_channel_info(app->channel)->code);
	sqlite3_bind_int(st, 4, app->registered_post);
	bind_day(st, 5, app->submitted);
	bind_day(st, 6, app->signed_for);
	bind_day(st, 7, app->confirmed);
	bind_day(st, 8, app->received);
	sqlite3_bind_int(st, 9, app->received_final);
	gk_db_bind_text(st, 10, app->receipt_rule);
	gk_db_bind_text(st, 11, gk_applicant_type_info(app->applicant_type)->code);
	gk_db_bind_text(st, 12, app->description);
	gk_db_bind_text(st, 13, app->doc_no);
	gk_db_bind_text(st, 14, gk_delivery_code(app->delivery));
	gk_db_bind_text(st, 15, app->medium);
	gk_db_bind_text(st, 16, gk_app_state_code(app->state));
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "add application");
	app->id = sqlite3_last_insert_rowid(s->db);
	st = gk_db_prepare(s, insert_applicant, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app->id);
	gk_db_bind_text(st, 2, app->applicant.name);
	gk_db_bind_text(st, 3, app->applicant.id_number);
	gk_db_bind_text(st, 4, app->applicant.phone);
	gk_db_bind_text(st, 5, app->applicant.email);
	gk_db_bind_text(st, 6, app->applicant.address);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "add applicant");
	return GK_OK;
}

enum gk_err gk_store_application_update(struct gk_store *s, const struct gk_application *app,
					struct gk_error *err)
{
	static const char sql[] =
		"UPDATE applications SET confirmed = ?2, received = ?3, received_final = ?4, "
		"receipt_rule = ?5, state = ?6, outcome = ?7, handler_id = ?8, drafter_id = ?9, "
		"approver_id = ?10, letter = ?11, replied = ?12, reply_way = ?13, due = ?14, "
		"base_due = ?15, clock_state = ?16, provisional = ?17, on_time = ?18, "
		"after_extension = ?19, is_open = ?20, updated_at = unixepoch() WHERE id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app->id);
	bind_day(st, 2, app->confirmed);
	bind_day(st, 3, app->received);
	sqlite3_bind_int(st, 4, app->received_final);
	gk_db_bind_text(st, 5, app->receipt_rule);
	gk_db_bind_text(st, 6, gk_app_state_code(app->state));
	const struct gk_outcome_info *oi =
		app->outcome >= 0 ? gk_outcome_info((enum gk_outcome)app->outcome) : NULL;
	gk_db_bind_text(st, 7, oi ? oi->code : "");
	bind_id(st, 8, app->handler_id);
	bind_id(st, 9, app->drafter_id);
	bind_id(st, 10, app->approver_id);
	gk_db_bind_text(st, 11, app->letter);
	bind_day(st, 12, app->replied);
	gk_db_bind_text(st, 13, app->replied != GK_NO_DAY ? gk_delivery_code(app->reply_way) : "");
	bind_day(st, 14, app->due);
	bind_day(st, 15, app->base_due);
	sqlite3_bind_int(st, 16, (int)app->clock_state);
	sqlite3_bind_int(st, 17, app->provisional);
	sqlite3_bind_int(st, 18, app->on_time);
	sqlite3_bind_int(st, 19, app->after_extension);
	sqlite3_bind_int(st, 20, gk_app_state_open(app->state));
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "update application");
	if (sqlite3_changes(s->db) == 0)
		return gk_fail(err, GK_ENOTFOUND, "no application %lld", (long long)app->id);
	return GK_OK;
}

static enum gk_err load_applicant(struct gk_store *s, struct gk_application *a,
				  struct gk_error *err)
{
	static const char sql[] = "SELECT name, id_number, phone, email, address FROM applicants "
				  "WHERE application_id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		gk_db_column_copy(st, 0, a->applicant.name, sizeof a->applicant.name);
		gk_db_column_copy(st, 1, a->applicant.id_number, sizeof a->applicant.id_number);
		gk_db_column_copy(st, 2, a->applicant.phone, sizeof a->applicant.phone);
		gk_db_column_copy(st, 3, a->applicant.email, sizeof a->applicant.email);
		gk_db_column_copy(st, 4, a->applicant.address, sizeof a->applicant.address);
	}
	sqlite3_reset(st);
	return GK_OK;
}

static enum gk_err get_one(struct gk_store *s, sqlite3_stmt *st, bool with_applicant,
			   struct gk_application *out, struct gk_error *err)
{
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_app(st, out);
	sqlite3_reset(st);
	if (step == SQLITE_DONE)
		return gk_fail(err, GK_ENOTFOUND, "there is no such application");
	if (step != SQLITE_ROW)
		return gk_db_fail(s, err, "read application");
	return with_applicant ? load_applicant(s, out, err) : GK_OK;
}

enum gk_err gk_store_application_get(struct gk_store *s, int64_t id, bool with_applicant,
				     struct gk_application *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " APP_COLUMNS APP_FROM "WHERE a.id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	return get_one(s, st, with_applicant, out, err);
}

enum gk_err gk_store_application_by_code(struct gk_store *s, const char *code,
					 bool with_applicant, struct gk_application *out,
					 struct gk_error *err)
{
	static const char sql[] = "SELECT " APP_COLUMNS APP_FROM "WHERE a.tracking_code = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, code);
	return get_one(s, st, with_applicant, out, err);
}

/* One statement for every queue: the view picks the condition through bound
 * values, so the SQL stays constant. ?1 view, ?2 scope, ?3 agency, ?4 user,
 * ?5 today, ?6 due_by, ?7 year, ?8 limit, ?9 offset. */
#define LIST_WHERE                                                                              \
	"WHERE (?2 = 0 OR substr(g.path, 1, length((SELECT path FROM agencies WHERE id = ?2))) " \
	"  = (SELECT path FROM agencies WHERE id = ?2)) "                                      \
	"AND (?3 = 0 OR a.agency_id = ?3) "                                                     \
	"AND (?7 = 0 OR substr(a.received, 1, 4) = printf('%04d', ?7)) "                        \
	"AND CASE ?1 "                                                                          \
	"  WHEN 1 THEN a.is_open "                                                              \
	"  WHEN 2 THEN a.is_open AND a.handler_id = ?4 "                                        \
	"  WHEN 3 THEN a.state IN ('received', 'registered') "                                  \
	"  WHEN 4 THEN a.state = 'drafted' "                                                    \
	"  WHEN 5 THEN a.is_open AND a.clock_state = 0 AND a.due <> '' AND a.due >= ?5 "       \
	"    AND a.due <= ?6 "                                                                  \
	"  WHEN 6 THEN a.is_open AND a.clock_state = 0 AND a.due <> '' AND a.due < ?5 "        \
	"  ELSE 1 END "

enum gk_err gk_store_application_list(struct gk_store *s, const struct gk_app_filter *f,
				      int (*fn)(const struct gk_application *app, void *ctx),
				      void *ctx, int64_t *total, struct gk_error *err)
{
	static const char sql[] =
		"SELECT " APP_COLUMNS APP_FROM LIST_WHERE
		"ORDER BY CASE WHEN ?1 IN (0, 3) THEN '' ELSE (CASE WHEN a.due = '' THEN '9999' "
		"ELSE a.due END) END, a.received DESC, a.id DESC LIMIT ?8 OFFSET ?9";
	static const char count_sql[] = "SELECT count(*) " APP_FROM LIST_WHERE;
	const char *const texts[2] = {sql, count_sql};
	for (int pass = total ? 1 : 0; pass >= (fn ? 0 : 1); pass--) {
		sqlite3_stmt *st = gk_db_prepare(s, texts[pass], err);
		if (!st)
			return GK_EDB;
		sqlite3_bind_int(st, 1, (int)f->view);
		sqlite3_bind_int64(st, 2, f->scope);
		sqlite3_bind_int64(st, 3, f->agency_id);
		sqlite3_bind_int64(st, 4, f->user_id);
		bind_day(st, 5, f->today);
		bind_day(st, 6, f->due_by);
		sqlite3_bind_int(st, 7, f->year);
		if (pass == 1) {
			int rc = sqlite3_step(st);
			*total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
			sqlite3_reset(st);
			if (rc != SQLITE_ROW)
				return gk_db_fail(s, err, "count applications");
			continue;
		}
		sqlite3_bind_int64(st, 8, f->limit > 0 ? f->limit : -1);
		sqlite3_bind_int64(st, 9, f->offset);
		struct gk_application *a = malloc(sizeof *a);
		if (!a) {
			sqlite3_reset(st);
			return gk_fail(err, GK_ENOMEM, "out of memory");
		}
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			read_app(st, a);
			if (fn(a, ctx))
				break;
		}
		free(a);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return gk_db_fail(s, err, "list applications");
	}
	return GK_OK;
}

enum gk_err gk_store_application_agency_counts(
	struct gk_store *s, int64_t scope, long today, int year,
	int (*fn)(const struct gk_app_agency_counts *c, void *ctx), void *ctx, struct gk_error *err)
{
	static const char sql[] =
		"SELECT g.code, g.name, sum(a.is_open), "
		"sum(a.is_open AND a.clock_state = 0 AND a.due <> '' AND a.due < ?2), "
		"sum(substr(a.received, 1, 4) = printf('%04d', ?3)) "
		"FROM applications a JOIN agencies g ON g.id = a.agency_id "
		"WHERE ?1 = 0 OR substr(g.path, 1, length((SELECT path FROM agencies WHERE id = ?1))) "
		"= (SELECT path FROM agencies WHERE id = ?1) "
		"GROUP BY g.id ORDER BY g.path";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, scope);
	bind_day(st, 2, today);
	sqlite3_bind_int(st, 3, year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_app_agency_counts c = {0};
		gk_db_column_copy(st, 0, c.code, sizeof c.code);
		gk_db_column_copy(st, 1, c.name, sizeof c.name);
		c.open = sqlite3_column_int64(st, 2);
		c.overdue = sqlite3_column_int64(st, 3);
		c.received = sqlite3_column_int64(st, 4);
		if (fn(&c, ctx))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_fail(s, err, "count applications by agency");
	return GK_OK;
}

enum gk_err gk_store_application_open_ids(struct gk_store *s, int64_t **ids, size_t *count,
					  struct gk_error *err)
{
	static const char sql[] = "SELECT id FROM applications WHERE is_open ORDER BY id";
	*ids = NULL;
	*count = 0;
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			int64_t *n = realloc(*ids, ncap * sizeof *n);
			if (!n) {
				sqlite3_reset(st);
				free(*ids);
				*ids = NULL;
				*count = 0;
				return gk_fail(err, GK_ENOMEM, "out of memory");
			}
			*ids = n;
			cap = ncap;
		}
		(*ids)[(*count)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*count = 0;
		return gk_db_fail(s, err, "list open applications");
	}
	return GK_OK;
}

int gk_store_application_month_count(struct gk_store *s, const struct gk_application *app)
{
	static const char sql[] =
		"SELECT count(*) FROM applications a JOIN applicants p ON p.application_id = a.id "
		"JOIN applicants me ON me.application_id = ?1 "
		"WHERE a.agency_id = ?2 AND substr(a.received, 1, 7) = substr(?3, 1, 7) "
		"AND (a.received < ?3 OR (a.received = ?3 AND a.id <= ?1)) "
		"AND CASE WHEN me.id_number <> '' THEN p.id_number = me.id_number "
		"ELSE p.name = me.name END";
	sqlite3_stmt *st = gk_db_prepare(s, sql, NULL);
	if (!st)
		return 1;
	sqlite3_bind_int64(st, 1, app->id);
	sqlite3_bind_int64(st, 2, app->agency_id);
	bind_day(st, 3, app->received);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
	sqlite3_reset(st);
	return n > 0 ? n : 1;
}

/* --- the timeline -------------------------------------------------------------------- */

enum gk_err gk_store_app_event_add(struct gk_store *s, int64_t app_id, struct gk_app_event *ev,
				   struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO application_events(application_id, day, action, user_id, state_from, "
		"state_to, note, clock, days, until, party, outcome) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	bind_day(st, 2, ev->day);
	gk_db_bind_text(st, 3, ev->action);
	bind_id(st, 4, ev->user_id);
	gk_db_bind_text(st, 5, ev->from);
	gk_db_bind_text(st, 6, ev->to);
	gk_db_bind_text(st, 7, ev->note);
	if (ev->clock >= 0)
		sqlite3_bind_int(st, 8, ev->clock);
	else
		sqlite3_bind_null(st, 8);
	sqlite3_bind_int(st, 9, ev->days);
	bind_day(st, 10, ev->until);
	sqlite3_bind_int(st, 11, (int)ev->party);
	const struct gk_outcome_info *oi =
		ev->outcome >= 0 ? gk_outcome_info((enum gk_outcome)ev->outcome) : NULL;
	gk_db_bind_text(st, 12, oi ? oi->code : "");
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "add event");
	ev->id = sqlite3_last_insert_rowid(s->db);
	return GK_OK;
}

enum gk_err gk_store_app_events(struct gk_store *s, int64_t app_id,
				int (*fn)(const struct gk_app_event *ev, void *ctx), void *ctx,
				struct gk_error *err)
{
	static const char sql[] =
		"SELECT e.id, e.at, e.day, e.action, COALESCE(e.user_id, 0), "
		"COALESCE(u.display_name, ''), e.state_from, e.state_to, e.note, e.clock, e.days, "
		"e.until, e.party, e.outcome FROM application_events e "
		"LEFT JOIN users u ON u.id = e.user_id WHERE e.application_id = ?1 ORDER BY e.id";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	struct gk_app_event *ev = malloc(sizeof *ev);
	if (!ev) {
		sqlite3_reset(st);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char text[64];
		memset(ev, 0, sizeof *ev);
		ev->id = sqlite3_column_int64(st, 0);
		ev->at = sqlite3_column_int64(st, 1);
		ev->day = column_day(st, 2);
		gk_db_column_copy(st, 3, ev->action, sizeof ev->action);
		ev->user_id = sqlite3_column_int64(st, 4);
		gk_db_column_copy(st, 5, ev->user_name, sizeof ev->user_name);
		gk_db_column_copy(st, 6, ev->from, sizeof ev->from);
		gk_db_column_copy(st, 7, ev->to, sizeof ev->to);
		gk_db_column_copy(st, 8, ev->note, sizeof ev->note);
		ev->clock = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
		ev->days = sqlite3_column_int(st, 10);
		ev->until = column_day(st, 11);
		ev->party = (enum gk_consult_party)sqlite3_column_int(st, 12);
		gk_db_column_copy(st, 13, text, sizeof text);
		enum gk_outcome o;
		ev->outcome = gk_outcome_parse(text, &o) ? (int)o : -1;
		if (fn(ev, ctx))
			break;
	}
	free(ev);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_fail(s, err, "list events");
	return GK_OK;
}

/* --- fees ------------------------------------------------------------------------------- */

enum gk_err gk_store_app_fee_add(struct gk_store *s, int64_t app_id, struct gk_app_fee *fee,
				 struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO application_fees(application_id, method, first_no, item_count, pages, "
		"amount, notice_day, notice_received, payment_due, explain) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	gk_db_bind_text(st, 2, gk_fee_method_code(fee->method));
	sqlite3_bind_int(st, 3, fee->first);
	sqlite3_bind_int(st, 4, fee->count);
	sqlite3_bind_int(st, 5, fee->pages);
	sqlite3_bind_int64(st, 6, fee->amount);
	bind_day(st, 7, fee->notice_day);
	bind_day(st, 8, fee->notice_received);
	bind_day(st, 9, fee->payment_due);
	gk_db_bind_text(st, 10, fee->explain);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "add fee notice");
	fee->id = sqlite3_last_insert_rowid(s->db);
	return GK_OK;
}

enum gk_err gk_store_app_fee_settle(struct gk_store *s, int64_t app_id, enum gk_fee_status status,
				    long day, struct gk_error *err)
{
	static const char sql[] = "UPDATE application_fees SET status = ?2, settled_day = ?3 "
				  "WHERE application_id = ?1 AND status = 0";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	sqlite3_bind_int(st, 2, (int)status);
	bind_day(st, 3, day);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "settle fee notice");
	if (sqlite3_changes(s->db) == 0)
		return gk_fail(err, GK_ENOTFOUND, "no open fee notice");
	return GK_OK;
}

enum gk_err gk_store_app_fees(struct gk_store *s, int64_t app_id,
			      int (*fn)(const struct gk_app_fee *fee, void *ctx), void *ctx,
			      struct gk_error *err)
{
	static const char sql[] =
		"SELECT id, method, first_no, item_count, pages, amount, notice_day, "
		"notice_received, payment_due, status, settled_day, explain FROM application_fees "
		"WHERE application_id = ?1 ORDER BY id";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, app_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_app_fee f = {0};
		char text[32];
		f.id = sqlite3_column_int64(st, 0);
		gk_db_column_copy(st, 1, text, sizeof text);
		gk_fee_method_parse(text, &f.method);
		f.first = sqlite3_column_int(st, 2);
		f.count = sqlite3_column_int(st, 3);
		f.pages = sqlite3_column_int(st, 4);
		f.amount = sqlite3_column_int64(st, 5);
		f.notice_day = column_day(st, 6);
		f.notice_received = column_day(st, 7);
		f.payment_due = column_day(st, 8);
		f.status = (enum gk_fee_status)sqlite3_column_int(st, 9);
		f.settled_day = column_day(st, 10);
		gk_db_column_copy(st, 11, f.explain, sizeof f.explain);
		if (fn(&f, ctx))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_fail(s, err, "list fee notices");
	return GK_OK;
}
