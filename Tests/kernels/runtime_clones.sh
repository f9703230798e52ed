#!/bin/sh
# The runtime's dense kernels (CRuntime/core) give the spec's bits in every
# clone: Tests/kernels/runtime_clones.c compares each shape class against the
# plain fmaf loop. Built with gcc and clang at -O2 and -O3 (and once without
# clones, the portable build), run once per clone this CPU can run, forced
# with SOMA_ISA; every run must match the loop and print the same hash, and
# must run the clone it asked for. SOMA_ISA=v4 on a CPU without AVX-512 must
# fall back to the best clone it has. Prints "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 first=""
isas=baseline
if [ "$(uname -m)" = x86_64 ]; then
    grep -q avx2 /proc/cpuinfo && grep -q fma /proc/cpuinfo && isas="$isas v3"
    grep -q avx512f /proc/cpuinfo && grep -q avx512bw /proc/cpuinfo && isas="$isas v4"
fi
best=${isas##* }
run() { # label, isa wanted, isa expected, binary
    out=$(SOMA_ISA=$2 "$4") || true
    got_isa=$(echo "$out" | sed -n 's/^isa \([^ ]*\) hash.*/\1/p')
    got_hash=$(echo "$out" | sed -n 's/.* hash \([0-9a-f]*\) .*/\1/p')
    first=${first:-$got_hash}
    if echo "$out" | grep -q ' mismatches 0 of ' && [ "$got_isa" = "$3" ] && [ "$got_hash" = "$first" ]; then
        passed=$((passed + 1)); echo "$1 SOMA_ISA=$2: $(echo "$out" | tail -1)"
    else
        failed=$((failed + 1)); echo "FAIL $1 SOMA_ISA=$2 (expected clone $3, hash $first):"; echo "$out"
    fi
}
for cc in ${GCC:-gcc} ${CLANG:-clang}; do
    for opt in -O2 -O3; do
        bin="$tmp/clones"
        $cc -std=c99 $opt -ffp-contract=off -I"$root/include" -I"$root/CRuntime/core" \
            "$root/Tests/kernels/runtime_clones.c" "$root"/CRuntime/core/*.c -lm -o "$bin" || {
            failed=$((failed + 1)); echo "FAIL: $cc $opt does not build"; continue; }
        for isa in $isas; do
            run "$cc $opt" "$isa" "$isa" "$bin"
        done
        if [ "$(uname -m)" = x86_64 ]; then
            [ "$best" != v4 ] && run "$cc $opt (no AVX-512: falls back)" v4 "$best" "$bin"
            run "$cc $opt (unknown name: the best)" pentium "$best" "$bin"
        fi
    done
    $cc -std=c99 -O2 -ffp-contract=off -DSOMA_NO_TARGET_CLONES -I"$root/include" -I"$root/CRuntime/core" \
        "$root/Tests/kernels/runtime_clones.c" "$root"/CRuntime/core/*.c -lm -o "$tmp/portable" &&
        run "$cc -O2 without clones" v3 portable "$tmp/portable"
done
echo "runtime_clones: $passed passed, $failed failed"
[ "$failed" = 0 ]
