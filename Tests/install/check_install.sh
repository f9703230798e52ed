#!/usr/bin/env bash
# make install / make uninstall, as a C user meets them:
#  1. a staged install (DESTDIR, PREFIX=/usr/local) writes exactly the expected
#     files, with a soname'd shared library, and uninstall removes every one;
#  2. an install into a temporary prefix, then examples/embed copied OUTSIDE
#     the tree and built twice: through `pkg-config --cflags --libs soma` only,
#     and through CMake (find_package(soma), soma::soma); both run AND's truth
#     table and XOR's outputs, which must equal the in-tree soma-run's;
#  3. the examples of docs/embedding.md, extracted as written, built through
#     pkg-config (soma, soma-core) and CMake (soma::soma, soma::core) against
#     that prefix, print the output the guide shows.
# Prints "install: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
soma=$(cd "$root" && realpath "${SOMA:-.build/release/soma}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# check NAME COMMAND...: the command must succeed.
check() { local name=$1; shift; if "$@" >>"$tmp/log" 2>&1; then pass; else fail "$name (log below)"; tail -20 "$tmp/log"; fi; }
# same NAME EXPECTED GOT
same() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$3', expected '$2'"; fi; }

rows=$'0,0\n0,1\n1,0\n1,1'
and_table=$'0\n0\n0\n1'
make -C "$root" --no-print-directory -s lib example >/dev/null
xor_table=$(printf '%s\n' "$rows" | "$root/build/soma-run" "$root/models/xor-mlp.json")

# 1. Staged: the exact file list, then nothing left after uninstall.
stage="$tmp/stage"
check "make install DESTDIR" make -C "$root" --no-print-directory install DESTDIR="$stage" PREFIX=/usr/local
expected='usr/local/bin/soma-run
usr/local/include/soma.h
usr/local/lib/cmake/soma/somaConfig.cmake
usr/local/lib/cmake/soma/somaConfigVersion.cmake
usr/local/lib/libsoma.a
usr/local/lib/libsoma.so
usr/local/lib/libsoma.so.1
usr/local/lib/libsoma.so.1.0.0
usr/local/lib/libsoma_core.a
usr/local/lib/pkgconfig/soma-core.pc
usr/local/lib/pkgconfig/soma.pc'
same "installed files" "$expected" "$(cd "$stage" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort)"
same "libsoma.so link" "libsoma.so.1" "$(readlink "$stage/usr/local/lib/libsoma.so")"
same "libsoma.so.1 link" "libsoma.so.1.0.0" "$(readlink "$stage/usr/local/lib/libsoma.so.1")"
same "soname" "libsoma.so.1" \
  "$(readelf -d "$stage/usr/local/lib/libsoma.so.1.0.0" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
same "soma.pc prefix" "prefix=/usr/local" "$(grep '^prefix=' "$stage/usr/local/lib/pkgconfig/soma.pc")"
# The shared library exports soma.h's functions and nothing else.
exported=$(nm -D --defined-only "$stage/usr/local/lib/libsoma.so.1.0.0" | awk '$3 ~ /^soma_/ {sub(/@.*/, "", $3); print $3}' | sort)
declared=$(cc -E -P "$root/include/soma.h" | grep -o 'soma_[a-z0-9_]*[[:space:]]*(' | tr -d '( ' | sort -u)
same "exported symbols" "$declared" "$exported"
check "make uninstall DESTDIR" make -C "$root" --no-print-directory uninstall DESTDIR="$stage" PREFIX=/usr/local
same "left after uninstall" "" "$(cd "$stage" && find . \( -type f -o -type l \))"
[ ! -e "$stage/usr/local/lib/cmake/soma" ] && pass || fail "uninstall left lib/cmake/soma"

# 2. Into a prefix, then the example from outside the tree.
prefix="$tmp/prefix"
check "make install PREFIX" make -C "$root" --no-print-directory install PREFIX="$prefix"
mkdir -p "$tmp/app"
cp "$root/examples/embed/soma_run.c" "$root/examples/embed/CMakeLists.txt" "$tmp/app/"
cp "$root/models/and.json" "$root/models/xor-mlp.json" "$tmp/app/"
cd "$tmp/app"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046 # pkg-config's flags are words by design
check "build through pkg-config" cc -std=c99 -Wall -Wextra -Werror soma_run.c $(pkg-config --cflags --libs soma) -o run-pc
if [ -x run-pc ]; then
  same "pkg-config build links the soname" "libsoma.so.1" \
    "$(readelf -d run-pc | sed -n 's/.*Shared library: \[\(libsoma[^]]*\)\]/\1/p')"
  same "pkg-config build: AND" "$and_table" "$(printf '%s\n' "$rows" | LD_LIBRARY_PATH="$prefix/lib" ./run-pc and.json)"
  same "pkg-config build: XOR" "$xor_table" "$(printf '%s\n' "$rows" | LD_LIBRARY_PATH="$prefix/lib" ./run-pc xor-mlp.json)"
fi
unset PKG_CONFIG_PATH

check "cmake configure" cmake -S . -B cmake-build -DCMAKE_PREFIX_PATH="$prefix"
check "cmake build" cmake --build cmake-build
if [ -x cmake-build/soma-run ]; then
  # CMake puts the imported library's folder in the build tree's RPATH: no LD_LIBRARY_PATH.
  same "CMake build: AND" "$and_table" "$(printf '%s\n' "$rows" | cmake-build/soma-run and.json)"
  same "CMake build: XOR" "$xor_table" "$(printf '%s\n' "$rows" | cmake-build/soma-run xor-mlp.json)"
fi
same "installed soma-run: AND" "$and_table" "$(printf '%s\n' "$rows" | "$prefix/bin/soma-run" and.json)"

# 3. docs/embedding.md's examples, as written there (each block after a
# "<!-- file: NAME -->" line), built the ways the guide builds them.
docs="$tmp/docs"
mkdir -p "$docs"
python3 - "$root/docs/embedding.md" "$docs" <<'EOF'
import os, re, sys
text = open(sys.argv[1]).read()
for name, body in re.findall(r"<!-- file: (\S+) -->\n```[a-z]*\n(.*?)```", text, re.S):
    path = os.path.join(sys.argv[2], name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").write(body)
EOF
expected_output=$(python3 -c '
import re, sys
print(re.search(r"<!-- output: xor -->\n```text\n(.*?)\n```", open(sys.argv[1]).read(), re.S).group(1))' "$root/docs/embedding.md")
cp "$root/models/xor-mlp.json" "$docs/"
cd "$docs"
check "docs: soma export-c" "$soma" export-c xor-mlp.json --name xor_mlp --out .
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
check "docs: app.c through pkg-config" cc -std=c99 -Wall -Wextra -Wpedantic -Werror app.c $(pkg-config --cflags --libs soma) -o app
# shellcheck disable=SC2046
check "docs: main.c through pkg-config soma-core" cc -std=c99 -Wall -Wextra -Wpedantic -Werror main.c xor_mlp.c $(pkg-config --cflags --libs soma-core) -o xor_flash
unset PKG_CONFIG_PATH
same "docs: the core-only program needs no json-c and no libsoma" "" "$(readelf -d xor_flash 2>&1 | grep -E 'json|libsoma')"
same "docs: app's output is the guide's" "$expected_output" "$(LD_LIBRARY_PATH="$prefix/lib" ./app xor-mlp.json 2>&1)"
same "docs: generated C prints the same" "$expected_output" "$(./xor_flash 2>&1)"
same "docs: the guide's output is XOR" "0 1 1 0" \
  "$(printf '%s\n' "$expected_output" | awk '{printf "%s%d", (NR > 1 ? " " : ""), ($4 > 0.5)}')"
check "docs: cmake configure" cmake -S . -B build -DCMAKE_PREFIX_PATH="$prefix"
check "docs: cmake build" cmake --build build
same "docs: CMake app" "$expected_output" "$(build/app xor-mlp.json 2>&1)"
same "docs: CMake xor_flash" "$expected_output" "$(build/xor_flash 2>&1)"
cd "$tmp"

check "make uninstall PREFIX" make -C "$root" --no-print-directory uninstall PREFIX="$prefix"
same "left in the prefix" "" "$(cd "$prefix" && find . \( -type f -o -type l \))"

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
