#!/usr/bin/env bash
# Installs the dependencies and starts the demo: the demo warehouse
# (PostgreSQL wire protocol on 127.0.0.1:5433, packages/demo-warehouse) and
# the portal (frontend on :3000, backend on :7007) with the example world on
# the embedded SQLite database. Ctrl-C stops both. The portal reads
# app-config.yaml and then app-config.demo.yaml (BACKSTAGE_ENV=demo): the
# demo personas, who let anyone sign in as anyone, live only there.
set -euo pipefail
source "$(dirname "$0")/env.sh"
install_dependencies
cd "$ROOT"
port="${DATAPACT_DEMO_WAREHOUSE_PORT:-5433}"
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

if listening; then
  echo "demo: something already listens on 127.0.0.1:$port; using it as the demo warehouse"
else
  node --require @backstage/cli/config/nodeTransform.cjs \
    packages/demo-warehouse/src/main.ts &
  warehouse=$!
  trap 'kill "$warehouse" 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do
    listening && break
    kill -0 "$warehouse" 2>/dev/null || { echo "demo: the demo warehouse failed to start" >&2; exit 1; }
    sleep 0.5
  done
fi
BACKSTAGE_ENV=demo $YARN start
