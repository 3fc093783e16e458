#!/usr/bin/env bash
# Installs what the integration tests need and a fresh machine lacks:
# Debian packages (Chromium, ripgrep, gssapi headers for a native module of VS Code,
# Alertmanager, kubectl when missing) and a cached code-server (VS Code 1.100.3 server +
# web workbench).
# Idempotent: every step is skipped when its result is already there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ONCALL_TEST_HOST_DIR:-$root/.vscode-test}"
code_server_version="4.100.3"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v prometheus-alertmanager >/dev/null 2>&1 || need_apt+=(prometheus-alertmanager)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# The machine image ships kubectl; Debian's older client is the fallback the tests accept.
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubernetes-client)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-test-host: installing Debian packages: ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

entry="$cache/node_modules/code-server/out/node/entry.js"
marker="$cache/.installed-$code_server_version"
if [ -f "$marker" ] && [ -f "$entry" ]; then
  exit 0
fi

echo "install-test-host: installing code-server $code_server_version into $cache (a few minutes, once)"
mkdir -p "$cache"
cd "$cache"
[ -f package.json ] || echo '{"name":"oncall-test-host","private":true}' > package.json
# Its own postinstall refuses root and downloads ripgrep from the internet: do its steps by hand.
npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$code_server_version" >/dev/null

vscode_dir="$cache/node_modules/code-server/lib/vscode"
cd "$vscode_dir"
npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's build script calls `npx node-gyp`; npm here defaults to yes=false.
npm_config_yes=true npm rebuild >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)

cd "$cache"
npm_config_yes=true npm rebuild argon2 >/dev/null
node "$entry" --version
touch "$marker"
