/* The PostgreSQL backend (libpq): one server shared by every gongkai
 * process. The only code that calls libpq.
 *
 * SQLite's semantics are kept where the store relies on them:
 * - one writer at a time: begin() takes a fixed advisory lock for the
 *   transaction (waiting 5 s at most, as SQLite's busy timeout);
 * - a failed statement inside a transaction undoes itself alone (the store
 *   retries after a duplicate key): each write in a transaction runs after
 *   a savepoint it rolls back to on failure (an import goes on past a bad
 *   row inside its batch's transaction);
 * - a statement may run while another still has rows (nested loops): the
 *   one streaming is read to its end into a buffer first.
 * Each statement is prepared on the server once per connection, under a
 * name, for the parameter types of its first run (a run with other types
 * is sent unnamed, parsed again): a simple query took a third of the time
 * prepared (75 us against 250 us). Values travel apart from the text;
 * results come row by row (single-row mode), as text. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/backup_file.h"
#include "store/db.h"
#include "store/postgres/translate.h"

/* the advisory lock every write transaction takes: "gongkai" in ASCII */
#define WRITE_LOCK "29103233574445417"

#define OID_BYTEA 17
#define OID_INT8  20
#define OID_TEXT  25

struct pg_stmt;

struct pg_conn {
	PGconn *pg;
	struct pg_stmt *active; /* the statement whose rows are being read */
	time_t reset_at;        /* the last reconnection tried */
	bool in_tx;             /* begin() ran, commit() or rollback() not yet */
	bool bulk;
	bool savepoint; /* the write savepoint is set in the open transaction */
	/* named statements live as long as the server's session: GEN counts
	 * the sessions (reconnections); NAMES numbers the statements; the
	 * names of statements finalized wait in UNUSED for the next run */
	unsigned gen, names;
	char *unused;
	size_t unused_len;
	int64_t changes, last_id;
	/* the last failure, for fail() */
	char state[6];
	char msg[400];
	bool down;
};

enum run_state { IDLE, STREAMING, BUFFERED, DONE };

struct pg_stmt {
	struct pg_conn *c;
	char *sql;   /* translated */
	bool insert; /* RETURNING id: its row is the new id */
	bool write;  /* INSERT, UPDATE, DELETE: under the savepoint in a transaction */
	/* prepared on the server as NAME in session GEN for the types PREPARED */
	char name[24];
	unsigned gen;
	Oid *prepared;
	int nprepared;
	/* the values bound, by parameter (libpq's arrays) */
	int nparams, cap;
	Oid *types;
	const char **values;
	int *lengths, *formats;
	char **own; /* copies the values point into */
	enum run_state run;
	PGresult *row;  /* the current row */
	PGresult **buf; /* results read ahead (BUFFERED) */
	size_t nbuf, next, bufcap;
	bool lost;           /* out of memory while buffering: the run fails at its end */
	unsigned char *blob; /* the last bytea decoded */
	size_t blobcap;
};

/* --- failures -------------------------------------------------------------------- */

/* A failure of the server's availability rather than of the statement. */
static bool is_down(const char *state)
{
	return strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	       strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0 ||
	       strcmp(state, "25006") == 0; /* read-only: a standby, or made so */
}

/* Records RES's failure (or the connection's, RES NULL) on C. */
static void record(struct pg_conn *c, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : NULL;
	if (!msg || !*msg)
		msg = c->pg ? PQerrorMessage(c->pg) : "out of memory";
	snprintf(c->state, sizeof c->state, "%s", state ? state : "");
	snprintf(c->msg, sizeof c->msg, "%s", msg && *msg ? msg : "database error");
	/* libpq's messages end with a newline, and may hold several lines */
	for (char *p = c->msg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = p[1] ? ' ' : '\0';
	c->down = !c->pg || PQstatus(c->pg) == CONNECTION_BAD || is_down(c->state);
	/* a standby takes no lock for a writer (55000): as unavailable as read-only */
	const char *standby = c->pg ? PQparameterStatus(c->pg, "in_hot_standby") : NULL;
	if (standby && strcmp(standby, "on") == 0 && strcmp(c->state, "55000") == 0)
		c->down = true;
}

static enum gk_err classify(struct pg_conn *c, bool *unique)
{
	*unique = strcmp(c->state, "23505") == 0;
	if (c->down)
		return GK_EDBDOWN;
	/* as on SQLite: a duplicate is a conflict the caller may meet (a code
	 * taken meanwhile); another broken constraint (a missing reference, a
	 * CHECK) is a failure of the program, not of the request */
	if (*unique)
		return GK_ECONFLICT;
	if (strcmp(c->state, "40001") == 0 || strcmp(c->state, "40P01") == 0 ||
	    strcmp(c->state, "55P03") == 0)
		return GK_EBUSY;
	if (strcmp(c->state, "53100") == 0)
		return GK_ENOSPACE;
	return GK_EDB;
}

static enum gk_err pg_fail(void *conn, bool *unique, char *msg, size_t n)
{
	struct pg_conn *c = conn;
	enum gk_err rc = classify(c, unique);
	if (strcmp(c->state, "55P03") == 0)
		snprintf(msg, n, "the database is locked by another writer");
	else
		snprintf(msg, n, "%s", c->msg);
	return rc;
}

/* C's last failure into ERR, as WHAT failed. */
static enum gk_err failed(struct pg_conn *c, const char *what, struct gk_error *err)
{
	bool unique;
	return gk_fail(err, classify(c, &unique), "%s: %s", what, c->msg);
}

/* --- the connection ---------------------------------------------------------------- */

static bool claims(const char *address)
{
	return strncmp(address, "postgresql://", 13) == 0 ||
	       strncmp(address, "postgres://", 11) == 0;
}

static void finish(struct pg_stmt *st);

/* Reads the rest of the streaming statement's results into its buffer, so
 * the connection can run another. */
static void drain(struct pg_conn *c)
{
	struct pg_stmt *st = c->active;
	if (!st)
		return;
	c->active = NULL;
	PGresult *r;
	while ((r = PQgetResult(c->pg))) {
		if (st->nbuf == st->bufcap) {
			size_t cap = st->bufcap ? st->bufcap * 2 : 64;
			PGresult **b = realloc(st->buf, cap * sizeof *b);
			if (!b) {
				/* the rows are lost; the statement ends failed */
				PQclear(r);
				while ((r = PQgetResult(c->pg)))
					PQclear(r);
				st->lost = true;
				break;
			}
			st->buf = b;
			st->bufcap = cap;
		}
		st->buf[st->nbuf++] = r;
	}
	st->run = BUFFERED;
}

/* The connection usable: nothing streaming, and, if it was lost, made again
 * (once a second at most), unless a transaction was open on it: its
 * statements must fail until the rollback. */
static bool ready(struct pg_conn *c)
{
	drain(c);
	if (PQstatus(c->pg) == CONNECTION_OK)
		return true;
	if (c->in_tx) {
		snprintf(c->state, sizeof c->state, "08006");
		snprintf(c->msg, sizeof c->msg,
			 "the connection to the database was lost in a transaction");
		c->down = true;
		return false;
	}
	time_t now = time(NULL);
	if (now != c->reset_at) {
		c->reset_at = now;
		PQreset(c->pg);
		if (PQstatus(c->pg) == CONNECTION_OK) {
			/* a new session: no statement is prepared in it */
			c->gen++;
			c->unused_len = 0;
			if (c->bulk)
				PQclear(PQexec(c->pg, "SET synchronous_commit = off"));
			return true;
		}
	}
	record(c, NULL);
	c->down = true;
	return false;
}

/* Runs SQL (no values, one or several statements) for its status; false
 * with the failure recorded on C. */
static bool run(struct pg_conn *c, const char *sql)
{
	if (!ready(c))
		return false;
	PGresult *r = PQexec(c->pg, sql);
	ExecStatusType s = PQresultStatus(r);
	bool ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
	if (!ok)
		record(c, r);
	PQclear(r);
	return ok;
}

/* One text value SQL answers into OUT (size N); false on a failure. */
static bool run_value(struct pg_conn *c, const char *sql, char *out, size_t n)
{
	if (!ready(c))
		return false;
	PGresult *r = PQexec(c->pg, sql);
	bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && PQnfields(r) >= 1;
	if (ok)
		snprintf(out, n, "%s", PQgetvalue(r, 0, 0));
	else
		record(c, r);
	PQclear(r);
	return ok;
}

/* The server's notices (CREATE … IF NOT EXISTS skipping) are not for
 * anyone reading the output. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The process's time zone as a name PostgreSQL knows (TZ, else the target
 * of /etc/localtime), as libpq's "options" that set the session's TimeZone,
 * so SQL that turns seconds into a local date (date(…, 'localtime'))
 * agrees with SQLite's, which uses the process's zone; "" when unknown (the
 * server's zone then applies). Kept in the connection's settings, so it
 * survives a reconnection. */
static void local_zone_option(char *out, size_t n)
{
	char link[256] = "";
	const char *zone = getenv("TZ");
	if (zone && *zone == ':')
		zone++;
	if (!zone || !*zone) {
		ssize_t len = readlink("/etc/localtime", link, sizeof link - 1);
		link[len > 0 ? len : 0] = '\0';
		const char *at = strstr(link, "zoneinfo/");
		zone = at ? at + strlen("zoneinfo/") : "";
	}
	out[0] = '\0';
	if (!*zone || strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789/_+-") != strlen(zone))
		return;
	snprintf(out, n, "-c TimeZone=%s", zone);
}

static enum gk_err pg_open(const char *address, enum gk_store_mode mode, void **conn,
			   struct gk_error *err)
{
	*conn = NULL;
	struct pg_conn *c = calloc(1, sizeof *c);
	if (!c)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	/* what the address says overrides the keywords before it and is
	 * overridden by those after: a server that does not answer is given up
	 * after 5 s unless the address says otherwise (a reconnection is tried
	 * while serving a request) */
	char zone[300];
	local_zone_option(zone, sizeof zone);
	const char *keys[] = {"connect_timeout",           "options", "dbname", "client_encoding",
			      "fallback_application_name", NULL};
	const char *vals[] = {"5", zone, address, "UTF8", "gongkai", NULL};
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (!c->pg) {
		free(c);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		record(c, NULL);
		/* the password may be in the address: not repeated here */
		enum gk_err rc =
			gk_fail(err, GK_EDBDOWN, "cannot connect to PostgreSQL: %s", c->msg);
		PQfinish(c->pg);
		free(c);
		return rc;
	}
	PQsetNoticeProcessor(c->pg, ignore_notice, NULL);
	/* the store compares and sorts text by bytes and stores UTF-8, as in
	 * SQLite: a database made otherwise is refused, with the way to make it */
	const char *enc = PQparameterStatus(c->pg, "server_encoding");
	char coll[64] = "";
	enum gk_err rc = GK_OK;
	if (!enc || strcmp(enc, "UTF8") != 0 ||
	    !run_value(c, "SELECT datcollate FROM pg_database WHERE datname = current_database()",
		       coll, sizeof coll) ||
	    (strcmp(coll, "C") != 0 && strcmp(coll, "POSIX") != 0)) {
		if (coll[0] || (enc && strcmp(enc, "UTF8") != 0))
			rc = gk_fail(err, GK_EDB,
				     "PostgreSQL database '%s' has encoding %s and collation "
				     "%s; gongkai needs UTF8 and C: create it with 'createdb "
				     "--locale=C --encoding=UTF8 --template=template0 %s'",
				     PQdb(c->pg), enc ? enc : "?", coll[0] ? coll : "?",
				     PQdb(c->pg));
		else
			rc = gk_fail(err, GK_EDB, "PostgreSQL database '%s': %s", PQdb(c->pg),
				     c->msg);
	}
	(void)mode; /* the database must exist; an empty one gets the schema */
	if (rc) {
		PQfinish(c->pg);
		free(c);
		return rc;
	}
	*conn = c;
	return GK_OK;
}

static void pg_close(void *conn)
{
	struct pg_conn *c = conn;
	if (!c)
		return;
	PQfinish(c->pg);
	free(c->unused);
	free(c);
}

/* --- statements ---------------------------------------------------------------------- */

/* True if SQL's first word is WORD. */
static bool starts_with(const char *sql, const char *word)
{
	while (isspace((unsigned char)*sql))
		sql++;
	size_t n = strlen(word);
	return strncasecmp(sql, word, n) == 0 && !isalnum((unsigned char)sql[n]);
}

static void *make_stmt(void *conn, const char *sql, bool insert, struct gk_error *err)
{
	struct pg_stmt *st = calloc(1, sizeof *st);
	int n = 0;
	if (st)
		st->sql = gk_pg_translate(sql, insert, &n);
	if (!st || !st->sql) {
		free(st);
		gk_fail(err, GK_ENOMEM, "out of memory");
		return NULL;
	}
	st->c = conn;
	st->insert = insert;
	st->write = starts_with(sql, "INSERT") || starts_with(sql, "UPDATE") ||
		    starts_with(sql, "DELETE") || starts_with(sql, "WITH");
	st->nparams = n;
	return st;
}

static void *pg_prepare(void *conn, const char *sql, struct gk_error *err)
{
	return make_stmt(conn, sql, false, err);
}

static void *pg_prepare_insert(void *conn, const char *sql, struct gk_error *err)
{
	return make_stmt(conn, sql, true, err);
}

/* Room for parameter I (from 1); false when out of memory. */
static bool params_fit(struct pg_stmt *st, int i)
{
	if (i <= st->cap)
		return true;
	int cap = i > st->nparams ? i : st->nparams;
	Oid *types = realloc(st->types, (size_t)cap * sizeof *types);
	if (types)
		st->types = types;
	const char **values = realloc(st->values, (size_t)cap * sizeof *values);
	if (values)
		st->values = values;
	int *lengths = realloc(st->lengths, (size_t)cap * sizeof *lengths);
	if (lengths)
		st->lengths = lengths;
	int *formats = realloc(st->formats, (size_t)cap * sizeof *formats);
	if (formats)
		st->formats = formats;
	char **own = realloc(st->own, (size_t)cap * sizeof *own);
	if (own)
		st->own = own;
	if (!types || !values || !lengths || !formats || !own)
		return false;
	for (int k = st->cap; k < cap; k++) {
		st->types[k] = 0;
		st->values[k] = NULL;
		st->lengths[k] = 0;
		st->formats[k] = 0;
		st->own[k] = NULL;
	}
	st->cap = cap;
	return true;
}

static void clear_params(struct pg_stmt *st)
{
	for (int k = 0; k < st->cap; k++) {
		free(st->own[k]);
		st->own[k] = NULL;
		st->values[k] = NULL;
		st->types[k] = 0;
		st->lengths[k] = 0;
		st->formats[k] = 0;
	}
}

static void pg_bind(void *stmt, int i, const struct gk_val *v)
{
	struct pg_stmt *st = stmt;
	if (i < 1 || !params_fit(st, i))
		return;
	int k = i - 1;
	free(st->own[k]);
	st->own[k] = NULL;
	st->values[k] = NULL;
	st->types[k] = 0; /* NULL: the type the statement gives the parameter */
	st->lengths[k] = 0;
	st->formats[k] = 0;
	switch (v->kind) {
	case GK_VAL_INT:
		st->own[k] = malloc(24);
		if (st->own[k]) {
			snprintf(st->own[k], 24, "%lld", (long long)v->i);
			st->values[k] = st->own[k];
			st->types[k] = OID_INT8;
		}
		break;
	case GK_VAL_TEXT: {
		/* copied: the caller's text may be gone at the step */
		const char *p = v->p ? v->p : "";
		size_t n = v->p && v->i ? v->n : strlen(p);
		st->own[k] = malloc(n + 1);
		if (st->own[k]) {
			memcpy(st->own[k], p, n);
			st->own[k][n] = '\0';
			st->values[k] = st->own[k];
			st->types[k] = OID_TEXT;
		}
		break;
	}
	case GK_VAL_BLOB:
		/* the caller's bytes live until the step, sent as they are */
		st->values[k] = v->p ? v->p : "";
		st->lengths[k] = (int)v->n;
		st->formats[k] = 1;
		st->types[k] = OID_BYTEA;
		break;
	default:
		break;
	}
}

/* True if ST's values fit the types it was prepared for: a NULL fits any. */
static bool same_types(const struct pg_stmt *st, int n)
{
	if (n != st->nprepared)
		return false;
	for (int k = 0; k < n; k++)
		if (st->values[k] && st->types[k] != st->prepared[k])
			return false;
	return true;
}

/* Prepares ST on the server under a new name for the types of its values;
 * false with the failure recorded. */
static bool prepare(struct pg_stmt *st, int n)
{
	struct pg_conn *c = st->c;
	Oid *types = malloc((size_t)(n ? n : 1) * sizeof *types);
	if (!types) {
		snprintf(c->state, sizeof c->state, "53200");
		snprintf(c->msg, sizeof c->msg, "out of memory");
		c->down = false;
		return false;
	}
	if (n)
		memcpy(types, st->types, (size_t)n * sizeof *types);
	char name[24];
	snprintf(name, sizeof name, "gk%u", ++c->names);
	PGresult *r = PQprepare(c->pg, name, st->sql, n, types);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok) {
		record(c, r);
		free(types);
	} else {
		free(st->prepared);
		st->prepared = types;
		st->nprepared = n;
		memcpy(st->name, name, sizeof name);
		st->gen = c->gen;
	}
	PQclear(r);
	return ok;
}

/* Sends ST with its values; false with the failure recorded. */
static bool start(struct pg_stmt *st)
{
	struct pg_conn *c = st->c;
	if (!ready(c))
		return false;
	if (st->write && c->in_tx) {
		/* the savepoint before this write, replacing the last one's */
		if (!run(c, c->savepoint ? "RELEASE SAVEPOINT gk_write; SAVEPOINT gk_write"
					 : "SAVEPOINT gk_write"))
			return false;
		c->savepoint = true;
	}
	int n = st->cap > st->nparams ? st->cap : st->nparams;
	if (!params_fit(st, n)) {
		snprintf(c->state, sizeof c->state, "53200");
		snprintf(c->msg, sizeof c->msg, "out of memory");
		c->down = false;
		return false;
	}
	if (c->unused_len) {
		/* statements finalized since the last run: dropped on the server
		 * (a failure only leaves them there until the session ends) */
		PQclear(PQexec(c->pg, c->unused));
		c->unused_len = 0;
	}
	if (!(st->name[0] && st->gen == c->gen) && !prepare(st, n))
		return false;
	int sent = same_types(st, n) ? PQsendQueryPrepared(c->pg, st->name, n, st->values,
							   st->lengths, st->formats, 0)
				     : PQsendQueryParams(c->pg, st->sql, n, st->types, st->values,
							 st->lengths, st->formats, 0);
	if (!sent) {
		record(c, NULL);
		return false;
	}
	PQsetSingleRowMode(c->pg);
	st->run = STREAMING;
	c->active = st;
	return true;
}

static PGresult *next_result(struct pg_stmt *st)
{
	if (st->run == STREAMING)
		return PQgetResult(st->c->pg);
	if (st->run == BUFFERED && st->next < st->nbuf) {
		PGresult *r = st->buf[st->next];
		st->buf[st->next++] = NULL;
		return r;
	}
	return NULL;
}

/* Ends ST's run: the rest of its results read and dropped. */
static void finish(struct pg_stmt *st)
{
	if (st->row) {
		PQclear(st->row);
		st->row = NULL;
	}
	if (st->run == STREAMING) {
		PGresult *r;
		while ((r = PQgetResult(st->c->pg)))
			PQclear(r);
		if (st->c->active == st)
			st->c->active = NULL;
	}
	for (size_t i = st->next; i < st->nbuf; i++)
		PQclear(st->buf[i]);
	st->nbuf = st->next = 0;
	st->lost = false;
	st->run = DONE;
}

static int64_t parse_int(const char *v)
{
	if (*v == 't')
		return 1;
	return strtoll(v, NULL, 10);
}

/* After ST failed: a write undone alone, as SQLite does, so the
 * transaction goes on. */
static void undo_write(struct pg_stmt *st)
{
	struct pg_conn *c = st->c;
	if (st->write && c->in_tx && c->savepoint && !c->down && PQstatus(c->pg) == CONNECTION_OK)
		PQclear(PQexec(c->pg, "ROLLBACK TO SAVEPOINT gk_write"));
}

static int pg_step(void *stmt)
{
	struct pg_stmt *st = stmt;
	struct pg_conn *c = st->c;
	if (st->row) {
		PQclear(st->row);
		st->row = NULL;
	}
	if (st->run == DONE)
		return 0;
	if (st->run == IDLE && !start(st)) {
		st->run = DONE;
		undo_write(st);
		return -1;
	}
	for (;;) {
		PGresult *r = next_result(st);
		if (!r && st->lost) {
			snprintf(c->state, sizeof c->state, "53200");
			snprintf(c->msg, sizeof c->msg, "out of memory reading rows ahead");
			c->down = false;
			finish(st);
			return -1;
		}
		ExecStatusType s = r ? PQresultStatus(r) : PGRES_COMMAND_OK;
		if (s == PGRES_SINGLE_TUPLE && st->insert) {
			/* the new row's id, not a row for the caller */
			c->last_id = parse_int(PQgetvalue(r, 0, 0));
			PQclear(r);
			continue;
		}
		if (s == PGRES_SINGLE_TUPLE) {
			st->row = r;
			return 1;
		}
		if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
			if (r)
				c->changes = strtoll(PQcmdTuples(r), NULL, 10);
			PQclear(r);
			finish(st);
			return 0;
		}
		record(c, r);
		PQclear(r);
		finish(st);
		undo_write(st);
		return -1;
	}
}

static void pg_reset(void *stmt)
{
	struct pg_stmt *st = stmt;
	finish(st);
	st->run = IDLE;
	clear_params(st);
}

static void pg_finalize(void *stmt)
{
	struct pg_stmt *st = stmt;
	if (!st)
		return;
	finish(st);
	clear_params(st);
	struct pg_conn *c = st->c;
	if (st->name[0] && st->gen == c->gen) {
		/* "DEALLOCATE gkN;" for the next run (the cache evicts statements) */
		size_t need = c->unused_len + sizeof st->name + 16;
		char *u = realloc(c->unused, need);
		if (u) {
			c->unused = u;
			c->unused_len += (size_t)snprintf(u + c->unused_len, need - c->unused_len,
							  "DEALLOCATE %s;", st->name);
		}
	}
	free(st->prepared);
	free(st->types);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->own);
	free(st->buf);
	free(st->blob);
	free(st->sql);
	free(st);
}

static bool has_value(struct pg_stmt *st, int i)
{
	return st->row && i >= 0 && i < PQnfields(st->row) && !PQgetisnull(st->row, 0, i);
}

static int64_t pg_col_int(void *stmt, int i)
{
	struct pg_stmt *st = stmt;
	return has_value(st, i) ? parse_int(PQgetvalue(st->row, 0, i)) : 0;
}

static const char *pg_col_text(void *stmt, int i, size_t *len)
{
	struct pg_stmt *st = stmt;
	if (!has_value(st, i)) {
		*len = 0;
		return NULL;
	}
	*len = (size_t)PQgetlength(st->row, 0, i);
	return PQgetvalue(st->row, 0, i);
}

static int hex(int ch)
{
	return ch >= '0' && ch <= '9'   ? ch - '0'
	       : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
	       : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
					: -1;
}

static const void *pg_col_blob(void *stmt, int i, size_t *len)
{
	struct pg_stmt *st = stmt;
	const char *v = pg_col_text(stmt, i, len);
	if (!v || PQftype(st->row, i) != OID_BYTEA || strncmp(v, "\\x", 2) != 0)
		return v; /* text read as bytes, as SQLite does */
	/* bytea's text form: \x and two hex digits a byte */
	size_t n = (*len - 2) / 2;
	if (n + 1 > st->blobcap) {
		unsigned char *b = realloc(st->blob, n + 1);
		if (!b) {
			*len = 0;
			return NULL;
		}
		st->blob = b;
		st->blobcap = n + 1;
	}
	for (size_t k = 0; k < n; k++) {
		int hi = hex(v[2 + 2 * k]), lo = hex(v[3 + 2 * k]);
		st->blob[k] = (unsigned char)((hi < 0 ? 0 : hi) << 4 | (lo < 0 ? 0 : lo));
	}
	*len = n;
	return st->blob;
}

static int64_t pg_changes(void *conn)
{
	return ((struct pg_conn *)conn)->changes;
}

static int64_t pg_last_id(void *conn)
{
	return ((struct pg_conn *)conn)->last_id;
}

static enum gk_err pg_script(void *conn, const char *sql, struct gk_error *err)
{
	struct pg_conn *c = conn;
	return run(c, sql) ? GK_OK : failed(c, "script", err);
}

/* --- transactions ------------------------------------------------------------------- */

static enum gk_err pg_begin(void *conn, struct gk_error *err)
{
	struct pg_conn *c = conn;
	/* one writer at a time across every process, as with SQLite; a wait
	 * past 5 s is 'busy' (55P03) */
	if (!run(c, "BEGIN; SET LOCAL lock_timeout = '5s'; SELECT pg_advisory_xact_lock(" WRITE_LOCK
		    ")")) {
		enum gk_err rc = failed(c, "begin", err);
		if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE)
			PQclear(PQexec(c->pg, "ROLLBACK"));
		return rc;
	}
	c->in_tx = true;
	c->savepoint = false;
	return GK_OK;
}

static enum gk_err pg_commit(void *conn, struct gk_error *err)
{
	struct pg_conn *c = conn;
	enum gk_err rc = GK_OK;
	drain(c);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		record(c, NULL);
		rc = gk_fail(err, GK_EDBDOWN, "commit: the connection to the database was lost: %s",
			     c->msg);
	} else {
		PGresult *r = PQexec(c->pg, "COMMIT");
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			record(c, r);
			rc = failed(c, "commit", err);
		} else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
			/* a transaction a failure aborted ends rolled back */
			rc = gk_fail(err, GK_EDB,
				     "commit: the transaction was rolled back after a failure");
		}
		PQclear(r);
	}
	c->in_tx = false;
	c->savepoint = false;
	return rc;
}

static void pg_rollback(void *conn)
{
	struct pg_conn *c = conn;
	drain(c);
	if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		PQclear(PQexec(c->pg, "ROLLBACK"));
	c->in_tx = false;
	c->savepoint = false;
}

/* --- schema and maintenance ---------------------------------------------------------- */

static int pg_schema_version(void *conn)
{
	struct pg_conn *c = conn;
	char v[32];
	/* a missing table is an empty database (an error would abort the
	 * migration's transaction) */
	if (!run_value(c, "SELECT to_regclass('gk_schema_version') IS NOT NULL", v, sizeof v))
		return -1;
	if (strcmp(v, "t") != 0)
		return 0;
	if (!run_value(c, "SELECT COALESCE(max(version), 0) FROM gk_schema_version", v, sizeof v))
		return -1;
	return atoi(v);
}

static enum gk_err pg_set_schema_version(void *conn, int version, struct gk_error *err)
{
	/* the number is ours, not input */
	char sql[200];
	snprintf(sql, sizeof sql,
		 "CREATE TABLE IF NOT EXISTS gk_schema_version (version integer NOT NULL);"
		 "DELETE FROM gk_schema_version;"
		 "INSERT INTO gk_schema_version VALUES (%d)",
		 version);
	return pg_script(conn, sql, err);
}

static enum gk_err pg_analyze(void *conn, struct gk_error *err)
{
	return pg_script(conn, "ANALYZE", err);
}

static void pg_bulk(void *conn, bool on)
{
	struct pg_conn *c = conn;
	c->bulk = on;
	/* a kill of the server may lose the last batches until the next
	 * durable commit, never corrupt anything */
	run(c, on ? "SET synchronous_commit = off" : "SET synchronous_commit = on");
}

static void pg_defer_checkpoints(void *conn)
{
	(void)conn; /* the server checkpoints by itself */
}

static enum gk_err pg_checkpoint(void *conn, bool whole, struct gk_error *err)
{
	return GK_OK;
}

/* --- backups: pg_dump and pg_restore ---------------------------------------------------- */

/* Runs ARGV (a program in PATH) with OUT as its standard output (-1: /dev/null)
 * and PASSWORD (may be NULL) in its environment as PGPASSWORD; its errors
 * to ours unless QUIET (a check whose failure we tell ourselves). Its exit
 * status, or -1 when it could not run. */
static int spawn(char *const argv[], int out, const char *password, bool quiet)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 2, sizeof *env);
	char *pw = NULL;
	int status = -1;
	if (!env)
		goto done;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "PGPASSWORD=", 11) != 0 || !password)
			env[k++] = environ[i];
	if (password && *password) {
		size_t len = strlen(password) + sizeof "PGPASSWORD=";
		pw = malloc(len);
		if (!pw)
			goto done;
		snprintf(pw, len, "PGPASSWORD=%s", password);
		env[k++] = pw;
	}
	pid_t pid;
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, env) != 0)
		goto done;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
done:
	posix_spawn_file_actions_destroy(&fa);
	free(pw);
	free(env);
	return status;
}

/* Appends KEY='VALUE' (libpq's quoting) to OUT (size N, used *AT). */
static bool add_option(char *out, size_t n, size_t *at, const char *key, const char *value)
{
	int w = snprintf(out + *at, n - *at, "%s%s='", *at ? " " : "", key);
	if (w < 0 || (size_t)w >= n - *at)
		return false;
	*at += (size_t)w;
	for (const char *p = value; *p; p++) {
		if (*at + 3 >= n)
			return false;
		if (*p == '\'' || *p == '\\')
			out[(*at)++] = '\\';
		out[(*at)++] = *p;
	}
	if (*at + 2 >= n)
		return false;
	out[(*at)++] = '\'';
	out[*at] = '\0';
	return true;
}

/* The connection's options as a libpq string for a child, without the
 * password (which goes in the child's environment). */
static bool child_conninfo(struct pg_conn *c, char *out, size_t n)
{
	PQconninfoOption *opts = PQconninfo(c->pg);
	size_t at = 0;
	bool ok = opts != NULL;
	out[0] = '\0';
	for (PQconninfoOption *o = opts; ok && o->keyword; o++)
		if (o->val && *o->val && strcmp(o->keyword, "password") != 0 &&
		    strcmp(o->keyword, "replication") != 0)
			ok = add_option(out, n, &at, o->keyword, o->val);
	PQconninfoFree(opts);
	return ok;
}

/* pg_dump's custom format, checked by pg_restore --list, synced and renamed
 * into place. The dump is one snapshot: writers go on meanwhile. */
static enum gk_err pg_backup(void *conn, const char *path, int64_t *bytes, struct gk_error *err)
{
	struct pg_conn *c = conn;
	char tmp[4200], info[4096], file_arg[4220];
	if (snprintf(tmp, sizeof tmp, "%s.partial", path) >= (int)sizeof tmp ||
	    snprintf(file_arg, sizeof file_arg, "--file=%s", tmp) >= (int)sizeof file_arg)
		return gk_fail(err, GK_EUSAGE, "backup path is too long");
	if (!ready(c))
		return failed(c, "backup", err);
	if (!child_conninfo(c, info, sizeof info))
		return gk_fail(err, GK_EINTERNAL, "backup: the connection's options are too long");
	unlink(tmp);
	/* the copy holds applicants' personal data: for its owner alone */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return gk_fail(err, GK_EIO, "cannot create '%s': %s", tmp, strerror(errno));
	close(fd);
	const char *pw = PQpass(c->pg);
	char *dump[] = {"pg_dump", "--format=custom", "--no-owner", file_arg, "--dbname", info,
			NULL};
	int st = spawn(dump, -1, pw, false);
	enum gk_err rc = GK_OK;
	if (st != 0)
		rc = gk_fail(err, GK_EDB, "pg_dump into '%s' failed (%s %d)", tmp,
			     st < 0 ? "could not run it:" : "exit status", st < 0 ? errno : st);
	char *list[] = {"pg_restore", "--list", tmp, NULL};
	if (!rc && spawn(list, -1, NULL, true) != 0)
		rc = gk_fail(err, GK_EDB, "the dump '%s' does not read back (pg_restore --list)",
			     tmp);
	if (!rc)
		rc = gk_backup_file_put(tmp, path, bytes, err);
	if (rc)
		unlink(tmp);
	return rc;
}

/* The dump's gk_schema_version row, from pg_restore's script of that
 * table's data (a COPY … FROM stdin; then the value). */
static enum gk_err pg_verify(const char *path, int *version, struct gk_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return gk_fail(err, GK_EIO, "cannot read '%s': %s", path, strerror(errno));
	char *list[] = {(char *)"pg_restore", (char *)"--list", (char *)path, NULL};
	if (spawn(list, -1, NULL, true) != 0)
		return gk_fail(err, GK_EINVAL, "'%s' is not a PostgreSQL dump (pg_restore --list)",
			       path);
	FILE *f = tmpfile();
	if (!f)
		return gk_fail(err, GK_EIO, "cannot make a temporary file: %s", strerror(errno));
	char *data[] = {
		(char *)"pg_restore", (char *)"--data-only", (char *)"--table=gk_schema_version",
		(char *)"--file=-",   (char *)path,          NULL};
	int st = spawn(data, fileno(f), NULL, true);
	int v = -1;
	char line[512];
	bool copy = false;
	rewind(f);
	while (st == 0 && fgets(line, sizeof line, f)) {
		if (copy) {
			v = isdigit((unsigned char)line[0]) ? atoi(line) : -1;
			break;
		}
		copy = strncmp(line, "COPY ", 5) == 0 && strstr(line, "gk_schema_version");
	}
	fclose(f);
	if (v < 1)
		return gk_fail(err, GK_EINVAL, "'%s' is a PostgreSQL dump but not gongkai's", path);
	*version = v;
	return GK_OK;
}

/* pg_restore in one transaction: the old objects dropped and the dump's
 * made, or nothing changed. */
static enum gk_err pg_restore(const char *from, const char *address, struct gk_error *err)
{
	char *argv[] = {(char *)"pg_restore",
			(char *)"--clean",
			(char *)"--if-exists",
			(char *)"--no-owner",
			(char *)"--single-transaction",
			(char *)"--dbname",
			(char *)address,
			(char *)from,
			NULL};
	int st = spawn(argv, -1, NULL, false);
	if (st != 0)
		return gk_fail(err, st < 0 ? GK_EIO : GK_EDB,
			       "pg_restore of '%s' failed (%s %d): nothing was changed", from,
			       st < 0 ? "could not run it:" : "exit status", st < 0 ? errno : st);
	return GK_OK;
}

const struct gk_db_driver gk_postgres_driver = {
	.name = "postgres",
	.dialect = GK_DIALECT_POSTGRES,
	.claims = claims,
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.prepare_insert = pg_prepare_insert,
	.finalize = pg_finalize,
	.bind = pg_bind,
	.step = pg_step,
	.reset = pg_reset,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.last_id = pg_last_id,
	.fail = pg_fail,
	.script = pg_script,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
	.analyze = pg_analyze,
	.bulk = pg_bulk,
	.defer_checkpoints = pg_defer_checkpoints,
	.checkpoint = pg_checkpoint,
	.backup = pg_backup,
	.backup_magic = "PGDMP", /* pg_dump --format=custom */
	.verify = pg_verify,
	.restore = pg_restore,
};
