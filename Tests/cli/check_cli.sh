#!/usr/bin/env bash
# The command-line contract, end to end: the course models give their truth
# tables through build/soma-run and soma predict, malformed models get one
# clear line on stderr and a non-zero exit from both, and every newcomer
# mistake of issue 10 gets its message (points numbered as in the issue).
# Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
soma=${SOMA:-.build/release/soma}
run=${SOMA_RUN:-build/soma-run}
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_output NAME EXPECTED COMMAND...: stdout must equal EXPECTED, exit 0.
expect_output() {
  local name=$1 expected=$2; shift 2
  local got; got=$("$@" 2>/dev/null) && [ "$got" = "$expected" ] && pass || fail "$name: got '$got', expected '$expected'"
}

# expect_error NAME PATTERN COMMAND...: non-zero exit, a stderr line matching PATTERN and no
# stdout (with STDOUT_OK=1, output before the error, e.g. earlier rows, is allowed).
expect_error() {
  local name=$1 pattern=$2; shift 2
  local out err status
  out=$("$@" 2>/tmp/soma-cli-err); status=$?
  err=$(cat /tmp/soma-cli-err)
  if [ $status -ne 0 ] && { [ -z "$out" ] || [ "${STDOUT_OK:-0}" = 1 ]; } && [ -n "$err" ] \
     && printf '%s' "$err" | grep -q -- "$pattern" && ! printf '%s' "$err" | grep -qi "backtrace\|fatal error"; then
    pass
  else
    fail "$name: exit $status, stderr '$err'"
  fi
}

rows=$'0,0\n0,1\n1,0\n1,1'
for model in and:0,0,0,1 or:0,1,1,1 nand:1,1,1,0 xor-gates:0,1,1,0; do
  name=${model%%:*}; table=${model#*:}
  expect_output "soma-run $name" "${table//,/$'\n'}" "$run" "models/$name.json" <<< "$rows"
  expect_output "soma predict --csv $name" "${table//,/$'\n'}" "$soma" predict "models/$name.json" --csv <<< "$rows"
done
# XOR by backprop: outputs round to the truth table.
got=$("$run" models/xor-mlp.json <<< "$rows" | awk '{ printf "%d", ($1 > 0.5) }')
[ "$got" = "0110" ] && pass || fail "soma-run xor-mlp rounds to $got"
# soma predict and soma-run print the same digits (%.9g), C and Swift engines agree.
expect_output "predict = soma-run" "$("$run" models/xor-mlp.json <<< "1,0")" "$soma" predict models/xor-mlp.json 1 0
expect_output "engines agree" "$("$soma" predict models/digits.json --csv < <(head -c 0 /dev/null; echo "$(seq -s, 0 63)"))" \
  "$soma" predict models/digits.json --engine swift --csv < <(echo "$(seq -s, 0 63)")

truncated=$(mktemp); head -c 200 models/xor-mlp.json > "$truncated"
for bad in "$truncated:unexpected end\|line [0-9]*, column" \
           "Tests/fixtures/bad/bias_string.json:layers\[0\].bias\[1\]: expected a number" \
           "/nonexistent/model.json:cannot open" "models:directory"; do
  file=${bad%%:*}; pattern=${bad#*:}
  expect_error "soma-run $file" "$pattern" "$run" "$file" <<< "1,0"
  expect_error "soma predict $file" "$pattern" "$soma" predict "$file" 1 0
done
STDOUT_OK=1 expect_error "soma-run bad row" "line 2: 3 values, expected 2" "$run" models/and.json <<< $'1,0\n1,0,1'
expect_error "soma predict wrong count" "3 values, the model takes 2" "$soma" predict models/and.json 1 0 1
expect_error "soma predict not a number" "'x' is not a number" "$soma" predict models/and.json 1 x
STDOUT_OK=1 expect_error "soma verify mismatch" "self-test failed" "$soma" verify Tests/fixtures/bad/selftest_mismatch.json
expect_error "soma train bad CSV" "line 3: 2 columns, expected 3" "$soma" train Tests/cli/bad-row.csv --label y --out /tmp/soma-never.json
[ ! -e /tmp/soma-never.json ] && pass || fail "a failed training run left a model file"
# Activation parameter defaults the help promises: leaky_relu 0.01, elu 1.
defaults=$(mktemp -d)
for case in leaky_relu:0.01 elu:1.0; do
  act=${case%%:*}; alpha=${case#*:}
  if "$soma" train data moons --hidden 4 --activation "$act" --epochs 1 --out "$defaults/$act.json" --quiet \
     && grep -q "\"activation\": {\"name\": \"$act\", \"alpha\": $alpha}" "$defaults/$act.json"; then
    pass
  else
    fail "train --activation $act: expected alpha $alpha in $(grep -o "{\"name\": \"$act\"[^}]*}" "$defaults/$act.json" 2>/dev/null)"
  fi
done
# Maxout hidden layers: --pieces sets k (default 2), the file says version 3, and the
# model trains, verifies and runs with 0 ULP between Swift and C.
if "$soma" train data moons --hidden 4 --activation maxout --pieces 3 --epochs 2 --out "$defaults/mx.json" --quiet \
   && grep -q '"version": 3' "$defaults/mx.json" && grep -q '"pieces": 3' "$defaults/mx.json" \
   && "$soma" verify "$defaults/mx.json" > /dev/null && "$soma" parity "$defaults/mx.json" > /dev/null; then
  pass
else
  fail "train --activation maxout --pieces 3: not a version-3 maxout model that verifies with parity"
fi
expect_error "--pieces 1" "^Error: --pieces must be at least 2, found 1" "$soma" train moons --activation maxout --pieces 1 --out "$defaults/e.json"
expect_error "--pieces without maxout" "^Error: --pieces applies to --activation maxout only" "$soma" train moons --pieces 3 --out "$defaults/e.json"
expect_error "maxout with batch norm" "^Error: --batch-norm does not combine with --activation maxout" "$soma" train moons --activation maxout --batch-norm --out "$defaults/e.json"
rm -rf "$defaults"
rm -f "$truncated"

# ---- Issue 10: a newcomer's mistakes, each with one clear message ----
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" /tmp/soma-cli-err' EXIT
export SOMA_DATA_DIR=$PWD/data

# 2. Regression: targets standardised, outputs in the data's units, through both runtimes.
awk -F, 'NR == 1 { print "x1,x2,price"; next } NR <= 301 { printf "%s,%s,%d\n", $3, $4, 100000 * $3 + 20000 * $4 + 50000 }' \
  data/iris.csv > "$scratch/prices.csv"
"$soma" train "$scratch/prices.csv" --label price --labels regression --loss huber --seed 1 \
  --out "$scratch/price.json" > "$scratch/price.log" 2>&1 && pass || fail "train prices.csv: $(tail -2 "$scratch/price.log")"
mae=$(grep -o 'test mae [0-9.e+]*' "$scratch/price.log" | awk '{ print $3 }')
awk -v m="$mae" 'BEGIN { exit !(m > 0 && m < 45000) }' && pass || fail "prices: test mae '$mae' (targets ~1e5, std ~1.8e5): not learnt"
# Without standardised targets the same run barely moves (the issue's symptom), so the test can tell.
"$soma" train "$scratch/prices.csv" --label price --labels regression --loss huber --seed 1 --no-standardize-targets \
  --out "$scratch/raw.json" > "$scratch/raw.log" 2>&1
raw=$(grep -o 'test mae [0-9.e+]*' "$scratch/raw.log" | awk '{ print $3 }')
awk -v m="$raw" 'BEGIN { exit !(m > 100000) }' && pass || fail "prices without target standardisation: test mae '$raw'"
grep -q '"output_scaling"' "$scratch/price.json" && pass || fail "regression model has no output_scaling"
c_out=$("$soma" predict "$scratch/price.json" 1.4 0.2); s_out=$("$soma" predict "$scratch/price.json" 1.4 0.2 --engine swift)
[ "$c_out" = "$s_out" ] && awk -v y="$c_out" 'BEGIN { exit !(y > 150000 && y < 250000) }' && pass \
  || fail "price of (1.4, 0.2): C '$c_out', Swift '$s_out', expected both near 194000"
"$soma" parity "$scratch/price.json" --samples 200 | grep -q ' ok$' && pass || fail "parity on a regression model"
"$soma" train data --help | tr -s '\n ' '  ' | grep -qi 'regression targets are standardised' && pass \
  || fail "--help does not say targets are standardised"

# 4. Limits checked before training, naming the limit.
expect_error "--hidden 2000" "SOMA_MAX_WIDTH = 1024.*nothing was trained" "$soma" train iris --hidden 2000 --out "$scratch/wide.json"
expect_error "xor --hidden 5000" "SOMA_MAX_WIDTH" "$soma" train xor --hidden 5000 --out "$scratch/wide.json"
[ ! -e "$scratch/wide.json" ] && pass || fail "a refused width still wrote a model"

# 5. --out and --history checked first; errors name the user's path.
expect_error "--out in a missing directory" "^Error: --out /nonexistent/m.json: the directory /nonexistent does not exist$" \
  "$soma" train iris --out /nonexistent/m.json
expect_error "--out a directory" "--out $scratch: is a directory" "$soma" train iris --out "$scratch"
expect_error "--history in a missing directory" "--history /nonexistent/h.csv: the directory" \
  "$soma" train iris --out "$scratch/h.json" --history /nonexistent/h.csv
[ ! -e "$scratch/h.json" ] && pass || fail "a bad --history still trained and wrote the model"

# 6. Models record their columns; evaluate and predict match them by name.
"$soma" train iris --seed 1 --out "$scratch/iris.json" --quiet && pass || fail "train iris"
grep -q '"feature_names": \["sepal_length", "sepal_width", "petal_length", "petal_width"\]' "$scratch/iris.json" \
  && grep -q '"label_column": "species"' "$scratch/iris.json" && pass || fail "iris.json lacks feature_names/label_column"
awk -F, -v OFS=, '{ print $5, $2, $4, $1, $3 }' data/iris.csv > "$scratch/reordered.csv"
expect_output "evaluate on reordered columns = in order" \
  "$("$soma" evaluate "$scratch/iris.json" --dataset data/iris.csv --split all | tail -n +2)" \
  sh -c "'$soma' evaluate '$scratch/iris.json' --dataset '$scratch/reordered.csv' --split all | tail -n +2"
cut -d, -f1,2,3,5 data/iris.csv > "$scratch/missing.csv"
expect_error "evaluate with a missing column" "the columns do not match the model's (missing petal_width); the model takes sepal_length" \
  "$soma" evaluate "$scratch/iris.json" --dataset "$scratch/missing.csv"
expect_output "predict --csv matches a header by name" "$("$soma" predict "$scratch/iris.json" --csv < data/iris.csv)" \
  "$soma" predict "$scratch/iris.json" --csv < "$scratch/reordered.csv"
[ "$("$soma" predict "$scratch/iris.json" --csv < data/iris.csv | wc -l)" -eq 150 ] && pass || fail "predict --csv < iris.csv: not 150 rows"
expect_error "predict --csv header mismatch" "stdin line 1: the columns do not match the model's (missing petal_width)" \
  "$soma" predict "$scratch/iris.json" --csv < "$scratch/missing.csv"

# 7. CSV mistakes: class counts, warnings, splits, fractional classes.
{ echo "a,b,label"; for i in $(seq 1 40); do echo "$i,$((i % 7)),$([ $((i % 2)) = 0 ] && echo yes || echo no)"; done; echo "41,3,maybe"; } > "$scratch/typo.csv"
"$soma" train "$scratch/typo.csv" --epochs 2 --out "$scratch/typo.json" > "$scratch/typo.log" 2>&1
grep -q "^classes: maybe 1, no 20, yes 20$" "$scratch/typo.log" && pass || fail "class counts: $(head -3 "$scratch/typo.log")"
grep -q "^warning: class 'maybe' has only 1 row" "$scratch/typo.log" && pass || fail "no warning on a 1-row class"
printf '5.1,3.5,setosa\n4.9,3.0,setosa\n7.0,3.2,versicolor\n6.4,3.2,versicolor\n6.9,3.1,versicolor\n5.0,3.6,setosa\n' > "$scratch/noheader.csv"
for i in 1 2 3 4 5; do printf '5.%d,3.%d,setosa\n6.%d,3.%d,versicolor\n' $i $i $i $i >> "$scratch/noheader.csv"; done
"$soma" train "$scratch/noheader.csv" --epochs 2 --out "$scratch/nh.json" > "$scratch/nh.log" 2>&1
grep -q "^warning: the column names are numbers (5.1,3.5)" "$scratch/nh.log" && pass || fail "no warning on a numeric header"
printf 'a,b,y\n1,2,0\n3,4,1\n' > "$scratch/tiny.csv"
STDOUT_OK=1 expect_error "2-row CSV" "of 2 rows leaves no validation rows" "$soma" train "$scratch/tiny.csv" --out "$scratch/tiny.json"
printf 'a,y\n1,0.5\n2,1.5\n3,2.25\n4,0.5\n' > "$scratch/frac.csv"
expect_error "--labels classification on fractions" "line 2: label '0.5' is a fractional number.*--labels regression" \
  "$soma" train "$scratch/frac.csv" --labels classification --out "$scratch/frac.json"

# 8. Flags.
expect_error "--epochs -1" "^Error: --epochs must be at least 1, found -1" "$soma" train iris --epochs -1 --out "$scratch/e.json"
expect_error "train data errors show train data's usage" "Usage: soma train data" "$soma" train data iris --batch-size 0 --out "$scratch/e.json"
expect_error "--hidden 4,,4" "The value '4,,4' is invalid for '--hidden" "$soma" train iris --hidden 4,,4 --out "$scratch/e.json"
expect_error "--activation relu,," "invalid for '--activation" "$soma" train iris --activation relu,, --out "$scratch/e.json"
expect_error "soma trian iris" "unknown command 'trian'. Did you mean 'train'?" "$soma" trian iris --out "$scratch/e.json"

# 9. One problem, one message.
for engine in c swift; do
  expect_error "directory as a model ($engine)" "^Error: models: cannot read the file: Is a directory$" "$soma" predict models 1 0 --engine $engine
  expect_error "missing model ($engine)" "^Error: /nonexistent.json: cannot open the file: No such file or directory$" \
    "$soma" predict /nonexistent.json 1 0 --engine $engine
done
expect_error "inspect a directory" "^Error: models: cannot read the file: Is a directory$" "$soma" inspect models
expect_error "evaluate a directory" "^Error: models: cannot read the file: Is a directory$" "$soma" evaluate models
expect_error "CSV error names the file once" "^Error: Tests/cli/bad-row.csv line 3: 2 columns, expected 3$" \
  "$soma" train Tests/cli/bad-row.csv --label y --out "$scratch/e.json"
expect_error "1 value" "input: 1 value, the model takes 2" "$soma" predict models/and.json 1
expect_error "text is not a number" "value 2 'abc' is not a number$" "$soma" predict models/and.json 1 abc
expect_error "inf is not finite" "value 2 'inf' is not a finite" "$soma" predict models/and.json 1 inf
STDOUT_OK=1 expect_error "soma-run counts values from 1" "line 1: value 2 is not a finite number" "$run" models/and.json <<< "1,inf"
expect_error "soma-run 1 value" "line 1: 1 value, expected 2" "$run" models/and.json <<< "1"
"$soma" parity /nonexistent.json > "$scratch/parity.out" 2>&1
[ ! -s "$scratch/parity.out" ] || ! grep -q '^model ' "$scratch/parity.out" && pass || fail "parity printed a table header before its error"
expect_error "misspelled data set" "iriss: no such file, and not a built-in data set (and, or, .*diabetes). Did you mean 'iris'?" \
  "$soma" train iriss --out "$scratch/e.json"

# 12. inspect: a summary; --json the whole record.
"$soma" inspect "$scratch/iris.json" > "$scratch/inspect.out"
grep -q '^  history  *[0-9]* epochs of train_loss, train_accuracy, validation_loss, validation_accuracy (all values: --json)$' "$scratch/inspect.out" \
  && pass || fail "inspect does not summarise the history"
[ "$(awk '{ print length }' "$scratch/inspect.out" | sort -n | tail -1)" -le 160 ] && pass || fail "inspect printed a very long line"
"$soma" inspect "$scratch/iris.json" --json | python3 -c 'import json, sys; r = json.load(sys.stdin); assert len(r["history"]["train_loss"]) == r["epochs"]' \
  && pass || fail "inspect --json is not the full training record"

# 13. Help: examples and per-data-set defaults.
for command in "" "train" "train data"; do
  "$soma" $command --help | grep -q "Examples:" && pass || fail "soma $command --help has no examples"
done
"$soma" train data --help | tr -s '\n ' '  ' | grep -q "iris: --hidden 16 .*--epochs 300 " && pass || fail "train data --help lacks iris's defaults"

# soma export-c: a name that is no C identifier, and a malformed model, each refused
# with the reason and no files written.
gen=$(mktemp -d)
expect_error "export-c bad name" "--name 'xor-mlp': not a C identifier.*try xor_mlp" \
  "$soma" export-c models/xor-mlp.json --name xor-mlp --out "$gen"
expect_error "export-c keyword" "--name 'int': a C keyword" "$soma" export-c models/and.json --name int --out "$gen"
expect_error "export-c bad model" "layers\[0\].bias\[1\]: expected a number" \
  "$soma" export-c Tests/fixtures/bad/bias_string.json --name bias --out "$gen"
[ -z "$(ls -A "$gen")" ] && pass || fail "a refused export-c wrote $(ls "$gen")"
expect_output "export-c writes both files" "wrote $gen/and_gate.h and $gen/and_gate.c (3 parameters, 12 bytes of const data)" \
  "$soma" export-c models/and.json --name and_gate --out "$gen"
rm -rf "$gen"

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
