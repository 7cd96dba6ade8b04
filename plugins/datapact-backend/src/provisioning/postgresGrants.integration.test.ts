import postgresGrants from '@datapact/backstage-plugin-backend-module-postgres-grants';
import knexFactory, { Knex } from 'knex';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { annotatedWorld, ScratchWarehouse } from '../__testUtils__/warehouse';
import { ben, mei } from '../__testUtils__/people';
import { startDatapact, TestDatapact } from '../__testUtils__/startDatapact';
import { RECONCILIATION_TASK_ID } from '../plugin';

jest.setTimeout(120_000);

/*
 * The durable provisioning jobs with the real PostgreSQL provisioner, on
 * real PostgreSQL: the backend's own database, and a scratch "warehouse"
 * database with a table, whose privileges follow the grants.
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const TRAVEL = 'dataset:default/st-mary-outpatient-travel-times';
const travelRequest = {
  dataset: TRAVEL,
  purpose: 'service-planning',
  justification: 'Clinic opening hours',
  duration: 'P7D',
};

/** The example world with the travel times in the warehouse and Mei's role named. */
const worldFor = (warehouse: ScratchWarehouse) =>
  annotatedWorld({
    [TRAVEL]: {
      'datapact.io/postgres-table': 'warehouse/analytics.travel_times',
    },
    [mei]: { 'datapact.io/postgres-role': warehouse.role('mei') },
  });

/** Waits until `check` holds, up to `ms`; how long it took, or undefined. */
async function within(
  ms: number,
  check: () => Promise<boolean>,
): Promise<number | undefined> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if (await check()) return Date.now() - start;
    await new Promise(r => setTimeout(r, 50));
  }
  return undefined;
}

const onPostgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(onPostgres)('the PostgreSQL provisioner on %s', databaseId => {
  let warehouse: ScratchWarehouse;
  const started: TestDatapact[] = [];

  const start = async (knex: Knex, datapact: object = {}) => {
    const api = await startDatapact({
      knex,
      entities: worldFor(warehouse),
      features: [postgresGrants],
      config: {
        datapact: {
          catalog: { cacheTtl: { milliseconds: 0 } },
          postgresGrants: {
            targets: { warehouse: { connection: warehouse.url() } },
            timeout: '2s',
          },
          ...datapact,
        },
      },
    });
    started.push(api);
    return api;
  };

  const approved = async (api: TestDatapact) => {
    const created = await api
      .as(mei)
      .post('/access-requests', await api.as(mei).accept(travelRequest));
    expect(created.status).toBe(201);
    const res = await api
      .as(ben)
      .post(`/access-requests/${created.body.id}/decisions`, {
        decision: 'approve',
      });
    expect(res.body.state).toBe('approved');
    return res.body;
  };

  beforeEach(() => {
    warehouse = new ScratchWarehouse();
  });

  afterEach(async () => {
    for (const api of started.splice(0)) await api.stop();
    await warehouse.drop();
  });

  it('opens the privilege within 2 s of the final approval, and takes it back on revoke and on expiry', async () => {
    await warehouse.create(['mei']);
    const api = await start(await databases.init(databaseId), {
      provisioning: { runAfterCommit: true },
    });
    const role = warehouse.role('mei');
    expect(await warehouse.can(role)).toBe(false);

    const first = await approved(api);
    expect(await within(2000, () => warehouse.can(role))).toBeDefined();
    await api.provision();
    const read = await api.as(mei).get(`/access-requests/${first.id}`);
    expect(read.body.grant.provisioning).toMatchObject({
      action: 'grant',
      state: 'done',
      steps: [{ provisioner: 'postgres', state: 'done', attempts: 1 }],
    });

    const revoked = await api
      .as(ben)
      .post(`/grants/${first.grant.id}/revoke`, { reason: 'done' });
    expect(revoked.status).toBe(200);
    expect(
      await within(2000, async () => !(await warehouse.can(role))),
    ).toBeDefined();

    // A second grant, left to expire: the sweep's revoke job closes it.
    await approved(api);
    expect(await within(2000, () => warehouse.can(role))).toBeDefined();
    api.clock.advance({ days: 8 });
    await api.sweep();
    expect(
      await within(2000, async () => !(await warehouse.can(role))),
    ).toBeDefined();
    const audit = await api
      .as('service')
      .get(`/audit?entity=grant:${first.grant.id}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual([
      'grant.deprovisioned',
      'grant.revoked',
      'grant.provisioned',
    ]);
  });

  it('retries a target that is down until it comes back; nothing is lost, and a second run changes nothing', async () => {
    const api = await start(await databases.init(databaseId));
    const decided = await approved(api);
    await api.provision();
    const failed = await api.as(mei).get(`/access-requests/${decided.id}`);
    expect(failed.body.grant.provisioning).toMatchObject({
      state: 'failed',
      steps: [{ provisioner: 'postgres', state: 'failed', attempts: 1 }],
    });
    expect(failed.body.grant.provisioning.steps[0].lastError).toContain(
      'warehouse',
    );

    // The warehouse comes up; the retry is due after its backoff.
    await warehouse.create(['mei']);
    await api.provision();
    expect(await warehouse.can(warehouse.role('mei'))).toBe(false);
    api.clock.advance({ seconds: 3 });
    await api.provision();
    await api.provision();
    expect(await warehouse.can(warehouse.role('mei'))).toBe(true);
    const done = await api.as(mei).get(`/access-requests/${decided.id}`);
    expect(done.body.grant.provisioning.steps[0]).toMatchObject({
      state: 'done',
      attempts: 2,
    });
    const audit = await api
      .as('service')
      .get(`/audit?entity=grant:${decided.grant.id}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual([
      'grant.provisioned',
      'grant.provisioning-failed',
    ]);
  });

  it('runs the jobs of a replica that died between the commit and provisioning on another replica', async () => {
    await warehouse.create(['mei']);
    const first = await databases.init(databaseId);
    const second = knexFactory(first.client.config);
    const dying = await start(first);
    const survivor = await start(second);
    await approved(dying);
    await dying.stop();
    started.splice(started.indexOf(dying), 1);
    expect(await warehouse.can(warehouse.role('mei'))).toBe(false);
    await survivor.provision();
    expect(await warehouse.can(warehouse.role('mei'))).toBe(true);
  });

  it('reports twenty out-of-band GRANTs as drift in one run, and enforce takes them back', async () => {
    await warehouse.create(['mei']);
    const outsiders: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const role = await warehouse.addRole(`outsider${i}`);
      await warehouse.grantOutOfBand(role);
      outsiders.push(role);
    }
    const knex = await databases.init(databaseId);
    const reporting = await start(knex);
    // Mei's approved grant is explained, and not drift.
    await approved(reporting);
    await reporting.provision();
    await reporting.runTask(RECONCILIATION_TASK_ID);
    const drift = (
      await reporting.as('service').get(`/findings?entity=${TRAVEL}`)
    ).body.problems.filter((f: any) => f.rule === 'provisioning-drift');
    expect(drift).toHaveLength(20);
    expect(drift[0].message).toContain('no active grant explains it');
    for (const role of outsiders) {
      expect(await warehouse.can(role)).toBe(true);
    }

    const enforcing = await start(knex, {
      provisioning: { reconcile: 'enforce' },
    });
    await enforcing.runTask(RECONCILIATION_TASK_ID);
    for (const role of outsiders) {
      expect(await warehouse.can(role)).toBe(false);
    }
    expect(await warehouse.can(warehouse.role('mei'))).toBe(true);
    await enforcing.runTask(RECONCILIATION_TASK_ID);
    const after = (
      await enforcing.as('service').get(`/findings?entity=${TRAVEL}`)
    ).body.problems.filter((f: any) => f.rule === 'provisioning-drift');
    expect(after).toEqual([]);
  });
});
