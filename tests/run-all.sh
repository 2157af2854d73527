#!/usr/bin/env bash
# Runs every leafpress test: the one command to use locally and in CI.
#
#   bash tests/run-all.sh
#
# Steps: install test tools (tests/setup.sh), rustfmt check, clippy, cargo
# tests, build the repo's own site, then check every built page in headless
# Chromium (W3C Nu HTML checker, axe-core WCAG 2.1 AA, no network, no console
# errors, no broken same-site resources or links, no sideways scrolling on a
# phone, the 404 page at a nested address), check the print stylesheet on the
# print pages (tests/browser/check-print.mjs), the live preview (`leafpress
# serve`) and the search (tests/browser/search.mjs) in Chromium.
# Screenshots of every page land in target/screenshots/, of search results in
# target/screenshots/search/.
set -euo pipefail

cd "$(dirname "$0")/.."

SITE_DIR=target/site-check/public
SHOTS_DIR=target/screenshots
START=$SECONDS
CURRENT=""

step() {
    CURRENT="$*"
    printf '\n==> %s  [+%ss]\n' "$*" "$((SECONDS - START))"
}

on_exit() {
    local rc=$?
    if ((rc != 0)); then
        printf '\n==> FAILED at step: %s (exit %s, after %ss)\n' "$CURRENT" "$rc" "$((SECONDS - START))"
    fi
}
trap on_exit EXIT

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step "setup: install test tools (tests/setup.sh)"
bash tests/setup.sh

step "cargo fmt --all -- --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

LOG_DIR=target/run-all
mkdir -p "$LOG_DIR"

step "cargo test --all-targets"
cargo test --all-targets 2>&1 | tee "$LOG_DIR/cargo-test.log"
# Sum the "test result: ok. N passed; M failed; ..." lines of every test binary.
read -r RUST_PASSED RUST_FAILED < <(awk '
    /^test result:/ {
        for (i = 1; i <= NF; i++) {
            if ($(i + 1) ~ /^passed/) p += $i
            if ($(i + 1) ~ /^failed/) f += $i
        }
    }
    END { print p + 0, f + 0 }' "$LOG_DIR/cargo-test.log")

step "build the repo's own site into $SITE_DIR"
rm -rf "$SITE_DIR" "$SHOTS_DIR"
# The test build's binary: its dependencies are optimised (Cargo.toml), and a release build
# would compile typst a second time, which alone takes longer than every other step.
cargo build
LEAFPRESS=target/debug/leafpress
"$LEAFPRESS" build --root . --out "$SITE_DIR"

step "check built pages in Chromium (vnu, axe, network, console, links)"
node tests/browser/check-pages.mjs "$SITE_DIR" --screenshots "$SHOTS_DIR" 2>&1 |
    tee "$LOG_DIR/check-pages.log"
read -r PAGES_PASSED PAGES_FAILED < <(awk '
    /^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 }
    END { print p + 0, f + 0 }' "$LOG_DIR/check-pages.log")

step "check the print stylesheet in Chromium (headings kept with text, link addresses, strict Chinese line breaks)"
node tests/browser/check-print.mjs --leafpress "$LEAFPRESS" 2>&1 |
    tee "$LOG_DIR/check-print.log"
read -r PRINT_PASSED PRINT_FAILED < <(awk '
    /^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 }
    END { print p + 0, f + 0 }' "$LOG_DIR/check-print.log")

step "check the live preview in Chromium (reload on save, error panel, stop)"
node tests/browser/check-serve.mjs --binary "$LEAFPRESS" --screenshots "$SHOTS_DIR" 2>&1 |
    tee "$LOG_DIR/check-serve.log"
read -r SERVE_PASSED SERVE_FAILED < <(awk '
    /^serve: [0-9]+ passed, [0-9]+ failed$/ { p = $2; f = $4 }
    END { print p + 0, f + 0 }' "$LOG_DIR/check-serve.log")

step "search in Chromium (Chinese and English queries, base_url with a path)"
node tests/browser/search.mjs --leafpress "$LEAFPRESS" --screenshots "$SHOTS_DIR/search" 2>&1 |
    tee "$LOG_DIR/search.log"
read -r SEARCH_PASSED SEARCH_FAILED < <(awk '
    /^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 }
    END { print p + 0, f + 0 }' "$LOG_DIR/search.log")

CURRENT=""
printf '\n==> all steps passed in %ss: fmt, clippy, cargo test (%s tests), site build, page checks (%s pages; screenshots in %s), print stylesheet (%s print pages), live preview (%s checks), search (%s checks)\n' \
    "$((SECONDS - START))" "$RUST_PASSED" "$PAGES_PASSED" "$SHOTS_DIR" "$PRINT_PASSED" "$SERVE_PASSED" "$SEARCH_PASSED"
# Plain closing line: Rust tests, checked pages, print pages, live preview and search checks.
echo "run-all: $((RUST_PASSED + PAGES_PASSED + PRINT_PASSED + SERVE_PASSED + SEARCH_PASSED)) passed, $((RUST_FAILED + PAGES_FAILED + PRINT_FAILED + SERVE_FAILED + SEARCH_FAILED)) failed"
