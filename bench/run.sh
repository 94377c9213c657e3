#!/bin/sh
# Benchmarks that compare against a peer in one run (make bench):
#   HTTP — bench/http.sh: our pages and API against nginx serving the same bytes;
#   catalogue import — `gongkai import items` (validation, sanitising, 索引号,
#     revisions, change log, audit) against the sqlite3 CLI's raw `.import` of
#     the same rows, in rows/s and MB/s of text (title + body), for the demo
#     catalogue and for real legal text (bench/laws_jsonl.py, if
#     /work/shared/data/cn-laws is there);
#   catalogue search — the live catalogue index against a LIKE scan;
#   search engines — bench/search.sh: the in-memory catalogue index against
#     SQLite FTS5 trigram and Xapian on real texts (docs/search-bench.md;
#     SEARCH_ITEMS=1000000 for the large run).
# ITEMS_PER_YEAR (default 920, about 100,000 items) sets the size.
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
command -v bc >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
PER_YEAR=${ITEMS_PER_YEAR:-920}
T=$(mktemp -d /tmp/gongkai-bench-XXXXXX)
trap 'rm -rf "$T"' EXIT
GK="$BUILD/gongkai"
make -s BUILD="$BUILD" "$BUILD/gongkai" "$BUILD/libgongkai.a" >/dev/null
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags sqlite3 jansson) \
	-o "$T/catalogue_bench" bench/catalogue_bench.c "$BUILD/libgongkai.a" \
	$(pkg-config --libs libmicrohttpd sqlite3 jansson libsodium libqrencode 2>/dev/null) -lm -lpthread

secs() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

# Wall time and CPU time (user + sys) of a command: "WALL CPU" into $T/time.
# Both, because this machine's 2 cores are often shared: CPU time is what
# the work costs, wall time what a user waits.
timed() {
	/usr/bin/time -f '%e %U %S' -o "$T/time.raw" "$@"
	awk '{ c = $2 + $3; printf "%.2f %.2f\n", $1 > 0 ? $1 : 0.01, c > 0 ? c : 0.01 }' "$T/time.raw" > "$T/time"
}
# One line of the table: NAME, rows, bytes of text, then "WALL CPU" from $T/time.
row() {
	read -r wall cpu < "$T/time"
	printf '%-44s %7.1f s %7.1f s cpu %8.0f rows/s %6.1f MB/s (%.1f MB/s of cpu)\n' "$1" "$wall" "$cpu" \
		"$(echo "$2 / $wall" | bc -l)" "$(echo "$3 / 1000000 / $wall" | bc -l)" "$(echo "$3 / 1000000 / $cpu" | bc -l)"
}
# Bytes of text (title + body) of the items in database $1.
text_bytes() {
	sqlite3 "$1" "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM items"
}
command -v /usr/bin/time >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null

echo "== catalogue data: gongkai demo --items $PER_YEAR"
timed "$GK" demo --db "$T/src.db" --password bench-password-1 --items "$PER_YEAR" > "$T/demo.txt"
head -1 "$T/demo.txt"
N=$(sqlite3 "$T/src.db" "SELECT count(*) FROM items")
TEXT=$(text_bytes "$T/src.db")
row "demo (publishing path, $N items)" "$N" "$TEXT"
echo "   database: $(du -m "$T/src.db" | cut -f1) MB for $(echo "$TEXT / 1000000" | bc) MB of text"
"$T/catalogue_bench" export-jsonl "$T/src.db" > "$T/items.jsonl"
"$T/catalogue_bench" export-csv "$T/src.db" > "$T/items.csv"
echo "   $N items, $(du -m "$T/items.jsonl" | cut -f1) MB of JSON Lines"

echo "== import of $N items: gongkai import items vs sqlite3 .import (raw rows, no checks, no index)"
"$GK" demo --db "$T/dst.db" --password bench-password-1 --items 0 > /dev/null
timed "$GK" import items --db "$T/dst.db" --no-progress "$T/items.jsonl"
row "gongkai import items (JSON Lines)" "$N" "$TEXT"
ours=$(cut -d' ' -f1 "$T/time")
timed "$GK" import items --db "$T/dst.db" --no-progress "$T/items.jsonl"
row "gongkai import items again (all unchanged)" "$N" "$TEXT"
timed sqlite3 "$T/peer.db" ".import --csv $T/items.csv raw"
row "sqlite3 .import --csv (peer)" "$N" "$TEXT"
peer=$(cut -d' ' -f1 "$T/time")
printf 'ratio: gongkai import takes %.1fx the time of a raw sqlite3 load\n' "$(echo "$ours / $peer" | bc -l)"

# Real text: laws cut into items (bench/laws_jsonl.py), when the shared data is here.
LAWS=${LAWS:-/work/shared/data/cn-laws}
if [ -d "$LAWS" ] && command -v python3 >/dev/null 2>&1; then
	echo "== import of $N items of real text ($LAWS): gongkai import items vs sqlite3 .import"
	python3 bench/laws_jsonl.py --items "$N" --laws "$LAWS" --csv "$T/laws.csv" > "$T/laws.jsonl" 2> "$T/laws.txt"
	LTEXT=$(sed 's/.*items, \([0-9]*\) bytes.*/\1/' "$T/laws.txt")
	echo "   $N items, $(echo "$LTEXT / 1000000" | bc) MB of text, $(du -m "$T/laws.jsonl" | cut -f1) MB of JSON Lines"
	"$GK" demo --db "$T/laws.db" --password bench-password-1 --items 0 > /dev/null
	timed "$GK" import items --db "$T/laws.db" --no-progress "$T/laws.jsonl"
	row "gongkai import items (laws)" "$N" "$LTEXT"
	ours=$(cut -d' ' -f1 "$T/time")
	timed "$GK" import items --db "$T/laws.db" --no-progress "$T/laws.jsonl"
	row "gongkai import items again (all unchanged)" "$N" "$LTEXT"
	timed sqlite3 "$T/laws-peer.db" ".import --csv $T/laws.csv raw"
	row "sqlite3 .import --csv (peer)" "$N" "$LTEXT"
	peer=$(cut -d' ' -f1 "$T/time")
	printf 'ratio: gongkai import takes %.1fx the time of a raw sqlite3 load; database %s MB\n' \
		"$(echo "$ours / $peer" | bc -l)" "$(du -m "$T/laws.db" | cut -f1)"
fi

echo "== search over $N items: the catalogue index vs a LIKE scan (count of matches; mean of 5 runs)"
"$T/catalogue_bench" search "$T/dst.db" 5

echo
BUILD="$BUILD" sh bench/search.sh

echo
# the same catalogue, served (bench/http.sh makes its own when run alone)
BUILD="$BUILD" GK_DB="$T/src.db" sh bench/http.sh
BUILD="$BUILD" sh bench/annual.sh # the yearly report: city-wide build vs a SQL count
