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
# The key that signs the demo's audit checkpoints: made once, kept out of git.
key="$ROOT/.demo/checkpoint-key.pem"
if [ -z "${DATAPACT_CHECKPOINT_KEY:-}" ]; then
  if [ ! -f "$key" ]; then
    mkdir -p "$ROOT/.demo"
    node -e "const {generateKeyPairSync}=require('crypto');process.stdout.write(generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'pem'}))" > "$key"
    chmod 600 "$key"
    echo "demo: made the audit checkpoint key $key (its public key, for datapact audit verify: openssl pkey -in $key -pubout)"
  fi
  DATAPACT_CHECKPOINT_KEY="$(cat "$key")"
  export DATAPACT_CHECKPOINT_KEY
fi
BACKSTAGE_ENV=demo $YARN start
