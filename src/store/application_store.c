/* Applications for disclosure: the application, its applicant (a table of
 * its own, read only when asked for), the timeline, fee notices and the
 * queues. Days are 'YYYY-MM-DD' text ('' when unknown), which sorts as dates;
 * enumerations are stored as their codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "store/db.h"

GK_ENUM_DEFINE(gk_app_view, GK_APP_VIEW_LIST)

/* --- applications ---------------------------------------------------------------- */

#define APP_COLUMNS                                                                           \
	"a.id, a.tracking_code, a.agency_id, g.code, g.name, a.channel, a.registered_post, "  \
	"a.submitted, a.signed_for, a.confirmed, a.received, a.received_final, "              \
	"a.receipt_rule, a.applicant_type, a.description, a.doc_no, a.delivery, a.medium, "   \
	"a.state, a.outcome, a.handler_id, a.drafter_id, a.approver_id, "                     \
	"COALESCE(h.display_name, ''), COALESCE(d.display_name, ''), "                        \
	"COALESCE(v.display_name, ''), a.letter, a.replied, a.reply_way, a.due, a.base_due, " \
	"a.clock_state, a.provisional, a.on_time, a.after_extension, a.created_at, "          \
	"a.updated_at "

#define APP_FROM                                                                             \
	"FROM applications a JOIN agencies g ON g.id = a.agency_id "                         \
	"LEFT JOIN users h ON h.id = a.handler_id LEFT JOIN users d ON d.id = a.drafter_id " \
	"LEFT JOIN users v ON v.id = a.approver_id "

static int outcome_of(const char *code)
{
	enum gk_outcome o;
	return gk_outcome_parse(code, &o) ? (int)o : -1;
}

static const char *outcome_code(int outcome)
{
	return outcome >= 0 ? gk_outcome_code((enum gk_outcome)outcome) : "";
}

static void read_app(struct gk_stmt *st, struct gk_application *a)
{
	gk_application_init(a);
	a->id = gk_col_int(st, 0);
	gk_col_copy(st, 1, a->tracking_code, sizeof a->tracking_code);
	a->agency_id = gk_col_int(st, 2);
	gk_col_copy(st, 3, a->agency_code, sizeof a->agency_code);
	gk_col_copy(st, 4, a->agency_name, sizeof a->agency_name);
	gk_channel_parse(gk_col_text(st, 5), &a->channel);
	a->registered_post = gk_col_bool(st, 6);
	a->submitted = gk_col_day(st, 7);
	a->signed_for = gk_col_day(st, 8);
	a->confirmed = gk_col_day(st, 9);
	a->received = gk_col_day(st, 10);
	a->received_final = gk_col_bool(st, 11);
	gk_col_copy(st, 12, a->receipt_rule, sizeof a->receipt_rule);
	gk_applicant_type_parse(gk_col_text(st, 13), &a->applicant_type);
	gk_col_copy(st, 14, a->description, sizeof a->description);
	gk_col_copy(st, 15, a->doc_no, sizeof a->doc_no);
	gk_delivery_parse(gk_col_text(st, 16), &a->delivery);
	gk_col_copy(st, 17, a->medium, sizeof a->medium);
	gk_app_state_parse(gk_col_text(st, 18), &a->state);
	a->outcome = outcome_of(gk_col_text(st, 19));
	a->handler_id = gk_col_int(st, 20);
	a->drafter_id = gk_col_int(st, 21);
	a->approver_id = gk_col_int(st, 22);
	gk_col_copy(st, 23, a->handler_name, sizeof a->handler_name);
	gk_col_copy(st, 24, a->drafter_name, sizeof a->drafter_name);
	gk_col_copy(st, 25, a->approver_name, sizeof a->approver_name);
	gk_col_copy(st, 26, a->letter, sizeof a->letter);
	a->replied = gk_col_day(st, 27);
	gk_delivery_parse(gk_col_text(st, 28), &a->reply_way);
	a->due = gk_col_day(st, 29);
	a->base_due = gk_col_day(st, 30);
	gk_clock_state_parse(gk_col_text(st, 31), &a->clock_state);
	a->provisional = gk_col_bool(st, 32);
	a->on_time = gk_col_bool(st, 33);
	a->after_extension = gk_col_bool(st, 34);
	a->created_at = gk_col_int(st, 35);
	a->updated_at = gk_col_int(st, 36);
}

enum gk_err gk_store_application_add(struct gk_store *s, struct gk_application *app,
				     struct gk_error *err)
{
	static const char insert[] =
		"INSERT INTO applications(tracking_code, agency_id, channel, registered_post, "
		"submitted, signed_for, confirmed, received, received_final, receipt_rule, "
		"applicant_type, description, doc_no, delivery, medium, state, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"?15, ?16, ?17, ?17)";
	static const char insert_applicant[] =
		"INSERT INTO applicants(application_id, name, id_number, phone, email, address) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	const struct gk_applicant *p = &app->applicant;
	enum gk_err rc = gk_db_insert(
		s, insert,
		GK_ARGS(GK_TEXT(app->tracking_code), GK_INT(app->agency_id),
			GK_TEXT(gk_channel_code(app->channel)), GK_BOOL(app->registered_post),
			GK_DAY(app->submitted), GK_DAY(app->signed_for), GK_DAY(app->confirmed),
			GK_DAY(app->received), GK_BOOL(app->received_final),
			GK_TEXT(app->receipt_rule),
			GK_TEXT(gk_applicant_type_code(app->applicant_type)),
			GK_TEXT(app->description), GK_TEXT(app->doc_no),
			GK_TEXT(gk_delivery_code(app->delivery)), GK_TEXT(app->medium),
			GK_TEXT(gk_app_state_code(app->state)), GK_INT(time(NULL))),
		&app->id, "add application", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return gk_fail(err, GK_ECONFLICT, "查询码“%s”已被使用", app->tracking_code);
	if (rc)
		return rc;
	return gk_db_exec(s, insert_applicant,
			  GK_ARGS(GK_INT(app->id), GK_TEXT(p->name), GK_TEXT(p->id_number),
				  GK_TEXT(p->phone), GK_TEXT(p->email), GK_TEXT(p->address)),
			  NULL, "add applicant", err);
}

enum gk_err gk_store_application_update(struct gk_store *s, const struct gk_application *app,
					struct gk_error *err)
{
	static const char sql[] =
		"UPDATE applications SET confirmed = ?2, received = ?3, received_final = ?4, "
		"receipt_rule = ?5, state = ?6, outcome = ?7, handler_id = ?8, drafter_id = ?9, "
		"approver_id = ?10, letter = ?11, replied = ?12, reply_way = ?13, due = ?14, "
		"base_due = ?15, clock_state = ?16, provisional = ?17, on_time = ?18, "
		"after_extension = ?19, is_open = ?20, updated_at = ?21 WHERE id = ?1";
	int64_t changed;
	enum gk_err rc = gk_db_exec(
		s, sql,
		GK_ARGS(GK_INT(app->id), GK_DAY(app->confirmed), GK_DAY(app->received),
			GK_BOOL(app->received_final), GK_TEXT(app->receipt_rule),
			GK_TEXT(gk_app_state_code(app->state)), GK_TEXT(outcome_code(app->outcome)),
			GK_ID(app->handler_id), GK_ID(app->drafter_id), GK_ID(app->approver_id),
			GK_TEXT(app->letter), GK_DAY(app->replied),
			GK_TEXT(app->replied != GK_NO_DAY ? gk_delivery_code(app->reply_way) : ""),
			GK_DAY(app->due), GK_DAY(app->base_due),
			GK_TEXT(gk_clock_state_code(app->clock_state)), GK_BOOL(app->provisional),
			GK_BOOL(app->on_time), GK_BOOL(app->after_extension),
			GK_BOOL(gk_app_state_open(app->state)), GK_INT(time(NULL))),
		&changed, "update application", err);
	if (!rc && changed == 0)
		rc = gk_fail(err, GK_ENOTFOUND, "没有编号为%lld的申请", (long long)app->id);
	return rc;
}

static enum gk_err load_applicant(struct gk_store *s, struct gk_application *a,
				  struct gk_error *err)
{
	static const char sql[] = "SELECT name, id_number, phone, email, address FROM applicants "
				  "WHERE application_id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(a->id)), err);
	if (st && gk_stmt_row(st)) {
		gk_col_copy(st, 0, a->applicant.name, sizeof a->applicant.name);
		gk_col_copy(st, 1, a->applicant.id_number, sizeof a->applicant.id_number);
		gk_col_copy(st, 2, a->applicant.phone, sizeof a->applicant.phone);
		gk_col_copy(st, 3, a->applicant.email, sizeof a->applicant.email);
		gk_col_copy(st, 4, a->applicant.address, sizeof a->applicant.address);
	}
	return gk_stmt_end(st, "read applicant", err);
}

static enum gk_err get_one(struct gk_store *s, struct gk_stmt *st, bool with_applicant,
			   struct gk_application *out, struct gk_error *err)
{
	bool found = st && gk_stmt_row(st);
	if (found)
		read_app(st, out);
	enum gk_err rc = gk_stmt_end(st, "read application", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "没有这件申请");
	if (!rc && with_applicant)
		rc = load_applicant(s, out, err);
	return rc;
}

enum gk_err gk_store_application_get(struct gk_store *s, int64_t id, bool with_applicant,
				     struct gk_application *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " APP_COLUMNS APP_FROM "WHERE a.id = ?1";
	return get_one(s, gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err), with_applicant, out, err);
}

enum gk_err gk_store_application_by_code(struct gk_store *s, const char *code, bool with_applicant,
					 struct gk_application *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " APP_COLUMNS APP_FROM "WHERE a.tracking_code = ?1";
	return get_one(s, gk_db_query(s, sql, GK_ARGS(GK_TEXT(code)), err), with_applicant, out,
		       err);
}

/* One statement for every queue: the view's code picks the condition, so the
 * SQL stays constant. ?1 view, ?2 scope, ?3 agency, ?4 user, ?5 today,
 * ?6 due_by, ?7 year ('YYYY' or ''), ?8 handler (0/1), ?9 reviewer (0/1),
 * ?10 limit, ?11 offset. */
#define LIST_WHERE                                                                               \
	"WHERE (?2 = 0 OR substr(g.path, 1, length((SELECT path FROM agencies WHERE id = ?2))) " \
	"  = (SELECT path FROM agencies WHERE id = ?2)) "                                        \
	"AND (?3 = 0 OR a.agency_id = ?3) "                                                      \
	"AND (?7 = '' OR substr(a.received, 1, 4) = ?7) "                                        \
	"AND CASE ?1 "                                                                           \
	"  WHEN 'open' THEN a.is_open = 1 "                                                      \
	"  WHEN 'mine' THEN a.is_open = 1 AND a.handler_id = ?4 "                                \
	"  WHEN 'intake' THEN a.state IN ('received', 'registered') "                            \
	"  WHEN 'review' THEN a.state = 'drafted' "                                              \
	"  WHEN 'due' THEN a.is_open = 1 AND a.clock_state = 'running' AND a.due <> '' "         \
	"    AND a.due >= ?5 AND a.due <= ?6 "                                                   \
	"  WHEN 'overdue' THEN a.is_open = 1 AND a.clock_state = 'running' AND a.due <> '' "     \
	"    AND a.due < ?5 "                                                                    \
	"  WHEN 'action' THEN (?8 = 1 AND (a.state = 'received' OR "                             \
	"    (a.state IN ('assigned', 'approved') AND a.handler_id = ?4))) "                     \
	"    OR (?9 = 1 AND (a.state = 'registered' OR "                                         \
	"    (a.state = 'drafted' AND a.drafter_id <> ?4))) "                                    \
	"  ELSE 1 = 1 END "

/* YEAR as 'YYYY', the way received days start; '' for any year. */
static const char *year_text(int year, char out[8])
{
	out[0] = '\0';
	if (year > 0 && year < 10000)
		snprintf(out, 8, "%04d", year);
	return out;
}

enum gk_err gk_store_application_list(struct gk_store *s, const struct gk_app_filter *f,
				      int (*fn)(const struct gk_application *app, void *ctx),
				      void *ctx, int64_t *total, struct gk_error *err)
{
	static const char sql[] =
		"SELECT " APP_COLUMNS APP_FROM LIST_WHERE
		"ORDER BY CASE WHEN a.is_open = 1 AND a.clock_state = 'running' AND a.due <> '' "
		"THEN 0 WHEN a.is_open = 1 THEN 1 ELSE 2 END, "
		"CASE WHEN a.is_open = 1 THEN a.due ELSE '' END, a.received DESC, a.id DESC "
		"LIMIT ?10 OFFSET ?11";
	static const char count_sql[] = "SELECT count(*) " APP_FROM LIST_WHERE;
	char year[8];
	year_text(f->year, year);
#define FILTER_ARGS                                                                     \
	GK_TEXT(gk_app_view_code(f->view)), GK_INT(f->scope), GK_INT(f->agency_id),     \
		GK_INT(f->user_id), GK_DAY(f->today), GK_DAY(f->due_by), GK_TEXT(year), \
		GK_INT((f->roles & GK_ROLE_HANDLER) != 0),                              \
		GK_INT((f->roles & GK_ROLE_REVIEWER) != 0)
	enum gk_err rc;
	if (total) {
		*total = 0;
		rc = gk_db_int(s, count_sql, GK_ARGS(FILTER_ARGS), total, "count applications",
			       err);
		if (rc && rc != GK_ENOTFOUND)
			return rc;
	}
	if (!fn)
		return GK_OK;
	struct gk_application *a = malloc(sizeof *a);
	if (!a)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	/* no limit: the largest, not -1, which PostgreSQL refuses */
	struct gk_stmt *st =
		gk_db_query(s, sql,
			    GK_ARGS(FILTER_ARGS, GK_INT(f->limit > 0 ? f->limit : INT64_MAX),
				    GK_INT(f->offset)),
			    err);
#undef FILTER_ARGS
	while (st && gk_stmt_row(st)) {
		read_app(st, a);
		if (fn(a, ctx))
			break;
	}
	free(a);
	return gk_stmt_end(st, "list applications", err);
}

enum gk_err
gk_store_application_agency_counts(struct gk_store *s, int64_t scope, long today, int year,
				   int (*fn)(const struct gk_app_agency_counts *c, void *ctx),
				   void *ctx, struct gk_error *err)
{
	static const char sql[] =
		"SELECT g.code, g.name, sum(a.is_open), "
		"sum(CASE WHEN a.is_open = 1 AND a.clock_state = 'running' AND a.due <> '' "
		"AND a.due < ?2 THEN 1 ELSE 0 END), "
		"sum(CASE WHEN substr(a.received, 1, 4) = ?3 THEN 1 ELSE 0 END) "
		"FROM applications a JOIN agencies g ON g.id = a.agency_id "
		"WHERE ?1 = 0 OR substr(g.path, 1, length((SELECT path FROM agencies WHERE id = ?1))) "
		"= (SELECT path FROM agencies WHERE id = ?1) "
		"GROUP BY g.id, g.code, g.name, g.path ORDER BY g.path";
	char y[8];
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_INT(scope), GK_DAY(today), GK_TEXT(year_text(year, y))), err);
	while (st && gk_stmt_row(st)) {
		struct gk_app_agency_counts c = {0};
		gk_col_copy(st, 0, c.code, sizeof c.code);
		gk_col_copy(st, 1, c.name, sizeof c.name);
		c.open = gk_col_int(st, 2);
		c.overdue = gk_col_int(st, 3);
		c.received = gk_col_int(st, 4);
		if (fn(&c, ctx))
			break;
	}
	return gk_stmt_end(st, "count applications by agency", err);
}

enum gk_err gk_store_application_open_ids(struct gk_store *s, int64_t **ids, size_t *count,
					  struct gk_error *err)
{
	static const char sql[] = "SELECT id FROM applications WHERE is_open = 1 ORDER BY id";
	*ids = NULL;
	*count = 0;
	size_t cap = 0;
	enum gk_err rc = GK_OK;
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	while (st && gk_stmt_row(st)) {
		if (*count == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			int64_t *n = realloc(*ids, ncap * sizeof *n);
			if (!n) {
				rc = gk_fail(err, GK_ENOMEM, "out of memory");
				break;
			}
			*ids = n;
			cap = ncap;
		}
		(*ids)[(*count)++] = gk_col_int(st, 0);
	}
	enum gk_err end = gk_stmt_end(st, "list open applications", err);
	if (!rc)
		rc = end;
	if (rc) {
		free(*ids);
		*ids = NULL;
		*count = 0;
	}
	return rc;
}

enum gk_err gk_store_application_month_count(struct gk_store *s, const struct gk_application *app,
					     int *count, struct gk_error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM applications a JOIN applicants p ON p.application_id = a.id "
		"JOIN applicants me ON me.application_id = ?1 "
		"WHERE a.agency_id = ?2 AND substr(a.received, 1, 7) = substr(?3, 1, 7) "
		"AND (a.received < ?3 OR (a.received = ?3 AND a.id <= ?1)) "
		"AND CASE WHEN me.id_number <> '' THEN p.id_number = me.id_number "
		"ELSE p.name = me.name END";
	int64_t n = 0;
	enum gk_err rc = gk_db_int(
		s, sql, GK_ARGS(GK_INT(app->id), GK_INT(app->agency_id), GK_DAY(app->received)), &n,
		"count the applicant's applications", err);
	if (rc == GK_ENOTFOUND)
		rc = GK_OK;
	*count = n > 0 ? (int)n : 1;
	return rc;
}

/* --- the timeline -------------------------------------------------------------------- */

enum gk_err gk_store_app_event_add(struct gk_store *s, int64_t app_id, struct gk_app_event *ev,
				   struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO application_events(application_id, day, action, user_id, state_from, "
		"state_to, note, clock, days, until, party, outcome, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	return gk_db_insert(
		s, sql,
		GK_ARGS(GK_INT(app_id), GK_DAY(ev->day), GK_TEXT(ev->action), GK_ID(ev->user_id),
			GK_TEXT(ev->from), GK_TEXT(ev->to), GK_TEXT(ev->note),
			GK_TEXT(ev->clock >= 0 ? gk_clock_kind_code((enum gk_clock_kind)ev->clock)
					       : ""),
			GK_INT(ev->days), GK_DAY(ev->until),
			GK_TEXT(gk_consult_party_code(ev->party)),
			GK_TEXT(outcome_code(ev->outcome)), GK_INT(time(NULL))),
		&ev->id, "add event", err);
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
	struct gk_app_event *ev = malloc(sizeof *ev);
	if (!ev)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(app_id)), err);
	while (st && gk_stmt_row(st)) {
		memset(ev, 0, sizeof *ev);
		ev->id = gk_col_int(st, 0);
		ev->at = gk_col_int(st, 1);
		ev->day = gk_col_day(st, 2);
		gk_col_copy(st, 3, ev->action, sizeof ev->action);
		ev->user_id = gk_col_int(st, 4);
		gk_col_copy(st, 5, ev->user_name, sizeof ev->user_name);
		gk_col_copy(st, 6, ev->from, sizeof ev->from);
		gk_col_copy(st, 7, ev->to, sizeof ev->to);
		gk_col_copy(st, 8, ev->note, sizeof ev->note);
		enum gk_clock_kind kind;
		ev->clock = gk_clock_kind_parse(gk_col_text(st, 9), &kind) ? (int)kind : -1;
		ev->days = (int)gk_col_int(st, 10);
		ev->until = gk_col_day(st, 11);
		gk_consult_party_parse(gk_col_text(st, 12), &ev->party);
		ev->outcome = outcome_of(gk_col_text(st, 13));
		if (fn(ev, ctx))
			break;
	}
	free(ev);
	return gk_stmt_end(st, "list events", err);
}

/* --- fees ------------------------------------------------------------------------------- */

enum gk_err gk_store_app_fee_add(struct gk_store *s, int64_t app_id, struct gk_app_fee *fee,
				 struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO application_fees(application_id, method, first_no, item_count, pages, "
		"amount, notice_day, notice_received, payment_due, explain, status) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'open')";
	return gk_db_insert(s, sql,
			    GK_ARGS(GK_INT(app_id), GK_TEXT(gk_fee_method_code(fee->method)),
				    GK_INT(fee->first), GK_INT(fee->count), GK_INT(fee->pages),
				    GK_INT(fee->amount), GK_DAY(fee->notice_day),
				    GK_DAY(fee->notice_received), GK_DAY(fee->payment_due),
				    GK_TEXT(fee->explain)),
			    &fee->id, "add fee notice", err);
}

enum gk_err gk_store_app_fee_settle(struct gk_store *s, int64_t app_id, enum gk_fee_status status,
				    long day, struct gk_error *err)
{
	static const char sql[] = "UPDATE application_fees SET status = ?2, settled_day = ?3 "
				  "WHERE application_id = ?1 AND status = 'open'";
	int64_t changed;
	enum gk_err rc = gk_db_exec(
		s, sql, GK_ARGS(GK_INT(app_id), GK_TEXT(gk_fee_status_code(status)), GK_DAY(day)),
		&changed, "settle fee notice", err);
	if (!rc && changed == 0)
		rc = gk_fail(err, GK_ENOTFOUND, "没有待缴费的收费通知");
	return rc;
}

enum gk_err gk_store_app_fees(struct gk_store *s, int64_t app_id,
			      int (*fn)(const struct gk_app_fee *fee, void *ctx), void *ctx,
			      struct gk_error *err)
{
	static const char sql[] =
		"SELECT id, method, first_no, item_count, pages, amount, notice_day, "
		"notice_received, payment_due, status, settled_day, explain FROM application_fees "
		"WHERE application_id = ?1 ORDER BY id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(app_id)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_app_fee f = {0};
		f.id = gk_col_int(st, 0);
		gk_fee_method_parse(gk_col_text(st, 1), &f.method);
		f.first = (int)gk_col_int(st, 2);
		f.count = (int)gk_col_int(st, 3);
		f.pages = (int)gk_col_int(st, 4);
		f.amount = gk_col_int(st, 5);
		f.notice_day = gk_col_day(st, 6);
		f.notice_received = gk_col_day(st, 7);
		f.payment_due = gk_col_day(st, 8);
		gk_fee_status_parse(gk_col_text(st, 9), &f.status);
		f.settled_day = gk_col_day(st, 10);
		gk_col_copy(st, 11, f.explain, sizeof f.explain);
		if (fn(&f, ctx))
			break;
	}
	return gk_stmt_end(st, "list fee notices", err);
}
