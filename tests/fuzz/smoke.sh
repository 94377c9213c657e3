#!/bin/sh
# Every libFuzzer target run for a few seconds (FUZZ_SMOKE_SECONDS, default
# 3) from its kept corpus, as part of `make test`: new inputs, not only the
# kept ones that test_fuzz_corpus replays. Prints TAP; a crash, a sanitizer
# report or a leak is a failing test, with the end of its log. Without clang
# and its libFuzzer runtime (Debian: clang, libclang-rt-dev) every target is
# skipped; a target that does not build is a failure.
set -u
BUILD=${BUILD:-build}
SECONDS_EACH=${FUZZ_SMOKE_SECONDS:-3}
TARGETS="names holidays forms report docx-xml docx-zip documents richtext csv jsonl search json-body router-body notices"
LOGS="$BUILD/test-logs/fuzz"
mkdir -p "$LOGS"
count=$(echo $TARGETS | wc -w)
echo "1..$count"

probe="$LOGS/probe"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$probe.c"
if ! command -v clang >/dev/null 2>&1 || ! clang -fsanitize=fuzzer -o "$probe" "$probe.c" >/dev/null 2>&1; then
	i=0
	for t in $TARGETS; do
		i=$((i + 1))
		echo "ok $i - fuzz $t # SKIP no clang with libFuzzer (apt-get install clang libclang-rt-dev)"
	done
	exit 0
fi

if ! make -s -f tests/fuzz/Makefile BUILD="$BUILD" fuzz-build >"$LOGS/build.log" 2>&1; then
	i=0
	for t in $TARGETS; do
		i=$((i + 1))
		echo "not ok $i - fuzz $t: the fuzz targets do not build"
	done
	tail -30 "$LOGS/build.log" | sed 's/^/# /'
	exit 1
fi

i=0
status=0
for t in $TARGETS; do
	i=$((i + 1))
	log="$LOGS/$t.log"
	if make -s -f tests/fuzz/Makefile BUILD="$BUILD" FUZZ_TIME="$SECONDS_EACH" "run-$t" >"$log" 2>&1; then
		runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
		echo "ok $i - fuzz $t: ${runs:-?} runs in ${SECONDS_EACH} s, no crash or sanitizer report"
	else
		echo "not ok $i - fuzz $t (log: $log)"
		tail -30 "$log" | sed 's/^/# /'
		status=1
	fi
done
exit $status
