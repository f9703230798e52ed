#!/usr/bin/env bash
# Floating-point contraction is off in the runtime's sources themselves
# (CRuntime/core/soma_contract.h), not only by the Makefile's -ffp-contract=off.
# Each runtime file is compiled for x86-64-v3 (FMA available) with contraction
# forced off, and again as a build without the flag would compile it (clang:
# its default, -ffp-contract=on; gcc: a GNU mode, where it contracts). The
# number of vfmadd instructions must match: only the explicit fmaf calls.
# The AVX2 activations (soma_activate_avx2.c) must have none at all.
# Prints "N passed, N failed"; skipped off x86-64.
set -u
cd "$(dirname "$0")/../.."
if [ "$(uname -m)" != x86_64 ]; then echo "check_contraction: not x86-64, skipped (0 passed, 0 failed)"; exit 0; fi
flags="-O2 -march=x86-64-v3 -Iinclude -ICRuntime/core $(pkg-config --cflags json-c) ${EXTRA_CFLAGS:-}"
passed=0 failed=0
count() { "$@" -S -o - 2>/dev/null | grep -c vfmadd; }
for cc in ${GCC:-gcc} ${CLANG:-clang}; do
  case $("$cc" --version | head -1) in *clang*) on="-std=c99 -ffp-contract=on" ;; *) on="-std=gnu99" ;; esac
  for src in CRuntime/core/*.c CRuntime/loader/*.c; do
    off_n=$(count "$cc" -std=c99 -ffp-contract=off $flags "$src")
    on_n=$(count "$cc" $on $flags "$src")
    if [ "$off_n" = "$on_n" ]; then passed=$((passed + 1)); else
      failed=$((failed + 1)); echo "FAIL: $cc $src: $on_n vfmadd with contraction allowed, $off_n with it off"; fi
    # The four-lane fast paths repeat the scalar ones' separate multiplies and adds:
    # no fused multiply-add at all, explicit (an intrinsic) or contracted.
    if [ "$src" = CRuntime/core/soma_activate_avx2.c ]; then
      if [ "$off_n" = 0 ] && [ "$on_n" = 0 ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: $cc $src: $off_n vfmadd, none allowed"; fi
    fi
  done
done
echo "check_contraction: every runtime file, gcc and clang ($passed passed, $failed failed)"
[ "$failed" -eq 0 ]
