#!/usr/bin/env bash
# Builds every publishable package (plugins/*, packages/cli) and packs each
# into a versioned tarball under dist-release/, the files an adopter installs
# today (see the README, "Installing from the release tarballs").
#
#   ./scripts/release.sh              build, pack, list; print what would be published
#   NPM_TOKEN=… ./scripts/release.sh  the same, then `npm publish` each tarball
#
# Versions are the packages' own: run `yarn changeset version` first to apply
# the pending changesets. Packages are packed and published dependencies
# first, so a registry never holds a package whose @datapact dependency is
# missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
OUT="$ROOT/dist-release"

# Publishable workspaces (not private), dependencies first: "name<TAB>dir<TAB>version".
publishable() {
  $YARN workspaces list --json | node -e '
    const fs = require("fs");
    const path = require("path");
    const all = fs.readFileSync(0, "utf8").trim().split("\n").map(JSON.parse)
      .map(w => ({ dir: w.location, pkg: JSON.parse(fs.readFileSync(path.join(w.location, "package.json"), "utf8")) }))
      .filter(w => w.dir !== "." && !w.pkg.private);
    const names = new Set(all.map(w => w.pkg.name));
    const done = new Set();
    const visit = w => {
      if (done.has(w.pkg.name)) return;
      done.add(w.pkg.name);
      for (const dep of Object.keys(w.pkg.dependencies ?? {}).filter(d => names.has(d)))
        visit(all.find(o => o.pkg.name === dep));
      console.log([w.pkg.name, w.dir, w.pkg.version].join("\t"));
    };
    all.forEach(visit);
  '
}

echo "== type-check (repo build needs the declarations from tsc)"
$YARN tsc

echo "== build"
$YARN backstage-cli repo build

echo "== pack into ${OUT#"$ROOT"/}"
rm -rf "$OUT"
mkdir -p "$OUT"
tarballs=()
while IFS=$'\t' read -r name dir version; do
  # npm's file name: @datapact/backstage-plugin 0.1.0 -> datapact-backstage-plugin-0.1.0.tgz
  file="$OUT/$(echo "${name#@}" | tr / -)-$version.tgz"
  (cd "$dir" && $YARN pack --out "$file" >/dev/null)
  # A tarball must name real versions, never the workspace protocol.
  if tar -xOzf "$file" package/package.json | grep -q '"workspace:'; then
    echo "$file still depends on workspace: versions" >&2
    exit 1
  fi
  tarballs+=("$file")
done < <(publishable)

echo "== tarballs"
(cd "$OUT" && ls -l --block-size=K -- *.tgz | awk '{ print $5 "\t" $9 }')

if [ -n "${NPM_TOKEN:-}" ]; then
  echo "== publish"
  npmrc="$(mktemp)"
  trap 'rm -f "$npmrc"' EXIT
  echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >"$npmrc"
  for file in "${tarballs[@]}"; do
    npm publish --userconfig "$npmrc" --access public "$file"
  done
else
  echo "== dry run (set NPM_TOKEN to publish); would run:"
  for file in "${tarballs[@]}"; do
    echo "  npm publish --access public ${file#"$ROOT"/}"
  done
fi
