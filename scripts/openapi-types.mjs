#!/usr/bin/env node
// Generates the TypeScript types of the HTTP API from the backend's openapi.yaml
// into the common package, where the backend's validation and the frontend's
// client both read them. `--check` regenerates in memory and fails when the
// checked-in file differs.
//
// Backstage's own `backstage-repo-tools package schema openapi generate` needs
// the openapi-generator jar from Maven Central, which this project's machines
// cannot reach; openapi-typescript comes from the npm registry.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, 'plugins/datapact-backend/src/schema/openapi.yaml');
const target = resolve(
  root,
  'plugins/datapact-common/src/schema/openapi.generated.ts',
);

const header = `// This file is generated from ${relative(root, spec)} by
// scripts/openapi-types.mjs (openapi-typescript). Do not edit it: change the
// spec and run \`yarn openapi:generate\`.
/* eslint-disable */
`;

async function generate() {
  const ast = await openapiTS(pathToFileURL(spec));
  const body = astToString(ast)
    // API Extractor wants a release tag on every exported declaration,
    .replace(/^export (interface|type) /gm, '/** @public */\nexport $1 ')
    // and TSDoc, not JSDoc: the description is the comment itself, the
    // enum is in the type already.
    .replace(/^\s*\/\*\* @enum \{\w+\} \*\/\n/gm, '')
    .replace(/^(\s*\*) @enum \{\w+\}\n/gm, '')
    .replace(/@description /g, '')
    .replace(/@default /g, '@defaultValue ');
  const options = await prettier.resolveConfig(target);
  return prettier.format(header + body, { ...options, parser: 'typescript' });
}

const generated = await generate();
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== generated) {
    console.error(
      `${relative(root, target)} is not what ${relative(
        root,
        spec,
      )} generates: run yarn openapi:generate`,
    );
    process.exit(1);
  }
  console.log(`${relative(root, target)} is up to date`);
} else {
  await writeFile(target, generated);
  console.log(`wrote ${relative(root, target)}`);
}
