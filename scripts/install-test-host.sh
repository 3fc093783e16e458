#!/usr/bin/env bash
# Installs what the tests need and a fresh machine lacks; `npm test` runs it first (pretest).
# - Debian packages: Chromium (the UI and the workbench), ripgrep (VS Code's search), gssapi
#   headers (a native module of VS Code), Alertmanager, Prometheus and PostgreSQL (real servers
#   the tests start on loopback), sqlite3, and kubectl when the machine has none.
# - code-server (VS Code 1.100.3's server and web workbench), cached in .vscode-test/.
# Idempotent and silent when everything is there; one line when it installs (the details go to
# a log file it names); a clear failure when it cannot (not root and no sudo, no apt-get).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ONCALL_TEST_HOST_DIR:-$root/.vscode-test}"
code_server_version="4.100.3"
log="$cache/install.log"

# command or file that shows the package is there → Debian package
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v prometheus-alertmanager >/dev/null 2>&1 || need_apt+=(prometheus-alertmanager)
# PromQL blocks run against a real Prometheus; the tests start their own, never the service.
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# Placeholder values in SQL steps are proven inert by running them through a real sqlite3.
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
[ -f /usr/include/gssapi/gssapi.h ] || dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# The machine image ships kubectl; Debian's older client is the fallback the tests accept.
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubernetes-client)

entry="$cache/node_modules/code-server/out/node/entry.js"
marker="$cache/.installed-$code_server_version"
need_code_server=0
{ [ -f "$marker" ] && [ -f "$entry" ]; } || need_code_server=1

[ ${#need_apt[@]} -eq 0 ] && [ $need_code_server -eq 0 ] && exit 0

fail() {
  echo "install-test-host: $*" >&2
  exit 1
}

sudo_cmd=()
if [ ${#need_apt[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "the tests need ${need_apt[*]} (Debian package names), and without apt-get this script cannot install them. Install your system's equivalents (Chromium at /usr/bin/chromium, ripgrep, Prometheus Alertmanager at /usr/bin/prometheus-alertmanager, Prometheus at /usr/bin/prometheus, PostgreSQL, sqlite3, the Kerberos development headers, kubectl), then run npm test again."
  fi
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "installing ${need_apt[*]} needs root, and there is no sudo. Run as root: apt-get install ${need_apt[*]}; then npm test again."
    if [ -t 0 ]; then sudo_cmd=(sudo); else sudo_cmd=(sudo -n); fi
    "${sudo_cmd[@]}" true 2>/dev/null || fail "installing ${need_apt[*]} needs root, and sudo asks for a password no one can type here. Run: sudo apt-get install ${need_apt[*]}; then npm test again."
  fi
fi

mkdir -p "$cache"
: >"$log"
what=()
[ ${#need_apt[@]} -gt 0 ] && what+=("Debian packages ${need_apt[*]}")
[ $need_code_server -eq 1 ] && what+=("code-server $code_server_version into ${cache#"$root"/}")
joined=$(printf '%s and ' "${what[@]}")
echo "install-test-host: installing ${joined% and } (once, a few minutes; details in ${log#"$root"/})"

run_logged() {
  if ! "$@" >>"$log" 2>&1; then
    echo "install-test-host: failed: $*" >&2
    tail -n 20 "$log" >&2
    fail "see $log"
  fi
}

if [ ${#need_apt[@]} -gt 0 ]; then
  run_logged "${sudo_cmd[@]}" apt-get update -qq
  run_logged "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

[ $need_code_server -eq 1 ] || exit 0
cd "$cache"
[ -f package.json ] || echo '{"name":"oncall-test-host","private":true}' > package.json
# Its own postinstall refuses root and downloads ripgrep from the internet: do its steps by hand.
run_logged npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$code_server_version"

vscode_dir="$cache/node_modules/code-server/lib/vscode"
cd "$vscode_dir"
run_logged npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's build script calls `npx node-gyp`; npm here defaults to yes=false.
run_logged env npm_config_yes=true npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)

cd "$cache"
run_logged env npm_config_yes=true npm rebuild argon2
run_logged node "$entry" --version
touch "$marker"
