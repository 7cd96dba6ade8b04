/*
 * The backend's governance evaluation (Governance.refresh: read the catalog
 * page by page, evaluate every rule, store the snapshot) over 10,000
 * generated datasets, next to `datapact check` on the same world, in one
 * run. Run with `yarn bench:governance`.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { measureCheck, writeCatalogInfo } from './datapactCheck';
import { FindingsStore } from '../plugins/datapact-backend/src/database/FindingsStore';
import { Governance } from '../plugins/datapact-backend/src/services/Governance';
import { generateWorld } from './generateWorld';

const DATASETS = 10_000;

async function backend(entities: ReturnType<typeof generateWorld>) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await knex.migrate.latest({
    directory: resolve(__dirname, '../plugins/datapact-backend/migrations'),
  });
  const governance = new Governance({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    clock: { now: () => new Date('2026-11-29T10:00:00Z') },
    store: new FindingsStore(knex),
    logger: mockServices.rootLogger({ level: 'warn' }),
  });
  const runs: number[] = [];
  let findings = 0;
  for (let i = 0; i < 4; i++) {
    const start = process.hrtime.bigint();
    findings = (await governance.refresh()).findings.length;
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  await knex.destroy();
  // First run warms up; median of the other three.
  const seconds = runs.slice(1).sort((a, b) => a - b)[1];
  return {
    seconds,
    findings,
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

function cliRun(entities: ReturnType<typeof generateWorld>) {
  const { dir } = writeCatalogInfo(entities, 'governance');
  try {
    const runs = [0, 1, 2].map(() => {
      const run = measureCheck(dir);
      return { seconds: run.seconds, rssMiB: run.mib, findings: run.problems };
    });
    return runs.sort((a, b) => a.seconds - b.seconds)[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const entities = generateWorld({ datasets: DATASETS });
  const fromCli = cliRun(entities);
  const fromBackend = await backend(entities);
  console.log(
    `node ${process.version}; ${DATASETS} datasets, ${entities.length} entities`,
  );
  console.log(
    'where                               | seconds | memory               | findings',
  );
  console.log(
    `backend Governance.refresh (median) | ${fromBackend.seconds
      .toFixed(2)
      .padStart(7)} | heap ${fromBackend.heapMiB.toFixed(
      0,
    )} MiB, RSS ${fromBackend.rssMiB.toFixed(0)} MiB | ${fromBackend.findings}`,
  );
  console.log(
    `datapact check process (median)    | ${fromCli.seconds
      .toFixed(2)
      .padStart(7)} | peak RSS ${fromCli.rssMiB.toFixed(0)} MiB        | ${
      fromCli.findings
    }`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
