#!/bin/sh
# Benchmarks that compare against a peer in one run (make bench):
#   HTTP — bench/http.sh: our pages and API against nginx serving the same bytes;
#   catalogue import — `gongkai import items` (validation, sanitising, 索引号,
#     revisions, FTS) against the sqlite3 CLI's raw `.import` of the same rows;
#   catalogue search — our FTS5 bigram index against a LIKE scan;
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

echo "== catalogue data: gongkai demo --items $PER_YEAR"
t0=$(secs); "$GK" demo --db "$T/src.db" --password bench-password-1 --items "$PER_YEAR" | head -1; t1=$(secs)
echo "   demo (publishing path, one transaction): $(elapsed "$t0" "$t1") s"
"$T/catalogue_bench" export-jsonl "$T/src.db" > "$T/items.jsonl"
"$T/catalogue_bench" export-csv "$T/src.db" > "$T/items.csv"
N=$(wc -l < "$T/items.jsonl")
echo "   $N items, $(du -m "$T/items.jsonl" | cut -f1) MB of JSON Lines"

echo "== import of $N items: gongkai import items vs sqlite3 .import (raw rows, no checks, no index)"
"$GK" demo --db "$T/dst.db" --password bench-password-1 --items 0 > /dev/null
t0=$(secs); "$GK" import items --db "$T/dst.db" --no-progress "$T/items.jsonl"; t1=$(secs)
ours=$(elapsed "$t0" "$t1")
t0=$(secs); "$GK" import items --db "$T/dst.db" --no-progress "$T/items.jsonl" > /dev/null; t1=$(secs)
again=$(elapsed "$t0" "$t1")
t0=$(secs); sqlite3 "$T/peer.db" ".import --csv $T/items.csv raw"; t1=$(secs)
peer=$(elapsed "$t0" "$t1")
printf '%-44s %8s s  %8.0f rows/s\n' "gongkai import items (JSON Lines)" "$ours" "$(echo "$N / $ours" | bc -l)"
printf '%-44s %8s s  %8.0f rows/s\n' "gongkai import items again (all unchanged)" "$again" "$(echo "$N / $again" | bc -l)"
printf '%-44s %8s s  %8.0f rows/s\n' "sqlite3 .import --csv (peer)" "$peer" "$(echo "$N / $peer" | bc -l)"
printf 'ratio: gongkai import takes %.1fx the time of a raw sqlite3 load\n' "$(echo "$ours / $peer" | bc -l)"

echo "== search over $N items: FTS5 bigram index vs LIKE scan (count of matches; mean of 5 runs)"
"$T/catalogue_bench" search "$T/dst.db" 5

echo
BUILD="$BUILD" sh bench/search.sh

echo
BUILD="$BUILD" sh bench/http.sh
