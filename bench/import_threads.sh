#!/bin/sh
# Per-thread CPU of an import, two builds alternated: where the import's
# time goes when the machine is not quiet (wall times then say little).
#   bench/import_threads.sh FILE.jsonl BIN_BEFORE BIN_AFTER [ROUNDS]
# FILE: e.g. `python3 bench/laws_jsonl.py --items 100000 > /tmp/laws.jsonl`.
# Prints per run: wall, user and sys seconds, then the three busiest
# threads' CPU seconds (perf samples at 499 Hz: writer, index, JSON).
set -eu
FILE=$1 BEFORE=$2 AFTER=$3 ROUNDS=${4:-2}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
run() {
	rm -f "$DIR"/g.db*
	"$1" demo --db "$DIR/g.db" --items 0 >/dev/null 2>&1
	/usr/bin/time -f "%e %U %S" -o "$DIR/time" perf record -q -F 499 -o "$DIR/p.data" \
		"$1" import items --db "$DIR/g.db" --no-progress "$FILE" >"$DIR/out" 2>&1
	threads=$(perf script -i "$DIR/p.data" -F tid 2>/dev/null | sort | uniq -c | sort -rn |
		head -3 | awk '{printf "%.2f ", $1 / 499}')
	echo "$2  wall/user/sys: $(cat "$DIR/time")  threads (s): $threads"
}
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	run "$BEFORE" before
	run "$AFTER" after
	i=$((i + 1))
done
