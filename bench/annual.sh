#!/bin/sh
# The yearly report's build (bench/annual_bench.c): a city-wide report over
# ANNUAL_AGENCIES agencies (200), ANNUAL_ITEMS catalogue items (1,000,000)
# and ANNUAL_APPS applications (100,000), timed beside the floor — a plain
# SQL count of the same applications and a GROUP BY over them — with the
# ratio. The build is every count, the roll-up and its proof; then each
# format is rendered from it (text, Markdown, JSON, HTML, XLSX, PDF). ANNUAL_DB=FILE keeps (or reuses) the generated database.
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
AGENCIES=${ANNUAL_AGENCIES:-200}
ITEMS=${ANNUAL_ITEMS:-1000000}
APPS=${ANNUAL_APPS:-100000}
YEAR=${ANNUAL_YEAR:-2024}
T=$(mktemp -d /tmp/gongkai-annual-XXXXXX)
trap 'rm -rf "$T"' EXIT
make -s BUILD="$BUILD" "$BUILD/libgongkai.a" >/dev/null
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags sqlite3 jansson pangocairo) \
	-o "$T/annual_bench" bench/annual_bench.c "$BUILD/libgongkai.a" \
	$(pkg-config --libs libmicrohttpd sqlite3 jansson libsodium libqrencode xlsxwriter pangocairo 2>/dev/null) -lm -lpthread
DB=${ANNUAL_DB:-$T/annual.db}
if [ ! -s "$DB" ]; then
	echo "== yearly report: $AGENCIES agencies, $ITEMS items, $APPS applications"
	start=$(date +%s)
	"$T/annual_bench" make "$DB" "$AGENCIES" "$ITEMS" "$APPS"
	echo "   data made in $(( $(date +%s) - start )) s, $(du -m "$DB" | cut -f1) MB"
else
	echo "== yearly report: $DB"
fi
"$T/annual_bench" run "$DB" "$YEAR" 5
