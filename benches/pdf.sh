#!/usr/bin/env bash
# PDF throughput of `leafpress build --pdf`, with the release binary: the PDFs made, divided by
# the time --pdf adds to a build (the build with --pdf minus the same build without it, each the
# median of several runs). The time added includes starting Chromium once.
#
#   bash benches/pdf.sh [--root DIR] [--runs N]
#
# --root   the site to build (default: this repository's own site)
# --runs   builds of each kind; the median counts (default: 3)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$repo"
runs=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --root) root="${2:?--root needs a folder}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "pdf.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "pdf.sh: --runs must be a positive number" >&2; exit 2; }
root="$(cd "$root" && pwd)"

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
leafpress="$repo/target/release/leafpress"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints the wall time in seconds of one build into a fresh folder.
timed_build() {
    local out="$work/out-$RANDOM$RANDOM" start end
    start=$(date +%s.%N)
    "$leafpress" build --root "$root" --out "$out" "$@" >/dev/null 2>"$work/stderr" || {
        echo "pdf.sh: the build failed:" >&2
        cat "$work/stderr" >&2
        exit 1
    }
    end=$(date +%s.%N)
    last_out="$out"
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

plain_times=()
pdf_times=()
for ((i = 0; i < runs; i++)); do
    plain_times+=("$(timed_build)")
    # Not in a subshell, so last_out is kept.
    timed_build --pdf >"$work/time"
    pdf_times+=("$(cat "$work/time")")
    pdfs=$(find "$last_out" -name '*.pdf' | wc -l)
    rm -rf "$work"/out-*
done

plain=$(printf '%s\n' "${plain_times[@]}" | median)
with_pdf=$(printf '%s\n' "${pdf_times[@]}" | median)
echo "site:               $root"
echo "PDFs per build:     $pdfs"
echo "build:              ${plain} s   (runs: ${plain_times[*]})"
echo "build --pdf:        ${with_pdf} s   (runs: ${pdf_times[*]})"
awk -v n="$pdfs" -v a="$plain" -v b="$with_pdf" 'BEGIN {
    extra = b - a
    if (extra <= 0) { print "PDFs/second:        (the --pdf build was not slower; too few PDFs to measure)"; exit }
    printf "time added by --pdf: %.3f s\nPDFs/second:        %.2f\n", extra, n / extra
}'
