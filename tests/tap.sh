# TAP counting shared by tests/run-all.sh's parts (sourced, POSIX sh):
# count_tap adds one suite's log to the totals passed/failed/skipped and
# prints its line; skip_suite counts a suite that could not run at all as one
# skipped test, with the reason.
#
# A test marked "# SKIP" (cmocka's skip() prints "not ok N # SKIP name";
# node:test prints "ok N - name # SKIP reason") is counted as skipped, neither
# passed nor failed. A suite that dies, exits non-zero without a failing test,
# or reports fewer tests than it planned counts as one failure more, so a
# crash never passes silently.

passed=0
failed=0
skipped=0

# count_tap NAME LOGFILE EXIT_STATUS
count_tap() {
	skip_re='^[[:space:]]*(not )?ok [0-9]+.*#[[:space:]]*[Ss][Kk][Ii][Pp]'
	if grep -qE '^# (pass|fail) [0-9]+' "$2"; then
		# node:test nests subtests; its top-level summary counts them all
		# (a cancelled test, e.g. after a failing hook, is a failure)
		p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$2" | tail -1)
		f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$2" | tail -1)
		c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$2" | tail -1)
		s=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$2" | tail -1)
		f=$((f + ${c:-0}))
		s=${s:-0}
		planned=""
	else
		s=$(grep -cE "$skip_re" "$2")
		p=$(grep -E '^[[:space:]]*ok [0-9]+' "$2" | grep -cvE "$skip_re")
		f=$(grep -E '^[[:space:]]*not ok [0-9]+' "$2" | grep -cvE "$skip_re")
		planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$2" | head -1)
	fi
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "  $1: exited with status $3 without a failing test (crash, sanitizer or leak report?)"
	elif [ -n "$planned" ] && [ $((p + f + s)) -lt "$planned" ]; then
		echo "  $1: reported $((p + f + s)) of $planned tests (stopped early?)"
		f=$((f + 1))
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	printf '%-28s %4d passed %4d failed %4d skipped\n' "$1" "$p" "$f" "$s"
	if [ "$s" -ne 0 ]; then
		# "skipped: NAME (REASON)"; cmocka prints its reason on the line before
		awk '/^[[:space:]]*# skipped \(/ { why = $0; sub(/^[[:space:]]*# skipped /, "", why); next }
		/^[[:space:]]*(not )?ok [0-9]+.*#[[:space:]]*[Ss][Kk][Ii][Pp]/ {
			name = $0; reason = $0
			sub(/^[[:space:]]*(not )?ok [0-9]+( -)? */, "", name)
			sub(/[[:space:]]*#[[:space:]]*[Ss][Kk][Ii][Pp].*$/, "", name)
			sub(/^.*#[[:space:]]*[Ss][Kk][Ii][Pp][[:space:]]*/, "", reason)
			if (name == "") { name = reason; reason = "" }
			if (reason == "" && why != "") reason = why
			else if (reason != "") reason = "(" reason ")"
			print "    skipped: " name (reason == "" ? "" : " " reason)
			why = ""
		}' "$2"
	fi
	if [ "$f" -ne 0 ]; then
		grep -E 'not ok|Error|error:|ERROR|runtime error|FAIL' "$2" | grep -vE "$skip_re" | head -40 | sed 's/^/    /'
		echo "    (full log: $2)"
	fi
}


# skip_suite NAME REASON
skip_suite() {
	skipped=$((skipped + 1))
	printf '%-28s %4d passed %4d failed %4d skipped\n' "$1" 0 0 1
	echo "    skipped: $1 ($2)"
}
