#!/usr/bin/env bash
# README.md, literally: every ```sh block runs as written, in order, in a
# non-interactive bash with -e (a failing line fails the check), from the
# repository root. The blocks are extracted from README.md itself, so the
# check cannot drift from the text. Skipped: the block with `make demo` and
# `make test` (this check runs inside make test; `make demo` is checked by
# its parts). After the blocks, `soma` must still work from another directory
# (the README's PATH line, not an alias). Files the blocks create in the
# repository root are removed afterwards. Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

scratch=$(mktemp -d)
before=$scratch/before
git ls-files -o --exclude-standard | sort > "$before"
cleanup() {
  git ls-files -o --exclude-standard | sort | comm -13 "$before" - | while read -r made; do rm -f -- "$made"; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# The fenced sh blocks, one file each.
awk -v dir="$scratch" '
  /^```sh$/ { n++; inside = 1; file = sprintf("%s/block-%02d.sh", dir, n); next }
  /^```$/ && inside { inside = 0; close(file); next }
  inside { print > file }
' README.md
blocks=$(ls "$scratch"/block-*.sh 2>/dev/null | wc -l)
[ "$blocks" -ge 3 ] && pass || fail "README.md has $blocks sh blocks, expected at least 3"

script=$scratch/readme.sh
: > "$script"
for block in "$scratch"/block-*.sh; do
  if grep -q '^make \(demo\|test\)' "$block"; then continue; fi
  cat "$block" >> "$script"
done
echo 'cd / && soma --version' >> "$script"   # still found after cd
grep -q '^alias ' "$script" && fail "README uses an alias (does nothing in a script)" || pass

# Unset what an interactive setup might provide: soma only through the README's PATH line.
if env -u SOMA_DATA_DIR bash --noprofile --norc -e -o pipefail "$script" > "$scratch/out" 2>&1; then
  pass
else
  fail "README's commands stopped with an error:"; tail -15 "$scratch/out"
fi
# What the commands print, checked where a wrong answer would show.
grep -q '^wrote and.json$' "$scratch/out" && pass || fail "train gate did not write and.json"
grep -q 'test accuracy 9[0-9]\.[0-9]*%\|test accuracy 100' "$scratch/out" && pass || fail "iris test accuracy below 90%"
grep -q '^classes: setosa 50, versicolor 50, virginica 50$' "$scratch/out" && pass || fail "iris class counts not printed"
grep -q '^mae [0-9]' "$scratch/out" && pass || fail "evaluate diabetes.json printed no mae"
mae=$(grep '^mae ' "$scratch/out" | tail -1 | awk '{ print $2 }')
awk -v m="$mae" 'BEGIN { exit !(m > 20 && m < 60) }' && pass || fail "diabetes mae $mae is not in the data's units (20..60)"
[ "$(grep -c '^[0-9.e-]*,[0-9.e-]*,[0-9.e-]*$' "$scratch/out")" -ge 150 ] && pass \
  || fail "predict iris.json --csv < data/iris.csv did not print 150 rows"
grep -q ' ok$' "$scratch/out" && ! grep -q 'PAST BOUND' "$scratch/out" && pass || fail "parity not ok"

echo "readme: $passed passed, $failed failed"
[ $failed -eq 0 ]
