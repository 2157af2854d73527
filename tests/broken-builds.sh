#!/usr/bin/env bash
# Deliberately broken builds: each case breaks one promise in the source and runs the test that
# guards it, which must then fail. Proves those tests can fail; not part of run-all.sh (each
# case rebuilds). Needs a clean work tree: every case is undone with `git checkout`.
#
#   bash tests/broken-builds.sh
set -uo pipefail
cd "$(dirname "$0")/.."

FILES=(src/text/markdown.rs src/render/body.rs templates/style.css src/pdf/print.typ)
if ! git diff --quiet -- "${FILES[@]}"; then
    echo "broken-builds: ${FILES[*]} have uncommitted changes; commit or stash them first" >&2
    exit 2
fi

failed_as_they_should=0
passed_anyway=0

# case NAME FILE FROM TO COMMAND…: replaces FROM by TO in FILE, runs COMMAND, restores FILE.
case_() {
    local name="$1" file="$2" from="$3" to="$4"
    shift 4
    python3 - "$file" "$from" "$to" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
assert old in text, f"{path}: the text to break is not there any more: {old!r}"
open(path, "w").write(text.replace(old, new, 1))
PY
    if "$@" >"target/broken-$name.log" 2>&1; then
        echo "broken-builds: $name: the test still PASSED on the broken build (target/broken-$name.log)"
        passed_anyway=$((passed_anyway + 1))
    else
        echo "broken-builds: $name: the test failed, as it should"
        failed_as_they_should=$((failed_as_they_should + 1))
    fi
    git checkout -q -- "$file"
}

mkdir -p target

# Markup between two comments was dropped whole, text and all (issue 21).
case_ comment-wrapped-markup src/text/markdown.rs \
    'pub fn is_comment(html: &str) -> bool {' \
    'pub fn is_comment(html: &str) -> bool {
    if html.trim().starts_with("<!--") && html.trim().ends_with("-->") { return true; }' \
    cargo test --test cli raw_html_are_reported

# A closing tag on its own was skipped without a word (issue 21).
case_ lone-closing-tag src/render/body.rs \
    'Some((name, true)) if open_tags.contains(&name) => {' \
    'Some((name, true)) => {
                            if !open_tags.contains(&name) { continue; }' \
    cargo test --test cli raw_html_are_reported

# Printed pages show the address of each external link.
case_ print-link-addresses templates/style.css \
    '  .leaflet-body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; word-break: break-all; }' \
    '' \
    bash -c 'cargo build && node tests/browser/check-print.mjs --leafpress target/debug/leafpress'

# Every PDF ends with the hospital's emergency number.
case_ pdf-emergency-number src/pdf/print.typ \
    '  if C.emergency != none { parbreak(); text(weight: "bold", C.emergency) }' \
    '' \
    cargo test --test cli pdfs_end_with_the_hospitals_contact_lines

cargo build -q 2>/dev/null
echo "broken-builds: $failed_as_they_should failed as they should, $passed_anyway passed anyway"
((passed_anyway == 0))
