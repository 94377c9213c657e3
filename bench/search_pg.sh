#!/bin/sh
# Chinese search on PostgreSQL against gongkai's own index
# (docs/search-postgres.md). Same items and queries as bench/search.sh
# (bench/search_corpus.py: real legal text from ../shared/data); a
# throwaway PostgreSQL 15 cluster in PGS_PGDIR on a Unix socket; psql only.
#   PGS_ITEMS   items (default 100000; 20000 for a quick check)
#   PGS_SEED    corpus and query seed (default 1, as bench/search.sh)
#   PGS_DIR     keep corpus, databases and results there (default: a
#               temporary directory, removed at the end)
#   PGS_PGDIR   the cluster's folder (default /tmp/gkpg-bench; removed)
#   PGS_PORT    its port number, for the socket's name (default 5436)
#   PGS_TIMEOUT_MS  statement_timeout of one query (default 10000)
#   PGS_INPROC  1 (default): also time gongkai's index in process
#               (bench/search_bench.c `ours`, as bench/search.sh does)
#   SEARCH_DATA the data folder (default ../shared/data)
# Reads ../shared/data (cn-laws, gov.cn policy sample, jieba-dict);
# without it, says so and stops (exit 0).
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DATA=${SEARCH_DATA:-$ROOT/../shared/data}
N=${PGS_ITEMS:-100000}
SEED=${PGS_SEED:-1}
PGDIR=${PGS_PGDIR:-/tmp/gkpg-bench}
PORT=${PGS_PORT:-5436}
TIMEOUT=${PGS_TIMEOUT_MS:-10000}
INPROC=${PGS_INPROC:-1}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PY=python3
if [ ! -d "$DATA/cn-laws" ] || [ ! -d "$DATA/jieba-dict" ]; then
	echo "== search_pg: skipped ($DATA with cn-laws and jieba-dict is absent; the corpus is made from it)"
	exit 0
fi
for t in "$PGBIN/initdb" "$PGBIN/pg_ctl" psql; do
	command -v "$t" >/dev/null || { echo "== search_pg: skipped ($t is missing)"; exit 0; }
done
if [ -n "${PGS_DIR:-}" ]; then
	D=$PGS_DIR
	mkdir -p "$D"
	KEEP=1
else
	D=$(mktemp -d /tmp/gongkai-search-pg-XXXXXX)
	KEEP=0
fi
SOCK=$PGDIR/sock
stop_pg() {
	if [ -f "$PGDIR/data/postmaster.pid" ]; then
		runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$PGDIR"
}
cleanup() {
	stop_pg
	[ "$KEEP" = 1 ] || rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{printf "%.2f", $1 - $2}'; }

make -s -j2 BUILD="$BUILD" "$BUILD/gongkai" "$BUILD/libgongkai.a" >/dev/null
GK=$ROOT/$BUILD/gongkai

echo "== search on PostgreSQL over $N items (seed $SEED, in $D)"
if [ ! -s "$D/items.jsonl" ] || [ "$(wc -l <"$D/items.jsonl")" != "$N" ]; then
	rm -rf "$D/out" "$D/sql" "$D"/gk.* "$D"/ours.* "$D/truth.bin" "$D"/pg_* "$D/prep.meta"
	"$PY" bench/search_corpus.py "$DATA" "$N" "$SEED" "$D"
fi
[ -s "$D/pg_items.tsv" ] || "$PY" bench/search_pg.py prep "$D"
"$PY" bench/search_pg.py sql "$D"
O=$D/out
mkdir -p "$O"
: >"$O/pg.meta"
chmod 755 "$D" "$O"
chmod 644 "$D/pg_items.tsv"

# --- PostgreSQL ------------------------------------------------------------
stop_pg
mkdir -p "$PGDIR/sock"
chown -R postgres "$PGDIR"
chown postgres "$O"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" --locale=C --encoding=UTF8 -A trust >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
	-o "-p $PORT -k $SOCK -c listen_addresses='' -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=1GB -c jit=off -c fsync=off" \
	start >/dev/null
# collation "C" as the project requires; character classes of C.UTF-8, as
# pg_trgm needs them: under LC_CTYPE=C it takes no Chinese character for
# part of a word, and so makes no trigram of Chinese text at all
psql -X -q -h "$SOCK" -p "$PORT" -U postgres -d postgres \
	-c "CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
Q() { psql -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres -d bench "$@"; }
Qv() { Q -At -c "$1"; }
meta() { echo "$1=$2" >>"$O/pg.meta"; }
Q -c "CREATE EXTENSION pg_trgm" \
	-c "CREATE TABLE items (id bigint PRIMARY KEY, published text, index_no text, ta text, txt text, tsv tsvector)"
t0=$(now)
Q -c "\\copy items FROM '$D/pg_items.tsv'"
meta copy_s "$(since "$t0")"
Q -c "VACUUM ANALYZE items"
meta heap_bytes "$(Qv "SELECT pg_table_size('items')")"
meta tsv_bytes "$(Qv "SELECT sum(pg_column_size(tsv)) FROM items")"
echo "   loaded: $(Qv "SELECT count(*) FROM items") items, table $(($(Qv "SELECT pg_table_size('items')") / 1000000)) MB, COPY $(grep copy_s "$O/pg.meta" | cut -d= -f2) s"

run() { # SCRIPT LOG: one psql session, statement_timeout set
	PGOPTIONS="-c statement_timeout=$TIMEOUT" psql -X -q -h "$SOCK" -p "$PORT" -U postgres -d bench \
		-f "$1" >"$2" 2>&1 || true
}
run "$D/sql/floor_page.sql" "$O/floor_page.log"
# the truth: a sequential LIKE scan, no index there yet
t0=$(now)
run "$D/sql/truth_full.sql" "$O/truth_full.log"
echo "   truth (sequential LIKE): $(since "$t0") s"
! grep -q ERROR "$O/truth_full.log" || { echo "search_pg: the truth failed:" >&2; grep ERROR "$O/truth_full.log" | head >&2; exit 1; }

# our own bigram terms as a tsvector, GIN
t0=$(now)
Q -c "CREATE INDEX items_bigram ON items USING gin (tsv)"
meta gin_bigram_s "$(since "$t0")"
meta gin_bigram_bytes "$(Qv "SELECT pg_relation_size('items_bigram')")"
Q -c "ANALYZE items"
for m in bigram_phrase bigram_and; do
	t0=$(now)
	run "$D/sql/${m}_page.sql" "$O/${m}_page.log"
	run "$D/sql/${m}_full.sql" "$O/${m}_full.log"
	run "$D/sql/${m}_explain.sql" "$O/${m}_explain.log"
	echo "   $m: $(since "$t0") s"
done
# pg_trgm on the text, GIN (the bigram index out of the planner's way)
Q -c "DROP INDEX items_bigram"
t0=$(now)
Q -c "CREATE INDEX items_trgm ON items USING gin (txt gin_trgm_ops)"
meta gin_trgm_s "$(since "$t0")"
meta gin_trgm_bytes "$(Qv "SELECT pg_relation_size('items_trgm')")"
Q -c "ANALYZE items"
t0=$(now)
run "$D/sql/trgm_page.sql" "$O/trgm_page.log"
run "$D/sql/trgm_full.sql" "$O/trgm_full.log"
run "$D/sql/trgm_explain.sql" "$O/trgm_explain.log"
echo "   trgm: $(since "$t0") s"
stop_pg

# --- gongkai's own index, through its CLI on SQLite ------------------------
DB=$D/gk.db
rm -f "$DB" "$DB".*
"$GK" demo --db "$DB" --items 0 --password bench-password-1 >/dev/null
while IFS="$(printf '\t')" read -r code parent name; do
	"$GK" agency add --db "$DB" --code "$code" --parent "$parent" --name "$name" --kind department \
		>/dev/null 2>&1 || true # the demo's own are refused as duplicates
done <"$D/agencies.tsv"
t0=$(now)
"$GK" import items --db "$DB" --no-progress "$D/items.jsonl" >"$O/gk_import.log" 2>&1
meta gk_import_s "$(since "$t0")"
if [ ! -s "$DB.catalogue" ]; then # a small import leaves the index to the first search
	t0=$(now)
	"$GK" search --db "$DB" 政府 >/dev/null
	meta gk_index_s "$(since "$t0")"
fi
meta gk_catalogue_bytes "$(stat -c %s "$DB.catalogue")"
meta gk_db_bytes "$(stat -c %s "$DB")"
t0=$(now)
"$PY" bench/search_pg.py gk "$D" "$GK" "$DB"
echo "   gongkai CLI: $(since "$t0") s"
if [ "$INPROC" = 1 ]; then
	${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags sqlite3 jansson) \
		-o "$D/search_bench" bench/search_bench.c "$BUILD/libgongkai.a" \
		$(pkg-config --libs sqlite3 jansson) -lm -lpthread
	[ -s "$D/truth.bin" ] || "$D/search_bench" truth "$D" >/dev/null
	"$D/search_bench" ours "$D" >"$O/ours.log" 2>&1
fi
"$PY" bench/search_pg.py report "$D"
