#!/bin/sh
# The whole-catalogue outputs on a database you made (not part of make bench:
# it needs a large catalogue, e.g. `gongkai demo --db DB --items 1000` for
# about 100,000 items): time to first byte and total of the full and
# filtered exports with the server's anonymous memory (RssAnon: the database
# is mapped, so VmRSS counts the file) before and at most during each, and
# beside them the sqlite3 CLI writing the same rows as CSV (the peer: no
# HTTP, no JSON, no checks); then the sitemap index and parts, feeds and the
# guide's count (best of 3).
#   bench/outputs.sh DB [PORT]
set -eu
DB=$1
PORT=${2:-18470}
BUILD=${BUILD:-build}
GK="$BUILD/gongkai"
"$GK" serve --db "$DB" --listen "127.0.0.1:$PORT" --quiet > /dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null' EXIT
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" && break
	sleep 1
done
N=$(sqlite3 "$DB" "SELECT count(*) FROM items WHERE status = 'published'")
echo "== $N published items in $DB"

anon() { awk '/RssAnon/ {print $2}' "/proc/$PID/status"; }

export_one() {
	before=$(anon)
	samples=$(mktemp)
	(while kill -0 "$PID" 2>/dev/null; do anon; sleep 0.05; done) > "$samples" &
	sampler=$!
	line=$(curl -s -o /dev/null -w "ttfb %{time_starttransfer} s  total %{time_total} s  %{size_download} bytes" \
		"http://127.0.0.1:$PORT$1")
	kill "$sampler" 2>/dev/null || true
	wait "$sampler" 2>/dev/null || true
	max=$(sort -n "$samples" | tail -1)
	rm -f "$samples"
	printf '%-44s %s  RssAnon %s -> max %s kB\n' "$1" "$line" "$before" "$max"
}

echo "== exports"
for u in /export/items.csv /export/items.jsonl "/export/items.csv?agency=035205000" \
	"/export/items.jsonl?year=2016" "/export/items.csv?per_page=10000&page=5"; do
	export_one "$u"
done
t0=$(date +%s.%N)
sqlite3 -csv "$DB" "SELECT COALESCE(i.index_no, ''), a.code, a.name, i.title, i.doc_no, i.topic, i.genre,
	i.column_code, i.written, i.published, i.validity, i.effective, i.ended, i.repealed_by, i.normative,
	i.outlets, i.keywords, i.summary, i.interp_kind, COALESCE(p.index_no, ''), i.body, i.attachments
	FROM items i JOIN agencies a ON a.id = i.agency_id LEFT JOIN items p ON p.id = i.interprets_id
	WHERE i.status = 'published' ORDER BY i.published DESC, i.id DESC" > /dev/null
t1=$(date +%s.%N)
printf '%-44s total %s s\n' "peer: sqlite3 -csv, same rows" "$(echo "$t1 - $t0" | bc)"

best() {
	b=""
	for _ in 1 2 3; do
		t=$(curl -s -o /dev/null -w "%{time_total}" "http://127.0.0.1:$PORT$1")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	printf '%-44s %s s  %s bytes\n' "$1" "$b" "$(curl -s "http://127.0.0.1:$PORT$1" | wc -c)"
}

echo "== sitemap, feeds, guide (best of 3)"
best /sitemap.xml
for p in $(curl -s "http://127.0.0.1:$PORT/sitemap.xml" | grep -o 'sitemap-[0-9]*\.xml' | head -3) \
	$(curl -s "http://127.0.0.1:$PORT/sitemap.xml" | grep -o 'sitemap-[0-9]*\.xml' | tail -1); do
	best "/$p"
done
for u in /feeds/agency/035200001 /feeds/agency/035205000 /feeds/topic/10 /feeds/topic/1 \
	/agencies/035200001/guide /agencies/035205000/guide; do
	best "$u"
done
