/* Online consultation (网上咨询, issue 15): questions, their answers and
 * the askers' personal data (a table of its own, read only when asked
 * for). The public list reads published questions only, newest first, a
 * page at a time after a key (the id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "store/db.h"

#define Q_COLUMNS                                                                              \
	"c.id, c.code, c.agency_id, g.code, g.name, c.subject, c.question, c.answer, "         \
	"c.received, c.consent, c.state, c.answered, c.answered_by, "                          \
	"COALESCE(u.display_name, ''), c.reason, c.published, COALESCE(c.application_id, 0), " \
	"COALESCE(a.tracking_code, '') "

#define Q_FROM                                                        \
	"FROM consultations c JOIN agencies g ON g.id = c.agency_id " \
	"LEFT JOIN users u ON u.id = c.answered_by "                  \
	"LEFT JOIN applications a ON a.id = c.application_id "

/* agency ?1's subtree, or every agency for 0 */
#define Q_SCOPE                                                                              \
	"(?1 = 0 OR substr(g.path, 1, length((SELECT path FROM agencies WHERE id = ?1))) = " \
	"(SELECT path FROM agencies WHERE id = ?1)) "

static char *dup_text(struct gk_stmt *st, int i)
{
	const char *t = gk_col_text(st, i);
	size_t n = strlen(t);
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, t, n + 1);
	return p;
}

static bool read_question(struct gk_stmt *st, struct gk_consultation *c)
{
	gk_consultation_init(c);
	c->id = gk_col_int(st, 0);
	gk_col_copy(st, 1, c->code, sizeof c->code);
	c->agency_id = gk_col_int(st, 2);
	gk_col_copy(st, 3, c->agency_code, sizeof c->agency_code);
	gk_col_copy(st, 4, c->agency_name, sizeof c->agency_name);
	gk_col_copy(st, 5, c->subject, sizeof c->subject);
	c->question = dup_text(st, 6);
	c->answer = dup_text(st, 7);
	c->received = gk_col_day(st, 8);
	c->consent = gk_col_bool(st, 9);
	gk_question_state_parse(gk_col_text(st, 10), &c->state);
	c->answered = gk_col_day(st, 11);
	c->answered_by = gk_col_int(st, 12);
	gk_col_copy(st, 13, c->answerer, sizeof c->answerer);
	gk_col_copy(st, 14, c->reason, sizeof c->reason);
	c->published = gk_col_bool(st, 15);
	c->application_id = gk_col_int(st, 16);
	gk_col_copy(st, 17, c->application_code, sizeof c->application_code);
	return c->question && c->answer;
}

enum gk_err gk_store_consultation_add(struct gk_store *s, struct gk_consultation *c,
				      struct gk_error *err)
{
	static const char insert[] =
		"INSERT INTO consultations(code, agency_id, subject, question, received, consent, "
		"state, answer, answered, answered_by, reason, published, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
	static const char insert_asker[] =
		"INSERT INTO consultation_askers(consultation_id, name, phone, email) "
		"VALUES (?1, ?2, ?3, ?4)";
	enum gk_err rc =
		gk_db_insert(s, insert,
			     GK_ARGS(GK_TEXT(c->code), GK_INT(c->agency_id), GK_TEXT(c->subject),
				     GK_TEXT(c->question), GK_DAY(c->received), GK_BOOL(c->consent),
				     GK_TEXT(gk_question_state_code(c->state)), GK_TEXT(c->answer),
				     GK_DAY(c->answered), GK_ID(c->answered_by), GK_TEXT(c->reason),
				     GK_BOOL(c->published), GK_INT(time(NULL))),
			     &c->id, "add consultation", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return gk_fail(err, GK_ECONFLICT, "咨询查询码“%s”已被使用", c->code);
	if (rc)
		return rc;
	const struct gk_asker *a = &c->asker;
	return gk_db_exec(
		s, insert_asker,
		GK_ARGS(GK_INT(c->id), GK_TEXT(a->name), GK_TEXT(a->phone), GK_TEXT(a->email)),
		NULL, "add consultation asker", err);
}

enum gk_err gk_store_consultation_update(struct gk_store *s, const struct gk_consultation *c,
					 struct gk_error *err)
{
	static const char sql[] =
		"UPDATE consultations SET state = ?2, answer = ?3, answered = ?4, answered_by = ?5, "
		"reason = ?6, published = ?7, application_id = ?8, updated_at = ?9 WHERE id = ?1";
	int64_t changed = 0;
	enum gk_err rc =
		gk_db_exec(s, sql,
			   GK_ARGS(GK_INT(c->id), GK_TEXT(gk_question_state_code(c->state)),
				   GK_TEXT(c->answer ? c->answer : ""), GK_DAY(c->answered),
				   GK_ID(c->answered_by), GK_TEXT(c->reason), GK_BOOL(c->published),
				   GK_ID(c->application_id), GK_INT(time(NULL))),
			   &changed, "update consultation", err);
	if (!rc && !changed)
		return gk_fail(err, GK_ENOTFOUND, "没有这条咨询");
	return rc;
}

static enum gk_err read_asker(struct gk_store *s, struct gk_consultation *c, struct gk_error *err)
{
	static const char sql[] =
		"SELECT name, phone, email FROM consultation_askers WHERE consultation_id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(c->id)), err);
	if (gk_stmt_row(st)) {
		gk_col_copy(st, 0, c->asker.name, sizeof c->asker.name);
		gk_col_copy(st, 1, c->asker.phone, sizeof c->asker.phone);
		gk_col_copy(st, 2, c->asker.email, sizeof c->asker.email);
	}
	return gk_stmt_end(st, "read consultation asker", err);
}

/* The one row ST selects into OUT (with the asker if WITH_ASKER). */
static enum gk_err read_one(struct gk_store *s, struct gk_stmt *st, bool with_asker,
			    struct gk_consultation *out, struct gk_error *err)
{
	bool found = false, ok = true;
	gk_consultation_init(out);
	if (gk_stmt_row(st)) {
		found = true;
		ok = read_question(st, out);
	}
	enum gk_err rc = gk_stmt_end(st, "read consultation", err);
	if (!rc && !ok)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "没有这条咨询");
	if (!rc && with_asker)
		rc = read_asker(s, out, err);
	if (rc)
		gk_consultation_release(out);
	return rc;
}

enum gk_err gk_store_consultation_get(struct gk_store *s, int64_t id, bool with_asker,
				      struct gk_consultation *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " Q_COLUMNS Q_FROM "WHERE c.id = ?1";
	return read_one(s, gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err), with_asker, out, err);
}

enum gk_err gk_store_consultation_by_code(struct gk_store *s, const char *code, bool with_asker,
					  struct gk_consultation *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " Q_COLUMNS Q_FROM "WHERE c.code = ?1";
	return read_one(s, gk_db_query(s, sql, GK_ARGS(GK_TEXT(code)), err), with_asker, out, err);
}

/* Q as a LIKE pattern matching it anywhere ('\' escapes), or "" for none. */
static char *like_pattern(const char *q)
{
	if (!q || !*q)
		return NULL;
	size_t n = strlen(q);
	char *p = malloc(2 * n + 3), *o = p;
	if (!p)
		return NULL;
	*o++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*o++ = '\\';
		*o++ = *q;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

enum gk_err gk_store_consultation_list(struct gk_store *s, const struct gk_question_filter *f,
				       int (*fn)(const struct gk_consultation *c, void *ctx),
				       void *ctx, struct gk_error *err)
{
	/* the public list: published only, by the (published, id) index */
	static const char published_sql[] =
		"SELECT " Q_COLUMNS Q_FROM
		"WHERE c.published = 1 AND c.id < ?2 AND (?3 = 0 OR c.agency_id = ?3) "
		"AND (?4 = '' OR lower(c.subject) LIKE lower(?4) ESCAPE '\\' "
		"OR lower(c.question) LIKE lower(?4) ESCAPE '\\' "
		"OR lower(c.answer) LIKE lower(?4) ESCAPE '\\') "
		"ORDER BY c.id DESC LIMIT ?5";
	/* the staff's queue: a subtree, a state */
	static const char staff_sql[] =
		"SELECT " Q_COLUMNS Q_FROM "WHERE " Q_SCOPE "AND c.id < ?2 "
		"AND (?3 = 0 OR c.agency_id = ?3) "
		"AND (?4 = '' OR lower(c.subject) LIKE lower(?4) ESCAPE '\\' "
		"OR lower(c.question) LIKE lower(?4) ESCAPE '\\' "
		"OR lower(c.answer) LIKE lower(?4) ESCAPE '\\') AND (?6 = '' OR c.state = ?6) "
		"ORDER BY c.id DESC LIMIT ?5";
	char *like = like_pattern(f->query);
	if (f->query && *f->query && !like)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	int64_t before = f->before > 0 ? f->before : INT64_MAX;
	const char *state =
		f->state >= 0 ? gk_question_state_code((enum gk_question_state)f->state) : "";
	struct gk_stmt *st =
		f->published ? gk_db_query(s, published_sql,
					   GK_ARGS(GK_INT(f->scope), GK_INT(before),
						   GK_INT(f->agency_id), GK_TEXT(like ? like : ""),
						   GK_INT(f->limit)),
					   err)
			     : gk_db_query(s, staff_sql,
					   GK_ARGS(GK_INT(f->scope), GK_INT(before),
						   GK_INT(f->agency_id), GK_TEXT(like ? like : ""),
						   GK_INT(f->limit), GK_TEXT(state)),
					   err);
	bool oom = false;
	while (gk_stmt_row(st)) {
		struct gk_consultation c;
		if (!read_question(st, &c)) {
			gk_consultation_release(&c);
			oom = true;
			break;
		}
		int stop = fn(&c, ctx);
		gk_consultation_release(&c);
		if (stop)
			break;
	}
	free(like);
	enum gk_err rc = gk_stmt_end(st, "list consultations", err);
	if (!rc && oom)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	return rc;
}

enum gk_err gk_store_consultation_counts(struct gk_store *s, int64_t scope, int year,
					 struct gk_question_counts *out, struct gk_error *err)
{
	static const char sql[] = "SELECT c.state, count(*), COALESCE(sum(c.published), 0) "
				  "FROM consultations c JOIN agencies g ON g.id = c.agency_id "
				  "WHERE " Q_SCOPE "AND c.received >= ?2 AND c.received < ?3 "
				  "GROUP BY c.state";
	char from[24], to[24];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-01-01", year + 1);
	memset(out, 0, sizeof *out);
	struct gk_stmt *st =
		gk_db_query(s, sql, GK_ARGS(GK_INT(scope), GK_TEXT(from), GK_TEXT(to)), err);
	while (gk_stmt_row(st)) {
		enum gk_question_state state;
		int64_t n = gk_col_int(st, 1);
		if (gk_question_state_parse(gk_col_text(st, 0), &state))
			out->by_state[state] = n;
		out->total += n;
		out->published += gk_col_int(st, 2);
	}
	return gk_stmt_end(st, "count consultations", err);
}
