#!/usr/bin/env bash
# Sizes for firmware planning (make sizes-cortex-m; the table in
# docs/embedding.md is this script's output). Cortex-M4F, -Os, sections
# collected with --gc-sections, newlib-nano, no C start-up files:
#  - the core's objects, and Tests/cross/minimal_app.c (one model,
#    soma_run_with_scratch on its self-test rows, scratch a static array of
#    the generated NAME_SCRATCH_FLOATS) linked with the core: text, data, bss
#    (arm-none-eabi-size);
#  - each model's generated C (soma export-c) as an object;
#  - stack: minimal_app built with -DMEASURE_STACK paints the free stack, runs,
#    and counts the painted words left, under qemu-system-arm (mps2-an386);
#    with -DSTACK_SCRATCH it calls soma_run instead (scratch on the stack);
#  - the XOR model's whole RAM (data + bss + stack): soma_run_with_scratch at
#    the default build, soma_run at the default SOMA_MAX_WIDTH and at SMALL_WIDTH;
#  - the Cortex-M3 (soft-float) core objects for comparison.
# Needs gcc-arm-none-eabi, libnewlib-arm-none-eabi, qemu-system-arm (make
# deps-cross) and the soma CLI (SOMA, default .build/release/soma).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/sizes
mkdir -p "$out"
soma=${SOMA:-.build/release/soma}
small=${SMALL_WIDTH:-8}
flags="-std=c99 -Wall -Wextra -Werror -Os -ffp-contract=off -ffunction-sections -fdata-sections -Iinclude"
m4="-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard"
m3="-mcpu=cortex-m3 -mthumb -mfloat-abi=soft"
link="--specs=nano.specs --specs=nosys.specs -nostartfiles -T Tests/cross/mps2.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments"
qemu_m="-nographic -monitor none -serial none -semihosting-config enable=on,target=native"

# text data bss of the files, summed.
sizes() { arm-none-eabi-size -t "$@" | tail -1 | awk '{print $1, $2, $3}'; }
row() { printf '|'; printf ' %s |' "$@"; echo; }

# core_objects DIR CPUFLAGS EXTRA: the core compiled into DIR.
core_objects() {
  mkdir -p "$1"
  for src in CRuntime/core/*.c; do
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $flags $2 $3 -ICRuntime/core -c "$src" -o "$1/$(basename "$src" .c).o"
  done
}

# app MODEL WIDTHFLAG MEASURE OUT [LINKFLAGS...]: minimal_app linked with the core and MODEL's
# generated C. WIDTHFLAG is "" or -DSOMA_MAX_WIDTH=N (the core built alike); MEASURE any of
# -DMEASURE_STACK -DSTACK_SCRATCH.
app() {
  local base name gen cflags variant
  base=$(basename "$1" .json); name=${base//-/_}; gen="$out/gen-$name"; variant=${3// /}
  cflags="$flags $m4 $2 $3 -I$gen -DMODEL_HEADER=\"$name.h\" -DROWS_HEADER=\"rows.h\""
  cflags="$cflags -DMODEL=${name}_model -DMODEL_OUTPUTS=${name^^}_OUTPUTS"
  cflags="$cflags -DMODEL_SCRATCH=${name^^}_SCRATCH_FLOATS"
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $cflags -c Tests/cross/minimal_app.c -o "$gen/minimal_app$2$variant.o"
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $cflags -c "$gen/$name.c" -o "$gen/$name$2.o"
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $m4 $link "$gen/minimal_app$2$variant.o" "$gen/$name$2.o" "$out/core-m4f$2"/*.o -lm \
    -o "$4" "${@:5}"
}

# stack ELF: "run-bytes program-bytes" from a MEASURE_STACK build under QEMU
# (which writes SYS_WRITE0's text to its stderr); fails if the runs did.
stack() {
  local line
  # shellcheck disable=SC2086
  line=$(timeout 120 qemu-system-arm -M mps2-an386 $qemu_m -kernel "$1" 2>&1 |
    sed -n 's/^stack: soma_run \([0-9]*\) bytes, program \([0-9]*\) bytes$/\1 \2/p')
  [ -n "$line" ] || { echo "measure_sizes: $1 printed no stack figure (a run failed?)" >&2; exit 1; }
  echo "$line"
}

core_objects "$out/core-m4f" "$m4" ""
core_objects "$out/core-m4f-DSOMA_MAX_WIDTH=$small" "$m4" "-DSOMA_MAX_WIDTH=$small"
core_objects "$out/core-m3" "$m3" ""
for model in models/*.json; do
  base=$(basename "$model" .json); name=${base//-/_}; gen="$out/gen-$name"
  rm -rf "$gen"
  "$soma" export-c "$model" --name "$name" --out "$gen" > /dev/null
  python3 Tests/cross/rows_header.py "$model" > "$gen/rows.h"
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $flags $m4 -c "$gen/$name.c" -o "$gen/$name.o"
done

echo "Toolchain: $(arm-none-eabi-gcc --version | head -1); $(arm-none-eabi-size --version | head -1);" \
  "newlib-nano $(dpkg-query -W -f '${Version}' libnewlib-arm-none-eabi 2>/dev/null || echo '?');" \
  "$(qemu-system-arm --version | head -1)"
echo
echo "Flash is text + data, RAM is data + bss (+ stack), in bytes."
echo
app models/xor-mlp.json "" "" "$out/minimal-xor.elf" -Wl,-Map="$out/minimal-xor.map"
row "what (Cortex-M4F, -Os)" text data bss
row --- ---: ---: ---:
read -r t d b < <(sizes "$out"/core-m4f/*.o)
row "core objects (CRuntime/core/*.o, before --gc-sections)" "$t" "$d" "$b"
read -r t d b < <(sizes "$out/minimal-xor.elf")
row "minimal program: core + xor-mlp + start-up + libc/libgcc parts, linked" "$t" "$d" "$b"
python3 Tests/cross/map_by_origin.py --core "$out/minimal-xor.map"
echo
echo "The minimal program's flash and RAM by origin (from the linker map):"
echo
row origin flash data bss
row --- ---: ---: ---:
python3 Tests/cross/map_by_origin.py "$out/minimal-xor.map"
echo
echo "Its five largest functions (arm-none-eabi-nm, bytes):"
echo
row function bytes
row --- ---:
arm-none-eabi-nm -S --size-sort "$out/minimal-xor.elf" | grep -i ' t ' | tail -5 | tac |
  while read -r _ size _ symbol; do row "$symbol" "$((16#$size))"; done
echo
row "model's generated C (object)" text data bss "scratch floats" "stack of one soma_run_with_scratch" "stack of one soma_run"
row --- ---: ---: ---: ---: ---: ---:
for model in models/*.json; do
  base=$(basename "$model" .json); name=${base//-/_}
  app "$model" "" "-DMEASURE_STACK" "$out/stack-$name.elf"
  app "$model" "" "-DMEASURE_STACK -DSTACK_SCRATCH" "$out/stack-soma_run-$name.elf"
  figure=$(stack "$out/stack-$name.elf"); read -r own _ <<< "$figure"
  figure=$(stack "$out/stack-soma_run-$name.elf"); read -r run _ <<< "$figure"
  floats=$(sed -n "s/^#define ${name^^}_SCRATCH_FLOATS SOMA_SCRATCH_FLOATS(\([0-9]*\))$/\1/p" \
    "$out/gen-$name/$name.h")
  read -r t d b < <(sizes "$out/gen-$name/$name.o")
  row "$base" "$t" "$d" "$b" "$((2 * floats))" "$own" "$run"
done
echo
row "XOR model whole RAM (xor-mlp, Cortex-M4F)" data bss "program stack" "RAM total"
row --- ---: ---: ---: ---:
for build in "scratch" "soma_run" "soma_run -DSOMA_MAX_WIDTH=$small"; do
  case $build in
    scratch) width=""; call=""; label="soma_run_with_scratch, static scratch of XOR_MLP_SCRATCH_FLOATS (4), default build" ;;
    soma_run) width=""; call="-DSTACK_SCRATCH"; label="soma_run, SOMA_MAX_WIDTH 1024 (default)" ;;
    *) width="-DSOMA_MAX_WIDTH=$small"; call="-DSTACK_SCRATCH"; label="soma_run, SOMA_MAX_WIDTH $small" ;;
  esac
  app models/xor-mlp.json "$width" "$call" "$out/minimal-xor-$build.elf"
  app models/xor-mlp.json "$width" "$call -DMEASURE_STACK" "$out/stack-xor-$build.elf"
  read -r _ d b < <(sizes "$out/minimal-xor-$build.elf")
  figure=$(stack "$out/stack-xor-$build.elf"); read -r _ whole <<< "$figure"
  row "$label" "$d" "$b" "$whole" "$((d + b + whole))"
done
echo
row "core objects, other builds (before --gc-sections)" text data bss
row --- ---: ---: ---:
read -r t d b < <(sizes "$out/core-m4f-DSOMA_MAX_WIDTH=$small"/*.o)
row "Cortex-M4F, -DSOMA_MAX_WIDTH=$small" "$t" "$d" "$b"
read -r t d b < <(sizes "$out"/core-m3/*.o)
row "Cortex-M3 (soft-float)" "$t" "$d" "$b"
