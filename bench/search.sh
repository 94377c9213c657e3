#!/bin/sh
# Search benchmark (docs/search-bench.md): our catalogue index against
# SQLite FTS5 (trigram) and Xapian (CJK n-grams) on the same items and
# queries, judged against a substring scan.
#   SEARCH_ITEMS  items (default 100000; 1000000 for the large run)
#   SEARCH_SEED   corpus and query seed (default 1)
#   SEARCH_PEERS  peers to run (default "fts5 xapian")
#   SEARCH_DIR    keep the corpus and results there and reuse what is
#                 already there (default: a temporary directory, removed)
#   SEARCH_FTS5_LIMIT_S  time limit of one FTS5 query that scans (default 5)
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DATA=${SEARCH_DATA:-$ROOT/../shared/data}
N=${SEARCH_ITEMS:-100000}
SEED=${SEARCH_SEED:-1}
PEERS=${SEARCH_PEERS:-fts5 xapian}
if [ ! -d "$DATA/cn-laws" ] || [ ! -d "$DATA/jieba-dict" ]; then
	echo "== search: skipped ($DATA with cn-laws and jieba-dict is absent)"
	exit 0
fi
# Debian's Python: python3-xapian is installed for it, not for another python3
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if case " $PEERS " in *" xapian "*) true ;; *) false ;; esac &&
	! "$PY" -c 'import xapian' 2>/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-xapian >/dev/null 2>&1 || true
	if ! "$PY" -c 'import xapian' 2>/dev/null; then
		echo "   (Xapian left out: python3-xapian is not installed)"
		PEERS=$(echo "$PEERS" | sed 's/xapian//')
	fi
fi
if [ -n "${SEARCH_DIR:-}" ]; then
	D=$SEARCH_DIR
	mkdir -p "$D"
else
	D=$(mktemp -d /tmp/gongkai-search-XXXXXX)
	trap 'rm -rf "$D"' EXIT
fi
make -s BUILD="$BUILD" "$BUILD/libgongkai.a" >/dev/null
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags sqlite3 jansson) \
	-o "$D/search_bench" bench/search_bench.c "$BUILD/libgongkai.a" \
	$(pkg-config --libs sqlite3 jansson) -lm -lpthread

secs() { date +%s; }
echo "== search over $N items: ours vs $PEERS (seed $SEED, in $D)"
if [ ! -s "$D/items.jsonl" ] || [ "$(wc -l < "$D/items.jsonl")" != "$N" ]; then
	t0=$(secs)
	rm -f "$D/truth.bin" "$D"/ours.* "$D"/fts5.* "$D"/xapian.*
	"$PY" bench/search_corpus.py "$DATA" "$N" "$SEED" "$D"
	echo "   corpus: $(du -m "$D/items.jsonl" | cut -f1) MB of JSON Lines, $(wc -l < "$D/queries.tsv") queries in $(($(secs) - t0)) s"
fi
[ -s "$D/truth.bin" ] || "$D/search_bench" truth "$D"
for p in $PEERS; do
	[ -s "$D/$p.meta" ] && continue
	t0=$(secs)
	case $p in
	fts5) "$D/search_bench" fts5 "$D" ;;
	xapian) "$PY" bench/search_xapian.py "$D" ;;
	*) echo "search: unknown peer $p" >&2; exit 1 ;;
	esac
	echo "   $p: done in $(($(secs) - t0)) s"
done
# ours always runs again: it is what changes
t0=$(secs)
"$D/search_bench" ours "$D"
echo "   ours: done in $(($(secs) - t0)) s"
"$PY" bench/search_report.py "$D" ours $PEERS
