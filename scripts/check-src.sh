#!/bin/sh
# Rejects C idioms we never want: unbounded string functions, and SQL text
# built with printf-style formatting (SQL is constant text with bound values).
status=0
C_FILES=$(find src tools -name '*.c' | sort)
H_FILES=$(find src -name '*.h' | sort)
bad=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|gets)\s*\(' $C_FILES $H_FILES 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: unsafe string functions (use snprintf or struct gk_buf):"
	echo "$bad"
	status=1
fi
bad=$(grep -nEi '(snprintf|gk_buf_printf|asprintf)\s*\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE)\b' $C_FILES 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: SQL built with a format string (bind values instead):"
	echo "$bad"
	status=1
fi
# The layers call one way: lib < core < store < service < web | cli, and
# output (documents: XLSX, PDF) and transport (mail, SMS) beside store, on
# core alone. A file
# may include its own layer and those below it, nothing above or beside;
# the one exception is the serve command, which starts the web front end.
#   layer_may LAYER ALLOWED...: reports includes of a layer not allowed
layer_may() {
	layer=$1
	shift
	allowed=$(printf '%s|' "$@")
	[ -d "src/$layer" ] || return 0
	files=$(find "src/$layer" -name '*.[ch]' | sort)
	[ -n "$files" ] || return 0
	found=$(grep -nE '#include "[a-z]+/' $files | grep -vE "#include \"(${allowed%|})/" |
		grep -v '^src/cli/cmd_serve.c:[0-9]*:#include "web/server.h"')
	if [ -n "$found" ]; then
		echo "check-src: src/$layer/ may include only $*:"
		echo "$found"
		status=1
	fi
}
layer_may lib lib
layer_may core core lib
layer_may store store core lib
layer_may service service store core lib
layer_may output output core lib
layer_may transport transport core lib
layer_may web web service store output transport core lib
layer_may cli cli service store output transport core lib
# only the SQLite backend knows SQLite; only the store knows its internals
bad=$(grep -lE 'sqlite3' $(find src -name '*.[ch]' -not -path 'src/store/sqlite/*') 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: only src/store/sqlite/ may use SQLite directly:"
	echo "$bad"
	status=1
fi
bad=$(grep -lE '#include "store/(db|fulltext|item_sql)\.h"' $(find src -name '*.[ch]' -not -path 'src/store/*') 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: store/db.h and the store's other internals are for src/store/ alone:"
	echo "$bad"
	status=1
fi
# every change is a use case: the front ends read the store, never write it
writes='gk_store_(agency_add|agency_update|app_attachment_add|app_event_add|app_fee_add|app_fee_settle|application_add|application_update|audit|consultation_add|consultation_update|holiday_put|item_file_add|item_file_delete|item_index|item_insert|item_revision_add|item_update|rate_clear|rate_hit|serial_at_least|serial_next|session_add|session_delete|session_delete_others|session_delete_user|session_touch|setting_set|user_add|user_set_disabled|user_set_must_reset|user_set_password)\('
bad=$(grep -nE "$writes" $(find src/web src/cli -name '*.c') 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: web and cli change records only through src/service/:"
	echo "$bad"
	status=1
fi
# a use case owns its transaction: the front ends never open one
bad=$(grep -nE 'gk_store_(begin|commit|rollback)\(' $(find src/web src/cli -name '*.c') 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: transactions belong to src/service/ (web and cli call a use case):"
	echo "$bad"
	status=1
fi
[ $status -eq 0 ] && echo "check-src: ok"
exit $status
