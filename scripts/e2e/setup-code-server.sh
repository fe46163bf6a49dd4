#!/usr/bin/env bash
# Installs what the end-to-end tests need to run a real VS Code on this machine (see
# shared/spec/real-editor-testing.md): Debian's chromium, libkrb5-dev, ripgrep and a CJK font, and
# code-server 4.100.3 (VS Code 1.100.3 server + web workbench; the newest release that runs on Node 20)
# into .cache/code-server/ at the repo root. Idempotent: a second run only checks and exits.
#
# Usage: bash scripts/e2e/setup-code-server.sh        (root or sudo needed only when apt packages are missing)
# Env:   NIANBAO_CODE_SERVER_DIR  install folder (default <repo>/.cache/code-server)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${NIANBAO_CODE_SERVER_DIR:-$REPO_ROOT/.cache/code-server}"
MARKER="$DEST/.installed-$CODE_SERVER_VERSION"
APT_PACKAGES=(chromium libkrb5-dev ripgrep fonts-noto-cjk)

log() { printf '[setup-code-server] %s\n' "$*"; }
start=$SECONDS

# --- 1. System packages -------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then SUDO=(sudo); else
      log "missing apt packages (${missing[*]}) and not root: install them and run again"; exit 1
    fi
  fi
  log "installing apt packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "apt packages already installed: ${APT_PACKAGES[*]}"
fi
command -v rg >/dev/null || { log "ripgrep (rg) not on PATH after install"; exit 1; }
[[ -x /usr/bin/chromium ]] || { log "/usr/bin/chromium missing after install"; exit 1; }

# --- 2. code-server ------------------------------------------------------------------------------
if [[ -f "$MARKER" && -f "$DEST/node_modules/code-server/out/node/entry.js" ]]; then
  log "code-server $CODE_SERVER_VERSION already set up in $DEST"
  log "done in $((SECONDS - start))s"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $DEST (about 1-3 minutes)"
rm -f "$MARKER"
mkdir -p "$DEST"
cd "$DEST"
# Its own package.json so that npm does not walk up into the repo's.
[[ -f package.json ]] || printf '{ "name": "nianbao-e2e-code-server", "private": true }\n' > package.json

# The package's install script refuses root and downloads ripgrep from the internet: skip scripts and
# do its work by hand.
log "npm install code-server@$CODE_SERVER_VERSION --ignore-scripts"
npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"

cd node_modules/code-server/lib/vscode
log "npm install (VS Code's own production dependencies) --ignore-scripts"
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
log "npm rebuild native modules"
npm rebuild --loglevel=error @parcel/watcher @vscode/spdlog kerberos native-watchdog
npm_config_yes=true npm rebuild --loglevel=error node-pty
ln -sfn node_modules node_modules.asar
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

cd "$DEST"
log "npm rebuild argon2"
npm rebuild --loglevel=error argon2

# Sanity check: the server answers --version.
# (Throwaway XDG dirs: code-server writes a default config file on every start.)
scratch="$(mktemp -d)"
version_out="$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" \
  node node_modules/code-server/out/node/entry.js --version 2>&1 | grep -v ' info ' | head -n 1 || true)"
rm -rf "$scratch"
log "code-server --version: $version_out"
[[ "$version_out" == "$CODE_SERVER_VERSION "* ]] || { log "unexpected version output"; exit 1; }

touch "$MARKER"
log "done in $((SECONDS - start))s"
