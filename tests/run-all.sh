#!/bin/sh
# Runs every suite — cmocka unit tests (sanitizer build), end-to-end tests
# against the real server, browser tests in headless Chromium — and ends
# with one line: "N passed, N failed, N skipped". The exit status is
# non-zero only when something failed.
#
#   tests/run-all.sh [all]   everything on SQLite, then the PostgreSQL part
#                            when PostgreSQL is installed (make test)
#   tests/run-all.sh sqlite  the SQLite part only
#   tests/run-all.sh pg      the PostgreSQL part only (make test-pg)
#
# The PostgreSQL part starts a throwaway cluster (scripts/pg-cluster.sh) in a
# fresh temporary folder, runs the suites listed in tests/pg-suites.txt on it
# (named pg/…), and stops it whatever happens.
#
# Each suite reports TAP, counted by tests/tap.sh; tests that need files from
# outside the repository (../shared) skip themselves without them.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOGDIR="$BUILD/test-logs"
mkdir -p "$LOGDIR"
export GONGKAI_BIN="$ROOT/$BUILD/asan/gongkai"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

. tests/tap.sh
# the SQLite part runs on SQLite whatever the caller's shell holds
unset GONGKAI_TEST_PG GONGKAI_TEST_PG_DIR GONGKAI_TEST_PG_DEMO GONGKAI_INDEX_DIR

MODE=${1:-all}
case "$MODE" in
all | sqlite | pg) ;;
*)
	echo "usage: tests/run-all.sh [all|sqlite|pg]" >&2
	exit 2
	;;
esac

# Suites for PostgreSQL alone (test_pg_driver, e2e/pg_*) skip themselves on
# SQLite; when the PostgreSQL part runs them, the SQLite part leaves them out
# rather than count them twice, once as skipped.
pg_too=false
if [ "$MODE" = all ] && sh scripts/pg-cluster.sh bindir >/dev/null 2>&1; then
	pg_too=true
fi
pg_only() {
	$pg_too && case "$1" in test_pg_driver | e2e/pg_*) true ;; *) false ;; esac
}

if [ "$MODE" != pg ]; then
	echo "== unit tests (cmocka, ASan+UBSan)"
	for t in "$BUILD"/asan/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		pg_only "$name" && continue
		CMOCKA_MESSAGE_OUTPUT=tap "$t" > "$LOGDIR/$name.log" 2>&1
		count_tap "$name" "$LOGDIR/$name.log" $?
	done

	# every fuzz target for a few seconds from its kept corpus (tests/fuzz/smoke.sh)
	echo "== fuzz targets (libFuzzer, ${FUZZ_SMOKE_SECONDS:-3} s each)"
	BUILD="$BUILD" sh tests/fuzz/smoke.sh > "$LOGDIR/fuzz.log" 2>&1
	count_tap "fuzz" "$LOGDIR/fuzz.log" $?

	for suite in e2e browser; do
		files=$(ls tests/$suite/*.test.mjs 2>/dev/null)
		[ -n "$files" ] || continue
		echo "== $suite tests"
		for f in $files; do
			name="$suite/$(basename "$f" .test.mjs)"
			pg_only "$name" && continue
			log="$LOGDIR/$(echo "$name" | tr / _).log"
			node --test --test-reporter=tap "$f" > "$log" 2>&1
			count_tap "$name" "$log" $?
		done
	done
fi

# the PostgreSQL part (tests/run-pg.sh): with make test only when installed
. tests/run-pg.sh
if [ "$MODE" = pg ] || $pg_too; then
	run_pg
elif [ "$MODE" = all ]; then
	echo "== PostgreSQL"
	skip_suite pg "no PostgreSQL installed"
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
