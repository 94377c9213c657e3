#!/bin/sh
# The province benchmark (docs/province.md): N `gongkai serve` on one
# database behind nginx (round robin), a bounded mixed load with wrk
# (bench/province.lua), then an open-loop write test
# (bench/province_client.py writes). Results are appended to PROV_RESULTS
# and every configuration there is printed side by side, as ratios to the
# single server on SQLite.
#
# usage: bench/province.sh DATABASE [N ...]      (N: servers; default 1 2 4)
#   DATABASE  a SQLite path (made with `gongkai demo` if missing) or a
#             postgresql:// address (filled with `gongkai demo` when it
#             holds no agencies yet)
#   PROV_ITEMS     demo --items K for a new database (default 685: about
#                  100,000 items, under a minute here; 100 about 15,000; 6850 about
#                  1,000,000, the issue's size, which takes long: build it
#                  once and pass the same DATABASE again)
#   PROV_SECS      seconds of measured mixed load per configuration (15;
#                  after a 3 s warm-up, so a run stays within 20 s)
#   PROV_CONNS     wrk connections (64), PROV_THREADS wrk threads (2)
#   PROV_WRITE_PCT percent of applications in the mix (5; 0: reads only)
#   PROV_RATES     offered write rates, a comma list (50,100,200,400,800)
#   PROV_WRITE_SECS seconds per write rate (10)
#   PROV_LABEL     name of the configuration (default: sqlite or pg)
#   PROV_RESULTS   results file (default /tmp/gongkai-province/results.tsv)
#   PROV_SERVE_ARGS more options for every `gongkai serve`
# Only 127.0.0.1 is used; every process started here is stopped at the end.
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
[ $# -ge 1 ] || { sed -n '2,26p' "$0"; exit 2; }
DB=$1
shift
SERVERS=${*:-1 2 4}
ITEMS=${PROV_ITEMS:-685}
SECS=${PROV_SECS:-15}
CONNS=${PROV_CONNS:-64}
WTHREADS=${PROV_THREADS:-2}
RATES=${PROV_RATES:-50,100,200,400,800}
WSECS=${PROV_WRITE_SECS:-10}
RESULTS=${PROV_RESULTS:-/tmp/gongkai-province/results.tsv}
case $DB in
postgres://* | postgresql://*) LABEL=${PROV_LABEL:-pg} ;;
*) LABEL=${PROV_LABEL:-sqlite} ;;
esac
for t in nginx wrk python3; do
	command -v "$t" >/dev/null || { echo "province: $t is missing" >&2; exit 1; }
done
make -s -j2 BUILD="$BUILD" "$BUILD/gongkai" >/dev/null
GK=$ROOT/$BUILD/gongkai
mkdir -p "$(dirname "$RESULTS")"
T=$(mktemp -d /tmp/gongkai-province-XXXXXX)
PIDS=""
stop_all() {
	if [ -s "$T/nginx.pid" ]; then
		kill "$(cat "$T/nginx.pid")" 2>/dev/null || true
	fi
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	PIDS=""
	sleep 0.5
	rm -f "$T/nginx.pid"
}
trap 'stop_all; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{printf "%.1f", $1 - $2}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- the database ------------------------------------------------------------
case $LABEL$DB in
*postgres://* | *postgresql://*)
	if "$GK" demo --db "$DB" --items "$ITEMS" --password bench-password-1 >"$T/demo.log" 2>&1; then
		echo "   filled $DB with the demo (--items $ITEMS)"
	else
		echo "   (demo not run: $(tail -1 "$T/demo.log"); using the database as it is)"
	fi
	;;
*)
	if [ ! -s "$DB" ]; then
		mkdir -p "$(dirname "$DB")"
		t0=$(now)
		"$GK" demo --db "$DB" --items "$ITEMS" --password bench-password-1 >/dev/null
		echo "   made $DB: demo --items $ITEMS in $(since "$t0") s"
	fi
	;;
esac

start_servers() { # N: starts N servers and nginx in front; sets URL
	n=$1
	upstream=""
	i=0
	while [ "$i" -lt "$n" ]; do
		"$GK" serve --db "$DB" --listen 127.0.0.1:0 --quiet --intake-limit 0 --trusted-proxy 127.0.0.1 \
			--per-address 4096 ${PROV_SERVE_ARGS:-} >"$T/serve$i.out" 2>"$T/serve$i.err" &
		PIDS="$PIDS $!"
		i=$((i + 1))
	done
	i=0
	while [ "$i" -lt "$n" ]; do
		w=0
		until grep -q "listening on" "$T/serve$i.out" 2>/dev/null; do
			w=$((w + 1))
			if [ "$w" -gt 600 ]; then
				echo "province: server $i did not start:" >&2
				cat "$T/serve$i.err" >&2
				exit 1
			fi
			sleep 0.2
		done
		port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/serve$i.out" | head -1)
		upstream="$upstream		server 127.0.0.1:$port;
"
		i=$((i + 1))
	done
	PORT=$(free_port)
	mkdir -p "$T/tmp"
	chmod 777 "$T/tmp"
	cat >"$T/nginx.conf" <<EOF
worker_processes 1;
pid $T/nginx.pid;
error_log $T/nginx-error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $T/tmp/body;
	proxy_temp_path $T/tmp/proxy;
	fastcgi_temp_path $T/tmp/fastcgi;
	uwsgi_temp_path $T/tmp/uwsgi;
	scgi_temp_path $T/tmp/scgi;
	upstream gongkai {
$upstream		keepalive 64;
	}
	server {
		listen 127.0.0.1:$PORT;
		location / {
			proxy_pass http://gongkai;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
		}
	}
}
EOF
	nginx -p "$T" -c "$T/nginx.conf"
	URL=http://127.0.0.1:$PORT
	w=0
	until python3 -c "import urllib.request; urllib.request.urlopen('$URL/items', timeout=5)" 2>/dev/null; do
		w=$((w + 1))
		[ "$w" -lt 50 ] || { echo "province: nginx does not answer" >&2; cat "$T/nginx-error.log" >&2; exit 1; }
		sleep 0.2
	done
}

echo "== province: $LABEL ($DB), servers: $SERVERS; wrk -t$WTHREADS -c$CONNS -d${SECS}s; writes at $RATES/s"
for n in $SERVERS; do
	start_servers "$n"
	[ -s "$T/data.lua" ] || python3 bench/province_client.py prepare "$URL" "$T/data.lua"
	PROV_DATA=$T/data.lua wrk -t"$WTHREADS" -c"$CONNS" -d3s -s bench/province.lua "$URL" >/dev/null
	PROV_DATA=$T/data.lua wrk -t"$WTHREADS" -c"$CONNS" -d"${SECS}s" --latency -s bench/province.lua "$URL" \
		>"$T/wrk$n.txt"
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$T/wrk$n.txt")
	p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' "$T/wrk$n.txt")
	total=$(awk '/requests in/ {print $1}' "$T/wrk$n.txt")
	bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$T/wrk$n.txt")
	echo "-- $n server(s): $rps requests/s, p99 $p99 ms, ${bad:-0} of $total not 2xx/3xx"
	python3 bench/province_client.py writes "$URL" "$RATES" "$WSECS" | tee "$T/writes$n.txt"
	# the highest offered rate with at least 95% acknowledged within 1 s
	kept=$(awk -F'|' 'NR > 2 {r=$2+0; a=$4; sub(/.*\(/, "", a); sub(/%.*/, "", a); if (a+0 >= 95) k=r} END {print k+0}' "$T/writes$n.txt")
	stop_all
	grep -v "^$LABEL	$n	" "$RESULTS" >"$T/res" 2>/dev/null || true
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$LABEL" "$n" "$rps" "$p99" "${bad:-0}" "$total" "$kept" >>"$T/res"
	cp "$T/res" "$RESULTS"
done

echo
echo "All configurations in $RESULTS (ratios to sqlite with 1 server):"
awk -F'\t' '
	{ k[NR] = $1 " x" $2; rps[NR] = $3; p99[NR] = $4; bad[NR] = $5; tot[NR] = $6; kept[NR] = $7
	  if ($1 == "sqlite" && $2 == 1) { br = $3; bp = $4; bk = $7 } }
	END {
		print "| configuration | requests/s | ratio | p99 ms | ratio | not 2xx/3xx | writes kept up (/s, >=95% in 1 s) | ratio |"
		print "|---|---|---|---|---|---|---|---|"
		for (i = 1; i <= NR; i++)
			printf "| %s | %.0f | %s | %.1f | %s | %d of %d | %s | %s |\n", k[i], rps[i],
				br ? sprintf("%.2f", rps[i] / br) : "-", p99[i], bp ? sprintf("%.2f", p99[i] / bp) : "-",
				bad[i], tot[i], kept[i] ? kept[i] : "< lowest rate",
				bk ? sprintf("%.2f", kept[i] / bk) : "-"
	}' "$RESULTS"
