#!/usr/bin/env bash
# The command-line contract, end to end: the course models give their truth
# tables through build/soma-run and soma predict, and malformed models get one
# clear line on stderr and a non-zero exit from both. Prints "N passed, N failed".
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
expect_error "soma predict not a number" "'x' is not a finite number" "$soma" predict models/and.json 1 x
STDOUT_OK=1 expect_error "soma verify mismatch" "self-test failed" "$soma" verify Tests/fixtures/bad/selftest_mismatch.json
expect_error "soma train bad CSV" "line 3: 2 columns, expected 3" "$soma" train Tests/cli/bad-row.csv --label y --out /tmp/soma-never.json
[ ! -e /tmp/soma-never.json ] && pass || fail "a failed training run left a model file"
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
rm -rf "$truncated" "$gen" /tmp/soma-cli-err

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
