#!/bin/sh
# Soma as a dependency, the way another package sees it: clone this repository
# at HEAD into a temporary folder, tag the clone 1.0.0, and build and run
# against it by its file:// URL
#  - the consumer package (Tests/consumer, from the same commit): XOR trained,
#    exported, loaded through SomaRuntime, truth table and Swift's bits;
#  - the Swift example of docs/embedding.md as written there (its URL replaced
#    by the clone's): it must print XOR's truth table.
# SwiftPM refuses unsafeFlags in a dependency, so this fails if any target
# behind the Soma or SomaRuntime products uses them. Only committed work is
# tested. Two fresh debug builds of Soma: a few minutes.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
swift=${SWIFT:-swift}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$root" "$tmp/soma"
git -C "$tmp/soma" tag 1.0.0
cp -R "$tmp/soma/Tests/consumer" "$tmp/consumer"
cd "$tmp/consumer"
# No shared manifest cache: the manifest reads SOMA_PACKAGE_URL, which differs each run.
SOMA_PACKAGE_URL="file://$tmp/soma" $swift run --manifest-cache none soma-consumer

# The guide's package: each block after a "<!-- file: NAME -->" line that is Swift.
mkdir -p "$tmp/guide"
python3 - "$tmp/soma/docs/embedding.md" "$tmp/guide" "file://$tmp/soma" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
for name, body in re.findall(r"<!-- file: (\S+) -->\n```swift\n(.*?)```", text, re.S):
    body = re.sub(r'\.package\(url: "[^"]*"', '.package(url: "%s"' % sys.argv[3], body)
    path = os.path.join(sys.argv[2], name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").write(body)
PY
cd "$tmp/guide"
$swift build --manifest-cache none --product xor-app 2>&1 | tail -1
table=$(.build/debug/xor-app | awk '{ printf "%s%d", (NR > 1 ? " " : ""), ($NF > 0.5) }')
if [ "$table" = "0 1 1 0" ]; then
  echo "consumer: the guide's Swift example prints XOR (1 passed, 0 failed)"
else
  echo "consumer: the guide's Swift example prints '$table', not XOR's 0 1 1 0 (0 passed, 1 failed)"; exit 1
fi
