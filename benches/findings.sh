#!/usr/bin/env bash
# A first import with many findings: how long `build` takes when its findings go to a terminal
# (the first 200 in full and a summary per rule) against the same build with every finding
# sent to a file (`build 2>file`, as in CI), and with every finding printed on the terminal
# (`build 2>&1 | cat` on a terminal: what a terminal got before the summary).
#
# The site is the generated corpus (examples/gen-corpus.rs) with its Chinese files left in
# English, as a machine translation that never happened: every paragraph an untranslated-text
# finding. The terminal is a pseudo-terminal from util-linux `script`. Each build goes into a
# new output folder on tmpfs (/dev/shm) when there is one. Prints each run, then the medians
# and the ratio of the summary to the file.
#
#   bash benches/findings.sh [--leaflets N] [--runs N]
#
# --leaflets  leaflets in the corpus (default: 5000)
# --runs      builds of each kind, taken in turn (default: 5)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
leaflets=5000
runs=5
while [[ $# -gt 0 ]]; do
    case "$1" in
        --leaflets) leaflets="${2:?--leaflets needs a number}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "findings.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "findings.sh: --runs must be a positive number" >&2; exit 2; }
command -v script >/dev/null || { echo "findings.sh: needs util-linux \`script\` for a terminal" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin leafpress --example gen-corpus
leafpress="$repo/target/release/leafpress"
gen="$repo/target/release/examples/gen-corpus"

base="/tmp"
[[ -d /dev/shm && -w /dev/shm ]] && base="/dev/shm"
work="$(mktemp -d -p "$base" leafpress-findings.XXXXXX)"
trap 'rm -rf "$work"' EXIT
site="$work/site"

"$gen" --leaflets "$leaflets" --out "$site" >/dev/null
cat >>"$site/site.yaml" <<'EOF'
hospital:
  name: { en: Bench Example Hospital, zh: 基准示例医院 }
  emergency: "999"
EOF
for dir in "$site"/leaflets/*/; do
    cp "$dir/en.md" "$dir/zh.md"
done

# Seconds of wall time of one build of the site into a new folder; $1 is how its findings go.
build() {
    local how="$1" out="$work/out" start end
    rm -rf "$out"
    local cmd=("$leafpress" build --root "$site" --out "$out")
    start="$(date +%s.%N)"
    case "$how" in
        summary) NO_COLOR=1 script -qec "${cmd[*]}" /dev/null >"$work/terminal.txt" ;;
        file) "${cmd[@]}" 2>"$work/findings.txt" >/dev/null ;;
        all-on-terminal) NO_COLOR=1 script -qec "${cmd[*]} 2>&1 | cat" /dev/null >/dev/null ;;
    esac
    end="$(date +%s.%N)"
    echo "$end - $start" | bc
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

kinds=(summary file all-on-terminal)
declare -A times
for ((run = 1; run <= runs; run++)); do
    # The kinds in an order that turns each run, so none always goes first.
    for ((k = 0; k < ${#kinds[@]}; k++)); do
        kind="${kinds[$(((k + run) % ${#kinds[@]}))]}"
        seconds="$(build "$kind")"
        times[$kind]+="$seconds "
        printf 'run %d  %-16s %6.2f s\n' "$run" "$kind" "$seconds"
    done
done

findings="$(grep -c ': warning: ' "$work/findings.txt" || true)"
bytes="$(wc -c <"$work/findings.txt")"
echo
echo "$leaflets leaflets, $findings findings ($bytes bytes of diagnostics), $runs runs each, medians:"
for kind in "${kinds[@]}"; do
    m="$(tr ' ' '\n' <<<"${times[$kind]}" | grep . | median)"
    eval "median_${kind//-/_}=$m"
    printf '  %-16s %6.2f s\n' "$kind" "$m"
done
printf '  summary / file   %6.2f\n' "$(echo "$median_summary / $median_file" | bc -l)"
echo
echo "what the terminal showed after the first 200 findings:"
sed -n '/more findings not shown/,$p' "$work/terminal.txt" | tr -d '\r'
