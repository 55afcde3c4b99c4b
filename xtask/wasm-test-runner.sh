#!/bin/sh
# Cargo's runner for wasm32 tests: Debian's chromedriver, and Chromium's
# profile kept under target/ instead of leaving ~57 MB in /tmp per run.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
export TMPDIR="$here/target/browser-tmp"
mkdir -p "$TMPDIR"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
exec wasm-bindgen-test-runner "$@"
