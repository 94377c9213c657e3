#!/bin/sh
# A throwaway PostgreSQL cluster for the tests, in one folder, reachable only
# through a Unix socket in that folder.
#
#   pg-cluster.sh start DIR         initdb + start; prints the libpq address of
#                                   the maintenance database and writes it to
#                                   DIR/address (DIR: absent or empty; use a
#                                   fresh `mktemp -d` so that a cluster left by
#                                   a killed run never gets in the way)
#   pg-cluster.sh stop DIR          stop (fast) and remove DIR
#   pg-cluster.sh stop-server DIR   stop the postmaster only, keeping the data
#   pg-cluster.sh start-server DIR  start it again (same socket, same port)
#   pg-cluster.sh bindir            the newest PostgreSQL's bin folder (exit 1:
#                                   none installed); GONGKAI_PG_BIN=FOLDER
#                                   chooses another
#
# initdb and postgres refuse to run as root; as root they run as the
# `postgres` system user, who then owns DIR. The superuser role is named after
# the user who calls this script, so its clients connect with libpq's default
# user and the address needs no user name. Authentication is `trust`: nobody
# but local users can reach the socket, and the cluster lives for one test run.
set -eu

die() {
	echo "pg-cluster.sh: $*" >&2
	exit 1
}

# The newest installed PostgreSQL's bin folder (Debian's layout first, then
# whatever initdb is on PATH), or GONGKAI_PG_BIN when set.
bindir() {
	if [ -n "${GONGKAI_PG_BIN+set}" ]; then
		[ -x "$GONGKAI_PG_BIN/initdb" ] || return 1
		echo "$GONGKAI_PG_BIN"
		return 0
	fi
	newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -1)
	if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
		echo "$newest"
		return 0
	fi
	p=$(command -v initdb 2>/dev/null) || return 1
	dirname "$p"
}

# Runs a command as the cluster's owner: `postgres` when we are root.
as_owner() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u postgres -- "$@"
	else
		# su joins its arguments into one shell command; every argument
		# here is a path or option we made ourselves (no quotes in them)
		su postgres -s /bin/sh -c "$*"
	fi
}

pg_ctl_() {
	as_owner "$BIN/pg_ctl" -D "$DIR/data" "$@"
}

cmd=${1:-}
[ -n "$cmd" ] || die "usage: pg-cluster.sh start|stop|stop-server|start-server DIR | bindir"
if [ "$cmd" = bindir ]; then
	bindir
	exit $?
fi
[ $# -eq 2 ] || die "usage: pg-cluster.sh $cmd DIR"
BIN=$(bindir) || die "no PostgreSQL found (initdb not in /usr/lib/postgresql/*/bin nor on PATH)"
case "$2" in
/*) DIR=$2 ;;
*) DIR=$(pwd)/$2 ;;
esac

case "$cmd" in
start)
	if [ -e "$DIR" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
		die "$DIR is not empty (use a fresh folder: mktemp -d)"
	fi
	# the socket's path must fit in sockaddr_un (107 bytes)
	[ ${#DIR} -le 80 ] || die "$DIR is too long a path for a Unix socket folder"
	mkdir -p "$DIR"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || die "running as root, and there is no 'postgres' user to run PostgreSQL as"
		chown postgres: "$DIR"
	fi
	# root clients need no more; other users may connect through the socket
	chmod 755 "$DIR"
	as_owner test -w "$DIR" || die "the cluster's owner cannot write to $DIR (is a parent folder closed to it?)"
	superuser=$(id -un)
	if ! as_owner "$BIN/initdb" -D "$DIR/data" -U "$superuser" --locale=C --encoding=UTF8 -A trust \
		>"$DIR/initdb.log" 2>&1; then
		cat "$DIR/initdb.log" >&2
		die "initdb failed"
	fi
	# Only the socket names the port: any number no other cluster in DIR uses
	# will do; one outside the usual range keeps clear of a real server's
	# lock files should someone point the socket folder elsewhere.
	port=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 40000) }')
	while [ -e "$DIR/.s.PGSQL.$port" ]; do port=$((port + 1)); done
	cat >>"$DIR/data/postgresql.conf" <<EOF

# pg-cluster.sh: a throwaway cluster for the tests
listen_addresses = ''
unix_socket_directories = '$DIR'
port = $port
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 16MB
max_connections = 200
log_min_messages = warning
EOF
	echo "$port" >"$DIR/port"
	start_server=1
	;;
start-server)
	[ -f "$DIR/port" ] || die "$DIR holds no cluster made by pg-cluster.sh start"
	start_server=1
	;;
stop-server | stop)
	start_server=0
	if [ -f "$DIR/data/postmaster.pid" ]; then
		pg_ctl_ -m fast -w -t 60 stop >/dev/null 2>&1 ||
			{ [ "$cmd" = stop ] || die "pg_ctl stop failed (see $DIR/postgres.log)"; }
	fi
	[ "$cmd" = stop ] && rm -rf "$DIR"
	exit 0
	;;
*)
	die "unknown command '$cmd' (start, stop, stop-server, start-server, bindir)"
	;;
esac

if [ "$start_server" = 1 ]; then
	if ! pg_ctl_ -l "$DIR/postgres.log" -w -t 60 start >/dev/null 2>&1; then
		cat "$DIR/postgres.log" >&2 2>/dev/null || true
		die "the postmaster did not start (log: $DIR/postgres.log)"
	fi
	port=$(cat "$DIR/port")
	address="postgresql:///postgres?host=$DIR&port=$port"
	if [ "$cmd" = start ]; then
		echo "$address" >"$DIR/address.tmp"
		mv "$DIR/address.tmp" "$DIR/address"
		echo "$address"
	fi
fi
