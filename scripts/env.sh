# Sourced by the project's scripts: the environment installs and tests need.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
YARN="node $ROOT/.yarn/releases/yarn-4.13.0.cjs"
# node-gyp builds better-sqlite3 from source; use the machine's Node headers
# instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -d /usr/include/node ]; then
  export npm_config_nodedir=/usr
fi
# PostgreSQL for TestDatabases (never Docker): a local server with trust or
# password authentication for the user postgres.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres:postgres@127.0.0.1:5432}"

install_dependencies() {
  (cd "$ROOT" && $YARN install --immutable) || exit 1
}
