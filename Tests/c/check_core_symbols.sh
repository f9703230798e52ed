#!/usr/bin/env bash
# The core library (build/libsoma_core.a) links without json-c, without an
# allocator and without printf: none of its undefined symbols may be json-c's
# (json_*), a heap call or one of the printf family. Also requires that nm saw the symbols the core does use (fmaf), so a
# broken nm cannot pass. Prints "N passed, N failed".
set -u
lib=${1:-build/libsoma_core.a}
nm=${NM:-nm}
undefined=$("$nm" -u "$lib" | awk 'NF { print $NF }' | sed 's/@.*//' | sort -u) || {
  echo "check_core_symbols: $nm -u $lib failed (0 passed, 1 failed)"; exit 1; }
passed=0 failed=0
check() { # NAME PATTERN: no undefined symbol may match PATTERN
  local found; found=$(printf '%s\n' "$undefined" | grep -E "$2" | tr '\n' ' ')
  if [ -z "$found" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: $lib needs $1: $found"; fi
}
check "json-c" '^json_|^_json_|^lh_|^array_list_|^printbuf_'
# The core's messages have their own formatter (soma_format.c): on a microcontroller
# newlib's printf family costs kilobytes of flash and pulls in malloc.
check "the printf family" 'printf'
check "the heap" '^(malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|memalign|valloc|pvalloc|strdup|strndup)$'
if printf '%s\n' "$undefined" | grep -qx fmaf; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL: nm -u $lib shows no fmaf: not the core, or nm is not reading it"; fi
echo "check_core_symbols: $lib ($(printf '%s\n' "$undefined" | grep -c .) undefined symbols) ($passed passed, $failed failed)"
[ "$failed" -eq 0 ]
