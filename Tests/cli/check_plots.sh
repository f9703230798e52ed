#!/usr/bin/env bash
# `soma plot` and `soma experiment` end to end: every plot kind written (same
# bytes twice, well-formed XML, rendered with ink where rsvg-convert is
# installed), and one clear error with a non-zero exit for a model without two
# inputs, a bad history CSV, an unknown experiment and an unwritable path.
# Prints "plots: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
soma=${SOMA:-.build/release/soma}
. Tests/cli/cli_checks.sh

# check_svg FILE: XML, and (with rsvg-convert) a PNG with ink.
check_svg() {
  python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$1" && pass || fail "$1 is not XML"
  if command -v rsvg-convert > /dev/null; then
    rsvg-convert "$1" -o "$1.png" && read -r ink total < <(python3 Tests/lessons/png_ink.py "$1.png") \
      && [ "$ink" -gt $((total / 100)) ] && pass || fail "$1 renders blank"
  fi
}

plot() { # plot NAME ARGS...: writes $tmp/NAME.svg twice and compares.
  local name=$1; shift
  "$soma" plot "$@" --out "$tmp/$name.svg" > "$tmp/out" && grep -qF "wrote $tmp/$name.svg" "$tmp/out" && pass \
    || fail "soma plot $*: $(cat "$tmp/out")"
  "$soma" plot "$@" --out "$tmp/$name-2.svg" > /dev/null && cmp -s "$tmp/$name.svg" "$tmp/$name-2.svg" && pass \
    || fail "soma plot $*: two runs differ"
  check_svg "$tmp/$name.svg"
}
plot activations activations
plot history history models/moons.history.csv
plot boundary boundary models/moons.json
plot gate boundary models/xor-gates.json --dataset xor
plot weights weights models/digits.json
grep -q 'class upper' "$tmp/boundary.svg" && pass || fail "the moons boundary has no data points"
[ -z "$(find "$tmp" -name '.*.tmp')" ] && pass || fail "a temporary file was left behind"

expect_error "4 inputs" "models/iris.json: a decision boundary needs a model with 2 inputs; iris takes 4" \
  "$soma" plot boundary models/iris.json --out "$tmp/x.svg"
printf 'epoch,train_loss\n1,0.5\n2,oops\n' > "$tmp/bad.history.csv"
expect_error "bad CSV" "$tmp/bad.history.csv line 3: train_loss 'oops' is not a finite number" \
  "$soma" plot history "$tmp/bad.history.csv" --out "$tmp/x.svg"
expect_error "unwritable" "$tmp/missing/x.svg" "$soma" plot activations --out "$tmp/missing/x.svg"
[ ! -e "$tmp/x.svg" ] && pass || fail "a plot was written despite the error"
expect_error "unknown experiment" "unknown experiment 'nope'" "$soma" experiment nope
[ "$("$soma" experiment | grep -c '^[a-z]')" -ge 10 ] && pass || fail "soma experiment lists fewer than 10"
"$soma" experiment perceptron --out "$tmp/ex" > "$tmp/ex.txt" && grep -q "never gets more than 3 of 4" "$tmp/ex.txt" \
  && [ -f "$tmp/ex/perceptron-loss.svg" ] && pass || fail "soma experiment perceptron: $(tail -5 "$tmp/ex.txt")"

echo "plots: $passed passed, $failed failed"
[ "$failed" = 0 ]
