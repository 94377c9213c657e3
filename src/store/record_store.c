/* The records the yearly report counts beyond items and applications
 * (migration 13): disputes, complaints, responses and the per-year figures.
 * Days are 'YYYY-MM-DD' text ('' when absent), enumerations their codes, a
 * response's channels the codes joined by commas. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/db.h"

/* --- shared -------------------------------------------------------------------- */

/* The subtree and agency conditions of every listing: ?1 scope, ?2 agency,
 * ?3 first day of the year ('' = any), ?4 its last day; T is the table's
 * alias, DAY its day column. */
#define SCOPE_WHERE(t)                                                                           \
	"WHERE (?1 = 0 OR substr(g.path, 1, length((SELECT path FROM agencies WHERE id = ?1))) " \
	"  = (SELECT path FROM agencies WHERE id = ?1)) "                                        \
	"AND (?2 = 0 OR " t ".agency_id = ?2) "
#define YEAR_WHERE(day) "AND (?3 = '' OR (" day " >= ?3 AND " day " <= ?4)) "

/* The names read beside each record: agency, creator, last editor. */
#define NAME_COLUMNS(t) \
	"g.code, g.name, COALESCE(cu.display_name, ''), COALESCE(uu.display_name, '')"
#define NAME_JOINS(t)                                                                \
	"JOIN agencies g ON g.id = " t ".agency_id LEFT JOIN users cu ON cu.id = " t \
	".created_by LEFT JOIN users uu ON uu.id = " t ".updated_by "

struct year_range {
	char first[11], last[11];
};

static void year_range(int year, struct year_range *y)
{
	y->first[0] = y->last[0] = '\0';
	if (year > 0 && year < 10000) {
		snprintf(y->first, sizeof y->first, "%04d-01-01", year);
		snprintf(y->last, sizeof y->last, "%04d-12-31", year);
	}
}

/* no limit: the largest, not -1, which PostgreSQL refuses */
#define FILTER_ARGS(f, y)                                                                  \
	GK_INT((f)->scope), GK_INT((f)->agency_id), GK_TEXT((y).first), GK_TEXT((y).last), \
		GK_INT((f)->limit > 0 ? (f)->limit : INT64_MAX), GK_INT((f)->offset)

static void read_names(struct gk_stmt *st, int col, struct gk_record_names *n)
{
	gk_col_copy(st, col, n->agency_code, sizeof n->agency_code);
	gk_col_copy(st, col + 1, n->agency_name, sizeof n->agency_name);
	gk_col_copy(st, col + 2, n->created_by, sizeof n->created_by);
	gk_col_copy(st, col + 3, n->updated_by, sizeof n->updated_by);
}

/* After an UPDATE … WHERE id AND revision changed nothing: which it was. */
static enum gk_err stale_or_missing(struct gk_store *s, const char *probe, int64_t id,
				    const char *what, struct gk_error *err)
{
	int64_t exists;
	enum gk_err rc = gk_db_int(s, probe, GK_ARGS(GK_INT(id)), &exists, what, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_ENOTFOUND, "记录 %lld 不存在", (long long)id);
	if (rc)
		return rc;
	return gk_fail(err, GK_ECONFLICT, "该记录已被他人修改：请重新打开后再修改");
}

static enum gk_err deleted(enum gk_err rc, int64_t changed, int64_t id, struct gk_error *err)
{
	if (!rc && changed == 0)
		return gk_fail(err, GK_ENOTFOUND, "记录 %lld 不存在", (long long)id);
	return rc;
}

/* --- disputes ------------------------------------------------------------------ */

#define DISPUTE_COLUMNS                                                                         \
	"d.id, d.agency_id, d.kind, COALESCE(d.application_id, 0), COALESCE(d.review_id, 0), "  \
	"d.case_no, d.authority, d.subject, d.filed, d.decided, d.result, d.note, d.revision, " \
	"COALESCE(d.created_by, 0), COALESCE(d.updated_by, 0), d.created_at, d.updated_at, "    \
	"COALESCE(a.tracking_code, ''), COALESCE(r.case_no, ''), " NAME_COLUMNS("d") " "
#define DISPUTE_FROM                                                                                       \
	"FROM disputes d " NAME_JOINS(                                                                     \
		"d") "LEFT JOIN applications a ON a.id = d.application_id LEFT JOIN disputes r ON r.id = " \
		     "d.review_id "

static void read_dispute(struct gk_stmt *st, struct gk_dispute *d, struct gk_record_names *n)
{
	memset(d, 0, sizeof *d);
	d->id = gk_col_int(st, 0);
	d->agency_id = gk_col_int(st, 1);
	gk_dispute_kind_parse(gk_col_text(st, 2), &d->kind);
	d->application_id = gk_col_int(st, 3);
	d->review_id = gk_col_int(st, 4);
	gk_col_copy(st, 5, d->case_no, sizeof d->case_no);
	gk_col_copy(st, 6, d->authority, sizeof d->authority);
	gk_col_copy(st, 7, d->subject, sizeof d->subject);
	d->filed = gk_col_day(st, 8);
	d->decided = gk_col_day(st, 9);
	gk_dispute_result_parse(gk_col_text(st, 10), &d->result);
	gk_col_copy(st, 11, d->note, sizeof d->note);
	d->revision = (int)gk_col_int(st, 12);
	d->created_by = gk_col_int(st, 13);
	d->updated_by = gk_col_int(st, 14);
	d->created_at = gk_col_int(st, 15);
	d->updated_at = gk_col_int(st, 16);
	if (n) {
		memset(n, 0, sizeof *n);
		gk_col_copy(st, 17, n->application_code, sizeof n->application_code);
		gk_col_copy(st, 18, n->review_case_no, sizeof n->review_case_no);
		read_names(st, 19, n);
	}
}

#define DISPUTE_FIELDS(d)                                                                 \
	GK_INT((d)->agency_id), GK_TEXT(gk_dispute_kind_code((d)->kind)),                 \
		GK_ID((d)->application_id), GK_ID((d)->review_id), GK_TEXT((d)->case_no), \
		GK_TEXT((d)->authority), GK_TEXT((d)->subject), GK_DAY((d)->filed),       \
		GK_DAY((d)->decided), GK_TEXT(gk_dispute_result_code((d)->result)),       \
		GK_TEXT((d)->note)

enum gk_err gk_store_dispute_insert(struct gk_store *s, struct gk_dispute *d, int64_t user_id,
				    struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO disputes(agency_id, kind, application_id, review_id, case_no, "
		"authority, subject, filed, decided, result, note, revision, created_by, "
		"updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		"?10, ?11, 1, ?12, ?12, ?13, ?13)";
	int64_t now = (int64_t)time(NULL);
	enum gk_err rc =
		gk_db_insert(s, sql, GK_ARGS(DISPUTE_FIELDS(d), GK_ID(user_id), GK_INT(now)),
			     &d->id, "add dispute", err);
	if (!rc) {
		d->revision = 1;
		d->created_by = d->updated_by = user_id;
		d->created_at = d->updated_at = now;
	}
	return rc;
}

enum gk_err gk_store_dispute_update(struct gk_store *s, struct gk_dispute *d, int64_t user_id,
				    struct gk_error *err)
{
	static const char sql[] =
		"UPDATE disputes SET agency_id = ?1, kind = ?2, application_id = ?3, review_id = ?4, "
		"case_no = ?5, authority = ?6, subject = ?7, filed = ?8, decided = ?9, result = ?10, "
		"note = ?11, revision = revision + 1, updated_by = ?12, updated_at = ?13 "
		"WHERE id = ?14 AND revision = ?15";
	static const char probe[] = "SELECT 1 FROM disputes WHERE id = ?1";
	int64_t changed, now = (int64_t)time(NULL);
	enum gk_err rc = gk_db_exec(s, sql,
				    GK_ARGS(DISPUTE_FIELDS(d), GK_ID(user_id), GK_INT(now),
					    GK_INT(d->id), GK_INT(d->revision)),
				    &changed, "save dispute", err);
	if (rc)
		return rc;
	if (changed == 0)
		return stale_or_missing(s, probe, d->id, "read dispute", err);
	d->revision++;
	d->updated_by = user_id;
	d->updated_at = now;
	return GK_OK;
}

enum gk_err gk_store_dispute_get(struct gk_store *s, int64_t id, struct gk_dispute *out,
				 struct gk_record_names *names, struct gk_error *err)
{
	static const char sql[] = "SELECT " DISPUTE_COLUMNS DISPUTE_FROM "WHERE d.id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st);
	if (found)
		read_dispute(st, out, names);
	enum gk_err rc = gk_stmt_end(st, "read dispute", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "案件 %lld 不存在", (long long)id);
	return rc;
}

enum gk_err gk_store_dispute_by_case(struct gk_store *s, int64_t agency_id, const char *case_no,
				     int64_t *id, struct gk_error *err)
{
	static const char sql[] =
		"SELECT id FROM disputes WHERE agency_id = ?1 AND case_no = ?2 ORDER BY id LIMIT 1";
	return gk_db_int(s, sql, GK_ARGS(GK_INT(agency_id), GK_TEXT(case_no)), id, "find dispute",
			 err);
}

enum gk_err gk_store_dispute_delete(struct gk_store *s, int64_t id, struct gk_error *err)
{
	static const char unlink_sql[] =
		"UPDATE disputes SET review_id = NULL WHERE review_id = ?1";
	static const char sql[] = "DELETE FROM disputes WHERE id = ?1";
	int64_t changed = 0;
	enum gk_err rc =
		gk_db_exec(s, unlink_sql, GK_ARGS(GK_INT(id)), NULL, "unlink dispute", err);
	if (!rc)
		rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id)), &changed, "delete dispute", err);
	return deleted(rc, changed, id, err);
}

typedef int dispute_fn(const struct gk_dispute *d, const struct gk_record_names *n, void *ctx);

static enum gk_err each_dispute(struct gk_stmt *st, dispute_fn *fn, void *ctx, struct gk_error *err)
{
	struct gk_dispute d;
	struct gk_record_names n;
	while (st && gk_stmt_row(st)) {
		read_dispute(st, &d, &n);
		if (fn(&d, &n, ctx))
			break;
	}
	return gk_stmt_end(st, "list disputes", err);
}

enum gk_err gk_store_dispute_list(struct gk_store *s, const struct gk_record_filter *f,
				  dispute_fn *fn, void *ctx, int64_t *total, struct gk_error *err)
{
	static const char sql[] = "SELECT " DISPUTE_COLUMNS DISPUTE_FROM SCOPE_WHERE("d")
		YEAR_WHERE("d.filed") "ORDER BY d.filed DESC, d.id DESC LIMIT ?5 OFFSET ?6";
	static const char count_sql[] = "SELECT count(*) FROM disputes d JOIN agencies g ON g.id = "
					"d.agency_id " SCOPE_WHERE("d") YEAR_WHERE("d.filed");
	struct year_range y;
	year_range(f->year, &y);
	enum gk_err rc;
	if (total) {
		*total = 0;
		rc = gk_db_int(s, count_sql,
			       GK_ARGS(GK_INT(f->scope), GK_INT(f->agency_id), GK_TEXT(y.first),
				       GK_TEXT(y.last)),
			       total, "count disputes", err);
		if (rc)
			return rc;
	}
	return each_dispute(gk_db_query(s, sql, GK_ARGS(FILTER_ARGS(f, y)), err), fn, ctx, err);
}

enum gk_err gk_store_application_disputes(struct gk_store *s, int64_t app_id, dispute_fn *fn,
					  void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT " DISPUTE_COLUMNS DISPUTE_FROM
				  "WHERE d.application_id = ?1 ORDER BY d.filed, d.id";
	return each_dispute(gk_db_query(s, sql, GK_ARGS(GK_INT(app_id)), err), fn, ctx, err);
}

/* --- complaints ---------------------------------------------------------------- */

#define COMPLAINT_COLUMNS                                                                                      \
	"c.id, c.agency_id, COALESCE(c.application_id, 0), c.received, c.source, c.subject, "                  \
	"c.status, c.closed, c.result, c.revision, COALESCE(c.created_by, 0), "                                \
	"COALESCE(c.updated_by, 0), c.created_at, c.updated_at, COALESCE(a.tracking_code, ''), " NAME_COLUMNS( \
		"c") " "
#define COMPLAINT_FROM \
	"FROM complaints c " NAME_JOINS("c") "LEFT JOIN applications a ON a.id = c.application_id "

static void read_complaint(struct gk_stmt *st, struct gk_complaint *c, struct gk_record_names *n)
{
	memset(c, 0, sizeof *c);
	c->id = gk_col_int(st, 0);
	c->agency_id = gk_col_int(st, 1);
	c->application_id = gk_col_int(st, 2);
	c->received = gk_col_day(st, 3);
	gk_col_copy(st, 4, c->source, sizeof c->source);
	gk_col_copy(st, 5, c->subject, sizeof c->subject);
	gk_complaint_status_parse(gk_col_text(st, 6), &c->status);
	c->closed = gk_col_day(st, 7);
	gk_col_copy(st, 8, c->result, sizeof c->result);
	c->revision = (int)gk_col_int(st, 9);
	c->created_by = gk_col_int(st, 10);
	c->updated_by = gk_col_int(st, 11);
	c->created_at = gk_col_int(st, 12);
	c->updated_at = gk_col_int(st, 13);
	if (n) {
		memset(n, 0, sizeof *n);
		gk_col_copy(st, 14, n->application_code, sizeof n->application_code);
		read_names(st, 15, n);
	}
}

#define COMPLAINT_FIELDS(c)                                                          \
	GK_INT((c)->agency_id), GK_ID((c)->application_id), GK_DAY((c)->received),   \
		GK_TEXT((c)->source), GK_TEXT((c)->subject),                         \
		GK_TEXT(gk_complaint_status_code((c)->status)), GK_DAY((c)->closed), \
		GK_TEXT((c)->result)

enum gk_err gk_store_complaint_insert(struct gk_store *s, struct gk_complaint *c, int64_t user_id,
				      struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO complaints(agency_id, application_id, received, source, subject, "
		"status, closed, result, revision, created_by, updated_by, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, ?10, ?10)";
	int64_t now = (int64_t)time(NULL);
	enum gk_err rc =
		gk_db_insert(s, sql, GK_ARGS(COMPLAINT_FIELDS(c), GK_ID(user_id), GK_INT(now)),
			     &c->id, "add complaint", err);
	if (!rc) {
		c->revision = 1;
		c->created_by = c->updated_by = user_id;
		c->created_at = c->updated_at = now;
	}
	return rc;
}

enum gk_err gk_store_complaint_update(struct gk_store *s, struct gk_complaint *c, int64_t user_id,
				      struct gk_error *err)
{
	static const char sql[] =
		"UPDATE complaints SET agency_id = ?1, application_id = ?2, received = ?3, "
		"source = ?4, subject = ?5, status = ?6, closed = ?7, result = ?8, "
		"revision = revision + 1, updated_by = ?9, updated_at = ?10 "
		"WHERE id = ?11 AND revision = ?12";
	static const char probe[] = "SELECT 1 FROM complaints WHERE id = ?1";
	int64_t changed, now = (int64_t)time(NULL);
	enum gk_err rc = gk_db_exec(s, sql,
				    GK_ARGS(COMPLAINT_FIELDS(c), GK_ID(user_id), GK_INT(now),
					    GK_INT(c->id), GK_INT(c->revision)),
				    &changed, "save complaint", err);
	if (rc)
		return rc;
	if (changed == 0)
		return stale_or_missing(s, probe, c->id, "read complaint", err);
	c->revision++;
	c->updated_by = user_id;
	c->updated_at = now;
	return GK_OK;
}

enum gk_err gk_store_complaint_get(struct gk_store *s, int64_t id, struct gk_complaint *out,
				   struct gk_record_names *names, struct gk_error *err)
{
	static const char sql[] = "SELECT " COMPLAINT_COLUMNS COMPLAINT_FROM "WHERE c.id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st);
	if (found)
		read_complaint(st, out, names);
	enum gk_err rc = gk_stmt_end(st, "read complaint", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "投诉举报 %lld 不存在", (long long)id);
	return rc;
}

enum gk_err gk_store_complaint_delete(struct gk_store *s, int64_t id, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM complaints WHERE id = ?1";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id)), &changed, "delete complaint", err);
	return deleted(rc, changed, id, err);
}

enum gk_err gk_store_complaint_list(struct gk_store *s, const struct gk_record_filter *f,
				    int (*fn)(const struct gk_complaint *c,
					      const struct gk_record_names *n, void *ctx),
				    void *ctx, int64_t *total, struct gk_error *err)
{
	static const char sql[] = "SELECT " COMPLAINT_COLUMNS COMPLAINT_FROM SCOPE_WHERE("c")
		YEAR_WHERE("c.received") "ORDER BY c.received DESC, c.id DESC LIMIT ?5 OFFSET ?6";
	static const char count_sql[] =
		"SELECT count(*) FROM complaints c JOIN agencies g ON "
		"g.id = c.agency_id " SCOPE_WHERE("c") YEAR_WHERE("c.received");
	struct year_range y;
	year_range(f->year, &y);
	enum gk_err rc;
	if (total) {
		*total = 0;
		rc = gk_db_int(s, count_sql,
			       GK_ARGS(GK_INT(f->scope), GK_INT(f->agency_id), GK_TEXT(y.first),
				       GK_TEXT(y.last)),
			       total, "count complaints", err);
		if (rc)
			return rc;
	}
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(FILTER_ARGS(f, y)), err);
	struct gk_complaint c;
	struct gk_record_names n;
	while (st && gk_stmt_row(st)) {
		read_complaint(st, &c, &n);
		if (fn(&c, &n, ctx))
			break;
	}
	return gk_stmt_end(st, "list complaints", err);
}

/* --- responses ----------------------------------------------------------------- */

static void channels_format(unsigned set, char *out, size_t n)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < GK_RCHANNEL_COUNT; i++) {
		if (!(set & (1u << i)))
			continue;
		int w = snprintf(out + used, n - used, "%s%s", used ? "," : "",
				 gk_response_channel_code((enum gk_response_channel)i));
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}

static unsigned channels_parse(const char *s)
{
	unsigned set = 0;
	char code[64];
	while (s && *s) {
		size_t len = strcspn(s, ",");
		if (len < sizeof code) {
			memcpy(code, s, len);
			code[len] = '\0';
			enum gk_response_channel c;
			if (gk_response_channel_parse(code, &c))
				set |= 1u << c;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return set;
}

#define RESPONSE_COLUMNS                                                                                   \
	"p.id, p.agency_id, p.kind, p.held, p.title, p.channels, p.leader, p.note, p.revision, "           \
	"COALESCE(p.created_by, 0), COALESCE(p.updated_by, 0), p.created_at, p.updated_at, " NAME_COLUMNS( \
		"p") " "
#define RESPONSE_FROM "FROM responses p " NAME_JOINS("p")

static void read_response(struct gk_stmt *st, struct gk_response *r, struct gk_record_names *n)
{
	memset(r, 0, sizeof *r);
	r->id = gk_col_int(st, 0);
	r->agency_id = gk_col_int(st, 1);
	gk_response_kind_parse(gk_col_text(st, 2), &r->kind);
	r->held = gk_col_day(st, 3);
	gk_col_copy(st, 4, r->title, sizeof r->title);
	r->channels = channels_parse(gk_col_text(st, 5));
	r->leader = gk_col_bool(st, 6);
	gk_col_copy(st, 7, r->note, sizeof r->note);
	r->revision = (int)gk_col_int(st, 8);
	r->created_by = gk_col_int(st, 9);
	r->updated_by = gk_col_int(st, 10);
	r->created_at = gk_col_int(st, 11);
	r->updated_at = gk_col_int(st, 12);
	if (n) {
		memset(n, 0, sizeof *n);
		read_names(st, 13, n);
	}
}

#define RESPONSE_FIELDS(r, ch)                                                                \
	GK_INT((r)->agency_id), GK_TEXT(gk_response_kind_code((r)->kind)), GK_DAY((r)->held), \
		GK_TEXT((r)->title), GK_TEXT(ch), GK_BOOL((r)->leader), GK_TEXT((r)->note)

enum gk_err gk_store_response_insert(struct gk_store *s, struct gk_response *r, int64_t user_id,
				     struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO responses(agency_id, kind, held, title, channels, leader, note, "
		"revision, created_by, updated_by, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8, ?9, ?9)";
	char ch[256];
	channels_format(r->channels, ch, sizeof ch);
	int64_t now = (int64_t)time(NULL);
	enum gk_err rc =
		gk_db_insert(s, sql, GK_ARGS(RESPONSE_FIELDS(r, ch), GK_ID(user_id), GK_INT(now)),
			     &r->id, "add response", err);
	if (!rc) {
		r->revision = 1;
		r->created_by = r->updated_by = user_id;
		r->created_at = r->updated_at = now;
	}
	return rc;
}

enum gk_err gk_store_response_update(struct gk_store *s, struct gk_response *r, int64_t user_id,
				     struct gk_error *err)
{
	static const char sql[] =
		"UPDATE responses SET agency_id = ?1, kind = ?2, held = ?3, title = ?4, "
		"channels = ?5, leader = ?6, note = ?7, revision = revision + 1, updated_by = ?8, "
		"updated_at = ?9 WHERE id = ?10 AND revision = ?11";
	static const char probe[] = "SELECT 1 FROM responses WHERE id = ?1";
	char ch[256];
	channels_format(r->channels, ch, sizeof ch);
	int64_t changed, now = (int64_t)time(NULL);
	enum gk_err rc = gk_db_exec(s, sql,
				    GK_ARGS(RESPONSE_FIELDS(r, ch), GK_ID(user_id), GK_INT(now),
					    GK_INT(r->id), GK_INT(r->revision)),
				    &changed, "save response", err);
	if (rc)
		return rc;
	if (changed == 0)
		return stale_or_missing(s, probe, r->id, "read response", err);
	r->revision++;
	r->updated_by = user_id;
	r->updated_at = now;
	return GK_OK;
}

enum gk_err gk_store_response_get(struct gk_store *s, int64_t id, struct gk_response *out,
				  struct gk_record_names *names, struct gk_error *err)
{
	static const char sql[] = "SELECT " RESPONSE_COLUMNS RESPONSE_FROM "WHERE p.id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st);
	if (found)
		read_response(st, out, names);
	enum gk_err rc = gk_stmt_end(st, "read response", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "解读回应记录 %lld 不存在", (long long)id);
	return rc;
}

enum gk_err gk_store_response_delete(struct gk_store *s, int64_t id, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM responses WHERE id = ?1";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_INT(id)), &changed, "delete response", err);
	return deleted(rc, changed, id, err);
}

enum gk_err gk_store_response_list(struct gk_store *s, const struct gk_record_filter *f,
				   int (*fn)(const struct gk_response *r,
					     const struct gk_record_names *n, void *ctx),
				   void *ctx, int64_t *total, struct gk_error *err)
{
	static const char sql[] = "SELECT " RESPONSE_COLUMNS RESPONSE_FROM SCOPE_WHERE("p")
		YEAR_WHERE("p.held") "ORDER BY p.held DESC, p.id DESC LIMIT ?5 OFFSET ?6";
	static const char count_sql[] = "SELECT count(*) FROM responses p JOIN agencies g ON "
					"g.id = p.agency_id " SCOPE_WHERE("p") YEAR_WHERE("p.held");
	struct year_range y;
	year_range(f->year, &y);
	enum gk_err rc;
	if (total) {
		*total = 0;
		rc = gk_db_int(s, count_sql,
			       GK_ARGS(GK_INT(f->scope), GK_INT(f->agency_id), GK_TEXT(y.first),
				       GK_TEXT(y.last)),
			       total, "count responses", err);
		if (rc)
			return rc;
	}
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(FILTER_ARGS(f, y)), err);
	struct gk_response r;
	struct gk_record_names n;
	while (st && gk_stmt_row(st)) {
		read_response(st, &r, &n);
		if (fn(&r, &n, ctx))
			break;
	}
	return gk_stmt_end(st, "list responses", err);
}

/* --- year figures -------------------------------------------------------------- */

enum gk_err gk_store_year_figures_get(struct gk_store *s, int64_t agency_id, int year,
				      struct gk_year_figure_value out[GK_YEAR_FIGURE_COUNT],
				      struct gk_error *err)
{
	static const char sql[] =
		"SELECT f.code, f.value, COALESCE(f.updated_by, 0), COALESCE(u.display_name, ''), "
		"f.updated_at FROM year_figures f LEFT JOIN users u ON u.id = f.updated_by "
		"WHERE f.agency_id = ?1 AND f.year = ?2";
	memset(out, 0, sizeof *out * GK_YEAR_FIGURE_COUNT);
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(agency_id), GK_INT(year)), err);
	while (st && gk_stmt_row(st)) {
		enum gk_year_figure f;
		if (!gk_year_figure_parse(gk_col_text(st, 0), &f))
			continue;
		out[f].set = true;
		out[f].value = gk_col_int(st, 1);
		out[f].updated_by = gk_col_int(st, 2);
		gk_col_copy(st, 3, out[f].updated_by_name, sizeof out[f].updated_by_name);
		out[f].updated_at = gk_col_int(st, 4);
	}
	return gk_stmt_end(st, "read year figures", err);
}

enum gk_err gk_store_year_figure_set(struct gk_store *s, int64_t agency_id, int year,
				     enum gk_year_figure figure, int64_t value, int64_t user_id,
				     struct gk_error *err)
{
	static const char del[] =
		"DELETE FROM year_figures WHERE agency_id = ?1 AND year = ?2 AND code = ?3";
	static const char put[] =
		"INSERT INTO year_figures(agency_id, year, code, value, updated_by, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(agency_id, year, code) DO UPDATE SET "
		"value = excluded.value, updated_by = excluded.updated_by, "
		"updated_at = excluded.updated_at";
	const struct gk_year_figure_info *info = gk_year_figure_info(figure);
	if (!info)
		return gk_fail(err, GK_EINVAL, "未知的年报数据项");
	if (value < 0)
		return gk_db_exec(s, del,
				  GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_TEXT(info->code)),
				  NULL, "clear year figure", err);
	return gk_db_exec(s, put,
			  GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_TEXT(info->code),
				  GK_INT(value), GK_ID(user_id), GK_INT((int64_t)time(NULL))),
			  NULL, "set year figure", err);
}

enum gk_err gk_store_year_figures_sum(struct gk_store *s, int64_t scope, int year,
				      struct gk_year_figure_value out[GK_YEAR_FIGURE_COUNT],
				      struct gk_error *err)
{
	static const char sql[] =
		"SELECT f.code, sum(f.value) FROM year_figures f JOIN agencies g ON g.id = "
		"f.agency_id WHERE f.year = ?2 AND (?1 = 0 OR substr(g.path, 1, length((SELECT "
		"path FROM agencies WHERE id = ?1))) = (SELECT path FROM agencies WHERE id = ?1)) "
		"GROUP BY f.code";
	memset(out, 0, sizeof *out * GK_YEAR_FIGURE_COUNT);
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(scope), GK_INT(year)), err);
	while (st && gk_stmt_row(st)) {
		enum gk_year_figure f;
		if (!gk_year_figure_parse(gk_col_text(st, 0), &f))
			continue;
		out[f].set = true;
		out[f].value = gk_col_int(st, 1);
	}
	return gk_stmt_end(st, "sum year figures", err);
}
