#!/usr/bin/env bash
# Soma on other machines, under emulation: x86-64 (the reference), AArch64
# Linux (qemu-aarch64), a Cortex-M4F (mps2-an386, hard-float, vfma.f32) and a
# Cortex-M3 without an FPU (mps2-an385, soft-float, soma_fmaf), the last two
# bare metal with semihosting.
#  1. Tests/cross/math_digest.c: the correctly rounded exp, expm1, tanh and fma
#     (proven on x86-64 by check_math) give x86-64's digests.
#  2. Every model in models/, as `soma export-c` generates it, with the core:
#     Tests/cross/run_rows.c prints every layer's output bits on the model's
#     self-test inputs and 1,000 seeded inputs; every line must equal x86-64's.
#     The Cortex-M cores are small-code builds (SOMA_SMALL_CODE): their dense
#     layers run soma_kernel_dense_chain, x86-64's the register tiles.
# Also checks that the Cortex-M4F build fuses with vfma.f32 and the AArch64
# one with fmadd. Needs: gcc-aarch64-linux-gnu qemu-user gcc-arm-none-eabi
# libnewlib-arm-none-eabi qemu-system-arm (make deps-cross) and the soma CLI
# (SOMA, default .build/release/soma).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/cross
mkdir -p "$out"
src="Tests/cross/math_digest.c CRuntime/core/soma_math.c"
flags="-std=c99 -Wall -Wextra -Werror -O2 -ffp-contract=off"
m3="-mcpu=cortex-m3 -mthumb -mfloat-abi=soft"
m4="-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard"
bare="--specs=rdimon.specs -T Tests/cross/mps2.ld Tests/cross/startup.c -Wl,--no-warn-rwx-segments"
qemu_m="-nographic -monitor none -serial none -semihosting-config enable=on,target=native"

${CC:-cc} $flags $src -lm -o "$out/digest-x86_64"
aarch64-linux-gnu-gcc $flags -static $src -o "$out/digest-aarch64"
# shellcheck disable=SC2086
arm-none-eabi-gcc $flags $m4 $bare $src -o "$out/digest-cortex-m4f.elf"
# shellcheck disable=SC2086
arm-none-eabi-gcc $flags $m3 $bare $src -o "$out/digest-cortex-m3.elf"

"$out/digest-x86_64" > "$out/x86_64.txt"
qemu-aarch64 "$out/digest-aarch64" > "$out/aarch64.txt"
# shellcheck disable=SC2086
timeout 600 qemu-system-arm -M mps2-an386 $qemu_m -kernel "$out/digest-cortex-m4f.elf" > "$out/cortex-m4f.txt"
# shellcheck disable=SC2086
timeout 600 qemu-system-arm -M mps2-an385 $qemu_m -kernel "$out/digest-cortex-m3.elf" > "$out/cortex-m3.txt"

failed=0
lines=$(wc -l < "$out/x86_64.txt")
[ "$lines" -eq 7 ] || { echo "cross: x86-64 printed $lines digests, expected 7"; exit 1; }
for target in aarch64 cortex-m4f cortex-m3; do
  if diff "$out/x86_64.txt" "$out/$target.txt" > "$out/$target.diff"; then
    echo "cross: $target: all 7 digests equal x86-64's"
  else
    echo "cross: $target differs from x86-64:"; cat "$out/$target.diff"; failed=1
  fi
done
arm-none-eabi-objdump -d "$out/digest-cortex-m4f.elf" > "$out/cortex-m4f.dis"
aarch64-linux-gnu-objdump -d "$out/digest-aarch64" > "$out/aarch64.dis"
if grep -q 'vfma\.f32' "$out/cortex-m4f.dis"; then
  echo "cross: cortex-m4f: SOMA_FMAF is vfma.f32"
else
  echo "cross: cortex-m4f: no vfma.f32 in the build"; failed=1
fi
if grep -q 'fmadd' "$out/aarch64.dis"; then
  echo "cross: aarch64: SOMA_FMAF is fmadd"
else
  echo "cross: aarch64: no fmadd in the build"; failed=1
fi

# 2. The models, through generated C and the core alone (built once per target).
soma=${SOMA:-.build/release/soma}
# The harness prints with PRIu64, which Debian's newlib leaves undefined; the core needs no such help.
newlib="-include Tests/cross/newlib_inttypes.h"
core_flags="-Iinclude -ICRuntime/core"
for target in x86_64 aarch64 cortex-m4f cortex-m3; do
  mkdir -p "$out/core-$target"
  for src in CRuntime/core/*.c; do
    obj="$out/core-$target/$(basename "$src" .c).o"
    # shellcheck disable=SC2086
    case $target in
      x86_64) ${CC:-cc} $flags $core_flags -c "$src" -o "$obj" ;;
      aarch64) aarch64-linux-gnu-gcc $flags $core_flags -c "$src" -o "$obj" ;;
      cortex-m4f) arm-none-eabi-gcc $flags $m4 $core_flags -c "$src" -o "$obj" ;;
      cortex-m3) arm-none-eabi-gcc $flags $m3 $core_flags -c "$src" -o "$obj" ;;
    esac
  done
done
# The Cortex-M cores are built for size (SOMA_SMALL_CODE on by default for M-profile):
# dense layers run the one-chain kernel there and the register tiles on x86-64 and
# AArch64, so every model below also compares the two kernels bit for bit.
for target in x86_64 aarch64 cortex-m4f cortex-m3; do
  nm=nm; case $target in aarch64) nm=aarch64-linux-gnu-nm ;; cortex-*) nm=arm-none-eabi-nm ;; esac
  if "$nm" "$out/core-$target/soma_kernels.o" | grep -Eq ' [Ti] soma_kernel_dense$'; then kernel=tiles; else kernel=chain; fi
  case $target in cortex-*) want=chain ;; *) want=tiles ;; esac
  if [ "$kernel" = "$want" ]; then
    echo "cross: $target: dense layers run the $kernel kernel"
  else
    echo "cross: $target: dense layers run the $kernel kernel, expected the $want one"; failed=1
  fi
done
for model in models/*.json; do
  base=$(basename "$model" .json)
  name=${base//-/_}
  gen="$out/gen-$name"
  rm -rf "$gen"
  "$soma" export-c "$model" --name "$name" --out "$gen" > /dev/null
  python3 Tests/cross/rows_header.py "$model" > "$gen/rows.h"
  model_flags="$core_flags -I$gen -DMODEL_HEADER=\"$name.h\" -DROWS_HEADER=\"rows.h\" -DMODEL=${name}_model"
  harness="Tests/cross/run_rows.c $gen/$name.c"
  # shellcheck disable=SC2086
  ${CC:-cc} $flags $model_flags $harness "$out"/core-x86_64/*.o -lm -o "$gen/x86_64"
  # shellcheck disable=SC2086
  aarch64-linux-gnu-gcc $flags -static $model_flags $harness "$out"/core-aarch64/*.o -lm -o "$gen/aarch64"
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $flags $m4 $bare $newlib $model_flags $harness "$out"/core-cortex-m4f/*.o -lm \
    -o "$gen/cortex-m4f.elf"
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $flags $m3 $bare $newlib $model_flags $harness "$out"/core-cortex-m3/*.o -lm \
    -o "$gen/cortex-m3.elf"
  "$gen/x86_64" > "$gen/x86_64.txt"
  rows=$(wc -l < "$gen/x86_64.txt")
  qemu-aarch64 "$gen/aarch64" > "$gen/aarch64.txt"
  # shellcheck disable=SC2086
  timeout 600 qemu-system-arm -M mps2-an386 $qemu_m -kernel "$gen/cortex-m4f.elf" > "$gen/cortex-m4f.txt"
  # shellcheck disable=SC2086
  timeout 600 qemu-system-arm -M mps2-an385 $qemu_m -kernel "$gen/cortex-m3.elf" > "$gen/cortex-m3.txt"
  for target in aarch64 cortex-m4f cortex-m3; do
    if [ "$rows" -gt 1000 ] && cmp -s "$gen/x86_64.txt" "$gen/$target.txt"; then
      echo "cross: $base on $target: $rows rows, every layer's bits equal x86-64's"
    else
      echo "cross: $base on $target differs from x86-64 ($rows rows on x86-64):"
      diff "$gen/x86_64.txt" "$gen/$target.txt" | head -4; failed=1
    fi
  done
done
exit $failed
