#!/bin/sh
# The CSomaKernels training kernels must give the same bits at every vector
# width: build them for x86-64, -v2, -v3, -v4 and with runtime dispatch, run a
# fixed workload (matrix products with odd sizes, optimizer steps), compare hashes.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags="-std=c99 -O3 -ffp-contract=off -fno-math-errno -fno-strict-aliasing -I$root/Sources/CSomaKernels/include"
src="$root/Tests/kernels/clone_check.c $root/Sources/CSomaKernels/soma_training_kernels.c"
${CC:-clang} $flags $src -lm -o "$tmp/clones"
expected=$("$tmp/clones")
echo "dispatch:  $expected"
for arch in x86-64 x86-64-v2 x86-64-v3 x86-64-v4; do
    ${CC:-clang} $flags -DSOMA_NO_CLONES -march=$arch $src -lm -o "$tmp/$arch"
    if ! grep -q avx512f /proc/cpuinfo && [ $arch = x86-64-v4 ]; then continue; fi
    got=$("$tmp/$arch")
    echo "$arch: $got"
    [ "$got" = "$expected" ] || { echo "MISMATCH at $arch"; exit 1; }
done
echo "all identical"
