#!/bin/sh
# Soma as a dependency, the way another package sees it: clone this repository
# at HEAD into a temporary folder, tag the clone 1.0.0, and build and run the
# consumer package (Tests/consumer, taken from the same commit) against it by
# its file:// URL. SwiftPM refuses unsafeFlags in a dependency, so this fails
# if any target behind the Soma or SomaRuntime products uses them.
# Only committed work is tested. A fresh debug build of Soma: a few minutes.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$root" "$tmp/soma"
git -C "$tmp/soma" tag 1.0.0
cp -R "$tmp/soma/Tests/consumer" "$tmp/consumer"
cd "$tmp/consumer"
# No shared manifest cache: the manifest reads SOMA_PACKAGE_URL, which differs each run.
SOMA_PACKAGE_URL="file://$tmp/soma" ${SWIFT:-swift} run --manifest-cache none soma-consumer
