#!/bin/sh
# Soak: gongkai serve on loopback under mixed public reads and staff writes
# (applications registered, items published) at a steady rate for a long
# time; prints the errors, latency, the server's memory after the warm-up
# and at the end, and its open files. Not part of make test.
#
#   SOAK_MINUTES  how long (default 10; fractions are fine: 0.5)
#   READ_RATE     public reads per second (default 50)
#   WRITE_RATE    staff writes per second (default 5)
#   GK_DB         serve this database (made by `gongkai demo` with
#                 SOAK_PASSWORD) instead of a fresh demo city
#
# It fails (exit 1) on any error, on anonymous memory at the end more than
# 10% above the level after the warm-up, or on more open files (sockets
# aside) at the end. The rates are ones a shared two-core machine keeps up
# with; the client is bench/soak.mjs.
set -eu
BUILD=${BUILD:-build}
MINUTES=${SOAK_MINUTES:-10}
READ_RATE=${READ_RATE:-50}
WRITE_RATE=${WRITE_RATE:-5}
export SOAK_PASSWORD=${SOAK_PASSWORD:-soak-password-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
command -v node >/dev/null 2>&1 || { echo "soak: needs node (as make test does)"; exit 2; }
make -s BUILD="$BUILD" "$BUILD/gongkai" >/dev/null
T=$(mktemp -d /tmp/gongkai-soak-XXXXXX)
GK_PID=
cleanup() {
	[ -n "$GK_PID" ] && kill "$GK_PID" 2>/dev/null && wait "$GK_PID" 2>/dev/null
	[ -n "${SOAK_KEEP:-}" ] && cp "$T/serve.err" /tmp/soak-serve.err; rm -rf "$T"
}
trap cleanup EXIT INT TERM

if [ -n "${GK_DB:-}" ]; then
	DB=$GK_DB
else
	DB=$T/g.db
	"$BUILD/gongkai" demo --db "$DB" --password "$SOAK_PASSWORD" >/dev/null
fi
"$BUILD/gongkai" serve --db "$DB" --listen 127.0.0.1:0 --quiet > "$T/serve.out" 2> "$T/serve.err" &
GK_PID=$!
for i in $(seq 100); do grep -qs listening "$T/serve.out" && break; sleep 0.2; done
URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$T/serve.out")
[ -n "$URL" ] || { echo "gongkai did not start:"; cat "$T/serve.err"; exit 1; }
SECONDS_=$(awk "BEGIN { printf \"%d\", $MINUTES * 60 }")
status=0
node bench/soak.mjs "$URL" "$GK_PID" "$SECONDS_" "$READ_RATE" "$WRITE_RATE" || status=$?
kill "$GK_PID" && wait "$GK_PID" || { echo "soak: the server did not stop cleanly"; status=1; }
GK_PID=
bad=$(grep -cE ' (warn|error) ' "$T/serve.err" || true)
echo "  server log   $(wc -l < "$T/serve.err") lines, $bad warnings or errors"
grep -E ' (warn|error) ' "$T/serve.err" | head -5 | sed 's/^/    /'
[ "$bad" -eq 0 ] || status=1
exit $status
