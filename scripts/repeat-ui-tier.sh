#!/usr/bin/env bash
# `npm run test:ui:repeat [-- N]`: the UI tier N times in a row (default 5) on one build, to
# show it does not flake. Every run is reported; the exit code is non-zero if any run failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "test:ui:repeat: the number of runs must be a positive whole number, not \"$runs\"" >&2; exit 2; }

npm run -s package >/dev/null && npm run -s build:launch || exit 1
green=0
for ((run = 1; run <= runs; run++)); do
  echo "== UI tier, run $run of $runs"
  if npm run -s test:ui:run; then green=$((green + 1)); else echo "== run $run failed"; fi
done
echo "ui repeat: $green of $runs runs green"
[ "$green" -eq "$runs" ]
