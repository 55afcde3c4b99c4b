#!/bin/sh
# Cargo's runner for wasm32 tests: Debian's chromedriver, and Chromium's
# profile kept under target/ instead of leaving ~57 MB in /tmp per run.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
export TMPDIR="$here/target/browser-tmp"
mkdir -p "$TMPDIR"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The default 20 s covers the whole run, too short for a debug build.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
exec wasm-bindgen-test-runner "$@"
