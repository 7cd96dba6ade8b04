#!/usr/bin/env bash
# The adopter test (issue 15): Datapact installed into a freshly generated
# Backstage 1.55 app as an adopter would, the way Backstage's own repository
# tests create-app against its local packages.
#
#   1. release   ./scripts/release.sh builds and packs the release tarballs
#   2. generate  a new app from @backstage/create-app@0.9.2 (run on Node 22
#                from the npm registry, since 0.9.2 refuses Node 20)
#   3. install   the README's "Installing Datapact into your Backstage app",
#                applied by adopter/apply-readme.mjs against the tarballs
#   4. tsc       the app's type check
#   5. build     the app's frontend (served by the backend's app plugin)
#   6. backend   the app's backend on SQLite (files in the work dir), the
#                fixture in adopter/catalog and five sensitivity tiers
#                (adopter/app-config.adopter.yaml)
#   7. api       Datapact's endpoints over HTTP (adopter/check-api.mjs)
#   8. browser   one Chromium screenshot of the dataset's Lineage tab, whose
#                legend must list the five tiers (adopter/screenshot.mjs)
#
# Everything after generation runs on the machine's Node (20, 22 or 24) and the
# app's own vendored yarn. Work happens in $ADOPTER_WORK_DIR (default: a new
# temp dir); the app's node_modules (and Node 22) are removed at the end
# unless ADOPTER_KEEP=1.
# ADOPTER_TARBALLS=<dir> reuses tarballs instead of running the release;
# ADOPTER_PORT (default 7107) is where the app listens. To debug the later
# phases, ADOPTER_KEEP=1 on a first run, then ADOPTER_REUSE_APP=1 with the same
# ADOPTER_WORK_DIR starts again from tsc on the installed app.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

WORK="${ADOPTER_WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/datapact-adopter.XXXXXX")}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
APP="$WORK/app"
PORT="${ADOPTER_PORT:-7107}"
BASE_URL="http://localhost:$PORT"
TIERS=(open internal sensitive restricted secret)
BACKEND_PID=

PHASE=
PHASE_START=
SUMMARY=()
phase() {
  end_phase
  PHASE="$1"
  PHASE_START=$SECONDS
  echo
  echo "== adopter test: $PHASE"
}
end_phase() {
  if [ -n "$PHASE" ]; then
    SUMMARY+=("$(printf '%-10s %4d s' "$PHASE" $((SECONDS - PHASE_START)))")
  fi
  PHASE=
}
print_summary() {
  echo
  echo "== adopter test: phase durations"
  printf '  %s\n' "${SUMMARY[@]}"
}

cleanup() {
  local status=$?
  if [ -n "$BACKEND_PID" ]; then
    # The backend runs in its own process group (setsid): yarn, the CLI, node.
    kill -- -"$BACKEND_PID" 2>/dev/null || true
    wait "$BACKEND_PID" 2>/dev/null || true
  fi
  if [ $status -ne 0 ]; then
    local failed="$PHASE"
    end_phase
    print_summary
    echo
    echo "ADOPTER TEST FAILED in phase '${failed:-setup}' (exit $status); work dir: $WORK" >&2
    [ -f "$WORK/backend.log" ] && echo "backend log: $WORK/backend.log" >&2
  fi
  if [ "${ADOPTER_KEEP:-}" != 1 ]; then
    rm -rf "$APP/node_modules" "$WORK/node22"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null "$BASE_URL"; then
  echo "port $PORT is in use; set ADOPTER_PORT to a free port" >&2
  exit 1
fi
echo "adopter test: work dir $WORK"

# The generated app's own vendored yarn (its .yarnrc.yml yarnPath).
app_yarn() {
  (cd "$APP" && node "$APP/$(sed -n 's/^yarnPath: *//p' .yarnrc.yml)" "$@")
}

if [ "${ADOPTER_REUSE_APP:-}" = 1 ] && [ -d "$APP/node_modules" ]; then
  echo "reusing the installed app in $APP"
else
# ---------------------------------------------------------------------------
phase release
if [ -n "${ADOPTER_TARBALLS:-}" ]; then
  RELEASE="$(cd "$ADOPTER_TARBALLS" && pwd)"
  echo "reusing the tarballs in $RELEASE"
else
  ./scripts/release.sh
  RELEASE="$ROOT/dist-release"
fi
ls "$RELEASE"/*.tgz >/dev/null

# ---------------------------------------------------------------------------
phase generate
# create-app 0.9.2 wants Node 22 or 24 and a `yarn` on PATH (it only asks
# its version with --skip-install): Node 22 from the npm registry, a stub yarn.
npm install --prefix "$WORK/node22" --no-audit --no-fund --loglevel=error node@22 >/dev/null
mkdir -p "$WORK/stub-bin"
printf '#!/bin/sh\necho 4.13.0\n' >"$WORK/stub-bin/yarn"
chmod +x "$WORK/stub-bin/yarn"
rm -rf "$APP"
(
  cd "$WORK"
  export PATH="$WORK/node22/node_modules/node/bin:$WORK/stub-bin:$PATH"
  echo "create-app on Node $(node --version)"
  BACKSTAGE_APP_NAME=app npx -y @backstage/create-app@0.9.2 --skip-install </dev/null >"$WORK/create-app.log" 2>&1 ||
    { cat "$WORK/create-app.log"; exit 1; }
)
echo "generated $(node -p "require('$APP/backstage.json').version") app in $APP"
# The registry holds part of newer Backstage releases: the generated
# plugin-signals-backend needs backend-defaults 0.19 (without it the backend
# fails with "httpRouter.addWebSocketHandler is not a function").
sed -i 's#"@backstage/backend-defaults": "^0.18.0"#"@backstage/backend-defaults": "^0.19.0"#' "$APP/packages/backend/package.json"
grep -q '"@backstage/backend-defaults": "^0.19.0"' "$APP/packages/backend/package.json"

# ---------------------------------------------------------------------------
phase install
# As the README's tarball section says: dist-release/ copied into the app as
# datapact-release/, then the README's install lines (adopter/apply-readme.mjs).
cp -r "$RELEASE" "$APP/datapact-release"
# The app's first install writes its lockfile (no seed lockfile is fetched
# here), which CI=true forbids unless immutable installs are off.
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
node "$ROOT/adopter/apply-readme.mjs" "$ROOT/README.md" "$APP" >"$WORK/install.log" 2>&1 ||
  { tail -60 "$WORK/install.log"; exit 1; }
grep -v '^➤' "$WORK/install.log"
unset YARN_ENABLE_IMMUTABLE_INSTALLS
echo "installed @datapact packages:"
(cd "$APP" && ls -d node_modules/@datapact/* | sed 's#^#  #')
fi

# ---------------------------------------------------------------------------
phase tsc
app_yarn tsc

# ---------------------------------------------------------------------------
phase build
sed -e "s#__PORT__#$PORT#g" -e "s#__CATALOG__#$ROOT/adopter/catalog#g" -e "s#__SQLITE__#$WORK/sqlite#g" \
  "$ROOT/adopter/app-config.adopter.yaml" >"$APP/app-config.adopter.yaml"
CONFIG=(--config "$APP/app-config.yaml" --config "$APP/app-config.adopter.yaml")
app_yarn --cwd packages/app backstage-cli package build "${CONFIG[@]}" >"$WORK/build.log" 2>&1 ||
  { tail -50 "$WORK/build.log"; exit 1; }
ls "$APP/packages/app/dist/index.html" >/dev/null

# ---------------------------------------------------------------------------
phase backend
rm -rf "$WORK/sqlite"
mkdir -p "$WORK/sqlite"
(
  cd "$APP/packages/backend"
  exec setsid node "$APP/$(sed -n 's/^yarnPath: *//p' "$APP/.yarnrc.yml")" backstage-cli package start "${CONFIG[@]}"
) >"$WORK/backend.log" 2>&1 &
BACKEND_PID=$!
for _ in $(seq 1 180); do
  if curl -sf -o /dev/null "$BASE_URL/.backstage/health/v1/readiness"; then break; fi
  # `package start` keeps running when the backend fails to start.
  if ! kill -0 "$BACKEND_PID" 2>/dev/null || grep -q 'Backend startup failed' "$WORK/backend.log"; then
    tail -50 "$WORK/backend.log"
    echo "the backend did not start" >&2
    exit 1
  fi
  sleep 1
done
curl -sf -o /dev/null "$BASE_URL/.backstage/health/v1/readiness" || { tail -50 "$WORK/backend.log"; exit 1; }
echo "backend ready at $BASE_URL"

# ---------------------------------------------------------------------------
phase api
node "$ROOT/adopter/check-api.mjs" "$BASE_URL"

# ---------------------------------------------------------------------------
phase browser
SCREENSHOT="$WORK/dataset-lineage.png"
node "$ROOT/adopter/screenshot.mjs" "$BASE_URL" /catalog/default/dataset/admissions-weekly "$SCREENSHOT" "${TIERS[@]}"
echo "screenshot: $SCREENSHOT"

end_phase
print_summary
echo
echo "ADOPTER TEST PASSED; screenshot: $SCREENSHOT"
