#!/bin/sh
# HTTP benchmark: gongkai's dynamic pages and API against a peer, nginx
# serving byte-for-byte copies of the same responses as static files, in
# one run on loopback. The ratio is the cost of rendering from the
# database. Bounded: each measurement is DURATION seconds with CONNECTIONS
# connections (defaults 5 s, 16).
set -eu
BUILD=${BUILD:-build}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-16}
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
cleanup() {
	[ -n "$GK_PID" ] && kill "$GK_PID" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

"$BUILD/gongkai" demo --db "$T/g.db" --password bench-password-1 >/dev/null
"$BUILD/gongkai" serve --db "$T/g.db" --listen 127.0.0.1:18481 --quiet > "$T/serve.out" 2>&1 &
GK_PID=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$T/serve.out" && break; sleep 0.3; done
G=http://127.0.0.1:18481

ITEM=$(curl -s "$G/api/v1/items?per_page=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
PATHS="/ /agencies /items/$ITEM /api/v1/items?per_page=20 /api/v1/health"

# the peer: the same bytes as static files behind nginx
mkdir -p "$T/www" "$T/nginx"
n=0
for p in $PATHS; do
	n=$((n + 1))
	curl -s "$G$p" > "$T/www/p$n"
done
cat > "$T/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $T/nginx; proxy_temp_path $T/nginx; fastcgi_temp_path $T/nginx;
	uwsgi_temp_path $T/nginx; scgi_temp_path $T/nginx;
	server { listen 127.0.0.1:18482; root $T/www; default_type text/html; }
}
CONF
nginx -c "$T/nginx/nginx.conf" &
NGINX_PID=$!
sleep 0.5
N=http://127.0.0.1:18482

rps() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$1" 2>/dev/null | awk '/Requests\/sec/ {print $2}'; }

echo "== HTTP: gongkai (rendered from SQLite) vs nginx (the same bytes as static files)"
echo "   $CONNECTIONS connections, ${DURATION} s each, loopback, 2 cores shared by client and servers"
printf '%-30s %12s %12s %8s\n' "path" "gongkai r/s" "nginx r/s" "ratio"
n=0
for p in $PATHS; do
	n=$((n + 1))
	g=$(rps "$G$p")
	s=$(rps "$N/p$n")
	printf '%-30s %12.0f %12.0f %7.2fx\n' "$p" "$g" "$s" "$(echo "$s / $g" | bc -l)"
done
echo "(ratio = how many times more requests per second nginx serves from static files)"
