#!/usr/bin/env bash
# soma export-c, end to end, for every model in models/ and every good fixture
# (Tests/fixtures/good, Tests/schema/valid) and two models trained here with
# batch norm and prelu, swish, leaky_relu, elu (what models/ does not use; the
# fixtures' round values cannot tell gamma / s from gamma * (1 / s), trained
# ones can):
#  - the generated NAME.c compiles clean with gcc and clang at the project's
#    warnings and -Werror;
#  - a program built from it and build/libsoma_core.a ALONE (no json-c on the
#    include or link line, none in the binary) gives the same bits as the JSON
#    path (build/libsoma.a) for every layer and output, on the model's
#    self-test inputs (models/ must have some) and on 1,000 seeded inputs;
#  - the generated header works from C++;
#  - a literal rounded to 6 decimal digits (a planted bug) is caught.
# Prints "export-c: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
soma=${SOMA:-.build/release/soma}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

WARNINGS="-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wdouble-promotion -Werror"
CFLAGS="-std=c99 -O2 -ffp-contract=off $WARNINGS"
make --no-print-directory -s lib >/dev/null || { echo "export-c: make lib failed"; exit 1; }

# The JSON path: the loader and json-c.
# shellcheck disable=SC2086
cc $CFLAGS -Iinclude -DFROM_JSON Tests/export-c/run_model.c build/libsoma.a \
  $(pkg-config --cflags --libs json-c) -lm -o "$tmp/run_json" || { echo "export-c: JSON harness does not build"; exit 1; }

# build_core NAME DIR OUT: the harness on DIR/NAME.c and the core library only
# (it also checks the header's NAME_SCRATCH_FLOATS against soma_scratch_floats).
build_core() {
  # shellcheck disable=SC2086
  cc $CFLAGS -Iinclude -I"$2" -DMODEL_HEADER="\"$1.h\"" -DMODEL="$1_model" \
    -DMODEL_SCRATCH_FLOATS="$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')_SCRATCH_FLOATS" \
    Tests/export-c/run_model.c "$2/$1.c" build/libsoma_core.a -lm -o "$3"
}

# same_bits NAME MODEL BINARY ROWS: JSON path and generated C print the same lines.
same_bits() {
  "$tmp/run_json" "$2" 20261129 1000 < "$4" > "$tmp/json.out" 2>"$tmp/err" || { echo "$1: JSON path: $(cat "$tmp/err")"; return 1; }
  "$3" 20261129 1000 < "$4" > "$tmp/core.out" 2>"$tmp/err" || { echo "$1: generated: $(cat "$tmp/err")"; return 1; }
  cmp -s "$tmp/json.out" "$tmp/core.out"
}

mkdir -p "$tmp/trained"
"$soma" train data moons --hidden 8,8 --activation prelu,swish --batch-norm --epochs 5 --seed 3 \
  --out "$tmp/trained/moons-bn-prelu-swish.json" --quiet || fail "training moons-bn-prelu-swish"
"$soma" train data iris --hidden 6,5 --activation leaky_relu,elu --batch-norm --epochs 5 --seed 4 \
  --out "$tmp/trained/iris-bn-leaky-elu.json" --quiet || fail "training iris-bn-leaky-elu"

index=0
for model in models/*.json "$tmp"/trained/*.json Tests/fixtures/good/*.json Tests/schema/valid/*.json; do
  index=$((index + 1))
  base=$(basename "$model" .json)
  name=${base//-/_}
  gen="$tmp/gen-$index"
  if ! "$soma" export-c "$model" --name "$name" --out "$gen" >/dev/null 2>"$tmp/err"; then
    fail "$model: soma export-c: $(cat "$tmp/err")"; continue
  fi
  for compiler in gcc clang; do
    # shellcheck disable=SC2086
    if $compiler $CFLAGS -Iinclude -c "$gen/$name.c" -o "$tmp/warn.o" 2>"$tmp/err"; then pass
    else fail "$model: $compiler -Werror: $(head -5 "$tmp/err")"; fi
  done
  if ! build_core "$name" "$gen" "$tmp/core-$index" 2>"$tmp/err"; then
    fail "$model: core-only build: $(head -5 "$tmp/err")"; continue
  fi
  if readelf -d "$tmp/core-$index" | grep -q json; then fail "$model: the core-only binary needs json-c"; else pass; fi
  # The self-test inputs, as the file writes them (number text kept, read by strtof in both).
  python3 - "$model" > "$tmp/rows" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]), parse_float=str, parse_int=str)
for row in (doc.get("self_test") or {}).get("inputs", []):
    print(",".join(row))
EOF
  rows=$(wc -l < "$tmp/rows")
  if same_bits "$model" "$model" "$tmp/core-$index" "$tmp/rows"; then
    lines=$(wc -l < "$tmp/core.out")
    if [ "$lines" -eq $((rows + 1000)) ] && { [ "$rows" -gt 0 ] || [ "${model#Tests/}" != "$model" ]; }; then pass
    else fail "$model: $lines rows compared, expected $rows self-test + 1000"; fi
    # The self-test rows' lines hold the bits the file's self-test states (its
    # outputs, and every layer's where it has layer_outputs), so the printer the
    # two harnesses share (Tests/common/model_rows.h) answers to values it did
    # not print itself.
    if message=$(python3 - "$model" "$tmp/json.out" 2>&1 <<'EOF'
import json, struct, sys
test = json.load(open(sys.argv[1])).get("self_test") or {}
lines = open(sys.argv[2]).read().split("\n")
bits = lambda xs: " ".join("%08x" % struct.unpack("<I", struct.pack("<f", x))[0] for x in xs)
for k, out in enumerate(test.get("outputs", [])):
    want = bits(out) + " |"
    got = lines[k] if "layer_outputs" in test else lines[k].split("|")[0] + "|"
    if "layer_outputs" in test:
        want += bits([v for layer in test["layer_outputs"][k] for v in layer])
    if got != want:
        sys.exit("self-test row %d prints '%s', the file says '%s'" % (k, got, want))
EOF
    ); then pass
    else fail "$model: $message"; fi
  else
    fail "$model: generated C and the JSON path differ: $(diff "$tmp/json.out" "$tmp/core.out" | head -3)"
  fi
done

# The generated header from C++: it links against the C object (extern "C").
gen=$(dirname "$(ls "$tmp"/gen-*/xor_mlp.c 2>/dev/null | head -1)")
printf '%s\n' '#include "xor_mlp.h"' '#include <cstdio>' \
  'int main() { float in[XOR_MLP_INPUTS] = {1.0f, 0.0f}, out[XOR_MLP_OUTPUTS];' \
  '  if (soma_run(&xor_mlp_model, in, XOR_MLP_INPUTS, out, XOR_MLP_OUTPUTS, 0) != SOMA_OK) return 1;' \
  '  std::printf("%d\n", out[0] > 0.5f); return 0; }' > "$tmp/use.cpp"
if cc $CFLAGS -Iinclude -c "$gen/xor_mlp.c" -o "$tmp/xor_mlp.o" && \
   c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude -I"$gen" "$tmp/use.cpp" "$tmp/xor_mlp.o" \
     build/libsoma_core.a -lm -o "$tmp/use" 2>"$tmp/err" && [ "$("$tmp/use")" = 1 ]; then pass
else fail "xor_mlp.h from C++: $(head -3 "$tmp/err")"; fi

# The comparison must catch a rounded literal (round_literal.py: one weight of
# xor_mlp.c with 6 significant decimal digits, as a generator printing %g would).
if [ -f "$gen/xor_mlp.c" ]; then
  mkdir -p "$tmp/planted"
  cp "$gen/xor_mlp.h" "$tmp/planted/"
  python3 Tests/export-c/round_literal.py "$gen/xor_mlp.c" > "$tmp/planted/xor_mlp.c"
  if cmp -s "$gen/xor_mlp.c" "$tmp/planted/xor_mlp.c"; then fail "planting: no literal changed"
  elif build_core xor_mlp "$tmp/planted" "$tmp/core-planted" 2>"$tmp/err" && \
       ! same_bits planted models/xor-mlp.json "$tmp/core-planted" /dev/null; then pass
  else fail "a literal rounded to 6 digits in xor_mlp.c went unnoticed"; fi
fi

echo "export-c: $passed passed, $failed failed"
[ "$failed" = 0 ]
