#!/usr/bin/env bash
# Installs the dependencies and starts the demo portal (frontend on :3000,
# backend on :7007) with the example world on the embedded SQLite database.
set -euo pipefail
source "$(dirname "$0")/env.sh"
install_dependencies
cd "$ROOT"
exec $YARN start
