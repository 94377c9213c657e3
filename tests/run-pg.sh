# The PostgreSQL part of tests/run-all.sh (sourced; counts with tests/tap.sh):
# a throwaway cluster (scripts/pg-cluster.sh) in a fresh temporary folder, the
# suites of tests/pg-suites.txt on it, scripts/compare-schemas.py when there
# is one, and the cluster stopped and removed whatever happens (trap), so a
# failing or interrupted run leaves no postmaster behind.
#
# The suites find the cluster in the environment:
#   GONGKAI_TEST_PG      libpq address of its maintenance database; tempdb.h
#                        and tests/e2e/lib.mjs make a fresh database on it
#   GONGKAI_TEST_PG_DIR  its folder, for pg-cluster.sh stop-server/start-server
#   GONGKAI_INDEX_DIR    a folder for catalogue index files (a PostgreSQL
#                        database has no folder beside it)
#   GONGKAI_TEST_PG_DEMO the database holding the demo city, to copy

PG_DIR=""
PG_TMP=""

pg_cleanup() {
	if [ -n "$PG_DIR" ]; then
		sh scripts/pg-cluster.sh stop "$PG_DIR" || echo "  pg: could not stop the cluster in $PG_DIR"
		PG_DIR=""
	fi
	if [ -n "$PG_TMP" ]; then
		rm -rf "$PG_TMP"
		PG_TMP=""
	fi
}

# pg_fail NAME MESSAGE: one failed test for something that could not run
pg_fail() {
	log="$LOGDIR/$(echo "$1" | tr / _).log"
	printf '1..1\nnot ok 1 - %s\n' "$2" >"$log"
	count_tap "$1" "$log" 1
}

run_pg() {
	echo "== PostgreSQL (tests/pg-suites.txt)"
	trap pg_cleanup EXIT
	trap 'pg_cleanup; exit 130' INT
	trap 'pg_cleanup; exit 143' TERM
	# /tmp, not $TMPDIR: the socket's path must stay short, and the
	# postgres user must reach it
	PG_DIR=$(mktemp -d /tmp/gk-pg-XXXXXX) && PG_TMP=$(mktemp -d /tmp/gk-pg-tmp-XXXXXX) || {
		pg_fail pg/cluster "no temporary folder"
		return
	}
	if ! address=$(sh scripts/pg-cluster.sh start "$PG_DIR" 2>"$LOGDIR/pg-cluster.log"); then
		pg_fail pg/cluster "the PostgreSQL cluster did not start: $(tail -5 "$LOGDIR/pg-cluster.log" | tr '\n' ' ')"
		pg_cleanup
		return
	fi
	echo "  cluster: $address"
	mkdir -p "$PG_TMP/index"
	export GONGKAI_TEST_PG="$address" GONGKAI_TEST_PG_DIR="$PG_DIR" GONGKAI_INDEX_DIR="$PG_TMP/index"
	# The demo city, made once (it takes long on PostgreSQL) with the e2e
	# suites' password (PASSWORD in tests/e2e/lib.mjs), which copies it for
	# every server. Without it each suite makes its own.
	demo=$(echo "$address" | sed 's|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1gkdemo|')
	if createdb --maintenance-db="$address" --locale=C --encoding=UTF8 --template=template0 gkdemo \
		>"$LOGDIR/pg_demo.log" 2>&1 &&
		"$GONGKAI_BIN" demo --db "$demo" --password e2e-secret-pass >>"$LOGDIR/pg_demo.log" 2>&1; then
		export GONGKAI_TEST_PG_DEMO=gkdemo
	else
		echo "  pg: the shared demo city could not be made (see $LOGDIR/pg_demo.log)"
	fi

	for s in $(sed -e 's/#.*//' tests/pg-suites.txt); do
		case "$s" in
		unit/*)
			t="$BUILD/asan/tests/${s#unit/}"
			name="pg/${s#unit/}"
			log="$LOGDIR/$(echo "$name" | tr / _).log"
			if [ -x "$t" ]; then
				CMOCKA_MESSAGE_OUTPUT=tap "$t" >"$log" 2>&1
				count_tap "$name" "$log" $?
			else
				pg_fail "$name" "$t not built"
			fi
			;;
		e2e/*)
			f="tests/$s.test.mjs"
			name="pg/$s"
			log="$LOGDIR/$(echo "$name" | tr / _).log"
			if [ -f "$f" ]; then
				node --test --test-reporter=tap "$f" >"$log" 2>&1
				count_tap "$name" "$log" $?
			else
				pg_fail "$name" "$f not found"
			fi
			;;
		*)
			pg_fail "pg/$s" "tests/pg-suites.txt: '$s' is neither unit/… nor e2e/…"
			;;
		esac
	done

	# the two dialects' schemas, made by the same migrations (gongkai
	# init), compared
	if [ -f scripts/compare-schemas.py ]; then
		log="$LOGDIR/pg_compare-schemas.log"
		pgdb=$(echo "$address" | sed 's|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1gkschema|')
		if createdb --maintenance-db="$address" --locale=C --encoding=UTF8 --template=template0 gkschema >"$log" 2>&1 &&
			"$GONGKAI_BIN" init --db "$pgdb" >>"$log" 2>&1 &&
			"$GONGKAI_BIN" init --db "$PG_TMP/schema.db" >>"$log" 2>&1; then
			python3 scripts/compare-schemas.py --ignore gk_schema_version "$PG_TMP/schema.db" "$pgdb" >>"$log" 2>&1
			st=$?
		else
			st=1
		fi
		if [ "$st" -eq 0 ]; then
			printf '1..1\nok 1 - compare-schemas\n' >>"$log"
		else
			printf '1..1\nnot ok 1 - compare-schemas (exit status %s)\n' "$st" >>"$log"
		fi
		count_tap pg/compare-schemas "$log" "$st"
	fi

	pg_cleanup
	trap - EXIT INT TERM
	unset GONGKAI_TEST_PG GONGKAI_TEST_PG_DIR GONGKAI_INDEX_DIR GONGKAI_TEST_PG_DEMO
}
