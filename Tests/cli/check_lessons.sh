#!/usr/bin/env bash
# `soma lesson` end to end: the list, every lesson, the notes' numbers in the
# graph lesson, the SVG (same bytes twice, written only where asked), and one
# clear error with a non-zero exit for a wrong name, a misplaced --svg or an
# unwritable path. Prints "lessons: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
soma=${SOMA:-.build/release/soma}
. Tests/cli/cli_checks.sh

list=$("$soma" lesson)
[ "$(grep -c '^[1-5]\. ' <<< "$list")" = 5 ] && pass || fail "soma lesson lists: $list"
for lesson in perceptron xor activations graph mlp; do
  out=$("$soma" lesson "$lesson") && tail -1 <<< "$out" | grep -q '^What it shows: ' && pass \
    || fail "soma lesson $lesson: $(tail -3 <<< "$out")"
done
graph=$("$soma" lesson graph)
for shown in "200 × 1.1 = 220" "d apple price = 2.2,  d apple count = 110,  d tax = 200" "650 × 1.1 = 715" \
             "d orange count = 165,  d orange price = 3.3,  d tax = 650"; do
  grep -qF -- "$shown" <<< "$graph" && pass || fail "soma lesson graph lacks '$shown'"
done
grep -qF "AND(s1, s2)" <<< "$("$soma" lesson xor)" && pass || fail "soma lesson xor"

"$soma" lesson graph --svg "$tmp/a.svg" > "$tmp/out" && grep -q "wrote $tmp/a.svg" "$tmp/out" && pass || fail "--svg"
"$soma" lesson graph --svg "$tmp/b.svg" > /dev/null && cmp -s "$tmp/a.svg" "$tmp/b.svg" && pass \
  || fail "two SVGs differ"
head -1 "$tmp/a.svg" | grep -q '^<?xml' && pass || fail "SVG header"
[ -z "$(find "$tmp" -name '.*.tmp')" ] && pass || fail "a temporary file was left behind"

expect_error "unknown lesson" "'nosuch' is invalid" "$soma" lesson nosuch
expect_error "--svg without graph" "--svg goes with the graph lesson" "$soma" lesson xor --svg "$tmp/x.svg"
[ ! -e "$tmp/x.svg" ] && pass || fail "--svg with xor wrote a file"
expect_error "unwritable --svg" "/nonexistent/dir/g.svg" "$soma" lesson graph --svg /nonexistent/dir/g.svg

echo "lessons: $passed passed, $failed failed"
[ $failed -eq 0 ]
