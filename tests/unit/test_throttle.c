/* Throttling that cannot be turned against users (issue 13): growing
 * delays, the failed-login guard (also with the database locked), the
 * in-memory rate table, address ranges and the client behind a trusted
 * proxy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "core/backoff.h"
#include "core/proof_of_work.h"
#include "lib/cidr.h"
#include "lib/rate_table.h"
#include "service/accounts.h"
#include "service/agencies.h"
#include "service/login_guard.h"
#include "web/client_addr.h"

#define PASSWORD "Kx7#mQ2pVr9z!tW"

static void delays_grow_and_stop_at_the_cap(void **state)
{
	(void)state;
	struct gk_backoff b = {3, 2, 900};
	assert_int_equal(gk_backoff_delay(&b, 0), 0);
	assert_int_equal(gk_backoff_delay(&b, 2), 0);
	assert_int_equal(gk_backoff_delay(&b, 3), 2);
	assert_int_equal(gk_backoff_delay(&b, 4), 4);
	assert_int_equal(gk_backoff_delay(&b, 5), 8);
	assert_int_equal(gk_backoff_delay(&b, 12), 900);
	assert_int_equal(gk_backoff_delay(&b, 1000000), 900);
	assert_int_equal(gk_backoff_remaining(&b, 3, 100, 100), 2);
	assert_int_equal(gk_backoff_remaining(&b, 3, 100, 101), 1);
	assert_int_equal(gk_backoff_remaining(&b, 3, 100, 102), 0);
	assert_int_equal(gk_backoff_remaining(&b, 2, 100, 100), 0);
}

static void the_rate_table_counts_per_key_and_window(void **state)
{
	(void)state;
	struct gk_rate_table *t = gk_rate_table_new(128);
	assert_non_null(t);
	for (int i = 0; i < 3; i++)
		assert_true(gk_rate_take(t, "a", 1000, 60, 3));
	assert_false(gk_rate_take(t, "a", 1001, 60, 3));
	assert_true(gk_rate_take(t, "b", 1001, 60, 3)); /* another key is not slowed */
	assert_int_equal(gk_rate_count(t, "a", 1001, 60), 3);
	assert_int_equal(gk_rate_last(t, "a"), 1000);
	/* two windows later everything is forgotten */
	assert_int_equal(gk_rate_count(t, "a", 1130, 60), 0);
	assert_true(gk_rate_take(t, "a", 1130, 60, 3));
	assert_true(gk_rate_take(t, "c", 1, 60, 0)); /* 0: no limit */
	gk_rate_forget(t, "a");
	assert_int_equal(gk_rate_count(t, "a", 1130, 60), 0);
	/* a key used once stays used until its time is up */
	assert_int_equal(gk_rate_once(t, "n1", 1000, 600), 1);
	assert_int_equal(gk_rate_once(t, "n1", 1300, 600), 0);
	assert_int_equal(gk_rate_once(t, "n1", 1700, 600), 1);
	/* a flood of keys costs no memory and forgets the oldest */
	char key[32];
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		gk_rate_add(t, key, 2000, 60);
	}
	gk_rate_table_free(t);
	/* used keys are never forgotten early: a full table refuses */
	t = gk_rate_table_new(64);
	int refused = 0;
	for (int i = 0; i < 200; i++) {
		snprintf(key, sizeof key, "u%d", i);
		refused += gk_rate_once(t, key, 5000, 600) == -1;
	}
	assert_true(refused > 0);
	gk_rate_table_free(t);
}

static void address_ranges_parse_and_match(void **state)
{
	(void)state;
	struct gk_cidr c;
	assert_true(gk_cidr_parse("10.0.0.0/8", &c));
	assert_true(gk_cidr_contains(&c, "10.200.3.4"));
	assert_false(gk_cidr_contains(&c, "11.0.0.1"));
	assert_false(gk_cidr_contains(&c, "::1"));
	assert_true(gk_cidr_contains(&c, "::ffff:10.1.2.3")); /* IPv4-mapped */
	assert_true(gk_cidr_parse("127.0.0.2", &c));
	assert_true(gk_cidr_contains(&c, "127.0.0.2"));
	assert_false(gk_cidr_contains(&c, "127.0.0.3"));
	assert_true(gk_cidr_parse("192.168.1.77/25", &c)); /* host bits dropped */
	assert_true(gk_cidr_contains(&c, "192.168.1.1"));
	assert_false(gk_cidr_contains(&c, "192.168.1.200"));
	assert_true(gk_cidr_parse("fd00::/8", &c));
	assert_true(gk_cidr_contains(&c, "fd12:3456::1"));
	assert_false(gk_cidr_contains(&c, "fe80::1"));
	assert_true(gk_cidr_parse("0.0.0.0/0", &c));
	assert_true(gk_cidr_contains(&c, "8.8.8.8"));
	assert_false(gk_cidr_contains(&c, "not an address"));
	static const char *const bad[] = {
		"",           "10.0.0.0/33", "10.0.0.0/",  "10.0.0/8", "10.0.0.0/-1",
		"fd00::/129", "example.org", "1.2.3.4/8x", "/8"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(gk_cidr_parse(bad[i], &c));
	struct gk_cidr_list list = {0};
	assert_true(gk_cidr_list_add(&list, "127.0.0.2, 10.0.0.0/8"));
	assert_true(gk_cidr_list_add(&list, "::1"));
	assert_int_equal(list.count, 3);
	assert_true(gk_cidr_list_contains(&list, "10.9.9.9"));
	assert_true(gk_cidr_list_contains(&list, "::1"));
	assert_false(gk_cidr_list_contains(&list, "127.0.0.3"));
	assert_false(gk_cidr_list_add(&list, "10.0.0.0/8,"));
	assert_false(gk_cidr_list_add(&list, "10.0.0.0/8,,1.2.3.4"));
}

static void the_client_is_taken_from_trusted_proxies_only(void **state)
{
	(void)state;
	struct gk_arena arena = {0};
	struct gk_cidr_list trusted = {0};
	assert_true(gk_cidr_list_add(&trusted, "127.0.0.2,10.0.0.0/8"));
	/* an untrusted peer's header is ignored */
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.3", "1.2.3.4", &arena), "127.0.0.3");
	/* no trusted proxies: the header never counts */
	assert_string_equal(gk_client_addr(NULL, "127.0.0.2", "1.2.3.4", &arena), "127.0.0.2");
	/* a trusted peer: the right-most hop that is not trusted */
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "1.2.3.4", &arena), "1.2.3.4");
	assert_string_equal(
		gk_client_addr(&trusted, "127.0.0.2", "6.6.6.6, 1.2.3.4, 10.0.0.9", &arena),
		"1.2.3.4");
	/* a forged left part never wins over the address the proxy saw */
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "garbage, 5.6.7.8", &arena),
			    "5.6.7.8");
	/* every hop trusted: the left-most */
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "10.0.0.1,10.0.0.2", &arena),
			    "10.0.0.1");
	/* a hop that is not an address: the last trusted one */
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "10.0.0.1, junk", &arena),
			    "127.0.0.2");
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "", &arena), "127.0.0.2");
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "2001:db8::7", &arena),
			    "2001:db8::7");
	/* a port some proxies add is dropped */
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "192.0.2.9:51234", &arena),
			    "192.0.2.9");
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "[2001:db8::8]:443", &arena),
			    "2001:db8::8");
	assert_string_equal(gk_client_addr(&trusted, "127.0.0.2", "[2001:db8::9]", &arena),
			    "2001:db8::9");
	gk_arena_release(&arena);
}

static void the_proof_of_work_is_signed_expires_and_must_be_solved(void **state)
{
	(void)state;
	unsigned char key[32] = {1, 2, 3}, other[32] = {9};
	unsigned char random[GK_POW_RANDOM_BYTES] = {7, 7, 7};
	char c[GK_POW_CHALLENGE_MAX], nonce[24];
	gk_pow_issue(key, 1000, 8, random, c);
	assert_int_equal(strncmp(c, "1.1000.8.070707", 15), 0);
	int n = 0;
	for (;; n++) {
		snprintf(nonce, sizeof nonce, "%d", n);
		if (gk_pow_solves(c, nonce, 8))
			break;
	}
	assert_int_equal(gk_pow_check(key, c, nonce, 999, 8), GK_POW_OK);
	assert_int_equal(gk_pow_check(key, c, nonce, 1000, 8), GK_POW_OK);
	assert_int_equal(gk_pow_check(key, c, nonce, 1001, 8), GK_POW_EXPIRED);
	assert_int_equal(gk_pow_check(other, c, nonce, 999, 8), GK_POW_FORGED);
	assert_int_equal(gk_pow_check(key, c, nonce, 999, 16), GK_POW_FORGED); /* too easy */
	/* a nonce that does not solve it (some small number fails) */
	for (int m = 0; m < 50; m++) {
		snprintf(nonce, sizeof nonce, "%d", m);
		if (!gk_pow_solves(c, nonce, 8)) {
			assert_int_equal(gk_pow_check(key, c, nonce, 999, 8), GK_POW_UNSOLVED);
			break;
		}
	}
	assert_int_equal(gk_pow_check(key, c, "", 999, 8), GK_POW_UNSOLVED);
	assert_int_equal(gk_pow_check(key, c, "12a", 999, 8), GK_POW_UNSOLVED);
	/* the fields cannot be changed: the signature covers them */
	char easier[GK_POW_CHALLENGE_MAX];
	snprintf(easier, sizeof easier, "%s", c);
	easier[7] = '0'; /* "1.1000.0..." */
	assert_int_equal(gk_pow_check(key, easier, "0", 999, 0), GK_POW_FORGED);
	char later[GK_POW_CHALLENGE_MAX];
	snprintf(later, sizeof later, "1.9999%s", c + 6);
	assert_int_equal(gk_pow_check(key, later, nonce, 2000, 8), GK_POW_FORGED);
	static const char *const junk[] = {"", "1.", "2.1000.8.00.00", "1.1000.8.aa.bb", NULL};
	for (size_t i = 0; junk[i]; i++)
		assert_int_equal(gk_pow_check(key, junk[i], "1", 0, 0), GK_POW_FORGED);
	assert_int_equal(gk_pow_check(key, NULL, "1", 0, 0), GK_POW_FORGED);
}

/* --- the failed-login guard ------------------------------------------------ */

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_svc cli;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	gk_svc_init(&f->cli, f->s, NULL, NULL, "cli");
	struct gk_agency root = {.kind = GK_AGENCY_GOVERNMENT};
	snprintf(root.code, sizeof root.code, "ROOT01");
	snprintf(root.name, sizeof root.name, "某市人民政府");
	struct gk_error err = {0};
	if (gk_svc_agency_add(&f->cli, &root, NULL, &err))
		return -1;
	static const char *const logins[] = {"owner", "other", "locked.db"};
	for (size_t i = 0; i < 3; i++) {
		struct gk_account_input in = {logins[i], "某某", "handler", "ROOT01", PASSWORD};
		if (gk_svc_user_add(&f->cli, &in, NULL, &err)) {
			fprintf(stderr, "%s\n", gk_error_text(&err));
			return -1;
		}
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

static struct gk_svc from(struct fixture *f, const char *addr, int64_t now)
{
	struct gk_svc svc;
	gk_svc_init(&svc, f->s, NULL, NULL, addr);
	svc.now = now;
	return svc;
}

static void a_guesser_waits_longer_and_the_owner_never(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session sess;
	int64_t t = 1900000000;
	struct gk_svc attacker = from(f, "198.51.100.2", t);
	for (int i = 0; i < GK_LOGIN_PAIR_FREE; i++)
		assert_int_equal(gk_svc_login(&attacker, "owner", "guess", &sess, &err),
				 GK_EUNAUTH);
	/* the pair now waits: not even the right password is checked */
	assert_int_equal(gk_svc_login(&attacker, "owner", PASSWORD, &sess, &err), GK_ETHROTTLED);
	assert_int_equal(sess.retry_after, 2);
	assert_non_null(strstr(err.detail, "秒后再试"));
	/* the owner from his own address, at the same moment */
	struct gk_svc owner = from(f, "198.51.100.3", t);
	assert_int_equal(gk_svc_login(&owner, "owner", PASSWORD, &sess, &err), GK_OK);
	/* the attacker's next try after the wait; each failure doubles it */
	attacker.now = t + 2;
	assert_int_equal(gk_svc_login(&attacker, "owner", "guess", &sess, &err), GK_EUNAUTH);
	assert_int_equal(gk_svc_login(&attacker, "owner", "guess", &sess, &err), GK_ETHROTTLED);
	assert_int_equal(sess.retry_after, 4);
	/* another account from the attacker's address is not slowed yet */
	assert_int_equal(gk_svc_login(&attacker, "other", PASSWORD, &sess, &err), GK_OK);

	/* the address cap: failures over many accounts slow that address only */
	struct gk_svc spray = from(f, "198.51.100.9", t);
	char login[32];
	for (int i = 0; i < GK_LOGIN_ADDR_FREE; i++) {
		snprintf(login, sizeof login, "user%d", i);
		assert_int_equal(gk_svc_login(&spray, login, "guess", &sess, &err), GK_EUNAUTH);
	}
	assert_int_equal(gk_svc_login(&spray, "other", PASSWORD, &sess, &err), GK_ETHROTTLED);
	assert_int_equal(sess.retry_after, 1);
	assert_int_equal(gk_svc_login(&owner, "other", PASSWORD, &sess, &err), GK_OK);
	/* the wait is short and capped: never a lock */
	for (int i = 0; i < 30; i++) {
		spray.now += GK_LOGIN_ADDR_MAX_WAIT;
		snprintf(login, sizeof login, "more%d", i);
		assert_int_equal(gk_svc_login(&spray, login, "guess", &sess, &err), GK_EUNAUTH);
	}
	assert_int_equal(gk_svc_login(&spray, "other", PASSWORD, &sess, &err), GK_ETHROTTLED);
	assert_true(sess.retry_after <= GK_LOGIN_ADDR_MAX_WAIT);
	spray.now += GK_LOGIN_ADDR_MAX_WAIT;
	assert_int_equal(gk_svc_login(&spray, "other", PASSWORD, &sess, &err), GK_OK);
}

static void failures_count_while_the_database_is_locked(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session sess;
	struct gk_store *other = NULL;
	struct gk_svc attacker = from(f, "198.51.100.50", 1900000000);
	for (int i = 0; i < GK_LOGIN_PAIR_FREE - 1; i++)
		assert_int_equal(gk_svc_login(&attacker, "locked.db", "guess", &sess, &err),
				 GK_EUNAUTH);
	assert_int_equal(gk_store_open(f->db.path, GK_STORE_OPEN, &other, &err), GK_OK);
	assert_int_equal(gk_store_begin(other, &err), GK_OK); /* holds the write lock */
	/* the failure waits for the lock, then is counted in memory */
	assert_int_equal(gk_svc_login(&attacker, "locked.db", "guess", &sess, &err), GK_EUNAUTH);
	assert_int_equal(gk_svc_login(&attacker, "locked.db", PASSWORD, &sess, &err),
			 GK_ETHROTTLED);
	gk_store_rollback(other);
	gk_store_free(other);
	/* once the lock is gone, the count from memory still holds */
	assert_int_equal(gk_svc_login(&attacker, "locked.db", PASSWORD, &sess, &err),
			 GK_ETHROTTLED);
	attacker.now += 2;
	assert_int_equal(gk_svc_login(&attacker, "locked.db", PASSWORD, &sess, &err), GK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(delays_grow_and_stop_at_the_cap),
		cmocka_unit_test(the_rate_table_counts_per_key_and_window),
		cmocka_unit_test(address_ranges_parse_and_match),
		cmocka_unit_test(the_client_is_taken_from_trusted_proxies_only),
		cmocka_unit_test(the_proof_of_work_is_signed_expires_and_must_be_solved),
		cmocka_unit_test_setup_teardown(a_guesser_waits_longer_and_the_owner_never, setup,
						teardown),
		cmocka_unit_test_setup_teardown(failures_count_while_the_database_is_locked, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
