#!/usr/bin/env bash
# The timing-sensitive tests, many times in a row under load: the live preview's Rust and
# Chromium tests and the search test, while a 5,000-leaflet build runs beside them in a loop.
# Not part of run-all.sh (it takes a quarter of an hour); run it after touching those tests.
#
#   bash tests/stress.sh [RUNS]      (default 20)
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
WORK=target/stress
mkdir -p "$WORK"

cargo build --example gen-corpus
cargo test --test cli --no-run
CLI_TESTS=$(find target/debug/deps -maxdepth 1 -name 'cli-*' -type f -perm -u+x -newer Cargo.toml | xargs ls -t | head -n 1)
LEAFPRESS=target/debug/leafpress
rm -rf "$WORK/corpus"
target/debug/examples/gen-corpus --leaflets 5000 --out "$WORK/corpus" >/dev/null

# A script started in the background inherits SIGINT ignored; the tests stop `serve` with it.
dfl() { python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' "$@"; }

rm -f "$WORK/stop"
(while [ ! -e "$WORK/stop" ]; do "$LEAFPRESS" build --root "$WORK/corpus" --out "$WORK/out" >/dev/null 2>&1; done) &
LOAD=$!
trap 'touch "$WORK/stop"; wait $LOAD' EXIT

passed=0
for run in $(seq 1 "$RUNS"); do
    ok=1
    dfl "$CLI_TESTS" serve:: >"$WORK/cli-$run.log" 2>&1 || ok=0
    dfl node tests/browser/check-serve.mjs --binary "$LEAFPRESS" >"$WORK/serve-$run.log" 2>&1 || ok=0
    dfl node tests/browser/search.mjs --leafpress "$LEAFPRESS" >"$WORK/search-$run.log" 2>&1 || ok=0
    if ((ok)); then passed=$((passed + 1)); else echo "stress: run $run failed (logs in $WORK/*-$run.log)"; fi
done
echo "stress: $passed of $RUNS runs passed"
((passed == RUNS))
