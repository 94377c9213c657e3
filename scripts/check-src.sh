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
bad=$(grep -ln 'sqlite3' src/core/*.c src/web/*.c src/cli/*.c src/lib/*.c 2>/dev/null)
if [ -n "$bad" ]; then
	echo "check-src: only src/store/ may use SQLite directly:"
	echo "$bad"
	status=1
fi
[ $status -eq 0 ] && echo "check-src: ok"
exit $status
