#!/usr/bin/env bash
# Soma's correctly rounded exp, expm1, tanh and fma on other machines, under
# emulation: Tests/cross/math_digest.c built for x86-64 (the reference, proven
# by check_math), AArch64 Linux (qemu-aarch64), a Cortex-M4F (mps2-an386,
# hard-float, vfma.f32) and a Cortex-M3 without an FPU (mps2-an385, soft-float,
# soma_fmaf), bare metal with semihosting. Every digest must equal x86-64's.
# Also checks that the Cortex-M4F build fuses with vfma.f32 and the AArch64
# one with fmadd. Needs: gcc-aarch64-linux-gnu qemu-user gcc-arm-none-eabi
# libnewlib-arm-none-eabi qemu-system-arm (make deps-cross).
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
exit $failed
