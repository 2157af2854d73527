#!/usr/bin/env bash
# PDFs per second, side by side in one run: leafpress's own engine (`build --pdf`, typst in
# process, all cores) against headless Chromium printing the same HTML print pages (one
# browser, one tab per core: the path leafpress used before; benches/chromium-pdf.mjs).
#
#   bash benches/pdf.sh [--leaflets N] [--root DIR] [--runs N] [--chromium-pages N] [--no-chromium]
#
# --leaflets  generate a corpus of N leaflets in English and Chinese (examples/gen-corpus),
#             3 PDFs each: two print pages and the bilingual handout (default: 200)
# --root      build this site instead of a generated corpus
# --runs      leafpress builds of each kind; the median counts (default: 3)
# --chromium-pages  print only this many of the print pages with Chromium, spread over the
#             site (default: all of them)
# --no-chromium  leafpress only (for memory on large corpora)
#
# leafpress's rate is the PDFs made divided by the time `--pdf` adds to a build (the median
# build with --pdf minus the median build without). Chromium's includes starting the browser.
# Peak memory (maximum resident set size) is that of the build with --pdf. Needs
# /usr/bin/time, and for Chromium: Debian's chromium and tests/browser's npm packages
# (tests/setup.sh installs both).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
leaflets=200
root=""
runs=3
chromium_pages=0
chromium=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --leaflets) leaflets="${2:?--leaflets needs a number}"; shift 2 ;;
        --root) root="${2:?--root needs a folder}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --chromium-pages) chromium_pages="${2:?--chromium-pages needs a number}"; shift 2 ;;
        --no-chromium) chromium=0; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "pdf.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done
for number in "$leaflets" "$runs"; do
    [[ "$number" =~ ^[1-9][0-9]*$ ]] || { echo "pdf.sh: $number is not a positive number" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "pdf.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin leafpress --example gen-corpus
leafpress="$repo/target/release/leafpress"
cores=$(nproc)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "$root" ]]; then
    root="$work/corpus"
    "$repo/target/release/examples/gen-corpus" --leaflets "$leaflets" --out "$root" >/dev/null
    site="generated corpus, $leaflets leaflets"
else
    root="$(cd "$root" && pwd)"
    site="$root"
fi

# One build into a fresh folder; writes "<wall seconds> <peak KB>" to $work/result and leaves
# the folder in $work/last.
timed_build() {
    local out="$work/out-$RANDOM$RANDOM"
    /usr/bin/time -f "%e %M" -o "$work/time" \
        "$leafpress" build --root "$root" --out "$out" "$@" >"$work/stdout" 2>"$work/stderr" || {
        echo "pdf.sh: the build failed:" >&2
        cat "$work/stderr" >&2
        exit 1
    }
    rm -rf "$work/last"
    mv "$out" "$work/last"
    tail -n 1 "$work/time" >"$work/result"
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

plain_times=()
pdf_times=()
peak=0
for ((i = 0; i < runs; i++)); do
    timed_build
    read -r seconds _ <"$work/result"
    plain_times+=("$seconds")
    timed_build --pdf
    read -r seconds kb <"$work/result"
    pdf_times+=("$seconds")
    ((kb > peak)) && peak=$kb
done
pdfs=$(find "$work/last" -name '*.pdf' | wc -l)
plain=$(printf '%s\n' "${plain_times[@]}" | median)
with_pdf=$(printf '%s\n' "${pdf_times[@]}" | median)
leafpress_rate=$(awk -v n="$pdfs" -v a="$plain" -v b="$with_pdf" \
    'BEGIN { e = b - a; if (e <= 0) e = 0.001; printf "%.1f", n / e }')

echo "site:                 $site ($cores cores)"
echo "PDFs per build:       $pdfs"
echo "leafpress build:      ${plain} s   (runs: ${plain_times[*]})"
echo "leafpress build --pdf: ${with_pdf} s   (runs: ${pdf_times[*]}; peak memory $((peak / 1024)) MB)"
echo "leafpress PDFs/s:     $leafpress_rate"

((chromium)) || exit 0

# The same print pages, from the build without PDFs (whose pages do not link to PDFs).
timed_build
(cd "$work/last" && find . -path '*/print/index.html' -o -path '*/print/bilingual/index.html') |
    sed 's|^\./||' | sort >"$work/pages"
total=$(wc -l <"$work/pages")
if ((chromium_pages > 0 && chromium_pages < total)); then
    awk -v n="$chromium_pages" -v t="$total" 'NR % int(t / n) == 0' "$work/pages" | head -n "$chromium_pages" >"$work/sample"
    mv "$work/sample" "$work/pages"
fi
read -r printed seconds < <(node "$repo/benches/chromium-pdf.mjs" "$work/last" "$work/chromium" "$cores" <"$work/pages")
chromium_rate=$(awk -v n="$printed" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')
echo "Chromium:             $printed print pages in ${seconds} s"
echo "Chromium PDFs/s:      $chromium_rate"
awk -v a="$leafpress_rate" -v b="$chromium_rate" 'BEGIN { printf "ratio:                %.1f× as many PDFs a second\n", a / b }'
