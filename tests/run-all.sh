#!/bin/sh
# Runs every suite — cmocka unit tests (sanitizer build), end-to-end tests
# against the real server, browser tests in headless Chromium — and ends
# with one line: "N passed, N failed".
#
# Each suite reports TAP; this script counts "ok"/"not ok" lines. A suite
# that dies without reporting counts as one failure, so a crash never
# passes silently.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOGDIR="$BUILD/test-logs"
mkdir -p "$LOGDIR"
export GONGKAI_BIN="$ROOT/$BUILD/asan/gongkai"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

passed=0
failed=0

# count_tap NAME LOGFILE EXIT_STATUS
count_tap() {
	p=$(grep -cE '^[[:space:]]*ok [0-9]+' "$2")
	f=$(grep -cE '^[[:space:]]*not ok [0-9]+' "$2")
	# node:test nests subtests; count only its top-level summary when present
	if grep -qE '^# (pass|fail) [0-9]+' "$2"; then
		p=$(grep -E '^# pass [0-9]+' "$2" | tail -1 | awk '{print $3}')
		f=$(grep -E '^# fail [0-9]+' "$2" | tail -1 | awk '{print $3}')
	fi
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "  $1: exited with status $3 without a failing test (crash, sanitizer or leak report?)"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-28s %4d passed %4d failed\n' "$1" "$p" "$f"
	if [ "$f" -ne 0 ]; then
		grep -E 'not ok|Error|error:|ERROR|runtime error|FAIL' "$2" | head -40 | sed 's/^/    /'
		echo "    (full log: $2)"
	fi
}

echo "== unit tests (cmocka, ASan+UBSan)"
for t in "$BUILD"/asan/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=tap "$t" > "$LOGDIR/$name.log" 2>&1
	count_tap "$name" "$LOGDIR/$name.log" $?
done

for suite in e2e browser; do
	files=$(ls tests/$suite/*.test.mjs 2>/dev/null)
	[ -n "$files" ] || continue
	echo "== $suite tests"
	for f in $files; do
		name="$suite/$(basename "$f" .test.mjs)"
		log="$LOGDIR/$(echo "$name" | tr / _).log"
		node --test --test-reporter=tap "$f" > "$log" 2>&1
		count_tap "$name" "$log" $?
	done
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
