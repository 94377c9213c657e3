/* The schema, as one ordered list of changes. Each change has its text in
 * every dialect a backend speaks; the database records how many it has had
 * (for SQLite, PRAGMA user_version), and each runs in its own transaction,
 * so a kill mid-way leaves the database at the previous version. Never edit
 * a change that has shipped: add a new one. */
#include "store/db.h"

struct migration {
	const char *sqlite;
	/* PostgreSQL: INTEGER is BIGINT, an INTEGER PRIMARY KEY an identity
	 * (unless its value is always given: another row's id, a year), BLOB
	 * BYTEA; a trigger is a function of its name and the trigger; what
	 * only SQLite has (FTS5, its schema table) is a no-op */
	const char *postgres;
};

static const struct migration migrations[] = {

	/* 1: the foundation — settings, agencies, staff, sessions, audit */
	{.sqlite =
		 "CREATE TABLE settings ("
		 "  key   TEXT PRIMARY KEY,"
		 "  value TEXT NOT NULL"
		 ");"
		 "CREATE TABLE agencies ("
		 "  id           INTEGER PRIMARY KEY,"
		 "  parent_id    INTEGER REFERENCES agencies(id),"
		 "  path         TEXT NOT NULL," /* '/1/5/12/': ancestors and self, for subtree
						    tests */
		 "  code         TEXT NOT NULL UNIQUE,"
		 "  name         TEXT NOT NULL,"
		 "  kind         TEXT NOT NULL CHECK (kind IN ('government','office','department','other')),"
		 "  supervises   INTEGER NOT NULL DEFAULT 0 CHECK (supervises IN (0,1)),"
		 "  sort_order   INTEGER NOT NULL DEFAULT 0,"
		 "  address      TEXT NOT NULL DEFAULT '',"
		 "  postcode     TEXT NOT NULL DEFAULT '',"
		 "  phone        TEXT NOT NULL DEFAULT '',"
		 "  fax          TEXT NOT NULL DEFAULT '',"
		 "  email        TEXT NOT NULL DEFAULT '',"
		 "  office_hours TEXT NOT NULL DEFAULT '',"
		 "  website      TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX agencies_parent ON agencies(parent_id);"
		 "CREATE TABLE users ("
		 "  id            INTEGER PRIMARY KEY,"
		 "  agency_id     INTEGER NOT NULL REFERENCES agencies(id),"
		 "  login         TEXT NOT NULL UNIQUE,"
		 "  display_name  TEXT NOT NULL,"
		 "  roles         INTEGER NOT NULL CHECK (roles > 0 AND roles < 16),"
		 "  password_hash TEXT NOT NULL,"
		 "  disabled      INTEGER NOT NULL DEFAULT 0,"
		 "  created_at    INTEGER NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE TABLE sessions ("
		 "  token_digest TEXT PRIMARY KEY," /* hex BLAKE2b of the cookie's token */
		 "  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
		 "  csrf         TEXT NOT NULL,"
		 "  created_at   INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  expires_at   INTEGER NOT NULL"
		 ");"
		 "CREATE INDEX sessions_user ON sessions(user_id);"
		 "CREATE TABLE login_failures ("
		 "  key TEXT NOT NULL," /* 'login:NAME' or 'addr:IP' */
		 "  at  INTEGER NOT NULL"
		 ");"
		 "CREATE INDEX login_failures_key ON login_failures(key, at);"
		 "CREATE TABLE audit_log ("
		 "  id          INTEGER PRIMARY KEY,"
		 "  at          INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  user_id     INTEGER REFERENCES users(id),"
		 "  agency_id   INTEGER REFERENCES agencies(id),"
		 "  action      TEXT NOT NULL,"
		 "  object_type TEXT NOT NULL,"
		 "  object_id   INTEGER,"
		 "  detail      TEXT"
		 ");"
		 "CREATE INDEX audit_object ON audit_log(object_type, object_id);",
	 /* SQLite's functions the store's statements call, so that they stay
	  * one text. unixepoch(): whole seconds, rounded down as SQLite's, of
	  * the statement's start; SQLite takes the time once per statement
	  * too. Not now(): that is the transaction's start, before its wait
	  * for the write lock, so a later writer could stamp an earlier time;
	  * not clock_timestamp(): rows of one statement would differ.
	  * group_concat(text, sep) as SQLite's (NULLs skipped, NULL if none);
	  * date(seconds, 'unixepoch', 'localtime') only, in the session's
	  * TimeZone (SQLite: the process's). */
	 .postgres =
		 "CREATE FUNCTION unixepoch() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE"
		 "  AS 'SELECT floor(extract(epoch FROM statement_timestamp()))::bigint';"
		 "CREATE FUNCTION instr(haystack text, needle text) RETURNS bigint"
		 "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
		 "  AS 'SELECT strpos(haystack, needle)::bigint';"
		 "CREATE FUNCTION group_concat_step(acc text, v text, sep text) RETURNS text"
		 "  LANGUAGE sql IMMUTABLE PARALLEL SAFE"
		 "  AS 'SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v"
		 "  ELSE acc || sep || v END';"
		 "CREATE AGGREGATE group_concat(text, text) (SFUNC = group_concat_step, STYPE = text);"
		 "CREATE FUNCTION date(bigint, text, text) RETURNS text LANGUAGE plpgsql STABLE"
		 "  AS $$BEGIN IF $2 = 'unixepoch' AND $3 = 'localtime' THEN"
		 "  RETURN to_char(to_timestamp($1), 'YYYY-MM-DD'); END IF;"
		 "  RAISE EXCEPTION 'date(): only (seconds, ''unixepoch'', ''localtime'')'; END$$;"
		 "CREATE TABLE settings ("
		 "  key   TEXT PRIMARY KEY,"
		 "  value TEXT NOT NULL"
		 ");"
		 "CREATE TABLE agencies ("
		 "  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  parent_id    BIGINT REFERENCES agencies(id),"
		 "  path         TEXT NOT NULL,"
		 "  code         TEXT NOT NULL UNIQUE,"
		 "  name         TEXT NOT NULL,"
		 "  kind         TEXT NOT NULL CHECK (kind IN ('government','office','department','other')),"
		 "  supervises   BIGINT NOT NULL DEFAULT 0 CHECK (supervises IN (0,1)),"
		 "  sort_order   BIGINT NOT NULL DEFAULT 0,"
		 "  address      TEXT NOT NULL DEFAULT '',"
		 "  postcode     TEXT NOT NULL DEFAULT '',"
		 "  phone        TEXT NOT NULL DEFAULT '',"
		 "  fax          TEXT NOT NULL DEFAULT '',"
		 "  email        TEXT NOT NULL DEFAULT '',"
		 "  office_hours TEXT NOT NULL DEFAULT '',"
		 "  website      TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX agencies_parent ON agencies(parent_id);"
		 "CREATE TABLE users ("
		 "  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  agency_id     BIGINT NOT NULL REFERENCES agencies(id),"
		 "  login         TEXT NOT NULL UNIQUE,"
		 "  display_name  TEXT NOT NULL,"
		 "  roles         BIGINT NOT NULL CHECK (roles > 0 AND roles < 16),"
		 "  password_hash TEXT NOT NULL,"
		 "  disabled      BIGINT NOT NULL DEFAULT 0,"
		 "  created_at    BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE TABLE sessions ("
		 "  token_digest TEXT PRIMARY KEY,"
		 "  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
		 "  csrf         TEXT NOT NULL,"
		 "  created_at   BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  expires_at   BIGINT NOT NULL"
		 ");"
		 "CREATE INDEX sessions_user ON sessions(user_id);"
		 "CREATE TABLE login_failures ("
		 "  key TEXT NOT NULL,"
		 "  at  BIGINT NOT NULL"
		 ");"
		 "CREATE INDEX login_failures_key ON login_failures(key, at);"
		 "CREATE TABLE audit_log ("
		 "  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  at          BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  user_id     BIGINT REFERENCES users(id),"
		 "  agency_id   BIGINT REFERENCES agencies(id),"
		 "  action      TEXT NOT NULL,"
		 "  object_type TEXT NOT NULL,"
		 "  object_id   BIGINT,"
		 "  detail      TEXT"
		 ");"
		 "CREATE INDEX audit_object ON audit_log(object_type, object_id);"},
	/* catalogue (issue 3): items, their revisions, 索引号 series, full-text index */
	{.sqlite =
		 "CREATE TABLE items ("
		 "  id            INTEGER PRIMARY KEY,"
		 "  agency_id     INTEGER NOT NULL REFERENCES agencies(id),"
		 "  status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','withdrawn')),"
		 "  revision      INTEGER NOT NULL DEFAULT 1,"
		 "  index_no      TEXT UNIQUE," /* NULL until published; never reused */
		 "  title         TEXT NOT NULL,"
		 "  topic         TEXT NOT NULL,"
		 "  genre         TEXT NOT NULL,"
		 "  column_code   TEXT NOT NULL DEFAULT '',"
		 "  doc_no        TEXT NOT NULL DEFAULT '',"
		 "  written       TEXT NOT NULL DEFAULT '',"
		 "  published     TEXT NOT NULL DEFAULT ''," /* 'YYYY-MM-DD HH:MM' sorts as text */
		 "  year          INTEGER NOT NULL DEFAULT 0,"
		 "  validity      TEXT NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid','expired','repealed')),"
		 "  effective     TEXT NOT NULL DEFAULT '',"
		 "  ended         TEXT NOT NULL DEFAULT '',"
		 "  repealed_by   TEXT NOT NULL DEFAULT '',"
		 "  normative     TEXT NOT NULL DEFAULT '' CHECK (normative IN ('','rule','normative')),"
		 "  channels      INTEGER NOT NULL DEFAULT 1,"
		 "  keywords      TEXT NOT NULL DEFAULT '',"
		 "  summary       TEXT NOT NULL DEFAULT '',"
		 "  interp_kind   TEXT NOT NULL DEFAULT '',"
		 "  interprets_id INTEGER REFERENCES items(id),"
		 "  body          TEXT NOT NULL DEFAULT '',"
		 "  attachments   TEXT NOT NULL DEFAULT '',"
		 "  created_by    INTEGER REFERENCES users(id),"
		 "  created_at    INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at    INTEGER NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX items_public ON items(status, published DESC, id DESC);"
		 "CREATE INDEX items_agency ON items(agency_id, published DESC);"
		 "CREATE INDEX items_topic ON items(topic, published DESC);"
		 "CREATE INDEX items_genre ON items(genre, published DESC);"
		 "CREATE INDEX items_interprets ON items(interprets_id) WHERE interprets_id IS NOT NULL;"
		 "CREATE INDEX items_natural ON items(agency_id, title, published);"
		 "CREATE INDEX items_normative ON items(normative, agency_id) WHERE normative <> '';"
		 "CREATE TABLE index_serials ("
		 "  series TEXT PRIMARY KEY," /* the 索引号 with its serial left out */
		 "  last   INTEGER NOT NULL"
		 ") WITHOUT ROWID;"
		 "CREATE TABLE item_revisions ("
		 "  id       INTEGER PRIMARY KEY,"
		 "  item_id  INTEGER NOT NULL REFERENCES items(id),"
		 "  revision INTEGER NOT NULL,"
		 "  at       INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  user_id  INTEGER REFERENCES users(id),"
		 "  action   TEXT NOT NULL,"
		 "  snapshot TEXT NOT NULL," /* the item as JSON, as the API shows it */
		 "  UNIQUE (item_id, revision)"
		 ");"
		 /* columns held our own bigram tokens; dropped by migration 9 */
		 "CREATE VIRTUAL TABLE item_fts USING fts5(title, meta, body, "
		 "  tokenize = 'unicode61 remove_diacritics 0');",
	 .postgres =
		 "CREATE TABLE items ("
		 "  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  agency_id     BIGINT NOT NULL REFERENCES agencies(id),"
		 "  status        TEXT NOT NULL DEFAULT 'draft'"
		 "    CONSTRAINT items_status_check CHECK (status IN ('draft','published','withdrawn')),"
		 "  revision      BIGINT NOT NULL DEFAULT 1,"
		 "  index_no      TEXT UNIQUE,"
		 "  title         TEXT NOT NULL,"
		 "  topic         TEXT NOT NULL,"
		 "  genre         TEXT NOT NULL,"
		 "  column_code   TEXT NOT NULL DEFAULT '',"
		 "  doc_no        TEXT NOT NULL DEFAULT '',"
		 "  written       TEXT NOT NULL DEFAULT '',"
		 "  published     TEXT NOT NULL DEFAULT '',"
		 "  year          BIGINT NOT NULL DEFAULT 0,"
		 "  validity      TEXT NOT NULL DEFAULT 'valid'"
		 "    CONSTRAINT items_validity_check CHECK (validity IN ('valid','expired','repealed')),"
		 "  effective     TEXT NOT NULL DEFAULT '',"
		 "  ended         TEXT NOT NULL DEFAULT '',"
		 "  repealed_by   TEXT NOT NULL DEFAULT '',"
		 "  normative     TEXT NOT NULL DEFAULT ''"
		 "    CONSTRAINT items_normative_check CHECK (normative IN ('','rule','normative')),"
		 "  channels      BIGINT NOT NULL DEFAULT 1,"
		 "  keywords      TEXT NOT NULL DEFAULT '',"
		 "  summary       TEXT NOT NULL DEFAULT '',"
		 "  interp_kind   TEXT NOT NULL DEFAULT '',"
		 "  interprets_id BIGINT REFERENCES items(id),"
		 "  body          TEXT NOT NULL DEFAULT '',"
		 "  attachments   TEXT NOT NULL DEFAULT '',"
		 "  created_by    BIGINT REFERENCES users(id),"
		 "  created_at    BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at    BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX items_public ON items(status, published DESC, id DESC);"
		 "CREATE INDEX items_agency ON items(agency_id, published DESC);"
		 "CREATE INDEX items_topic ON items(topic, published DESC);"
		 "CREATE INDEX items_genre ON items(genre, published DESC);"
		 "CREATE INDEX items_interprets ON items(interprets_id) WHERE interprets_id IS NOT NULL;"
		 "CREATE INDEX items_natural ON items(agency_id, title, published);"
		 "CREATE INDEX items_normative ON items(normative, agency_id) WHERE normative <> '';"
		 "CREATE TABLE index_serials ("
		 "  series TEXT PRIMARY KEY,"
		 "  last   BIGINT NOT NULL"
		 ");"
		 "CREATE TABLE item_revisions ("
		 "  id       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  item_id  BIGINT NOT NULL REFERENCES items(id),"
		 "  revision BIGINT NOT NULL,"
		 "  at       BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  user_id  BIGINT REFERENCES users(id),"
		 "  action   TEXT NOT NULL,"
		 "  snapshot TEXT NOT NULL,"
		 "  UNIQUE (item_id, revision)"
		 ");"},
	/* applications for disclosure (issue 4): the application, its applicant's
	 * personal data (kept apart), the timeline, fee notices, attachment
	 * metadata; administrators' holiday years; per-address rate limits.
	 * Days are 'YYYY-MM-DD' text ('' when unknown), which sorts as dates. */
	{.sqlite =
		 "CREATE TABLE applications ("
		 "  id              INTEGER PRIMARY KEY,"
		 "  tracking_code   TEXT NOT NULL UNIQUE,"
		 "  agency_id       INTEGER NOT NULL REFERENCES agencies(id),"
		 "  channel         TEXT NOT NULL CHECK (channel IN ('in_person','fax','online','letter','email')),"
		 "  registered_post INTEGER NOT NULL DEFAULT 0,"
		 "  submitted       TEXT NOT NULL DEFAULT '',"
		 "  signed_for      TEXT NOT NULL DEFAULT '',"
		 "  confirmed       TEXT NOT NULL DEFAULT '',"
		 "  received        TEXT NOT NULL,"
		 "  received_final  INTEGER NOT NULL DEFAULT 1,"
		 "  receipt_rule    TEXT NOT NULL DEFAULT '',"
		 "  applicant_type  TEXT NOT NULL,"
		 "  description     TEXT NOT NULL,"
		 "  doc_no          TEXT NOT NULL DEFAULT '',"
		 "  delivery        TEXT NOT NULL,"
		 "  medium          TEXT NOT NULL DEFAULT '',"
		 "  state           TEXT NOT NULL,"
		 "  outcome         TEXT NOT NULL DEFAULT '',"
		 "  handler_id      INTEGER REFERENCES users(id),"
		 "  drafter_id      INTEGER REFERENCES users(id),"
		 "  approver_id     INTEGER REFERENCES users(id),"
		 "  letter          TEXT NOT NULL DEFAULT '',"
		 "  replied         TEXT NOT NULL DEFAULT '',"
		 "  reply_way       TEXT NOT NULL DEFAULT '',"
		 "  due             TEXT NOT NULL DEFAULT '',"
		 "  base_due        TEXT NOT NULL DEFAULT '',"
		 "  clock_state     INTEGER NOT NULL DEFAULT 0,"
		 "  provisional     INTEGER NOT NULL DEFAULT 0,"
		 "  on_time         INTEGER NOT NULL DEFAULT 0,"
		 "  after_extension INTEGER NOT NULL DEFAULT 0,"
		 "  is_open         INTEGER NOT NULL DEFAULT 1,"
		 "  created_at      INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at      INTEGER NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX applications_agency ON applications(agency_id, received DESC);"
		 "CREATE INDEX applications_open ON applications(is_open, due);"
		 "CREATE INDEX applications_handler ON applications(handler_id, is_open);"
		 "CREATE TABLE applicants ("
		 "  application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,"
		 "  name      TEXT NOT NULL,"
		 "  id_number TEXT NOT NULL DEFAULT '',"
		 "  phone     TEXT NOT NULL DEFAULT '',"
		 "  email     TEXT NOT NULL DEFAULT '',"
		 "  address   TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX applicants_identity ON applicants(id_number, name);"
		 "CREATE TABLE application_events ("
		 "  id             INTEGER PRIMARY KEY,"
		 "  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
		 "  at             INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  day            TEXT NOT NULL,"
		 "  action         TEXT NOT NULL,"
		 "  user_id        INTEGER REFERENCES users(id),"
		 "  state_from     TEXT NOT NULL DEFAULT '',"
		 "  state_to       TEXT NOT NULL,"
		 "  note           TEXT NOT NULL DEFAULT '',"
		 "  clock          INTEGER," /* enum gk_clock_kind, NULL if none */
		 "  days           INTEGER NOT NULL DEFAULT 0,"
		 "  until          TEXT NOT NULL DEFAULT '',"
		 "  party          INTEGER NOT NULL DEFAULT 0,"
		 "  outcome        TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX application_events_app ON application_events(application_id, id);"
		 "CREATE TABLE application_fees ("
		 "  id              INTEGER PRIMARY KEY,"
		 "  application_id  INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
		 "  method          TEXT NOT NULL CHECK (method IN ('by_count','by_pages')),"
		 "  first_no        INTEGER NOT NULL DEFAULT 0,"
		 "  item_count      INTEGER NOT NULL DEFAULT 0,"
		 "  pages           INTEGER NOT NULL DEFAULT 0,"
		 "  amount          INTEGER NOT NULL," /* 分 */
		 "  notice_day      TEXT NOT NULL,"
		 "  notice_received TEXT NOT NULL,"
		 "  payment_due     TEXT NOT NULL,"
		 "  status          INTEGER NOT NULL DEFAULT 0," /* enum gk_fee_status */
		 "  settled_day     TEXT NOT NULL DEFAULT '',"
		 "  explain         TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX application_fees_app ON application_fees(application_id);"
		 "CREATE TABLE application_attachments ("
		 "  id             INTEGER PRIMARY KEY,"
		 "  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
		 "  event_id       INTEGER REFERENCES application_events(id),"
		 "  name           TEXT NOT NULL,"
		 "  media_type     TEXT NOT NULL DEFAULT '',"
		 "  size           INTEGER NOT NULL DEFAULT 0,"
		 "  sha256         TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE TABLE holiday_years ("
		 "  year        INTEGER PRIMARY KEY,"
		 "  text        TEXT NOT NULL,"
		 "  uploaded_by INTEGER REFERENCES users(id),"
		 "  uploaded_at INTEGER NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE TABLE rate_hits ("
		 "  key TEXT NOT NULL,"
		 "  at  INTEGER NOT NULL"
		 ");"
		 "CREATE INDEX rate_hits_key ON rate_hits(key, at);",
	 .postgres =
		 "CREATE TABLE applications ("
		 "  id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  tracking_code   TEXT NOT NULL UNIQUE,"
		 "  agency_id       BIGINT NOT NULL REFERENCES agencies(id),"
		 "  channel         TEXT NOT NULL CHECK (channel IN ('in_person','fax','online','letter','email')),"
		 "  registered_post BIGINT NOT NULL DEFAULT 0,"
		 "  submitted       TEXT NOT NULL DEFAULT '',"
		 "  signed_for      TEXT NOT NULL DEFAULT '',"
		 "  confirmed       TEXT NOT NULL DEFAULT '',"
		 "  received        TEXT NOT NULL,"
		 "  received_final  BIGINT NOT NULL DEFAULT 1,"
		 "  receipt_rule    TEXT NOT NULL DEFAULT '',"
		 "  applicant_type  TEXT NOT NULL,"
		 "  description     TEXT NOT NULL,"
		 "  doc_no          TEXT NOT NULL DEFAULT '',"
		 "  delivery        TEXT NOT NULL,"
		 "  medium          TEXT NOT NULL DEFAULT '',"
		 "  state           TEXT NOT NULL,"
		 "  outcome         TEXT NOT NULL DEFAULT '',"
		 "  handler_id      BIGINT REFERENCES users(id),"
		 "  drafter_id      BIGINT REFERENCES users(id),"
		 "  approver_id     BIGINT REFERENCES users(id),"
		 "  letter          TEXT NOT NULL DEFAULT '',"
		 "  replied         TEXT NOT NULL DEFAULT '',"
		 "  reply_way       TEXT NOT NULL DEFAULT '',"
		 "  due             TEXT NOT NULL DEFAULT '',"
		 "  base_due        TEXT NOT NULL DEFAULT '',"
		 "  clock_state     BIGINT NOT NULL DEFAULT 0,"
		 "  provisional     BIGINT NOT NULL DEFAULT 0,"
		 "  on_time         BIGINT NOT NULL DEFAULT 0,"
		 "  after_extension BIGINT NOT NULL DEFAULT 0,"
		 "  is_open         BIGINT NOT NULL DEFAULT 1,"
		 "  created_at      BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at      BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX applications_agency ON applications(agency_id, received DESC);"
		 "CREATE INDEX applications_open ON applications(is_open, due);"
		 "CREATE INDEX applications_handler ON applications(handler_id, is_open);"
		 "CREATE TABLE applicants ("
		 "  application_id BIGINT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,"
		 "  name      TEXT NOT NULL,"
		 "  id_number TEXT NOT NULL DEFAULT '',"
		 "  phone     TEXT NOT NULL DEFAULT '',"
		 "  email     TEXT NOT NULL DEFAULT '',"
		 "  address   TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX applicants_identity ON applicants(id_number, name);"
		 "CREATE TABLE application_events ("
		 "  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
		 "  at             BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  day            TEXT NOT NULL,"
		 "  action         TEXT NOT NULL,"
		 "  user_id        BIGINT REFERENCES users(id),"
		 "  state_from     TEXT NOT NULL DEFAULT '',"
		 "  state_to       TEXT NOT NULL,"
		 "  note           TEXT NOT NULL DEFAULT '',"
		 "  clock          BIGINT,"
		 "  days           BIGINT NOT NULL DEFAULT 0,"
		 "  until          TEXT NOT NULL DEFAULT '',"
		 "  party          BIGINT NOT NULL DEFAULT 0,"
		 "  outcome        TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX application_events_app ON application_events(application_id, id);"
		 "CREATE TABLE application_fees ("
		 "  id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  application_id  BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
		 "  method          TEXT NOT NULL CHECK (method IN ('by_count','by_pages')),"
		 "  first_no        BIGINT NOT NULL DEFAULT 0,"
		 "  item_count      BIGINT NOT NULL DEFAULT 0,"
		 "  pages           BIGINT NOT NULL DEFAULT 0,"
		 "  amount          BIGINT NOT NULL,"
		 "  notice_day      TEXT NOT NULL,"
		 "  notice_received TEXT NOT NULL,"
		 "  payment_due     TEXT NOT NULL,"
		 "  status          BIGINT NOT NULL DEFAULT 0,"
		 "  settled_day     TEXT NOT NULL DEFAULT '',"
		 "  explain         TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX application_fees_app ON application_fees(application_id);"
		 "CREATE TABLE application_attachments ("
		 "  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
		 "  event_id       BIGINT REFERENCES application_events(id),"
		 "  name           TEXT NOT NULL,"
		 "  media_type     TEXT NOT NULL DEFAULT '',"
		 "  size           BIGINT NOT NULL DEFAULT 0,"
		 "  sha256         TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE TABLE holiday_years ("
		 "  year        BIGINT PRIMARY KEY,"
		 "  text        TEXT NOT NULL,"
		 "  uploaded_by BIGINT REFERENCES users(id),"
		 "  uploaded_at BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE TABLE rate_hits ("
		 "  key TEXT NOT NULL,"
		 "  at  BIGINT NOT NULL"
		 ");"
		 "CREATE INDEX rate_hits_key ON rate_hits(key, at);"},

	/* 4: an item's related items (same topic, newest first) without a sort */
	{.sqlite =
		 "CREATE INDEX items_topic_public ON items(topic, status, published DESC, id DESC);",
	 .postgres =
		 "CREATE INDEX items_topic_public ON items(topic, status, published DESC, id DESC);"},

	/* 5: failed logins are counted in rate_hits like applications */
	{.sqlite = "INSERT INTO rate_hits(key, at)"
		   "  SELECT key, at FROM login_failures;"
		   "DROP TABLE login_failures;",
	 .postgres = "INSERT INTO rate_hits(key, at)"
		     "  SELECT key, at FROM login_failures;"
		     "DROP TABLE login_failures;"},

	/* 6: attachments with their bytes. A file's bytes are kept once however
	 * often it is attached (files, by SHA-256); item_files and
	 * application_attachments say where it is attached, under which name.
	 * A file no attachment names any more is deleted with its last one. */
	{.sqlite =
		 "CREATE TABLE files ("
		 "  id         INTEGER PRIMARY KEY,"
		 "  sha256     TEXT NOT NULL UNIQUE," /* hex */
		 "  size       INTEGER NOT NULL,"
		 "  created_at INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  data       BLOB NOT NULL" /* last: listings never read its pages */
		 ");"
		 "CREATE TABLE item_files ("
		 "  id         INTEGER PRIMARY KEY,"
		 "  item_id    INTEGER NOT NULL REFERENCES items(id),"
		 "  file_id    INTEGER NOT NULL REFERENCES files(id),"
		 "  name       TEXT NOT NULL,"
		 "  media_type TEXT NOT NULL,"
		 "  added_by   INTEGER REFERENCES users(id),"
		 "  added_at   INTEGER NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX item_files_item ON item_files(item_id, id);"
		 "CREATE INDEX item_files_file ON item_files(file_id);"
		 "ALTER TABLE application_attachments ADD COLUMN file_id INTEGER REFERENCES files(id);"
		 "ALTER TABLE application_attachments ADD COLUMN added_at INTEGER NOT NULL DEFAULT 0;"
		 "CREATE INDEX application_attachments_app ON application_attachments(application_id, id);"
		 "CREATE INDEX application_attachments_file ON application_attachments(file_id);",
	 .postgres =
		 "CREATE TABLE files ("
		 "  id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  sha256     TEXT NOT NULL UNIQUE,"
		 "  size       BIGINT NOT NULL,"
		 "  created_at BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  data       BYTEA NOT NULL"
		 ");"
		 "CREATE TABLE item_files ("
		 "  id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  item_id    BIGINT NOT NULL REFERENCES items(id),"
		 "  file_id    BIGINT NOT NULL REFERENCES files(id),"
		 "  name       TEXT NOT NULL,"
		 "  media_type TEXT NOT NULL,"
		 "  added_by   BIGINT REFERENCES users(id),"
		 "  added_at   BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX item_files_item ON item_files(item_id, id);"
		 "CREATE INDEX item_files_file ON item_files(file_id);"
		 "ALTER TABLE application_attachments ADD COLUMN file_id BIGINT REFERENCES files(id);"
		 "ALTER TABLE application_attachments ADD COLUMN added_at BIGINT NOT NULL DEFAULT 0;"
		 "CREATE INDEX application_attachments_app ON application_attachments(application_id, id);"
		 "CREATE INDEX application_attachments_file ON application_attachments(file_id);"},

	/* 7: enumerations stored as their codes, never as an enum's number
	 * (lib/enumtab.h): the clock, consultation parties, fee notices; an
	 * item's publication outlets as a list of codes */
	{.sqlite =
		 "ALTER TABLE applications ADD COLUMN clock_code TEXT NOT NULL DEFAULT 'running';"
		 "UPDATE applications SET clock_code = CASE clock_state WHEN 1 THEN 'paused'"
		 "  WHEN 2 THEN 'awaiting_supplement' WHEN 3 THEN 'stopped' ELSE 'running' END;"
		 "ALTER TABLE applications DROP COLUMN clock_state;"
		 "ALTER TABLE applications RENAME COLUMN clock_code TO clock_state;"
		 "ALTER TABLE application_events ADD COLUMN clock_code TEXT NOT NULL DEFAULT '';"
		 "ALTER TABLE application_events ADD COLUMN party_code TEXT NOT NULL DEFAULT 'third_party';"
		 "UPDATE application_events SET clock_code = CASE clock"
		 "  WHEN 0 THEN 'supplement_requested' WHEN 1 THEN 'supplemented'"
		 "  WHEN 2 THEN 'consult_start' WHEN 3 THEN 'consult_end' WHEN 4 THEN 'fee_notice'"
		 "  WHEN 5 THEN 'fee_paid' WHEN 6 THEN 'fee_waived' WHEN 7 THEN 'extended'"
		 "  WHEN 8 THEN 'delayed' WHEN 9 THEN 'closed' ELSE '' END,"
		 "  party_code = CASE party WHEN 1 THEN 'agency' ELSE 'third_party' END;"
		 "ALTER TABLE application_events DROP COLUMN clock;"
		 "ALTER TABLE application_events DROP COLUMN party;"
		 "ALTER TABLE application_events RENAME COLUMN clock_code TO clock;"
		 "ALTER TABLE application_events RENAME COLUMN party_code TO party;"
		 "ALTER TABLE application_fees ADD COLUMN status_code TEXT NOT NULL DEFAULT 'open';"
		 "UPDATE application_fees SET status_code = CASE status WHEN 1 THEN 'paid'"
		 "  WHEN 2 THEN 'waived' WHEN 3 THEN 'lapsed' ELSE 'open' END;"
		 "ALTER TABLE application_fees DROP COLUMN status;"
		 "ALTER TABLE application_fees RENAME COLUMN status_code TO status;"
		 "ALTER TABLE items ADD COLUMN outlets TEXT NOT NULL DEFAULT 'website';"
		 "UPDATE items SET outlets = trim("
		 "  (CASE WHEN channels & 1 THEN 'website,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 2 THEN 'gazette,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 4 THEN 'weibo,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 8 THEN 'wechat,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 16 THEN 'other,' ELSE '' END), ',');"
		 "ALTER TABLE items DROP COLUMN channels;",
	 .postgres =
		 "ALTER TABLE applications ADD COLUMN clock_code TEXT NOT NULL DEFAULT 'running';"
		 "UPDATE applications SET clock_code = CASE clock_state WHEN 1 THEN 'paused'"
		 "  WHEN 2 THEN 'awaiting_supplement' WHEN 3 THEN 'stopped' ELSE 'running' END;"
		 "ALTER TABLE applications DROP COLUMN clock_state;"
		 "ALTER TABLE applications RENAME COLUMN clock_code TO clock_state;"
		 "ALTER TABLE application_events ADD COLUMN clock_code TEXT NOT NULL DEFAULT '';"
		 "ALTER TABLE application_events ADD COLUMN party_code TEXT NOT NULL DEFAULT 'third_party';"
		 "UPDATE application_events SET clock_code = CASE clock"
		 "  WHEN 0 THEN 'supplement_requested' WHEN 1 THEN 'supplemented'"
		 "  WHEN 2 THEN 'consult_start' WHEN 3 THEN 'consult_end' WHEN 4 THEN 'fee_notice'"
		 "  WHEN 5 THEN 'fee_paid' WHEN 6 THEN 'fee_waived' WHEN 7 THEN 'extended'"
		 "  WHEN 8 THEN 'delayed' WHEN 9 THEN 'closed' ELSE '' END,"
		 "  party_code = CASE party WHEN 1 THEN 'agency' ELSE 'third_party' END;"
		 "ALTER TABLE application_events DROP COLUMN clock;"
		 "ALTER TABLE application_events DROP COLUMN party;"
		 "ALTER TABLE application_events RENAME COLUMN clock_code TO clock;"
		 "ALTER TABLE application_events RENAME COLUMN party_code TO party;"
		 "ALTER TABLE application_fees ADD COLUMN status_code TEXT NOT NULL DEFAULT 'open';"
		 "UPDATE application_fees SET status_code = CASE status WHEN 1 THEN 'paid'"
		 "  WHEN 2 THEN 'waived' WHEN 3 THEN 'lapsed' ELSE 'open' END;"
		 "ALTER TABLE application_fees DROP COLUMN status;"
		 "ALTER TABLE application_fees RENAME COLUMN status_code TO status;"
		 "ALTER TABLE items ADD COLUMN outlets TEXT NOT NULL DEFAULT 'website';"
		 "UPDATE items SET outlets = trim("
		 "  (CASE WHEN channels & 1 <> 0 THEN 'website,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 2 <> 0 THEN 'gazette,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 4 <> 0 THEN 'weibo,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 8 <> 0 THEN 'wechat,' ELSE '' END) ||"
		 "  (CASE WHEN channels & 16 <> 0 THEN 'other,' ELSE '' END), ',');"
		 "ALTER TABLE items DROP COLUMN channels;"},
	/* 8: the catalogue's change log (issue 9). Every change to an item, to
	 * its files or to an agency's name adds a row in the same transaction,
	 * whatever wrote it (server, command line, another process): readers
	 * that keep the catalogue in memory or cache its pages catch up from
	 * their last seq, and max(seq) is the catalogue's version. Not
	 * AUTOINCREMENT (its sqlite_sequence row costs every insert a lookup
	 * and an update): a new seq is max(seq) + 1, which never goes back as
	 * long as nothing deletes the last row (a pruning must keep it); a seq
	 * rolled back is used again, but no reader saw it. */
	{.sqlite = "CREATE TABLE item_changes ("
		   "  seq     INTEGER PRIMARY KEY,"
		   "  item_id INTEGER NOT NULL"
		   ");"
		   "CREATE TRIGGER item_changes_insert AFTER INSERT ON items BEGIN"
		   "  INSERT INTO item_changes(item_id) VALUES (new.id); END;"
		   "CREATE TRIGGER item_changes_update AFTER UPDATE ON items BEGIN"
		   "  INSERT INTO item_changes(item_id) VALUES (new.id); END;"
		   "CREATE TRIGGER item_changes_delete AFTER DELETE ON items BEGIN"
		   "  INSERT INTO item_changes(item_id) VALUES (old.id); END;"
		   "CREATE TRIGGER item_changes_file_add AFTER INSERT ON item_files BEGIN"
		   "  INSERT INTO item_changes(item_id) VALUES (new.item_id); END;"
		   "CREATE TRIGGER item_changes_file_remove AFTER DELETE ON item_files BEGIN"
		   "  INSERT INTO item_changes(item_id) VALUES (old.item_id); END;"
		   "CREATE TRIGGER item_changes_agency AFTER UPDATE OF name, code ON agencies"
		   " WHEN new.name IS NOT old.name OR new.code IS NOT old.code BEGIN"
		   "  INSERT INTO item_changes(item_id)"
		   "    SELECT id FROM items WHERE agency_id = new.id; END;"
		   /* what existed before the log began: one change each */
		   "INSERT INTO item_changes(item_id) SELECT id FROM items ORDER BY id;",
	 .postgres =
		 "CREATE TABLE item_changes ("
		 "  seq     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  item_id BIGINT NOT NULL"
		 ");"
		 "CREATE FUNCTION item_changes_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO item_changes(item_id) VALUES (NEW.id); RETURN NULL; END$$;"
		 "CREATE TRIGGER item_changes_insert AFTER INSERT ON items FOR EACH ROW"
		 "  EXECUTE FUNCTION item_changes_insert();"
		 "CREATE FUNCTION item_changes_update() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO item_changes(item_id) VALUES (NEW.id); RETURN NULL; END$$;"
		 "CREATE TRIGGER item_changes_update AFTER UPDATE ON items FOR EACH ROW"
		 "  EXECUTE FUNCTION item_changes_update();"
		 "CREATE FUNCTION item_changes_delete() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO item_changes(item_id) VALUES (OLD.id); RETURN NULL; END$$;"
		 "CREATE TRIGGER item_changes_delete AFTER DELETE ON items FOR EACH ROW"
		 "  EXECUTE FUNCTION item_changes_delete();"
		 "CREATE FUNCTION item_changes_file_add() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO item_changes(item_id) VALUES (NEW.item_id); RETURN NULL; END$$;"
		 "CREATE TRIGGER item_changes_file_add AFTER INSERT ON item_files FOR EACH ROW"
		 "  EXECUTE FUNCTION item_changes_file_add();"
		 "CREATE FUNCTION item_changes_file_remove() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO item_changes(item_id) VALUES (OLD.item_id); RETURN NULL; END$$;"
		 "CREATE TRIGGER item_changes_file_remove AFTER DELETE ON item_files FOR EACH ROW"
		 "  EXECUTE FUNCTION item_changes_file_remove();"
		 "CREATE FUNCTION item_changes_agency() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO item_changes(item_id)"
		 "    SELECT id FROM items WHERE agency_id = NEW.id; RETURN NULL; END$$;"
		 "CREATE TRIGGER item_changes_agency AFTER UPDATE OF name, code ON agencies FOR EACH ROW"
		 "  WHEN (NEW.name IS DISTINCT FROM OLD.name"
		 "  OR NEW.code IS DISTINCT FROM OLD.code)"
		 "  EXECUTE FUNCTION item_changes_agency();"
		 "INSERT INTO item_changes(item_id) SELECT id FROM items ORDER BY id;"},
	/* 9: search moves to the catalogue index in memory (issue 9, see
	 * docs/catalogue.md): the FTS5 table of bigram tokens goes. */
	{.sqlite = "DROP TABLE item_fts;",
	 /* item_fts was SQLite's alone (FTS5): none to drop */
	 .postgres = "SELECT 1;"},
	/* 10: a counter of changes to what every public
	 * page shows beside the catalogue — agencies (the header, the footer's
	 * contact, the tree, guides) and settings — bumped by triggers in the
	 * writing transaction, whoever writes. With the catalogue's version it
	 * keys the rendered-page cache (web/page_cache.h). */
	{.sqlite = "CREATE TABLE site_changes ("
		   "  id  INTEGER PRIMARY KEY CHECK (id = 1),"
		   "  seq INTEGER NOT NULL"
		   ");"
		   "INSERT INTO site_changes(id, seq) VALUES (1, 1);"
		   "CREATE TRIGGER site_changes_agency_insert AFTER INSERT ON agencies BEGIN"
		   "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; END;"
		   "CREATE TRIGGER site_changes_agency_update AFTER UPDATE ON agencies BEGIN"
		   "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; END;"
		   "CREATE TRIGGER site_changes_agency_delete AFTER DELETE ON agencies BEGIN"
		   "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; END;"
		   "CREATE TRIGGER site_changes_setting_insert AFTER INSERT ON settings BEGIN"
		   "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; END;"
		   "CREATE TRIGGER site_changes_setting_update AFTER UPDATE ON settings BEGIN"
		   "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; END;"
		   "CREATE TRIGGER site_changes_setting_delete AFTER DELETE ON settings BEGIN"
		   "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; END;",
	 .postgres =
		 "CREATE TABLE site_changes ("
		 "  id  BIGINT PRIMARY KEY CHECK (id = 1),"
		 "  seq BIGINT NOT NULL"
		 ");"
		 "INSERT INTO site_changes(id, seq) VALUES (1, 1);"
		 "CREATE FUNCTION site_changes_agency_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END$$;"
		 "CREATE TRIGGER site_changes_agency_insert AFTER INSERT ON agencies FOR EACH ROW"
		 "  EXECUTE FUNCTION site_changes_agency_insert();"
		 "CREATE FUNCTION site_changes_agency_update() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END$$;"
		 "CREATE TRIGGER site_changes_agency_update AFTER UPDATE ON agencies FOR EACH ROW"
		 "  EXECUTE FUNCTION site_changes_agency_update();"
		 "CREATE FUNCTION site_changes_agency_delete() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END$$;"
		 "CREATE TRIGGER site_changes_agency_delete AFTER DELETE ON agencies FOR EACH ROW"
		 "  EXECUTE FUNCTION site_changes_agency_delete();"
		 "CREATE FUNCTION site_changes_setting_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END$$;"
		 "CREATE TRIGGER site_changes_setting_insert AFTER INSERT ON settings FOR EACH ROW"
		 "  EXECUTE FUNCTION site_changes_setting_insert();"
		 "CREATE FUNCTION site_changes_setting_update() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END$$;"
		 "CREATE TRIGGER site_changes_setting_update AFTER UPDATE ON settings FOR EACH ROW"
		 "  EXECUTE FUNCTION site_changes_setting_update();"
		 "CREATE FUNCTION site_changes_setting_delete() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE site_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END$$;"
		 "CREATE TRIGGER site_changes_setting_delete AFTER DELETE ON settings FOR EACH ROW"
		 "  EXECUTE FUNCTION site_changes_setting_delete();"},
	/* 11: indexes no
	 * query uses, which every insert pays for. Listings filter with
	 * "?N IS NULL OR column = ?N", which no index serves (and the
	 * catalogue's listings move to an index in memory); the natural key
	 * (agency, title, date) is found through items_agency (agency_id,
	 * published) without a copy of every title. */
	{.sqlite = "DROP INDEX IF EXISTS items_topic;"
		   "DROP INDEX IF EXISTS items_genre;"
		   "DROP INDEX IF EXISTS items_natural;",
	 .postgres = "DROP INDEX IF EXISTS items_topic;"
		     "DROP INDEX IF EXISTS items_genre;"
		     "DROP INDEX IF EXISTS items_natural;"},
	/* 12 (issue 9, whole-catalogue outputs):
	 * the sitemap's parts are ranges of published ids, read from
	 * items_sitemap alone (a partial index on id would still read each
	 * row for its status); the guide's count is a sum of per-agency
	 * counts kept by triggers in the writing transaction. (An index on
	 * (agency_id, status, published, id) would serve agency feeds better,
	 * but SQLite then plans every catalogue listing from the agencies,
	 * with a sort.) */
	{.sqlite = "CREATE INDEX items_sitemap ON items(status, id, updated_at);"
		   "CREATE TABLE agency_items ("
		   "  agency_id INTEGER PRIMARY KEY,"
		   "  published INTEGER NOT NULL DEFAULT 0"
		   ");"
		   "INSERT INTO agency_items(agency_id, published)"
		   "  SELECT a.id, (SELECT count(*) FROM items i"
		   "    WHERE i.agency_id = a.id AND i.status = 'published') FROM agencies a;"
		   "CREATE TRIGGER agency_items_agency_add AFTER INSERT ON agencies BEGIN"
		   "  INSERT INTO agency_items(agency_id) VALUES (new.id); END;"
		   "CREATE TRIGGER agency_items_agency_remove AFTER DELETE ON agencies BEGIN"
		   "  DELETE FROM agency_items WHERE agency_id = old.id; END;"
		   "CREATE TRIGGER agency_items_insert AFTER INSERT ON items"
		   " WHEN new.status = 'published' BEGIN"
		   "  UPDATE agency_items SET published = published + 1"
		   "  WHERE agency_id = new.agency_id; END;"
		   "CREATE TRIGGER agency_items_update AFTER UPDATE OF status, agency_id ON items"
		   " WHEN (old.status = 'published') <> (new.status = 'published')"
		   "  OR (new.status = 'published' AND old.agency_id <> new.agency_id) BEGIN"
		   "  UPDATE agency_items SET published = published - 1"
		   "  WHERE agency_id = old.agency_id AND old.status = 'published';"
		   "  UPDATE agency_items SET published = published + 1"
		   "  WHERE agency_id = new.agency_id AND new.status = 'published'; END;"
		   "CREATE TRIGGER agency_items_delete AFTER DELETE ON items"
		   " WHEN old.status = 'published' BEGIN"
		   "  UPDATE agency_items SET published = published - 1"
		   "  WHERE agency_id = old.agency_id; END;",
	 .postgres =
		 "CREATE INDEX items_sitemap ON items(status, id, updated_at);"
		 "CREATE TABLE agency_items ("
		 "  agency_id BIGINT PRIMARY KEY,"
		 "  published BIGINT NOT NULL DEFAULT 0"
		 ");"
		 "INSERT INTO agency_items(agency_id, published)"
		 "  SELECT a.id, (SELECT count(*) FROM items i"
		 "    WHERE i.agency_id = a.id AND i.status = 'published') FROM agencies a;"
		 "CREATE FUNCTION agency_items_agency_add() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  INSERT INTO agency_items(agency_id) VALUES (NEW.id); RETURN NULL; END$$;"
		 "CREATE TRIGGER agency_items_agency_add AFTER INSERT ON agencies FOR EACH ROW"
		 "  EXECUTE FUNCTION agency_items_agency_add();"
		 "CREATE FUNCTION agency_items_agency_remove() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  DELETE FROM agency_items WHERE agency_id = OLD.id; RETURN NULL; END$$;"
		 "CREATE TRIGGER agency_items_agency_remove AFTER DELETE ON agencies FOR EACH ROW"
		 "  EXECUTE FUNCTION agency_items_agency_remove();"
		 "CREATE FUNCTION agency_items_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE agency_items SET published = published + 1"
		 "  WHERE agency_id = NEW.agency_id; RETURN NULL; END$$;"
		 "CREATE TRIGGER agency_items_insert AFTER INSERT ON items FOR EACH ROW"
		 "  WHEN (NEW.status = 'published')"
		 "  EXECUTE FUNCTION agency_items_insert();"
		 "CREATE FUNCTION agency_items_update() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE agency_items SET published = published - 1"
		 "  WHERE agency_id = OLD.agency_id AND OLD.status = 'published';"
		 "  UPDATE agency_items SET published = published + 1"
		 "  WHERE agency_id = NEW.agency_id AND NEW.status = 'published'; RETURN NULL; END$$;"
		 "CREATE TRIGGER agency_items_update AFTER UPDATE OF status, agency_id ON items FOR EACH ROW"
		 "  WHEN ((OLD.status = 'published') <> (NEW.status = 'published')"
		 "  OR (NEW.status = 'published' AND OLD.agency_id <> NEW.agency_id))"
		 "  EXECUTE FUNCTION agency_items_update();"
		 "CREATE FUNCTION agency_items_delete() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  UPDATE agency_items SET published = published - 1"
		 "  WHERE agency_id = OLD.agency_id; RETURN NULL; END$$;"
		 "CREATE TRIGGER agency_items_delete AFTER DELETE ON items FOR EACH ROW"
		 "  WHEN (OLD.status = 'published')"
		 "  EXECUTE FUNCTION agency_items_delete();"},
	/* 13 (issue 10, the yearly report): the records the report counts
	 * beyond items and applications, each kept per agency with who entered
	 * it and when, and the report's own texts. Dates are 'YYYY-MM-DD'
	 * ('' when absent); enumerations are their codes (core/records.h).
	 * Counts for a year are read through the (agency, date) indexes. */
	{.sqlite = "CREATE TABLE disputes ("
		   "  id             INTEGER PRIMARY KEY,"
		   "  agency_id      INTEGER NOT NULL REFERENCES agencies(id),"
		   "  kind           TEXT NOT NULL"
		   "    CHECK (kind IN ('review','direct_suit','suit_after_review')),"
		   "  application_id INTEGER REFERENCES applications(id),"
		   "  review_id      INTEGER REFERENCES disputes(id),"
		   "  case_no        TEXT NOT NULL DEFAULT '',"
		   "  authority      TEXT NOT NULL DEFAULT '',"
		   "  subject        TEXT NOT NULL DEFAULT '',"
		   "  filed          TEXT NOT NULL,"
		   "  decided        TEXT NOT NULL DEFAULT '',"
		   "  result         TEXT NOT NULL DEFAULT 'pending'"
		   "    CHECK (result IN ('upheld','corrected','other','pending')),"
		   "  note           TEXT NOT NULL DEFAULT '',"
		   "  revision       INTEGER NOT NULL DEFAULT 1,"
		   "  created_by     INTEGER REFERENCES users(id),"
		   "  updated_by     INTEGER REFERENCES users(id),"
		   "  created_at     INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  updated_at     INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  CHECK ((result = 'pending') = (decided = '')),"
		   "  CHECK (decided = '' OR decided >= filed)"
		   ");"
		   "CREATE INDEX disputes_agency ON disputes(agency_id, filed);"
		   "CREATE INDEX disputes_application ON disputes(application_id)"
		   "  WHERE application_id IS NOT NULL;"
		   "CREATE TABLE complaints ("
		   "  id             INTEGER PRIMARY KEY,"
		   "  agency_id      INTEGER NOT NULL REFERENCES agencies(id),"
		   "  application_id INTEGER REFERENCES applications(id),"
		   "  received       TEXT NOT NULL,"
		   "  source         TEXT NOT NULL DEFAULT '',"
		   "  subject        TEXT NOT NULL DEFAULT '',"
		   "  status         TEXT NOT NULL DEFAULT 'open'"
		   "    CHECK (status IN ('open','upheld','partly','unfounded','referred')),"
		   "  closed         TEXT NOT NULL DEFAULT '',"
		   "  result         TEXT NOT NULL DEFAULT '',"
		   "  revision       INTEGER NOT NULL DEFAULT 1,"
		   "  created_by     INTEGER REFERENCES users(id),"
		   "  updated_by     INTEGER REFERENCES users(id),"
		   "  created_at     INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  updated_at     INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  CHECK ((status = 'open') = (closed = '')),"
		   "  CHECK (closed = '' OR closed >= received)"
		   ");"
		   "CREATE INDEX complaints_agency ON complaints(agency_id, received);"
		   "CREATE TABLE responses ("
		   "  id         INTEGER PRIMARY KEY,"
		   "  agency_id  INTEGER NOT NULL REFERENCES agencies(id),"
		   "  kind       TEXT NOT NULL"
		   "    CHECK (kind IN ('press_conference','interview','opinion')),"
		   "  held       TEXT NOT NULL,"
		   "  title      TEXT NOT NULL,"
		   "  channels   TEXT NOT NULL DEFAULT '',"
		   "  leader     INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1)),"
		   "  note       TEXT NOT NULL DEFAULT '',"
		   "  revision   INTEGER NOT NULL DEFAULT 1,"
		   "  created_by INTEGER REFERENCES users(id),"
		   "  updated_by INTEGER REFERENCES users(id),"
		   "  created_at INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  updated_at INTEGER NOT NULL DEFAULT (unixepoch())"
		   ");"
		   "CREATE INDEX responses_agency ON responses(agency_id, held);"
		   /* figures staff enter per agency and year (core/records.h):
		    * counts, or amounts in fen */
		   "CREATE TABLE year_figures ("
		   "  agency_id  INTEGER NOT NULL REFERENCES agencies(id),"
		   "  year       INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		   "  code       TEXT NOT NULL,"
		   "  value      INTEGER NOT NULL CHECK (value >= 0),"
		   "  updated_by INTEGER REFERENCES users(id),"
		   "  updated_at INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  PRIMARY KEY (agency_id, year, code)"
		   ") WITHOUT ROWID;"
		   /* the report's sections written by staff (总体情况,
		    * 存在的主要问题及改进情况, 其他需要报告的事项), every version
		    * kept: a section's text is its row with the highest revision */
		   "CREATE TABLE report_texts ("
		   "  agency_id  INTEGER NOT NULL REFERENCES agencies(id),"
		   "  year       INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		   "  section    TEXT NOT NULL CHECK (section IN ('overview','problems','other')),"
		   "  revision   INTEGER NOT NULL CHECK (revision > 0),"
		   "  body       TEXT NOT NULL,"
		   "  user_id    INTEGER REFERENCES users(id),"
		   "  at         INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  PRIMARY KEY (agency_id, year, section, revision)"
		   ") WITHOUT ROWID;"
		   /* a published report: the catalogue item (信息分类 政府信息公开年度
		    * 报告, its own 索引号) that carries it, and the style it used;
		    * publishing again replaces the item's text (a new revision) */
		   "CREATE TABLE annual_reports ("
		   "  agency_id    INTEGER NOT NULL REFERENCES agencies(id),"
		   "  year         INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		   "  rollup       INTEGER NOT NULL CHECK (rollup IN (0, 1)),"
		   "  style        TEXT NOT NULL CHECK (style IN ('2021','2019','narrative')),"
		   "  item_id      INTEGER NOT NULL REFERENCES items(id),"
		   "  published_by INTEGER REFERENCES users(id),"
		   "  published_at INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  PRIMARY KEY (agency_id, year, rollup)"
		   ") WITHOUT ROWID;"
		   /* the city office's scoring sheet (政务公开考核): weight per
		    * criterion code, for a year */
		   "CREATE TABLE score_weights ("
		   "  year       INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		   "  code       TEXT NOT NULL,"
		   "  weight     INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 1000),"
		   "  updated_by INTEGER REFERENCES users(id),"
		   "  updated_at INTEGER NOT NULL DEFAULT (unixepoch()),"
		   "  PRIMARY KEY (year, code)"
		   ") WITHOUT ROWID;",
	 .postgres =
		 "CREATE TABLE disputes ("
		 "  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  agency_id      BIGINT NOT NULL REFERENCES agencies(id),"
		 "  kind           TEXT NOT NULL"
		 "    CHECK (kind IN ('review','direct_suit','suit_after_review')),"
		 "  application_id BIGINT REFERENCES applications(id),"
		 "  review_id      BIGINT REFERENCES disputes(id),"
		 "  case_no        TEXT NOT NULL DEFAULT '',"
		 "  authority      TEXT NOT NULL DEFAULT '',"
		 "  subject        TEXT NOT NULL DEFAULT '',"
		 "  filed          TEXT NOT NULL,"
		 "  decided        TEXT NOT NULL DEFAULT '',"
		 "  result         TEXT NOT NULL DEFAULT 'pending'"
		 "    CHECK (result IN ('upheld','corrected','other','pending')),"
		 "  note           TEXT NOT NULL DEFAULT '',"
		 "  revision       BIGINT NOT NULL DEFAULT 1,"
		 "  created_by     BIGINT REFERENCES users(id),"
		 "  updated_by     BIGINT REFERENCES users(id),"
		 "  created_at     BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at     BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  CHECK ((result = 'pending') = (decided = '')),"
		 "  CHECK (decided = '' OR decided >= filed)"
		 ");"
		 "CREATE INDEX disputes_agency ON disputes(agency_id, filed);"
		 "CREATE INDEX disputes_application ON disputes(application_id)"
		 "  WHERE application_id IS NOT NULL;"
		 "CREATE TABLE complaints ("
		 "  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  agency_id      BIGINT NOT NULL REFERENCES agencies(id),"
		 "  application_id BIGINT REFERENCES applications(id),"
		 "  received       TEXT NOT NULL,"
		 "  source         TEXT NOT NULL DEFAULT '',"
		 "  subject        TEXT NOT NULL DEFAULT '',"
		 "  status         TEXT NOT NULL DEFAULT 'open'"
		 "    CHECK (status IN ('open','upheld','partly','unfounded','referred')),"
		 "  closed         TEXT NOT NULL DEFAULT '',"
		 "  result         TEXT NOT NULL DEFAULT '',"
		 "  revision       BIGINT NOT NULL DEFAULT 1,"
		 "  created_by     BIGINT REFERENCES users(id),"
		 "  updated_by     BIGINT REFERENCES users(id),"
		 "  created_at     BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at     BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  CHECK ((status = 'open') = (closed = '')),"
		 "  CHECK (closed = '' OR closed >= received)"
		 ");"
		 "CREATE INDEX complaints_agency ON complaints(agency_id, received);"
		 "CREATE TABLE responses ("
		 "  id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  agency_id  BIGINT NOT NULL REFERENCES agencies(id),"
		 "  kind       TEXT NOT NULL"
		 "    CHECK (kind IN ('press_conference','interview','opinion')),"
		 "  held       TEXT NOT NULL,"
		 "  title      TEXT NOT NULL,"
		 "  channels   TEXT NOT NULL DEFAULT '',"
		 "  leader     BIGINT NOT NULL DEFAULT 0 CHECK (leader IN (0, 1)),"
		 "  note       TEXT NOT NULL DEFAULT '',"
		 "  revision   BIGINT NOT NULL DEFAULT 1,"
		 "  created_by BIGINT REFERENCES users(id),"
		 "  updated_by BIGINT REFERENCES users(id),"
		 "  created_at BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX responses_agency ON responses(agency_id, held);"
		 "CREATE TABLE year_figures ("
		 "  agency_id  BIGINT NOT NULL REFERENCES agencies(id),"
		 "  year       BIGINT NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		 "  code       TEXT NOT NULL,"
		 "  value      BIGINT NOT NULL CHECK (value >= 0),"
		 "  updated_by BIGINT REFERENCES users(id),"
		 "  updated_at BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  PRIMARY KEY (agency_id, year, code)"
		 ");"
		 "CREATE TABLE report_texts ("
		 "  agency_id  BIGINT NOT NULL REFERENCES agencies(id),"
		 "  year       BIGINT NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		 "  section    TEXT NOT NULL CHECK (section IN ('overview','problems','other')),"
		 "  revision   BIGINT NOT NULL CHECK (revision > 0),"
		 "  body       TEXT NOT NULL,"
		 "  user_id    BIGINT REFERENCES users(id),"
		 "  at         BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  PRIMARY KEY (agency_id, year, section, revision)"
		 ");"
		 "CREATE TABLE annual_reports ("
		 "  agency_id    BIGINT NOT NULL REFERENCES agencies(id),"
		 "  year         BIGINT NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		 "  rollup       BIGINT NOT NULL CHECK (rollup IN (0, 1)),"
		 "  style        TEXT NOT NULL CHECK (style IN ('2021','2019','narrative')),"
		 "  item_id      BIGINT NOT NULL REFERENCES items(id),"
		 "  published_by BIGINT REFERENCES users(id),"
		 "  published_at BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  PRIMARY KEY (agency_id, year, rollup)"
		 ");"
		 "CREATE TABLE score_weights ("
		 "  year       BIGINT NOT NULL CHECK (year BETWEEN 2008 AND 2100),"
		 "  code       TEXT NOT NULL,"
		 "  weight     BIGINT NOT NULL CHECK (weight BETWEEN 0 AND 1000),"
		 "  updated_by BIGINT REFERENCES users(id),"
		 "  updated_at BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  PRIMARY KEY (year, code)"
		 ");"},
	/* 14 (issue 9, import speed): no change of tables, a change of what a
	 * row may hold. An imported item's revision snapshot may now store its
	 * body as null, meaning "the body of the item row as it was": the
	 * store fills it in when a snapshot is read, and before the row
	 * changes (item_store.c). The version moves so that an older gongkai,
	 * which would read such a snapshot as an empty body, refuses the
	 * database ("newer than this gongkai") instead. */
	{.sqlite = "SELECT 1;", .postgres = "SELECT 1;"},
	/* 15 (issue 9, import speed): a new item's change-log row and its
	 * agency's count are written by the store (gk_store_item_insert), no
	 * longer by triggers, so that a bulk load writes them once per batch
	 * (one INSERT … SELECT and one grouped UPDATE in the batch's
	 * transaction) instead of two trigger statements per row: 12–17% of
	 * the import's writer thread. Updates and deletes keep their
	 * triggers.
	 * And the items table's three CHECK (x IN ('a','b','c')) become
	 * x = 'a' OR x = 'b' OR x = 'c': the same rule, but SQLite compiles a
	 * list of three or more into a temporary b-tree built at every insert
	 * and update (three per row, about a tenth of the writer's time). A
	 * CHECK is changed in place, as SQLite documents for it (ALTER TABLE,
	 * "other kinds of table schema changes"): the rows already obey it; the
	 * DROPs after it move the schema version on. */
	{.sqlite =
		 "PRAGMA writable_schema = ON;"
		 "UPDATE sqlite_schema SET sql = replace(replace(replace(sql,"
		 "  'CHECK (status IN (''draft'',''published'',''withdrawn''))',"
		 "  'CHECK (status = ''draft'' OR status = ''published'' OR status = ''withdrawn'')'),"
		 "  'CHECK (validity IN (''valid'',''expired'',''repealed''))',"
		 "  'CHECK (validity = ''valid'' OR validity = ''expired'' OR validity = ''repealed'')'),"
		 "  'CHECK (normative IN ('''',''rule'',''normative''))',"
		 "  'CHECK (normative = '''' OR normative = ''rule'' OR normative = ''normative'')')"
		 " WHERE type = 'table' AND name = 'items';"
		 "PRAGMA writable_schema = OFF;"
		 "DROP TRIGGER item_changes_insert;"
		 "DROP TRIGGER agency_items_insert;",
	 /* the CHECKs changed by name (migration 2 names them), as SQLite's */
	 .postgres =
		 "ALTER TABLE items DROP CONSTRAINT items_status_check,"
		 "  ADD CONSTRAINT items_status_check CHECK (status = 'draft' OR status = 'published' OR status = 'withdrawn');"
		 "ALTER TABLE items DROP CONSTRAINT items_validity_check,"
		 "  ADD CONSTRAINT items_validity_check CHECK (validity = 'valid' OR validity = 'expired' OR validity = 'repealed');"
		 "ALTER TABLE items DROP CONSTRAINT items_normative_check,"
		 "  ADD CONSTRAINT items_normative_check CHECK (normative = '' OR normative = 'rule' OR normative = 'normative');"
		 "DROP TRIGGER item_changes_insert ON items;"
		 "DROP FUNCTION item_changes_insert();"
		 "DROP TRIGGER agency_items_insert ON items;"
		 "DROP FUNCTION agency_items_insert();"},
	/* 16 (issue 13, accounts): an account an administrator sent to set a
	 * new password at its next login; a session's last use, for the idle
	 * timeout; the address an audited change came from; and the audit log
	 * made append-only in the database itself. */
	{.sqlite = "ALTER TABLE users ADD COLUMN must_reset INTEGER NOT NULL DEFAULT 0;"
		   "ALTER TABLE sessions ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;"
		   "UPDATE sessions SET seen_at = created_at;"
		   "ALTER TABLE audit_log ADD COLUMN address TEXT NOT NULL DEFAULT '';"
		   "CREATE INDEX audit_at ON audit_log(at);"
		   "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
		   " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
		   "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
		   " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	 .postgres =
		 "ALTER TABLE users ADD COLUMN must_reset BIGINT NOT NULL DEFAULT 0;"
		 "ALTER TABLE sessions ADD COLUMN seen_at BIGINT NOT NULL DEFAULT 0;"
		 "UPDATE sessions SET seen_at = created_at;"
		 "ALTER TABLE audit_log ADD COLUMN address TEXT NOT NULL DEFAULT '';"
		 "CREATE INDEX audit_at ON audit_log(at);"
		 "CREATE FUNCTION audit_log_no_update() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  RAISE EXCEPTION 'the audit log is append-only'; END$$;"
		 "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW"
		 "  EXECUTE FUNCTION audit_log_no_update();"
		 "CREATE FUNCTION audit_log_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  RAISE EXCEPTION 'the audit log is append-only'; END$$;"
		 "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW"
		 "  EXECUTE FUNCTION audit_log_no_delete();"},
	/* 17 (issue 9, import speed): an imported item's first snapshot no
	 * longer copies the item at all, not even without its body (migration
	 * 14): it is the text GK_ITEM_SNAPSHOT_ROW, "the item row as it is",
	 * built from the row when read and kept for good before the row
	 * changes (item_store.c). The copy was 40% of an import's bytes. A
	 * snapshot of 14's form (its body null) likewise stood for the current
	 * row, so it becomes the marker. */
	{.sqlite = "UPDATE item_revisions SET snapshot = '@row'"
		   " WHERE instr(snapshot, ',\"body\":null,\"channels\":') > 0;",
	 .postgres = "UPDATE item_revisions SET snapshot = '@row'"
		     " WHERE instr(snapshot, ',\"body\":null,\"channels\":') > 0;"},
	/* 18 (issue 15, online consultation 网上咨询): questions the public
	 * asks an agency and their answers; the asker's name and contact in a
	 * table of their own, like an applicant's, read only when asked for.
	 * A question is published only if the asker agreed (the CHECK says so
	 * too); one turned into an application names it. */
	{.sqlite =
		 "CREATE TABLE consultations ("
		 "  id             INTEGER PRIMARY KEY,"
		 "  code           TEXT NOT NULL UNIQUE,"
		 "  agency_id      INTEGER NOT NULL REFERENCES agencies(id),"
		 "  subject        TEXT NOT NULL,"
		 "  question       TEXT NOT NULL,"
		 "  received       TEXT NOT NULL,"
		 "  consent        INTEGER NOT NULL DEFAULT 0 CHECK (consent = 0 OR consent = 1),"
		 "  state          TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR"
		 "                 state = 'answered' OR state = 'rejected' OR state = 'converted'),"
		 "  answer         TEXT NOT NULL DEFAULT '',"
		 "  answered       TEXT NOT NULL DEFAULT '',"
		 "  answered_by    INTEGER REFERENCES users(id),"
		 "  reason         TEXT NOT NULL DEFAULT '',"
		 "  published      INTEGER NOT NULL DEFAULT 0"
		 "                 CHECK (published = 0 OR (consent = 1 AND state = 'answered')),"
		 "  application_id INTEGER REFERENCES applications(id),"
		 "  created_at     INTEGER NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at     INTEGER NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX consultations_queue ON consultations(agency_id, state, id);"
		 "CREATE INDEX consultations_public ON consultations(published, id);"
		 "CREATE INDEX consultations_year ON consultations(received);"
		 "CREATE TABLE consultation_askers ("
		 "  consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,"
		 "  name  TEXT NOT NULL,"
		 "  phone TEXT NOT NULL DEFAULT '',"
		 "  email TEXT NOT NULL DEFAULT ''"
		 ");",
	 .postgres =
		 "CREATE TABLE consultations ("
		 "  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  code           TEXT NOT NULL UNIQUE,"
		 "  agency_id      BIGINT NOT NULL REFERENCES agencies(id),"
		 "  subject        TEXT NOT NULL,"
		 "  question       TEXT NOT NULL,"
		 "  received       TEXT NOT NULL,"
		 "  consent        BIGINT NOT NULL DEFAULT 0 CHECK (consent = 0 OR consent = 1),"
		 "  state          TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR"
		 "                 state = 'answered' OR state = 'rejected' OR state = 'converted'),"
		 "  answer         TEXT NOT NULL DEFAULT '',"
		 "  answered       TEXT NOT NULL DEFAULT '',"
		 "  answered_by    BIGINT REFERENCES users(id),"
		 "  reason         TEXT NOT NULL DEFAULT '',"
		 "  published      BIGINT NOT NULL DEFAULT 0"
		 "                 CHECK (published = 0 OR (consent = 1 AND state = 'answered')),"
		 "  application_id BIGINT REFERENCES applications(id),"
		 "  created_at     BIGINT NOT NULL DEFAULT (unixepoch()),"
		 "  updated_at     BIGINT NOT NULL DEFAULT (unixepoch())"
		 ");"
		 "CREATE INDEX consultations_queue ON consultations(agency_id, state, id);"
		 "CREATE INDEX consultations_public ON consultations(published, id);"
		 "CREATE INDEX consultations_year ON consultations(received);"
		 "CREATE TABLE consultation_askers ("
		 "  consultation_id BIGINT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,"
		 "  name  TEXT NOT NULL,"
		 "  phone TEXT NOT NULL DEFAULT '',"
		 "  email TEXT NOT NULL DEFAULT ''"
		 ");"},
	/* 19 (issue 15, notices): the outbox — each notice written in the
	 * transaction of the step that causes it, kept for good (sent, failed
	 * or only recorded), its key unique so that a retry or a second scan
	 * adds nothing; each call of the sender; what each person of staff
	 * wants by which channel, and their contact addresses. */
	{.sqlite =
		 "CREATE TABLE notices ("
		 "  id              INTEGER PRIMARY KEY,"
		 "  kind            TEXT NOT NULL,"
		 "  channel         TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms'"
		 "                    OR channel = 'post' OR channel = 'none'),"
		 "  recipient       TEXT NOT NULL DEFAULT '',"
		 "  subject         TEXT NOT NULL,"
		 "  body            TEXT NOT NULL,"
		 "  application_id  INTEGER REFERENCES applications(id),"
		 "  user_id         INTEGER REFERENCES users(id),"
		 "  agency_id       INTEGER REFERENCES agencies(id),"
		 "  day             TEXT NOT NULL DEFAULT '',"
		 "  idem_key        TEXT NOT NULL UNIQUE,"
		 "  state           TEXT NOT NULL CHECK (state = 'pending' OR state = 'sending'"
		 "                    OR state = 'sent' OR state = 'delivered' OR state = 'failed'"
		 "                    OR state = 'kept'),"
		 "  attempts        INTEGER NOT NULL DEFAULT 0,"
		 "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
		 "  claim_until     INTEGER NOT NULL DEFAULT 0,"
		 "  created_at      INTEGER NOT NULL,"
		 "  sent_at         INTEGER NOT NULL DEFAULT 0,"
		 "  delivered_at    INTEGER NOT NULL DEFAULT 0,"
		 "  last_error      TEXT NOT NULL DEFAULT '',"
		 "  receipt         TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX notices_due ON notices(state, next_attempt_at);"
		 "CREATE INDEX notices_application ON notices(application_id);"
		 "CREATE INDEX notices_user ON notices(user_id);"
		 "CREATE TRIGGER notices_no_delete BEFORE DELETE ON notices"
		 " BEGIN SELECT RAISE(ABORT, 'notices are kept'); END;"
		 "CREATE TABLE notice_attempts ("
		 "  id        INTEGER PRIMARY KEY,"
		 "  notice_id INTEGER NOT NULL REFERENCES notices(id),"
		 "  at        INTEGER NOT NULL,"
		 "  outcome   TEXT NOT NULL,"
		 "  detail    TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX notice_attempts_notice ON notice_attempts(notice_id);"
		 "CREATE TABLE notice_prefs ("
		 "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
		 "  kind    TEXT NOT NULL,"
		 "  channel TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms'"
		 "            OR channel = 'none'),"
		 "  PRIMARY KEY (user_id, kind)"
		 ");"
		 "CREATE TABLE staff_contacts ("
		 "  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
		 "  email   TEXT NOT NULL DEFAULT '',"
		 "  phone   TEXT NOT NULL DEFAULT ''"
		 ");",
	 .postgres =
		 "CREATE TABLE notices ("
		 "  id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  kind            TEXT NOT NULL,"
		 "  channel         TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms'"
		 "                    OR channel = 'post' OR channel = 'none'),"
		 "  recipient       TEXT NOT NULL DEFAULT '',"
		 "  subject         TEXT NOT NULL,"
		 "  body            TEXT NOT NULL,"
		 "  application_id  BIGINT REFERENCES applications(id),"
		 "  user_id         BIGINT REFERENCES users(id),"
		 "  agency_id       BIGINT REFERENCES agencies(id),"
		 "  day             TEXT NOT NULL DEFAULT '',"
		 "  idem_key        TEXT NOT NULL UNIQUE,"
		 "  state           TEXT NOT NULL CHECK (state = 'pending' OR state = 'sending'"
		 "                    OR state = 'sent' OR state = 'delivered' OR state = 'failed'"
		 "                    OR state = 'kept'),"
		 "  attempts        BIGINT NOT NULL DEFAULT 0,"
		 "  next_attempt_at BIGINT NOT NULL DEFAULT 0,"
		 "  claim_until     BIGINT NOT NULL DEFAULT 0,"
		 "  created_at      BIGINT NOT NULL,"
		 "  sent_at         BIGINT NOT NULL DEFAULT 0,"
		 "  delivered_at    BIGINT NOT NULL DEFAULT 0,"
		 "  last_error      TEXT NOT NULL DEFAULT '',"
		 "  receipt         TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX notices_due ON notices(state, next_attempt_at);"
		 "CREATE INDEX notices_application ON notices(application_id);"
		 "CREATE INDEX notices_user ON notices(user_id);"
		 "CREATE FUNCTION notices_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		 "  RAISE EXCEPTION 'notices are kept'; END$$;"
		 "CREATE TRIGGER notices_no_delete BEFORE DELETE ON notices FOR EACH ROW"
		 "  EXECUTE FUNCTION notices_no_delete();"
		 "CREATE TABLE notice_attempts ("
		 "  id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		 "  notice_id BIGINT NOT NULL REFERENCES notices(id),"
		 "  at        BIGINT NOT NULL,"
		 "  outcome   TEXT NOT NULL,"
		 "  detail    TEXT NOT NULL DEFAULT ''"
		 ");"
		 "CREATE INDEX notice_attempts_notice ON notice_attempts(notice_id);"
		 "CREATE TABLE notice_prefs ("
		 "  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
		 "  kind    TEXT NOT NULL,"
		 "  channel TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms'"
		 "            OR channel = 'none'),"
		 "  PRIMARY KEY (user_id, kind)"
		 ");"
		 "CREATE TABLE staff_contacts ("
		 "  user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
		 "  email   TEXT NOT NULL DEFAULT '',"
		 "  phone   TEXT NOT NULL DEFAULT ''"
		 ");"},
	/* 20 (issue 15, delivery reports): a gateway's report names the
	 * message by its id, the notice's receipt; found without a scan. */
	{.sqlite = "CREATE INDEX notices_receipt ON notices(channel, receipt) WHERE receipt <> '';",
	 .postgres =
		 "CREATE INDEX notices_receipt ON notices(channel, receipt) WHERE receipt <> '';"},
	/* 21 (issue 15, notice templates): an administrator's text in place of
	 * a kind's default template (which stays in code); no row: the
	 * default. */
	{.sqlite = "CREATE TABLE notice_templates ("
		   "  kind       TEXT PRIMARY KEY,"
		   "  subject    TEXT NOT NULL,"
		   "  body       TEXT NOT NULL,"
		   "  updated_by INTEGER REFERENCES users(id),"
		   "  updated_at INTEGER NOT NULL"
		   ");",
	 .postgres = "CREATE TABLE notice_templates ("
		     "  kind       TEXT PRIMARY KEY,"
		     "  subject    TEXT NOT NULL,"
		     "  body       TEXT NOT NULL,"
		     "  updated_by BIGINT REFERENCES users(id),"
		     "  updated_at BIGINT NOT NULL"
		     ");"},

	/* 22: rate_hits is purged by age on every hit, and since the
	 * web front end's limits are counted there too (several servers on one
	 * database), the purge must not scan the table */
	{.sqlite = "CREATE INDEX rate_hits_at ON rate_hits(at);",
	 .postgres = "CREATE INDEX rate_hits_at ON rate_hits(at);"},
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int gk_store_schema_version(void)
{
	return NMIGRATIONS;
}

const char *gk_store_migration_sqlite(int n)
{
	return n >= 1 && n <= NMIGRATIONS ? migrations[n - 1].sqlite : NULL;
}

const char *gk_store_migration_postgres(int n)
{
	return n >= 1 && n <= NMIGRATIONS ? migrations[n - 1].postgres : NULL;
}

static const char *text_of(const struct gk_store *s, int i)
{
	switch (s->drv->dialect) {
	case GK_DIALECT_SQLITE:
		return migrations[i].sqlite;
	case GK_DIALECT_POSTGRES:
		return migrations[i].postgres;
	}
	return NULL;
}

enum gk_err gk_db_migrate(struct gk_store *s, struct gk_error *err)
{
	int v = s->drv->schema_version(s->conn);
	if (v < 0)
		return gk_fail(err, GK_EDB, "cannot read the schema version");
	if (v > NMIGRATIONS)
		return gk_fail(
			err, GK_EDB,
			"database schema %d is newer than this gongkai (%d): upgrade gongkai", v,
			NMIGRATIONS);
	for (; v < NMIGRATIONS; v++) {
		enum gk_err rc = gk_store_begin(s, err);
		if (rc)
			return rc;
		/* re-check under the write lock: another process may have migrated */
		int now = s->drv->schema_version(s->conn);
		if (now > v) {
			gk_store_rollback(s);
			v = now - 1;
			continue;
		}
		const char *text = text_of(s, v);
		if (!text)
			rc = gk_fail(err, GK_EINTERNAL, "migration %d has no text for backend %s",
				     v + 1, s->drv->name);
		if (!rc)
			rc = gk_db_script(s, text, err);
		if (!rc)
			rc = s->drv->set_schema_version(s->conn, v + 1, err);
		if (rc) {
			gk_store_rollback(s);
			return rc;
		}
		rc = gk_store_commit(s, err);
		if (rc)
			return rc;
	}
	return GK_OK;
}
