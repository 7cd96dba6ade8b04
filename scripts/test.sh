#!/usr/bin/env bash
# Installs the dependencies and runs every test: type check, lint, formatting, unit and
# integration tests on SQLite and PostgreSQL, the fault suite (two backend
# replicas on a private PostgreSQL cluster it stops and restarts),
# end-to-end tests in Chromium.
# Extra arguments go to Jest.
set -euo pipefail
source "$(dirname "$0")/env.sh"
install_dependencies
cd "$ROOT"
# PostgreSQL and Chromium, installed or started where missing.
"$ROOT/scripts/provision.sh"
# Tests that need PostgreSQL fail instead of skipping it.
export DATAPACT_REQUIRE_POSTGRES=1
echo "== type check"
$YARN tsc
echo "== API reports (report.api.md; after an intended change: yarn build:api-reports)"
$YARN build:api-reports:only --ci
echo "== OpenAPI types (openapi.yaml valid; openapi.generated.ts regenerated from it: yarn openapi:generate)"
$YARN openapi:check
echo "== lint"
$YARN backstage-cli repo lint
echo "== formatting (prettier --check)"
$YARN prettier --check .
echo "== unit and integration tests"
CI=true $YARN backstage-cli repo test --maxWorkers=2 "$@"
echo "== fault suite (two replicas, kill -9, SIGSTOP, database outages)"
$YARN test:faults
echo "== end-to-end tests (Debian Chromium against the demo portal)"
$YARN playwright test
