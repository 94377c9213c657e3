#!/bin/sh
# HTTP benchmark: gongkai's public pages and API against a peer, nginx
# serving byte-for-byte copies of the same responses as static files, in
# one run on loopback (docs/serving.md). For each page: requests per
# second, p99 latency and errors (socket errors and non-2xx answers) of
# both, and gongkai's share of nginx's rate against the issue's targets
# (item page >= 50% with p99 < 10 ms; every other page >= 25%, p99 < 50 ms).
# gongkai is measured as it serves: pages kept ready (the first request of
# each draws it) — and, for reference, with the page cache off. Then 512
# connections on one page: zero socket errors expected.
#
#   ITEMS        catalogue size (default 100000; `gongkai demo --items` is
#                per agency and year: about ITEMS/146 of them in 2026)
#   GK_DB        an existing database to serve instead (made by this gongkai)
#   DURATION     seconds per measurement (default 5)
#   CONNECTIONS  connections per measurement (default 64)
#   NO_CACHE_RUN 0 to skip the cache-off reference rows
set -eu
BUILD=${BUILD:-build}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}
ITEMS=${ITEMS:-100000}
NO_CACHE_RUN=${NO_CACHE_RUN:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for tool in wrk nginx curl bc; do
	command -v $tool >/dev/null 2>&1 || {
		echo "installing wrk and nginx-light (benchmark peers)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light curl bc >/dev/null
		break
	}
done
make -s BUILD="$BUILD" "$BUILD/gongkai" >/dev/null
T=$(mktemp -d /tmp/gongkai-http-XXXXXX)
GK_PID= NGINX_PID=
stop_gk() {
	[ -n "$GK_PID" ] && kill "$GK_PID" 2>/dev/null && wait "$GK_PID" 2>/dev/null
	GK_PID=
}
cleanup() {
	stop_gk
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

if [ -n "${GK_DB:-}" ]; then
	DB=$GK_DB
else
	DB=$T/g.db
	per=$(( (ITEMS + 145) / 146 ))
	echo "== catalogue: gongkai demo --items $per (per agency and year; ITEMS=$ITEMS)"
	t0=$(date +%s.%N)
	"$BUILD/gongkai" demo --db "$DB" --password bench-password-1 --items "$per" | head -1
	echo "   made in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi

PORT=18481
G=http://127.0.0.1:$PORT
start_gk() {
	# every load connection comes from 127.0.0.1: above the 256 per address
	"$BUILD/gongkai" serve --db "$DB" --listen 127.0.0.1:$PORT --quiet --per-address 4096 "$@" > "$T/serve.out" 2>&1 &
	GK_PID=$!
	for i in $(seq 50); do grep -q listening "$T/serve.out" && return; sleep 0.2; done
	echo "gongkai did not start:"; cat "$T/serve.out"; exit 1
}
start_gk

ITEM=$(curl -s "$G/api/v1/items?per_page=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
TOTAL=$(curl -s "$G/api/v1/items?per_page=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
LAST=$(( (TOTAL + 19) / 20 ))
DEEP=$(( LAST < 1000 ? LAST : 1000 ))
Q=$(printf '%s' "${SEARCH_Q:-环境保护}" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
echo "== $TOTAL published items; item $ITEM; page $DEEP of $LAST; QUERY = ${SEARCH_Q:-环境保护}"
PATHS="/items/$ITEM /items /items?page=$DEEP /items?topic=6.1&year=2017 / /items?q=$Q /api/v1/items?per_page=20"

# the peer: the same bytes as static files behind nginx
mkdir -p "$T/www" "$T/nginx"
n=0
for p in $PATHS; do
	n=$((n + 1))
	code=$(curl -s -o "$T/www/p$n" -w '%{http_code}' "$G$p")
	[ "$code" = 200 ] || echo "   warning: $p answered $code"
done
cat > "$T/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $T/nginx; proxy_temp_path $T/nginx; fastcgi_temp_path $T/nginx;
	uwsgi_temp_path $T/nginx; scgi_temp_path $T/nginx;
	server { listen 127.0.0.1:18482 backlog=4096; root $T/www; default_type text/html; }
}
CONF
chmod 755 "$T" && chmod -R a+rX "$T/www" # nginx's workers run as another user
nginx -c "$T/nginx/nginx.conf" &
NGINX_PID=$!
sleep 0.5
N=http://127.0.0.1:18482

# wrk URL [CONNECTIONS] -> "req/s p99_ms errors"
measure() {
	wrk -t2 -c"${2:-$CONNECTIONS}" -d"${DURATION}s" --latency "$1" 2>/dev/null | awk '
		/Requests\/sec/ { rps = $2 }
		/^ +99%/ { v = $2; if (v ~ /us$/) ms = v / 1000; else if (v ~ /ms$/) ms = v + 0;
			   else if (v ~ /s$/) ms = v * 1000; }
		/Socket errors/ { gsub(",", ""); sock += $4 + $6 + $8 + $10 }
		/Non-2xx/ { bad += $5 }
		END { printf "%.0f %.2f %d/%d\n", rps, ms, sock, bad }'
}

row() { # label gk-url nginx-url target-share target-p99
	set -- "$1" "$(measure "$2")" "$(measure "$3")" "$4" "$5"
	echo "$1 $2 $3 $4 $5" | awk '{
		share = $5 > 0 ? 100 * $2 / $5 : 0
		ok = (share >= $8 && $3 < $9 && $4 == "0/0") ? "yes" : "no"
		printf "%-28s %9d %8.2f %9s | %9d %8.2f %9s | %5.0f%%  %s\n", $1, $2, $3, $4, $5, $6, $7, share, ok }'
}

header() {
	echo "== $1"
	echo "   $CONNECTIONS connections, keep-alive, ${DURATION} s each, loopback, 2 cores shared by client and servers"
	printf '%-28s %9s %8s %9s | %9s %8s %9s | %6s  %s\n' "path" "gk r/s" "p99 ms" "sock/!2xx" \
		"nginx r/s" "p99 ms" "sock/!2xx" "share" "target"
}

header "HTTP: gongkai (pages kept ready) vs nginx (the same bytes as static files)"
n=0
for p in $PATHS; do
	n=$((n + 1))
	label=$(printf '%s' "$p" | sed "s/$Q/QUERY/")
	if [ "$n" = 1 ]; then row "$label" "$G$p" "$N/p$n" 50 10; else row "$label" "$G$p" "$N/p$n" 25 50; fi
done

echo "== 512 connections from one address, /items/$ITEM (zero socket errors expected)"
printf '%-28s %9s %8s %9s\n' "server" "r/s" "p99 ms" "sock/!2xx"
printf '%-28s %9s %8s %9s\n' "gongkai" $(measure "$G/items/$ITEM" 512)
printf '%-28s %9s %8s %9s\n' "nginx" $(measure "$N/p1" 512)

if [ "$NO_CACHE_RUN" != 0 ]; then
	stop_gk
	start_gk --cache-mb 0
	header "for reference: gongkai with the page cache off (every page drawn per request)"
	n=0
	for p in $PATHS; do
		n=$((n + 1))
		label=$(printf '%s' "$p" | sed "s/$Q/QUERY/")
		if [ "$n" = 1 ]; then row "$label" "$G$p" "$N/p$n" 50 10; else row "$label" "$G$p" "$N/p$n" 25 50; fi
	done
fi
echo "(share = gongkai's req/s as a share of nginx's; sock/!2xx = socket errors (connect, read,"
echo " write, timeout) / answers other than 2xx-3xx (an overloaded gongkai's 503s); target: the"
echo " issue's share and p99 with no error of either kind)"
