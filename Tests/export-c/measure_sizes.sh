#!/usr/bin/env bash
# Prints the size tables of docs/embedding.md ("Sizes"): the core library
# (x86-64 as make lib builds it; Cortex-M4 when arm-none-eabi-gcc is present)
# and each model's generated C. Run from the repository after make lib and
# make cli. Measures bytes, not speed.
set -eu
cd "$(dirname "$0")/../.."
soma=${SOMA:-.build/release/soma}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
row() { size "$@" | awk 'NR > 1 { t += $1; d += $2; b += $3 } END { printf "%d | %d | %d", t, d, b }'; }

echo "| core | text | data | bss |"
echo "|---|---:|---:|---:|"
echo "| \`libsoma_core.a\`, x86-64 (gcc -O2, make lib) | $(row build/libsoma_core.a) |"
if command -v arm-none-eabi-gcc >/dev/null; then
  mkdir -p "$tmp/arm"
  arm_ok=1
  for src in CRuntime/core/*.c; do
    arm-none-eabi-gcc -std=c99 -Os -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 \
      -ffp-contract=off -Iinclude -c "$src" -o "$tmp/arm/$(basename "$src" .c).o" 2>"$tmp/arm.err" \
      || { arm_ok=0; echo "$src: does not build for Cortex-M4: $(grep -m1 error "$tmp/arm.err")" >&2; }
  done
  [ $arm_ok = 1 ] && echo "| core, Cortex-M4 (arm-none-eabi-gcc -Os) | $(row "$tmp"/arm/*.o) |"
fi
echo
echo "| model | parameters | text | data | bss |"
echo "|---|---:|---:|---:|---:|"
for model in models/*.json; do
  name=$(basename "$model" .json); name=${name//-/_}
  params=$("$soma" export-c "$model" --name "$name" --out "$tmp/gen" | sed -n 's/.*(\([0-9]*\) parameters.*/\1/p')
  gcc -std=c99 -O2 -fno-pic -Iinclude -c "$tmp/gen/$name.c" -o "$tmp/$name.o"
  echo "| \`$(basename "$model")\` | $params | $(row "$tmp/$name.o") |"
done
printf '#include <stdio.h>\n#include "soma.h"\nint main(void) { printf("%%zu\\n", sizeof(soma_model)); return 0; }\n' > "$tmp/sz.c"
cc -std=c99 -Iinclude "$tmp/sz.c" -o "$tmp/sz"
echo
echo "sizeof(soma_model) = $("$tmp/sz") bytes"
