#!/usr/bin/env bash
# Training output while it runs: lines arrive through a pipe as they are printed
# (not in one burst at the end), Ctrl-C ends a run with one "interrupted" line,
# exit 130, and an earlier model file untouched; on a terminal the progress bar
# fits its width. Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
soma=$PWD/${SOMA:-.build/release/soma}
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
scratch=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$scratch"' EXIT
pid=

# A long run writing into a pipe; an earlier model file at --out.
echo '{"an": "earlier model"}' > "$scratch/m.json"
cp "$scratch/m.json" "$scratch/earlier.json"
mkfifo "$scratch/pipe"
"$soma" train digits --epochs 100000 --patience 0 --out "$scratch/m.json" > "$scratch/pipe" 2> "$scratch/err" &
pid=$!
exec 3< "$scratch/pipe"
# The first progress line must come through the pipe while training is still running.
got=""
while IFS= read -r -t 120 line <&3; do
  case $line in "epoch 1/100000 "*) got=$line; break ;; esac
done
if [ -n "$got" ] && kill -0 $pid 2>/dev/null; then pass; else fail "no progress line through the pipe while training ran"; fi
kill -INT $pid
wait $pid; status=$?
exec 3<&-
[ $status -eq 130 ] && pass || fail "Ctrl-C: exit $status, expected 130"
[ "$(cat "$scratch/err")" = "interrupted: training stopped; $scratch/m.json was not changed" ] && pass \
  || fail "Ctrl-C: stderr '$(cat "$scratch/err")'"
cmp -s "$scratch/m.json" "$scratch/earlier.json" && pass || fail "Ctrl-C changed the earlier model file"
ls -a "$scratch" | grep -q '\.tmp$' && fail "Ctrl-C left a temporary file" || pass
pid=

# A history file that cannot be written after the model was: the message says the model was written.
mkdir "$scratch/gone"
"$soma" train digits --epochs 40 --patience 0 --out "$scratch/kept.json" --history "$scratch/gone/h.csv" \
  > "$scratch/pipe2.out" 2> "$scratch/err2" &
pid=$!
for _ in $(seq 1 100); do [ -s "$scratch/pipe2.out" ] && break; sleep 0.1; done
rm -rf "$scratch/gone"   # after the up-front check, before training ends
wait $pid; status=$?
[ $status -eq 1 ] && grep -q "^Error: wrote $scratch/kept.json, but not its history: --history $scratch/gone/h.csv: cannot write" "$scratch/err2" \
  && [ -s "$scratch/kept.json" ] && pass || fail "history failure after the model: exit $status, '$(cat "$scratch/err2")'"
pid=

# On a terminal of 60 columns, every redraw of the bar fits in 59 characters.
if command -v script > /dev/null; then
  COLUMNS=60 script -qec "stty cols 60; '$soma' train iris --epochs 30 --patience 0 --out '$scratch/i.json'" /dev/null \
    > "$scratch/tty" 2>&1
  widest=$(tr '\r' '\n' < "$scratch/tty" | sed 's/\x1b\[K//g' | grep '^epoch' | awk '{ print length }' | sort -n | tail -1)
  bars=$(tr '\r' '\n' < "$scratch/tty" | grep -c '^epoch [0-9]*/30 \[')
  [ -n "$widest" ] && [ "$widest" -le 59 ] && [ "$bars" -ge 30 ] && pass \
    || fail "progress bar on a 60-column terminal: widest line ${widest:-none}, $bars bars"
fi

echo "training output: $passed passed, $failed failed"
[ $failed -eq 0 ]
