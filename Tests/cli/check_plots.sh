#!/usr/bin/env bash
# `soma plot` and `soma experiment` end to end: every plot kind written (same
# bytes twice, well-formed XML, rendered with ink where rsvg-convert is
# installed), and one clear error with a non-zero exit for a model without two
# inputs, a bad history CSV, a history without gradient norms, an unknown
# experiment and an unwritable path. `soma train --record-gradient-norms` adds
# the norm columns and changes nothing else; without it the committed moons
# model and history come out byte for byte.
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

# Gradient norms: without the flag the run is the committed one, byte for byte;
# with it, one column per dense layer and the same weights.
"$soma" train data moons --seed 1 --out "$tmp/moons.json" --quiet > /dev/null \
  && cmp -s "$tmp/moons.json" models/moons.json && cmp -s "$tmp/moons.history.csv" models/moons.history.csv && pass \
  || fail "soma train moons without --record-gradient-norms differs from models/moons.*"
"$soma" train data moons --seed 1 --record-gradient-norms --out "$tmp/moons-g.json" --quiet > /dev/null \
  && [ "$(head -1 "$tmp/moons-g.history.csv")" = "$(head -1 models/moons.history.csv),weight_grad_norm_layer0,weight_grad_norm_layer1,weight_grad_norm_layer2" ] \
  && pass || fail "the recorded history's header: $(head -1 "$tmp/moons-g.history.csv")"
python3 - "$tmp/moons.json" "$tmp/moons-g.json" "$tmp/moons.history.csv" "$tmp/moons-g.history.csv" <<'PY' && pass || fail "recording changed the run"
import json, sys
plain, recorded = (json.load(open(f)) for f in sys.argv[1:3])
history = plain["training"].pop("history"), recorded["training"].pop("history")
assert plain == recorded, "the model differs beyond its history"
assert all(history[1][k] == v for k, v in history[0].items()), "a shared history column differs"
assert sorted(set(history[1]) - set(history[0])) == [f"weight_grad_norm_layer{i}" for i in range(3)]
csv = [[line.split(",") for line in open(f).read().splitlines()] for f in sys.argv[3:5]]
assert [row[:5] for row in csv[1]] == csv[0], "the CSV's first five columns differ"
assert all(float(x) > 0 for row in csv[1][1:] for x in row[5:]), "a norm is not positive"
PY
plot gradients gradients "$tmp/moons-g.history.csv"
grep -q '>layers\[2\]</text>' "$tmp/gradients.svg" && grep -qF '>10⁻' "$tmp/gradients.svg" && pass \
  || fail "the gradient plot lacks the output layer's legend entry or its log-axis ticks"
"$soma" train data --help | grep -q -- '--record-gradient-norms' && pass || fail "soma train data --help does not list --record-gradient-norms"
grep -q 'class upper' "$tmp/boundary.svg" && pass || fail "the moons boundary has no data points"
[ -z "$(find "$tmp" -name '.*.tmp')" ] && pass || fail "a temporary file was left behind"

expect_error "4 inputs" "models/iris.json: a decision boundary needs a model with 2 inputs; iris takes 4" \
  "$soma" plot boundary models/iris.json --out "$tmp/x.svg"
printf 'epoch,train_loss\n1,0.5\n2,oops\n' > "$tmp/bad.history.csv"
expect_error "bad CSV" "$tmp/bad.history.csv line 3: train_loss 'oops' is not a finite number" \
  "$soma" plot history "$tmp/bad.history.csv" --out "$tmp/x.svg"
expect_error "no gradient norms" \
  "models/moons.history.csv: no weight_grad_norm_layer… columns; train with \`soma train … --record-gradient-norms\` to record them" \
  "$soma" plot gradients models/moons.history.csv --out "$tmp/x.svg"
printf 'epoch,train_loss,weight_grad_norm_layer0\n1,0.5,0.1\n2,0.4,-0.2\n' > "$tmp/neg.history.csv"
expect_error "negative norm" "$tmp/neg.history.csv line 3: weight_grad_norm_layer0 '-0.2' is negative; a norm never is" \
  "$soma" plot gradients "$tmp/neg.history.csv" --out "$tmp/x.svg"
expect_error "unwritable" "$tmp/missing/x.svg" "$soma" plot activations --out "$tmp/missing/x.svg"
[ ! -e "$tmp/x.svg" ] && pass || fail "a plot was written despite the error"
expect_error "unknown experiment" "unknown experiment 'nope'" "$soma" experiment nope
[ "$("$soma" experiment | grep -c '^[a-z]')" -ge 10 ] && pass || fail "soma experiment lists fewer than 10"
"$soma" experiment perceptron --out "$tmp/ex" > "$tmp/ex.txt" && grep -q "never gets more than 3 of 4" "$tmp/ex.txt" \
  && [ -f "$tmp/ex/perceptron-loss.svg" ] && pass || fail "soma experiment perceptron: $(tail -5 "$tmp/ex.txt")"

echo "plots: $passed passed, $failed failed"
[ "$failed" = 0 ]
