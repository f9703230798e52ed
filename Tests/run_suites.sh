#!/usr/bin/env bash
# make test: runs every suite with its output in build/test-logs/SUITE.log,
# prints one line per suite and then ONE summary line over all of them, alone on
# its line in exactly the form "N passed, N failed" (CI reads it). V=1 shows
# every suite's full output as it runs. A failing suite's log tail is printed
# either way; the exit status is non-zero when anything failed.
#
# Counts: a suite's own "N passed, N failed" lines, summed; Swift Testing's
# "Test run with N tests" line for the Swift tests; otherwise the suite counts
# as one check. A suite that exits non-zero counts at least one failure.
set -u
cd "$(dirname "$0")/.."
logs=build/test-logs
mkdir -p "$logs"
verbose=${V:-0}
total_passed=0 total_failed=0 status=0

# counts LOG: prints "passed failed" found in LOG, or nothing.
counts() {
  local log=$1
  if grep -q 'Test run with [0-9]* test' "$log"; then
    local tests failed
    tests=$(grep -o 'Test run with [0-9]* test' "$log" | tail -1 | grep -o '[0-9]*')
    failed=$(grep '^✘ Test .* failed after' "$log" | grep -vc '^✘ Test run with')
    echo "$((tests - failed)) $failed"
    return
  fi
  grep -o '[0-9]* passed, [0-9]* failed' "$log" | awk '{ p += $1; f += $3 } END { if (NR) print p, f }'
}

for suite in "$@"; do
  log=$logs/$suite.log
  if [ "$verbose" = 1 ]; then
    make --no-print-directory "$suite" 2>&1 | tee "$log"; code=${PIPESTATUS[0]}
  else
    make --no-print-directory "$suite" > "$log" 2>&1; code=$?
  fi
  read -r p f <<< "$(counts "$log")"
  if [ -z "${p:-}" ]; then
    if [ $code -eq 0 ]; then p=1 f=0; else p=0 f=1; fi
  fi
  if [ $code -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  printf '%-20s %s passed, %s failed\n' "$suite:" "$p" "$f"
  if [ $code -ne 0 ]; then
    status=1
    [ "$verbose" = 1 ] || { echo "--- last lines of $log:"; tail -25 "$log"; echo "---"; }
  fi
  total_passed=$((total_passed + p)) total_failed=$((total_failed + f))
  unset p f
done
echo "$total_passed passed, $total_failed failed"
exit $status
