#!/usr/bin/env bash
# Installs what leafpress's tests need, if it is missing. Idempotent and fast
# when everything is already there (no apt-get update, no npm ci).
#
#   bash tests/setup.sh
#
# - Debian packages: chromium (headless browser for tests/browser),
#   fonts-noto-cjk (so Chinese pages and PDFs render with real glyphs),
#   fonts-dejavu-core (the Latin font of the PDFs, and of the no-Chinese-font test),
#   poppler-utils (pdftotext/pdftoppm), zbar-tools (zbarimg, QR codes).
# - npm packages of tests/browser (playwright-core, axe-core, vnu-jar), from
#   package-lock.json with `npm ci`, when node_modules is missing or the lock
#   file changed since the last install.
#
# Never downloads a browser or a JDK of its own: playwright-core drives
# Debian's /usr/bin/chromium, and npm install scripts are skipped (vnu-jar's
# postinstall would try to fetch a Java runtime; the machine's java is used).
set -euo pipefail

cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium fonts-noto-cjk fonts-dejavu-core poppler-utils zbar-tools)

log() { printf 'setup: %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
    log "Debian packages present: ${APT_PACKAGES[*]}"
fi

# Sanity checks: the tools the tests call.
for tool in /usr/bin/chromium java node npm pdftotext zbarimg; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "setup: required tool not found after install: $tool" >&2
        exit 1
    fi
done

# --- npm packages of tests/browser ------------------------------------------
BROWSER_DIR=tests/browser
STAMP="$BROWSER_DIR/node_modules/.leafpress-lock.sha256"
want=$(sha256sum "$BROWSER_DIR/package-lock.json" | cut -d' ' -f1)
have=$(cat "$STAMP" 2>/dev/null || true)

if [[ ! -d "$BROWSER_DIR/node_modules" || "$want" != "$have" ]]; then
    log "npm ci in $BROWSER_DIR"
    # --ignore-scripts: no install script may download anything (vnu-jar's
    # postinstall fetches a JDK when it finds none; we have Debian's java).
    (cd "$BROWSER_DIR" &&
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund \
            --loglevel=error </dev/null)
    printf '%s\n' "$want" >"$STAMP"
else
    log "npm packages up to date in $BROWSER_DIR/node_modules"
fi

log "ok"
