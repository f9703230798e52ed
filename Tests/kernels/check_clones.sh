#!/bin/sh
# The CSomaKernels training kernels must give the same bits at every vector
# width and every optimisation level: build them for x86-64, -v2, -v3, -v4 and
# with runtime dispatch, at -O0 (SwiftPM debug), -O2 and -O3, run a fixed
# workload (matrix products with odd sizes, optimizer steps, batch norm), compare hashes;
# and compare the assembly with contraction requested against -ffp-contract=off.
#
# Built as SwiftPM builds them: C99 and nothing else. Contraction is asked for
# (-ffp-contract=on, clang's default for C) and must be refused by the
# sources' own pragma; errno-setting math is left on. The hash is pinned: it is
# what the kernels computed when they were built with -ffp-contract=off
# -fno-math-errno -O3, so a change of bits fails here first.
set -e
expected=bffbee3b5056f2ea
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-clang}
kernels="$root/Sources/CSomaKernels/soma_training_kernels.c $root/Sources/CSomaKernels/soma_batchnorm_kernels.c"
src="$root/Tests/kernels/clone_check.c $kernels"
passed=0 failed=0
check() { # name, flags...
    name=$1; shift
    $cc -std=c99 -ffp-contract=on "$@" -I"$root/Sources/CSomaKernels/include" $src -lm -o "$tmp/bin"
    got=$("$tmp/bin")
    if [ "$got" = "$expected" ]; then passed=$((passed + 1)); echo "$name: $got"
    else failed=$((failed + 1)); echo "$name: $got MISMATCH (expected $expected)"; fi
}
for opt in -O0 -O2 -O3; do
    check "dispatch $opt" $opt
    for arch in x86-64 x86-64-v2 x86-64-v3 x86-64-v4; do
        if [ $arch = x86-64-v4 ] && ! grep -q avx512f /proc/cpuinfo; then continue; fi
        if [ $arch = x86-64-v3 ] && ! grep -q avx2 /proc/cpuinfo; then continue; fi
        check "$arch $opt" $opt -DSOMA_NO_CLONES -march=$arch
    done
done
# The assembly itself: contraction requested must compile to exactly what
# -ffp-contract=off gives, so every vfmadd in it is one of the explicit fmas.
for opt in -O2 -O3; do
    : > "$tmp/on.s"; : > "$tmp/off.s"
    for k in $kernels; do
        $cc -std=c99 $opt -ffp-contract=on -I"$root/Sources/CSomaKernels/include" -S "$k" -o - >> "$tmp/on.s"
        $cc -std=c99 $opt -ffp-contract=off -I"$root/Sources/CSomaKernels/include" -S "$k" -o - >> "$tmp/off.s"
    done
    if cmp -s "$tmp/on.s" "$tmp/off.s"; then
        passed=$((passed + 1)); echo "assembly $opt: contraction on = off ($(grep -c vfmadd "$tmp/on.s") vfmadd, all explicit)"
    else
        failed=$((failed + 1)); echo "assembly $opt: contraction on differs from off (on: $(grep -c vfmadd "$tmp/on.s") vfmadd, off: $(grep -c vfmadd "$tmp/off.s"))"
    fi
done
echo "check-kernels: $passed passed, $failed failed"
[ "$failed" = 0 ]
