#!/usr/bin/env bash
# old_loader.sh REV OUT_DIR CC CFLAGS... — the runtime as it was at commit REV,
# built into one object whose every global symbol is renamed old_* (soma_load_file
# becomes old_soma_load_file), so bench_load can link it beside today's loader
# and time both in one process. Needs the git history; prints why and exits 1
# without it (bench_load then runs without the "before" column).
set -euo pipefail
rev=$1 out=$2
shift 2
cc=("$@")

if ! git rev-parse --verify --quiet "$rev^{commit}" > /dev/null; then
    echo "old_loader.sh: commit $rev is not in this clone: no 'before' column" >&2
    exit 1
fi
rm -rf "$out"
mkdir -p "$out/src" "$out/obj"
git archive "$rev" CRuntime include | tar -x -C "$out/src"
for src in "$out"/src/CRuntime/core/*.c "$out"/src/CRuntime/loader/*.c; do
    "${cc[@]}" -I"$out/src/include" -I"$out/src/CRuntime/core" -c "$src" \
        -o "$out/obj/$(basename "$(dirname "$src")")_$(basename "$src" .c).o"
done
ld -r -o "$out/all.o" "$out"/obj/*.o
# Rename what the object defines; what it uses (json-c, libc) stays as it is.
nm --defined-only --extern-only "$out/all.o" | awk 'NF == 3 { print $3, "old_" $3 }' > "$out/renames"
objcopy --redefine-syms="$out/renames" "$out/all.o" "$out/old_loader.o"
