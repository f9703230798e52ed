# Shared by the command-line check scripts (sourced after `cd` to the
# repository root): the pass/fail counters, a scratch folder removed on exit,
# and expect_error.
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# expect_error NAME TEXT COMMAND...: non-zero exit, nothing on stdout, TEXT
# (a fixed string, not a pattern) on stderr.
expect_error() {
  local name=$1 text=$2; shift 2
  local out status
  out=$("$@" 2>"$tmp/err"); status=$?
  if [ $status -ne 0 ] && [ -z "$out" ] && grep -qF -- "$text" "$tmp/err"; then pass
  else fail "$name: exit $status, stdout '$out', stderr '$(cat "$tmp/err")'"; fi
}
