#!/usr/bin/env bash
# Refreshes the README's pictures from a UI test run: runs `npm run test:ui` (unless
# --skip-tests), then copies the screenshots the README shows into media/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--skip-tests" ]]; then npm run test:ui; fi
for name in incidents-pagerduty incidents-300px incidents-folded runbook-scenarios runbook-context confirm-destructive postmortem walkthrough-progress promql-panel; do
  source="test-results/screenshots/${name}.png"
  [[ -f "$source" ]] || { echo "missing $source: did the UI tests run?" >&2; exit 1; }
  cp "$source" "media/screenshots/${name}.png"
done
echo "media/screenshots/ refreshed; review the pictures, then commit them."
