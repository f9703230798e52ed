#!/usr/bin/env bash
# The first command on a machine without json-c: a copy of the tree, with
# pkg-config shimmed to fail for json-c until a fake apt-get "installs" it,
# must build and run from one `make` (no earlier `make deps`). Nothing is
# uninstalled: the shims only hide json-c from pkg-config, which is what a
# fresh machine looks like to the Makefile. Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
root=$PWD
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
real_pkg_config=$(command -v pkg-config)

# shims/pkg-config: json-c is unknown until $scratch/installed exists.
mkdir -p "$scratch/shims"
cat > "$scratch/shims/pkg-config" <<SHIM
#!/bin/sh
case " \$* " in *" json-c "*)
  [ -e "$scratch/installed" ] || { echo "Package json-c was not found in the pkg-config search path." >&2; exit 1; } ;;
esac
exec "$real_pkg_config" "\$@"
SHIM
# shims/apt-get: records the call; "install ... libjson-c-dev" makes json-c visible.
cat > "$scratch/shims/apt-get" <<SHIM
#!/bin/sh
echo "apt-get \$*" >> "$scratch/apt.log"
case " \$* " in *" install "*libjson-c-dev*) touch "$scratch/installed" ;; esac
exit 0
SHIM
chmod +x "$scratch/shims/pkg-config" "$scratch/shims/apt-get"

# fresh_copy DIR: the tracked and new files of this tree, without build outputs.
fresh_copy() {
  mkdir -p "$1"
  git ls-files -co --exclude-standard -z | grep -zv '^build/\|^\.build' | tar -c --null -T - | tar -x -C "$1"
}

# Each first command on its own, from a fresh copy and a machine "without" json-c.
for goal in example test-plain; do
  rm -f "$scratch/installed" "$scratch/apt.log"
  copy="$scratch/tree-$goal"
  fresh_copy "$copy"
  if PATH="$scratch/shims:$PATH" make -C "$copy" --no-print-directory SUDO= "$goal" > "$scratch/$goal.log" 2>&1; then
    pass
  else
    fail "make $goal as the first command: $(grep -m3 -i 'error\|undefined' "$scratch/$goal.log")"
  fi
  grep -q "install .*libjson-c-dev" "$scratch/apt.log" 2>/dev/null && pass \
    || fail "make $goal did not install libjson-c-dev through apt-get"
done
# The binary the first `make example` linked runs a model.
got=$(printf '0,0\n0,1\n1,0\n1,1\n' | "$scratch/tree-example/build/soma-run" "$root/models/and.json" 2>&1 | tr '\n' ' ')
[ "$got" = "0 0 0 1 " ] && pass || fail "soma-run from the first build printed '$got'"

echo "fresh build: $passed passed, $failed failed"
[ $failed -eq 0 ]
