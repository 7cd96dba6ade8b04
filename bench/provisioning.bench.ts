/*
 * Grant provisioning through the durable jobs, on PostgreSQL 15: 1,000
 * grants provisioned and revoked by the backend's ProvisioningWorker with the
 * real PostgresGrantProvisioner against a scratch warehouse (10 tables × 100
 * roles), as a backlog (throughput) and one commit at a time at a steady pace
 * (latency), next to the floor of the same GRANT and REVOKE statements issued
 * in a loop on one connection. Run with `yarn bench:provisioning`.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  GrantProvisioner,
  ProvisioningInput,
} from '@datapact/backstage-plugin-node';
import knexFactory, { Knex } from 'knex';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, escapeIdentifier } from 'pg';
import { DatapactStores } from '../plugins/datapact-backend/src/database/DatapactStores';
import { ProvisioningWorker } from '../plugins/datapact-backend/src/provisioning/ProvisioningWorker';
import { Notifier } from '../plugins/datapact-backend/src/services/Notifier';
import { PostgresGrantProvisioner } from '../plugins/datapact-backend-module-postgres-grants/src/PostgresGrantProvisioner';

const TABLES = 10;
const ROLES = 100;
const GRANTS = TABLES * ROLES;
const PACED = 200;
const PACE_PER_SECOND = 20;
const PG = 'postgresql://postgres:postgres@127.0.0.1:5432';
const MIGRATIONS = resolve(__dirname, '../plugins/datapact-backend/migrations');
const SCHEMA = 'bench';
const clock = { now: () => new Date() };
/** Statements the worker sent to the plugin's database (knex's `query` event on its own pool). */
const sent = { queries: 0 };
const byText = new Map<string, number>();
const logger = mockServices.rootLogger({ level: 'warn' });

const suffix = randomBytes(4).toString('hex');
const pluginDatabase = `datapact_provisioning_bench_${suffix}`;
const warehouseDatabase = `datapact_provisioning_wh_${suffix}`;
const tableName = (t: number) => `t${String(t).padStart(2, '0')}`;
const roleName = (r: number) => `dpb_${suffix}_r${String(r).padStart(3, '0')}`;
const datasetRef = (t: number) => `dataset:default/bench-${tableName(t)}`;
const userRef = (r: number) => `user:default/bench-${roleName(r)}`;

/** One (table, role) privilege that a grant gives. */
interface Pair {
  table: number;
  role: number;
}

/** Every (table, role) once, consecutive pairs on different tables. */
const PAIRS: Pair[] = Array.from({ length: GRANTS }, (_, i) => ({
  table: i % TABLES,
  role: Math.floor(i / TABLES),
}));

function url(database: string): string {
  return `${PG}/${database}`;
}

/** The annotated Dataset and User entities the worker reads, by ref. */
function entities(): Map<string, Entity> {
  const byRef = new Map<string, Entity>();
  for (let t = 0; t < TABLES; t++) {
    byRef.set(datasetRef(t), {
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Dataset',
      metadata: {
        name: `bench-${tableName(t)}`,
        namespace: 'default',
        annotations: {
          'datapact.io/postgres-table': `warehouse/${SCHEMA}.${tableName(t)}`,
        },
      },
      spec: {},
    });
  }
  for (let r = 0; r < ROLES; r++) {
    byRef.set(userRef(r), {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: `bench-${roleName(r)}`,
        namespace: 'default',
        annotations: { 'datapact.io/postgres-role': roleName(r) },
      },
      spec: { memberOf: [] },
    });
  }
  return byRef;
}

/** The scratch warehouse: a schema with the tables, and the roles. */
async function createWarehouse(admin: Knex): Promise<Knex> {
  await admin.raw('CREATE DATABASE ??', [warehouseDatabase]);
  const warehouse = knexFactory({
    client: 'pg',
    connection: url(warehouseDatabase),
  });
  await warehouse.raw('CREATE SCHEMA ??', [SCHEMA]);
  for (let t = 0; t < TABLES; t++) {
    await warehouse.raw('CREATE TABLE ??.?? (id int, value text)', [
      SCHEMA,
      tableName(t),
    ]);
  }
  for (let r = 0; r < ROLES; r++) {
    await admin.raw('CREATE ROLE ?? LOGIN', [roleName(r)]);
    await warehouse.raw('GRANT USAGE ON SCHEMA ?? TO ??', [
      SCHEMA,
      roleName(r),
    ]);
  }
  return warehouse;
}

/** How many of the pairs' roles may SELECT their table. */
async function privileges(warehouse: Knex, pairs: Pair[]): Promise<number> {
  const { rows } = await warehouse.raw(
    `SELECT count(*) FILTER (WHERE has_table_privilege(r, t, 'SELECT')) AS n
       FROM unnest(?::text[], ?::text[]) AS p(r, t)`,
    [
      pairs.map(p => roleName(p.role)),
      pairs.map(p => `${SCHEMA}.${tableName(p.table)}`),
    ],
  );
  return Number(rows[0].n);
}

async function expectPrivileges(
  warehouse: Knex,
  pairs: Pair[],
  expected: number,
  when: string,
) {
  const held = await privileges(warehouse, pairs);
  if (held !== expected) {
    throw new Error(
      `${when}: ${held} of ${pairs.length} privileges held, expected ${expected}`,
    );
  }
}

/** Approved requests and their active grants, written with SQL; the grant ids. */
async function insertGrants(knex: Knex, pairs: Pair[]): Promise<string[]> {
  const at = clock.now().toISOString();
  const requests = pairs.map(p => ({
    id: randomUUID(),
    dataset_ref: datasetRef(p.table),
    requester_ref: userRef(p.role),
    organization_ref: 'group:default/bench',
    purpose: 'research',
    justification: 'Benchmark',
    duration: 'P90D',
    agreement_ref: null,
    state: 'approved',
    tier: 'internal',
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
  return grants.map(g => g.id);
}

/** When each grant's change committed: monotonic and wall-clock ms. */
type Commits = Map<string, { mono: number; wall: number }>;

/**
 * Commits one grant's job in its own transaction, as an approval or a revoke
 * does (a revoke first marks the grant revoked, in the same transaction).
 */
async function commitJob(
  knex: Knex,
  grantId: string,
  action: 'grant' | 'revoke',
  commits: Commits,
) {
  await knex.transaction(async trx => {
    if (action === 'revoke') {
      await trx('datapact_grants').where({ id: grantId }).update({
        revoked_at: clock.now().toISOString(),
        revoked_by: 'user:default/bench-admin',
        revoke_reason: 'Benchmark',
      });
    }
    await new DatapactStores(trx, clock).jobs.enqueue(grantId, action, [
      'postgres',
    ]);
  });
  commits.set(grantId, { mono: performance.now(), wall: Date.now() });
}

/** The real provisioner, noting when each call returned (its warehouse transaction committed). */
function timedProvisioner(real: PostgresGrantProvisioner) {
  const returned = new Map<string, number>();
  const time =
    (
      call: (input: ProvisioningInput) => ReturnType<GrantProvisioner['grant']>,
    ) =>
    async (input: ProvisioningInput) => {
      const outcome = await call(input);
      returned.set(input.grant.id, performance.now());
      return outcome;
    };
  const provisioner: GrantProvisioner = {
    name: real.name,
    grant: time(input => real.grant(input)),
    revoke: time(input => real.revoke(input)),
  };
  return { provisioner, returned };
}

/** Runs the worker until no job is due, as its schedule would. */
async function drain(knex: Knex, worker: ProvisioningWorker) {
  for (;;) {
    await worker.runOnce();
    const due = await knex('datapact_provisioning_jobs')
      .whereIn('state', ['pending', 'failed'])
      .where('next_attempt_at', '<=', clock.now().toISOString())
      .count({ n: '*' });
    if (Number(due[0].n) === 0) return;
  }
}

/** Fails unless every job of these grants for `action` is done, once. */
async function expectDone(
  knex: Knex,
  ids: string[],
  action: 'grant' | 'revoke',
) {
  const rows = await knex('datapact_provisioning_jobs')
    .whereIn('grant_id', ids)
    .where({ action });
  const wrong = rows.filter(
    r => r.state !== 'done' || Number(r.attempts) !== 1,
  );
  if (rows.length !== ids.length || wrong.length > 0) {
    throw new Error(
      `${action}: ${rows.length} jobs for ${ids.length} grants, ${
        wrong.length
      } not done in one attempt (${wrong
        .slice(0, 3)
        .map(r => `${r.state}: ${r.last_error ?? r.detail}`)
        .join('; ')})`,
    );
  }
  return rows;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

interface Delays {
  p50: number;
  p99: number;
  max: number;
}

function delays(values: number[]): Delays {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

interface Phase {
  name: string;
  jobs: number;
  /** Committing the jobs (backlog phases: before the worker starts). */
  commitMs: number;
  /** The worker's wall time: draining (backlog) or first commit to last job (paced). */
  wallMs: number;
  jobsPerSecond: number;
  /** Commit to the provisioner's return (the privilege is in place). */
  toPrivilege: Delays;
  /** Commit to the job row's `updated_at` (written by the worker's clock). */
  toJobDone: Delays;
  /** Statements the worker sent to the plugin's database per job. */
  queriesPerJob: number;
  /** This process's CPU time (user + system) per job while the worker ran. */
  cpuMsPerJob: number;
}

function phaseOf(
  name: string,
  ids: string[],
  commits: Commits,
  returned: Map<string, number>,
  rows: Array<{ grant_id: string; updated_at: string }>,
  commitMs: number,
  wallMs: number,
  jobsPerSecond: number,
  queries: number,
  cpu: NodeJS.CpuUsage,
): Phase {
  const updated = new Map(
    rows.map(r => [r.grant_id, Date.parse(r.updated_at)]),
  );
  return {
    name,
    jobs: ids.length,
    commitMs,
    wallMs,
    jobsPerSecond,
    toPrivilege: delays(
      ids.map(id => returned.get(id)! - commits.get(id)!.mono),
    ),
    toJobDone: delays(ids.map(id => updated.get(id)! - commits.get(id)!.wall)),
    queriesPerJob: queries / ids.length,
    cpuMsPerJob: (cpu.user + cpu.system) / 1000 / ids.length,
  };
}

/** All jobs committed first, then the worker drains the backlog. */
async function backlog(
  name: string,
  knex: Knex,
  worker: ProvisioningWorker,
  returned: Map<string, number>,
  ids: string[],
  action: 'grant' | 'revoke',
): Promise<Phase> {
  const commits: Commits = new Map();
  const commitStart = performance.now();
  for (const id of ids) await commitJob(knex, id, action, commits);
  const commitMs = performance.now() - commitStart;
  const start = performance.now();
  const queriesBefore = sent.queries;
  const cpuBefore = process.cpuUsage();
  await drain(knex, worker);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - start;
  const queries = sent.queries - queriesBefore;
  const rows = await expectDone(knex, ids, action);
  return phaseOf(
    name,
    ids,
    commits,
    returned,
    rows,
    commitMs,
    wallMs,
    ids.length / (wallMs / 1000),
    queries,
    cpu,
  );
}

/** One commit at a time at a steady pace, each followed by `wake()` as the backend does. */
async function paced(
  name: string,
  knex: Knex,
  worker: ProvisioningWorker,
  returned: Map<string, number>,
  ids: string[],
  action: 'grant' | 'revoke',
): Promise<Phase> {
  const commits: Commits = new Map();
  const interval = 1000 / PACE_PER_SECOND;
  const start = performance.now();
  const queriesBefore = sent.queries;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < ids.length; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise(r => setTimeout(r, wait));
    await commitJob(knex, ids[i], action, commits);
    worker.wake();
  }
  const commitMs = performance.now() - start;
  await drain(knex, worker);
  const cpu = process.cpuUsage(cpuBefore);
  const queries = sent.queries - queriesBefore;
  const last = Math.max(...ids.map(id => returned.get(id) ?? Infinity));
  const wallMs = last - start;
  const rows = await expectDone(knex, ids, action);
  return phaseOf(
    name,
    ids,
    commits,
    returned,
    rows,
    commitMs,
    wallMs,
    ids.length / (wallMs / 1000),
    queries,
    cpu,
  );
}

/** The floor: the same statements in a loop on one connection, autocommitted. */
async function floor(warehouse: Knex) {
  const client = new Client({ connectionString: url(warehouseDatabase) });
  await client.connect();
  try {
    const run = async (statement: (p: Pair) => string) => {
      const start = performance.now();
      for (const pair of PAIRS) await client.query(statement(pair));
      const ms = performance.now() - start;
      return { ms, perSecond: PAIRS.length / (ms / 1000) };
    };
    const table = (p: Pair) =>
      `${escapeIdentifier(SCHEMA)}.${escapeIdentifier(tableName(p.table))}`;
    const grant = await run(
      p =>
        `GRANT SELECT ON TABLE ${table(p)} TO ${escapeIdentifier(
          roleName(p.role),
        )}`,
    );
    await expectPrivileges(warehouse, PAIRS, GRANTS, 'after the floor GRANTs');
    const revoke = await run(
      p =>
        `REVOKE SELECT ON TABLE ${table(p)} FROM ${escapeIdentifier(
          roleName(p.role),
        )}`,
    );
    await expectPrivileges(warehouse, PAIRS, 0, 'after the floor REVOKEs');
    return { grant, revoke };
  } finally {
    await client.end();
  }
}

async function main() {
  const admin = knexFactory({ client: 'pg', connection: url('postgres') });
  let warehouse: Knex | undefined;
  let knex: Knex | undefined;
  let workerDb: Knex | undefined;
  let real: PostgresGrantProvisioner | undefined;
  try {
    warehouse = await createWarehouse(admin);
    await admin.raw('CREATE DATABASE ??', [pluginDatabase]);
    knex = knexFactory({ client: 'pg', connection: url(pluginDatabase) });
    await knex.migrate.latest({ directory: MIGRATIONS });
    // The worker's own pool, as a backend has: commits and checks use `knex`.
    workerDb = knexFactory({ client: 'pg', connection: url(pluginDatabase) });
    workerDb.on('query', (query: { sql: string }) => {
      sent.queries++;
      if (process.env.BENCH_QUERY_LOG) {
        const key = query.sql.slice(0, 60);
        byText.set(key, (byText.get(key) ?? 0) + 1);
      }
    });

    real = new PostgresGrantProvisioner({
      targets: { warehouse: url(warehouseDatabase) },
      logger,
    });
    const { provisioner, returned } = timedProvisioner(real);
    const byRef = entities();
    const stores = new DatapactStores(workerDb, clock);
    const notifications = {
      send: async () => {},
    } as unknown as NotificationService;
    const worker = new ProvisioningWorker({
      stores,
      provisioners: [provisioner],
      entity: async ref => byRef.get(ref),
      clock,
      notifier: new Notifier(notifications, logger),
      logger,
    });

    await expectPrivileges(warehouse, PAIRS, 0, 'before');
    const ids = await insertGrants(knex, PAIRS);
    const phases: Phase[] = [];
    phases.push(
      await backlog('grant, backlog', knex, worker, returned, ids, 'grant'),
    );
    await expectPrivileges(warehouse, PAIRS, GRANTS, 'after the grant backlog');
    phases.push(
      await backlog('revoke, backlog', knex, worker, returned, ids, 'revoke'),
    );
    await expectPrivileges(warehouse, PAIRS, 0, 'after the revoke backlog');

    // The same first pairs again under new grants, now one at a time.
    const pacedPairs = PAIRS.slice(0, PACED);
    const pacedIds = await insertGrants(knex, pacedPairs);
    phases.push(
      await paced(
        `grant, ${PACE_PER_SECOND}/s`,
        knex,
        worker,
        returned,
        pacedIds,
        'grant',
      ),
    );
    await expectPrivileges(warehouse, pacedPairs, PACED, 'after paced grants');
    await expectPrivileges(warehouse, PAIRS, PACED, 'after paced grants');
    phases.push(
      await paced(
        `revoke, ${PACE_PER_SECOND}/s`,
        knex,
        worker,
        returned,
        pacedIds,
        'revoke',
      ),
    );
    await expectPrivileges(warehouse, PAIRS, 0, 'after paced revokes');

    const direct = await floor(warehouse);
    if (process.env.BENCH_QUERY_LOG) {
      console.log([...byText].sort((a, b) => b[1] - a[1]));
    }
    const audited = await knex('datapact_audit_log').count({ n: '*' });

    const ms = (v: number) => v.toFixed(0);
    const fixed = (v: number, d = 1) => v.toFixed(d);
    console.log(
      `node ${process.version}; warehouse ${TABLES} tables × ${ROLES} roles = ${GRANTS} grants; ` +
        `paced: ${PACED} at ${PACE_PER_SECOND}/s; audit entries: ${audited[0].n}`,
    );
    console.log(
      '\nphase             | jobs | commits ms | worker wall ms |  jobs/s | queries/job | CPU ms/job | commit→privilege p50 / p99 / max ms | commit→job done p50 / p99 / max ms',
    );
    for (const p of phases) {
      console.log(
        `${p.name.padEnd(17)} | ${String(p.jobs).padStart(4)} | ${ms(
          p.commitMs,
        ).padStart(10)} | ${ms(p.wallMs).padStart(14)} | ${fixed(
          p.jobsPerSecond,
        ).padStart(7)} | ${fixed(p.queriesPerJob).padStart(11)} | ${fixed(
          p.cpuMsPerJob,
        ).padStart(10)} | ${`${fixed(p.toPrivilege.p50)} / ${fixed(
          p.toPrivilege.p99,
        )} / ${fixed(p.toPrivilege.max)}`.padStart(35)} | ${`${ms(
          p.toJobDone.p50,
        )} / ${ms(p.toJobDone.p99)} / ${ms(p.toJobDone.max)}`.padStart(34)}`,
      );
    }
    const [grantBacklog, revokeBacklog] = phases;
    console.log('\nfloor: the same statements on one connection, no worker');
    console.log(
      `  ${GRANTS} GRANT:  ${ms(direct.grant.ms)} ms, ${fixed(
        direct.grant.perSecond,
      )} statements/s; worker ${fixed(
        grantBacklog.jobsPerSecond,
      )} jobs/s = ${fixed(
        direct.grant.perSecond / grantBacklog.jobsPerSecond,
      )}× slower`,
    );
    console.log(
      `  ${GRANTS} REVOKE: ${ms(direct.revoke.ms)} ms, ${fixed(
        direct.revoke.perSecond,
      )} statements/s; worker ${fixed(
        revokeBacklog.jobsPerSecond,
      )} jobs/s = ${fixed(
        direct.revoke.perSecond / revokeBacklog.jobsPerSecond,
      )}× slower`,
    );
    console.log(
      `\nverified: ${GRANTS} privileges after the grants, 0 after the revokes; ${PACED} after the paced grants, 0 after their revokes; every job done in one attempt`,
    );
  } finally {
    await real?.close();
    await knex?.destroy();
    await workerDb?.destroy();
    await warehouse?.destroy();
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      pluginDatabase,
    ]);
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      warehouseDatabase,
    ]);
    for (let r = 0; r < ROLES; r++) {
      await admin.raw('DROP ROLE IF EXISTS ??', [roleName(r)]);
    }
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
