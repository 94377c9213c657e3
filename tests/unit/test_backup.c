/* Backups and restores: a copy made while another connection writes holds
 * every row committed before it began and passes the integrity check; a
 * restore brings the copy back; a damaged or missing copy is refused
 * and leaves the database as it was; a database another process holds open
 * is not overwritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>

#include "tempdb.h"

#include "service/backup.h"
#include "store/store.h"

static char copy_path[160];

static void add_agency(struct gk_store *s, const char *code)
{
	struct gk_agency a = {.kind = GK_AGENCY_DEPARTMENT};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "机关%s", code);
	struct gk_error err = {0};
	assert_int_equal(gk_store_agency_add(s, &a, &err), GK_OK);
}

static bool has_agency(struct gk_store *s, const char *code)
{
	struct gk_agency a;
	return gk_store_agency_by_code(s, code, &a, NULL) == GK_OK;
}

struct writer {
	const char *path;
	atomic_int committed; /* rows W00000 … committed so far */
	atomic_bool stop;
	int failures;
};

/* Adds agencies one transaction each, as fast as it can, until told to stop. */
static void *write_rows(void *arg)
{
	struct writer *w = arg;
	struct gk_store *s;
	if (gk_store_open(w->path, GK_STORE_OPEN, &s, NULL)) {
		w->failures++;
		return NULL;
	}
	for (int i = 0; !atomic_load(&w->stop) && i < 100000; i++) {
		struct gk_agency a = {.kind = GK_AGENCY_DEPARTMENT};
		snprintf(a.code, sizeof a.code, "W%05d", i);
		snprintf(a.name, sizeof a.name, "写入%d", i);
		if (gk_store_begin(s, NULL) || gk_store_agency_add(s, &a, NULL) ||
		    gk_store_commit(s, NULL)) {
			gk_store_rollback(s);
			w->failures++;
			break;
		}
		atomic_store(&w->committed, i + 1);
		usleep(100); /* a steady stream: SQLite's locks are not fair to others */
	}
	gk_store_free(s);
	return NULL;
}

static void backup_while_writing(void **state)
{
	struct tempdb t;
	struct gk_store *s;
	assert_int_equal(tempdb_open(&t, &s), 0);
	snprintf(copy_path, sizeof copy_path, "%s/copy.db", t.dir);
	struct writer w = {.path = t.path};
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, write_rows, &w), 0);
	while (atomic_load(&w.committed) < 40 && w.failures == 0)
		usleep(1000);
	int before = atomic_load(&w.committed);
	struct gk_error err = {0};
	int64_t bytes = 0;
	enum gk_err rc = gk_svc_backup(svc_on(s, 0), copy_path, &bytes, &err);
	atomic_store(&w.stop, true);
	pthread_join(th, NULL);
	if (rc)
		print_error("%s\n", err.detail);
	assert_int_equal(rc, GK_OK);
	assert_int_equal(w.failures, 0);
	assert_true(bytes > 0);

	int version = 0;
	assert_int_equal(gk_store_verify_file(t.path, copy_path, &version, &err), GK_OK);
	assert_int_equal(version, gk_store_schema_version());
	struct gk_store *c;
	assert_int_equal(gk_store_open(copy_path, GK_STORE_OPEN, &c, &err), GK_OK);
	for (int i = 0; i < before; i++) {
		char code[16];
		snprintf(code, sizeof code, "W%05d", i);
		assert_true(has_agency(c, code));
	}
	gk_store_free(c);
	unlink(copy_path);
	tempdb_remove(&t, s);
}

static void restore_round_trip(void **state)
{
	struct tempdb t;
	struct gk_store *s;
	assert_int_equal(tempdb_open(&t, &s), 0);
	snprintf(copy_path, sizeof copy_path, "%s/copy.db", t.dir);
	add_agency(s, "KEPT01");
	struct gk_error err = {0};
	assert_int_equal(gk_svc_backup(svc_on(s, 0), copy_path, NULL, &err), GK_OK);
	add_agency(s, "LATE01");
	gk_store_free(s);

	int version = 0;
	assert_int_equal(gk_svc_restore(t.path, copy_path, &version, &err), GK_OK);
	assert_int_equal(version, gk_store_schema_version());
	assert_int_equal(gk_store_open(t.path, GK_STORE_OPEN, &s, &err), GK_OK);
	assert_true(has_agency(s, "KEPT01"));
	assert_false(has_agency(s, "LATE01"));
	gk_store_free(s);

	/* into a database that does not exist yet */
	char fresh[200];
	snprintf(fresh, sizeof fresh, "%s/fresh.db", t.dir);
	assert_int_equal(gk_svc_restore(fresh, copy_path, NULL, &err), GK_OK);
	assert_int_equal(gk_store_open(fresh, GK_STORE_OPEN, &s, &err), GK_OK);
	assert_true(has_agency(s, "KEPT01"));
	gk_store_free(s);
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char p[220];
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", fresh, suffix[i]);
		unlink(p);
	}
	unlink(copy_path);
	tempdb_remove(&t, NULL);
}

static void write_file(const char *path, const void *data, size_t n, long at)
{
	FILE *f = fopen(path, at < 0 ? "wb" : "r+b");
	assert_non_null(f);
	if (at >= 0)
		assert_int_equal(fseek(f, at, SEEK_SET), 0);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void bad_copies_are_refused(void **state)
{
	struct tempdb t;
	struct gk_store *s;
	assert_int_equal(tempdb_open(&t, &s), 0);
	snprintf(copy_path, sizeof copy_path, "%s/copy.db", t.dir);
	struct gk_error err = {0};
	assert_int_equal(gk_store_begin(s, &err), GK_OK);
	for (int i = 0; i < 300; i++) {
		char code[16];
		snprintf(code, sizeof code, "A%05d", i);
		add_agency(s, code);
	}
	assert_int_equal(gk_store_commit(s, &err), GK_OK);
	assert_int_equal(gk_svc_backup(svc_on(s, 0), copy_path, NULL, &err), GK_OK);
	add_agency(s, "LIVE01");
	gk_store_free(s);

	/* pages overwritten in the middle */
	static char junk[8192];
	memset(junk, 0x5a, sizeof junk);
	write_file(copy_path, junk, sizeof junk, 3 * 4096);
	assert_int_not_equal(gk_svc_restore(t.path, copy_path, NULL, &err), GK_OK);
	assert_non_null(strstr(err.detail, "copy.db"));
	/* not a database at all; missing */
	write_file(copy_path, "hello\n", 6, -1);
	assert_int_not_equal(gk_svc_restore(t.path, copy_path, NULL, &err), GK_OK);
	unlink(copy_path);
	assert_int_not_equal(gk_svc_restore(t.path, copy_path, NULL, &err), GK_OK);
	assert_int_equal(gk_store_open(t.path, GK_STORE_OPEN, &s, &err), GK_OK);
	assert_true(has_agency(s, "LIVE01"));
	assert_true(has_agency(s, "A00299"));
	tempdb_remove(&t, s);
}

/* A process that has the database open (a server) blocks a restore. */
static void open_database_is_not_overwritten(void **state)
{
	struct tempdb t;
	struct gk_store *s;
	assert_int_equal(tempdb_open(&t, &s), 0);
	snprintf(copy_path, sizeof copy_path, "%s/copy.db", t.dir);
	struct gk_error err = {0};
	assert_int_equal(gk_svc_backup(svc_on(s, 0), copy_path, NULL, &err), GK_OK);
	add_agency(s, "LIVE01");
	gk_store_free(s);

	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct gk_store *cs;
		char c = gk_store_open(t.path, GK_STORE_OPEN, &cs, NULL) == GK_OK &&
					 has_agency(cs, "LIVE01")
				 ? 'y'
				 : 'n';
		(void)!write(ready[1], &c, 1);
		pause();
		_exit(0);
	}
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	enum gk_err rc = gk_svc_restore(t.path, copy_path, NULL, &err);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(ready[0]);
	close(ready[1]);
	assert_int_equal(rc, GK_ECONFLICT);
	assert_int_equal(gk_store_open(t.path, GK_STORE_OPEN, &s, &err), GK_OK);
	assert_true(has_agency(s, "LIVE01"));
	gk_store_free(s);
	/* once it is gone, the restore goes through */
	assert_int_equal(gk_svc_restore(t.path, copy_path, NULL, &err), GK_OK);
	unlink(copy_path);
	tempdb_remove(&t, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backup_while_writing),
		cmocka_unit_test(restore_round_trip),
		cmocka_unit_test(bad_copies_are_refused),
		cmocka_unit_test(open_database_is_not_overwritten),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
