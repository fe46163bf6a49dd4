#!/usr/bin/env bash
# Installs what the end-to-end tests need to run a real VS Code on this machine (see
# shared/spec/real-editor-testing.md): Debian's chromium, libkrb5-dev, ripgrep and a CJK font, and
# code-server 4.100.3 (VS Code 1.100.3 server + web workbench; the newest release that runs on Node 20).
# Idempotent: once everything is there a run only checks and exits (well under a second).
#
# Where code-server goes (the first that applies; test/e2e/harness.ts resolves it the same way):
#   1. $NIANBAO_CODE_SERVER_DIR, when set;
#   2. <repo>/.cache/code-server, when a complete install is already there (older checkouts);
#   3. the machine-wide cache ${NIANBAO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao}/code-server-4.100.3,
#      shared by every clone on the machine, so that CI on a fresh clone reuses it;
#   4. <repo>/.cache/code-server, when the machine-wide cache cannot be written.
# Concurrent runs wait for each other (flock); an interrupted install is redone from scratch.
#
# Usage: bash scripts/e2e/setup-code-server.sh        (root or sudo needed only when apt packages are missing)
#        bash scripts/e2e/setup-code-server.sh --print-dir   (prints where code-server is or will be; installs nothing)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MARKER_NAME=".installed-$CODE_SERVER_VERSION"
REPO_CACHE="$REPO_ROOT/.cache/code-server"
MACHINE_CACHE="${NIANBAO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao}/code-server-$CODE_SERVER_VERSION"

if [[ -n "${NIANBAO_CODE_SERVER_DIR:-}" ]]; then
  DEST="$NIANBAO_CODE_SERVER_DIR"
elif [[ -f "$REPO_CACHE/$MARKER_NAME" ]]; then
  DEST="$REPO_CACHE"
elif mkdir -p "$MACHINE_CACHE" 2>/dev/null && [[ -w "$MACHINE_CACHE" ]]; then
  DEST="$MACHINE_CACHE"
else
  DEST="$REPO_CACHE"
fi
MARKER="$DEST/$MARKER_NAME"
if [[ "${1:-}" == "--print-dir" ]]; then printf '%s\n' "$DEST"; exit 0; fi
# neovim: the Neovim configuration of docs/editors.md is tested headless (test/editors/neovim.test.ts).
APT_PACKAGES=(chromium libkrb5-dev ripgrep fonts-noto-cjk neovim)

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

mkdir -p "$DEST"
# One installer at a time per folder (two CI jobs on one machine share the machine-wide cache).
exec 9>"$DEST.lock"
if ! flock -n 9; then
  log "another run is installing code-server into $DEST; waiting for it"
  flock 9
fi
if [[ -f "$MARKER" && -f "$DEST/node_modules/code-server/out/node/entry.js" ]]; then
  log "code-server $CODE_SERVER_VERSION was set up in $DEST by the other run"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $DEST (about 1-3 minutes)"
# Whatever an interrupted earlier attempt left is not to be trusted; but never empty a folder this
# script did not create (NIANBAO_CODE_SERVER_DIR could name anything).
if [[ -n "$(ls -A "$DEST")" ]]; then
  grep -qs '"nianbao-e2e-code-server"' "$DEST/package.json" || { log "$DEST is not empty and not ours: refusing to install there"; exit 1; }
  find "$DEST" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
fi
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
