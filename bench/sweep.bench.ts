/*
 * The backend's lifecycle sweep (Grants.endBrokenGrants: read the catalog
 * once, page through the active grants, judge each basis with
 * checkAccessBasis, end the broken ones) over 10,000 active grants on 1,000
 * generated datasets, next to the framework floor (the catalog read and the
 * raw paging alone), on SQLite and PostgreSQL in one run. Run with
 * `yarn bench:sweep`.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AgreementEntityV1alpha1,
  DatasetEntityV1alpha1,
  GovernanceWorld,
  isAgreementEntity,
  isDatasetEntity,
} from '@datapact/backstage-plugin-common';
import knexFactory, { Knex } from 'knex';
import { Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { DatapactStores } from '../plugins/datapact-backend/src/database/DatapactStores';
import { FindingsStore } from '../plugins/datapact-backend/src/database/FindingsStore';
import { CatalogAccess } from '../plugins/datapact-backend/src/services/CatalogAccess';
import { Governance } from '../plugins/datapact-backend/src/services/Governance';
import { Grants } from '../plugins/datapact-backend/src/services/Grants';
import { Notifier } from '../plugins/datapact-backend/src/services/Notifier';
import { ProvisioningWorker } from '../plugins/datapact-backend/src/provisioning/ProvisioningWorker';
import { generateWorld } from './generateWorld';

const DATASETS = 1_000;
const GRANTS = 10_000;
const NON_REQUESTABLE = 100;
const RUNS = 3;
const PG_CONNECTION = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: 'postgres',
};
const MIGRATIONS = resolve(__dirname, '../plugins/datapact-backend/migrations');
const NOW = new Date('2026-11-29T10:00:00Z');
const clock = { now: () => NOW };
const logger = mockServices.rootLogger({ level: 'warn' });
const auth = mockServices.auth();

/** One grant to insert: who holds it, on what, under which agreement. */
interface Planned {
  dataset: string;
  user: string;
  organization: string;
  agreement: string;
  tier: string;
}

/**
 * 10,000 grants that hold: stewards of other organizations, each acting for
 * their own organization (as `organizationsOf` computes it from their team),
 * on datasets an agreement covers for that organization, for `research`, at
 * the dataset's tier.
 */
function planGrants(entities: Entity[]): Planned[] {
  const world = new GovernanceWorld(entities, {
    today: NOW.toISOString().slice(0, 10),
  });
  const datasets = entities.filter(isDatasetEntity) as DatasetEntityV1alpha1[];
  const agreements = entities.filter(
    isAgreementEntity,
  ) as AgreementEntityV1alpha1[];
  const stewards = entities
    .filter(e => e.kind === 'User')
    .map(user => {
      const team = (user.spec!.memberOf as string[])[0];
      return {
        ref: stringifyEntityRef(user),
        organization: world.organizationOfGroup(`group:default/${team}`),
      };
    });
  // Datasets some agreement covers for other organizations.
  const covered = datasets.filter(d =>
    agreements.some(a => a.spec.datasets?.includes(world.refOf(d))),
  );
  const plan: Planned[] = [];
  for (let i = 0; i < GRANTS; i++) {
    const dataset = covered[i % covered.length];
    const owner = world.organizationOf(dataset);
    const others = stewards.filter(s => s.organization !== owner);
    const holder = others[Math.floor(i / covered.length) % others.length];
    const agreement = world.coveringAgreements(dataset, holder.organization)[0];
    if (!agreement) throw new Error(`No agreement covers ${dataset}`);
    plan.push({
      dataset: world.refOf(dataset),
      user: holder.ref,
      organization: holder.organization,
      agreement: world.refOf(agreement),
      tier: dataset.spec.sensitivity.tier,
    });
  }
  return plan;
}

async function insertGrants(knex: Knex, plan: Planned[]) {
  const at = NOW.toISOString();
  const requests = plan.map(p => ({
    id: randomUUID(),
    dataset_ref: p.dataset,
    requester_ref: p.user,
    organization_ref: p.organization,
    purpose: 'research',
    justification: 'Benchmark',
    duration: 'P90D',
    agreement_ref: p.agreement,
    state: 'approved',
    tier: p.tier,
    approvals_required: 1,
    created_at: at,
    updated_at: at,
    pending_until: at,
    required_stewardships: '[]',
    excluded_stewardships: '[]',
  }));
  const grants = requests.map(r => ({
    id: randomUUID(),
    request_id: r.id,
    dataset_ref: r.dataset_ref,
    user_ref: r.requester_ref,
    purpose: r.purpose,
    granted_at: at,
    expires_at: '2099-01-01T00:00:00.000Z',
    expires_because: 'duration',
  }));
  await knex.batchInsert('datapact_access_requests', requests, 500);
  await knex.batchInsert('datapact_grants', grants, 500);
}

/** The catalog mock, counting the calls that read entities. */
function countedCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const counter = { calls: 0 };
  const queryEntities = catalog.queryEntities.bind(catalog);
  const getEntities = catalog.getEntities.bind(catalog);
  catalog.queryEntities = (...args) => {
    counter.calls++;
    return queryEntities(...args);
  };
  catalog.getEntities = (...args) => {
    counter.calls++;
    return getEntities(...args);
  };
  return { catalog: catalog as CatalogService, counter };
}

function build(knex: Knex, entities: Entity[]) {
  const { catalog, counter } = countedCatalog(entities);
  const stores = new DatapactStores(knex, clock);
  const governance = new Governance({
    catalog,
    auth,
    clock,
    store: new FindingsStore(knex),
    logger,
  });
  const notifications = {
    send: async () => {},
  } as unknown as NotificationService;
  const notifier = new Notifier(notifications, logger);
  const access = new CatalogAccess({
    catalog,
    auth,
    clock,
    cacheTtlMs: 10_000,
  });
  const grants = new Grants({
    stores,
    catalog: access,
    governance,
    clock,
    expiryWarning: Duration.fromObject({ days: 7 }),
    notifier,
    provisioning: new ProvisioningWorker({
      stores,
      provisioners: [],
      entity: ref => access.entityByRef(ref),
      clock,
      notifier,
      logger,
    }),
    logger,
  });
  return { grants, governance, stores, counter };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(name: string, knex: Knex, entities: Entity[]) {
  await knex.migrate.latest({ directory: MIGRATIONS });
  const plan = planGrants(entities);
  const [insertMs] = await timed(() => insertGrants(knex, plan));

  // (a) steady state: nothing to end.
  const steady = build(knex, entities);
  const sweepMs: number[] = [];
  let catalogCalls = 0;
  for (let run = 0; run <= RUNS; run++) {
    steady.counter.calls = 0;
    const [ms, ended] = await timed(() => steady.grants.endBrokenGrants());
    if (ended !== 0) {
      throw new Error(`${name}: a sweep over valid grants ended ${ended}`);
    }
    catalogCalls = steady.counter.calls;
    if (run > 0) sweepMs.push(ms);
  }

  // (b) the floor: the catalog read and the raw paging of active grants.
  const floorMs: number[] = [];
  let paged = 0;
  for (let run = 0; run <= RUNS; run++) {
    steady.counter.calls = 0;
    const [ms] = await timed(async () => {
      await steady.governance.readCatalog();
      paged = 0;
      let after = '';
      for (;;) {
        const page = await steady.stores.grants.activeWithBasis(after, 500);
        if (page.length === 0) break;
        paged += page.length;
        after = page[page.length - 1].grant.id;
      }
    });
    if (run > 0) floorMs.push(ms);
  }
  const floorCatalogCalls = steady.counter.calls;
  // The sweep reads the catalog once: as many calls as one readCatalog.
  if (catalogCalls !== floorCatalogCalls) {
    throw new Error(
      `${name}: a sweep made ${catalogCalls} catalog calls, one read makes ${floorCatalogCalls}`,
    );
  }
  if (paged !== GRANTS) throw new Error(`${name}: paged ${paged} grants`);

  // (c) 100 datasets made non-requestable: their grants end.
  const closed = new Set(
    [...new Set(plan.map(p => p.dataset))]
      .filter((_, i) => i % 10 === 0)
      .slice(0, NON_REQUESTABLE),
  );
  const expected = plan.filter(p => closed.has(p.dataset)).length;
  const edited = entities.map(e => {
    if (!closed.has(stringifyEntityRef(e))) return e;
    const copy = structuredClone(e);
    copy.spec!.access = {
      ...(copy.spec!.access as object),
      requestable: false,
    };
    return copy;
  });
  const broken = build(knex, edited);
  const endMs: number[] = [];
  let endCatalogCalls = 0;
  for (let run = 0; run <= RUNS; run++) {
    broken.counter.calls = 0;
    const [ms, ended] = await timed(() => broken.grants.endBrokenGrants());
    if (ended !== expected) {
      throw new Error(`${name}: ended ${ended} grants, expected ${expected}`);
    }
    endCatalogCalls = broken.counter.calls;
    if (endCatalogCalls !== floorCatalogCalls) {
      throw new Error(`${name}: a sweep made ${endCatalogCalls} catalog calls`);
    }
    if (run > 0) endMs.push(ms);
    // Make them active again for the next run (the audit log keeps growing).
    await knex('datapact_grants').whereNotNull('revoke_cause').update({
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      revoke_cause: null,
    });
  }
  const audited = await knex('datapact_audit_log').count({ n: '*' });

  const sweep = median(sweepMs);
  const floor = median(floorMs);
  const end = median(endMs);
  return {
    name,
    insertMs,
    sweep,
    sweepMs,
    floor,
    floorMs,
    ratio: sweep / floor,
    end,
    endMs,
    ended: expected,
    perEnded: end / expected,
    // What each ended grant adds to a sweep that ends nothing.
    marginal: (end - sweep) / expected,
    catalogCalls,
    floorCatalogCalls,
    endCatalogCalls,
    audited: Number(audited[0].n),
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

async function main() {
  const entities = generateWorld({ datasets: DATASETS });
  const results = [];

  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    results.push(await measure('SQLite (in memory)', sqlite, entities));
  } finally {
    await sqlite.destroy();
  }

  const database = `datapact_sweep_bench_${process.pid}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...PG_CONNECTION, database: 'postgres' },
  });
  await admin.raw(`CREATE DATABASE ${database}`);
  try {
    const pg = knexFactory({
      client: 'pg',
      connection: { ...PG_CONNECTION, database },
    });
    try {
      results.push(await measure('PostgreSQL', pg, entities));
    } finally {
      await pg.destroy();
    }
  } finally {
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }

  console.log(
    `node ${process.version}; ${DATASETS} datasets, ${entities.length} entities, ${GRANTS} active grants; median of ${RUNS} after a warm-up`,
  );
  const ms = (v: number) => v.toFixed(0);
  for (const r of results) {
    console.log(`\n${r.name} (insert of the grants: ${ms(r.insertMs)} ms)`);
    console.log(
      `  (a) sweep, nothing to end:      ${ms(r.sweep)} ms  [${r.sweepMs
        .map(ms)
        .join(', ')}]  catalog calls: ${r.catalogCalls}`,
    );
    console.log(
      `  (b) floor, read + paging:       ${ms(r.floor)} ms  [${r.floorMs
        .map(ms)
        .join(', ')}]  catalog calls: ${r.floorCatalogCalls}`,
    );
    console.log(`      sweep / floor:              ${r.ratio.toFixed(2)}×`);
    console.log(
      `  (c) sweep ending ${r.ended} grants: ${ms(r.end)} ms  [${r.endMs
        .map(ms)
        .join(', ')}]  ${r.perEnded.toFixed(2)} ms per ended grant;` +
        ` catalog calls: ${r.endCatalogCalls}`,
    );
    console.log(
      `      (c) − (a), per ended grant:  ${r.marginal.toFixed(2)} ms`,
    );
    console.log(
      `  audit entries written: ${r.audited}; heap ${r.heapMiB.toFixed(0)} MiB`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
