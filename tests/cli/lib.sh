# Shared by the CLI test scripts (sourced, not run): counters and assertions in the words a
# user would check. Needs $TMP set by the script.
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# check NAME COMMAND...: the command must succeed
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
# expect_rc NAME RC COMMAND...: run (stdout to $TMP/out, stderr to $TMP/err), compare the exit
# code, and show the start of stderr when it differs
expect_rc() {
  local name=$1 want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, expected $want"; sed 's/^/    /' "$TMP/err" | head -8 >&2; fi
}
contains() { grep -qF -- "$2" "$1"; }
# finish: the closing line ctest and CI read, and the exit code
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
