import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import postgresGrants from '@datapact/backstage-plugin-backend-module-postgres-grants';
import {
  datapactGrantProvisionersExtensionPoint,
  GrantProvisioner,
} from '@datapact/backstage-plugin-node';
import knexFactory from 'knex';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import {
  ana,
  ben,
  mei,
  rahul,
  travelTimesRequest,
} from '../__testUtils__/people';
import { startDatapact, TestDatapact } from '../__testUtils__/startDatapact';
import { annotatedWorld, ScratchWarehouse } from '../__testUtils__/warehouse';
import { RECONCILIATION_TASK_ID } from '../plugin';

jest.setTimeout(120_000);

/*
 * Review of durable provisioning and reconciliation: each `fixed (finding N)`
 * asserts the correct behaviour that a hostile review found missing in the
 * first version.
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const TRAVEL = 'dataset:default/st-mary-outpatient-travel-times';
const OTHER = 'dataset:default/northbridge-small-areas-2023';
const TABLE_ANNOTATION = 'datapact.io/postgres-table';
const ROLE_ANNOTATION = 'datapact.io/postgres-role';

const onPostgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

const drift = async (api: TestDatapact, entity = TRAVEL) =>
  (await api.as('service').get(`/findings?entity=${entity}`)).body.problems
    .filter((f: any) => f.rule === 'provisioning-drift')
    .map((f: any) => f.message as string);

describe.each(onPostgres)(
  'review: the PostgreSQL provisioner on %s',
  databaseId => {
    let warehouse: ScratchWarehouse;
    const started: TestDatapact[] = [];

    const start = async (
      entities: Entity[],
      datapact: object = {},
      targets?: object,
    ) => {
      const api = await startDatapact({
        knex: await databases.init(databaseId),
        entities,
        features: [postgresGrants],
        config: {
          datapact: {
            catalog: { cacheTtl: { milliseconds: 0 } },
            postgresGrants: {
              targets: targets ?? {
                warehouse: { connection: warehouse.url() },
              },
              timeout: '2s',
            },
            ...datapact,
          },
        },
      });
      started.push(api);
      return api;
    };

    const approve = async (api: TestDatapact, who = mei, why = 'Clinics') => {
      const created = await api
        .as(who)
        .post(
          '/access-requests',
          await api.as(who).accept(travelTimesRequest(why)),
        );
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

    it('fixed (finding 1) takes the privilege back on revoke even after the dataset lost its table annotation', async () => {
      await warehouse.create(['mei']);
      const role = warehouse.role('mei');
      const annotated = annotatedWorld({
        [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times' },
        [mei]: { [ROLE_ANNOTATION]: role },
      });
      const api = await start(annotated);
      const decided = await approve(api);
      await api.provision();
      expect(await warehouse.can(role)).toBe(true);

      // The dataset's owner edits catalog-info.yaml: the annotation is gone.
      api.setCatalog(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: undefined },
          [mei]: { [ROLE_ANNOTATION]: role },
        }),
      );
      await api
        .as(ben)
        .post(`/grants/${decided.grant.id}/revoke`, { reason: 'done' });
      await api.provision();
      const read = await api.as(mei).get(`/access-requests/${decided.id}`);
      // The revoke is taken back from where the grant step opened it.
      expect({
        state: read.body.grant.provisioning.state,
        canSelect: await warehouse.can(role),
      }).toEqual({ state: 'done', canSelect: false });
    });

    it('fixed (finding 2) takes the privilege back on revoke even after the User entity (with its role annotation) left the catalog', async () => {
      await warehouse.create(['mei']);
      const role = warehouse.role('mei');
      const api = await start(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times' },
          [mei]: { [ROLE_ANNOTATION]: role },
        }),
      );
      const decided = await approve(api);
      await api.provision();
      expect(await warehouse.can(role)).toBe(true);

      // Mei leaves: the org sync removes her User entity.
      api.setCatalog(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times' },
        }).filter(e => stringifyEntityRef(e) !== mei),
      );
      await api
        .as(ben)
        .post(`/grants/${decided.grant.id}/revoke`, { reason: 'left' });
      await api.provision();
      expect(await warehouse.can(role)).toBe(false);
    });

    it("fixed (finding 3) revoking one user's grant does not close a role another user's active grant needs", async () => {
      await warehouse.create(['team']);
      const role = warehouse.role('team');
      const api = await start(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times' },
          [mei]: { [ROLE_ANNOTATION]: role },
          [rahul]: { [ROLE_ANNOTATION]: role },
        }),
      );
      await approve(api, mei, 'Mei study');
      const rahuls = await approve(api, rahul, 'Rahul study');
      await api.provision();
      expect(await warehouse.can(role)).toBe(true);
      await api
        .as(ben)
        .post(`/grants/${rahuls.grant.id}/revoke`, { reason: 'done' });
      await api.provision();
      // Mei's grant is active and its step says done: the role must still read.
      expect(await warehouse.can(role)).toBe(true);
    });

    it('fixed (finding 3) enforce does not take back a privilege of a role shared by a user with an active grant', async () => {
      await warehouse.create(['team']);
      const role = warehouse.role('team');
      const api = await start(
        annotatedWorld(
          {
            [TRAVEL]: {
              [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times',
            },
            [ana]: { [ROLE_ANNOTATION]: role },
            [mei]: { [ROLE_ANNOTATION]: role },
          },
          [ana],
        ),
        { provisioning: { reconcile: 'enforce' } },
      );
      await approve(api, mei);
      await api.provision();
      expect(await warehouse.can(role)).toBe(true);
      await api.runTask(RECONCILIATION_TASK_ID);
      expect({
        drift: await drift(api),
        canSelect: await warehouse.can(role),
      }).toEqual({ drift: [], canSelect: true });
    });

    it('fixed (finding 4) refuses a dataset annotation naming a system catalog (pg_catalog.pg_authid)', async () => {
      await warehouse.create(['mei']);
      const role = warehouse.role('mei');
      const api = await start(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/pg_catalog.pg_authid' },
          [mei]: { [ROLE_ANNOTATION]: role },
        }),
      );
      const decided = await approve(api);
      await api.provision();
      const read = await api.as(mei).get(`/access-requests/${decided.id}`);
      expect({
        canReadPasswordHashes: await warehouse.can(
          role,
          'pg_catalog.pg_authid',
        ),
        state: read.body.grant.provisioning.state,
      }).toEqual({ canReadPasswordHashes: false, state: 'failed' });
    });

    it('fixed (finding 5) one unreachable target does not hide the drift on another target', async () => {
      await warehouse.create(['mei']);
      const outsider = await warehouse.addRole('outsider');
      await warehouse.db!.raw('GRANT SELECT ON analytics.travel_times TO ??', [
        outsider,
      ]);
      const api = await start(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times' },
          [OTHER]: { [TABLE_ANNOTATION]: 'archive/analytics.areas' },
        }),
        {},
        {
          warehouse: { connection: warehouse.url() },
          archive: { connection: 'postgresql://x:y@127.0.0.1:1/archive' },
        },
      );
      await api.runTask(RECONCILIATION_TASK_ID);
      expect(await drift(api)).toHaveLength(1);
    });

    it("fixed (finding 6) a step's lastError, shown to the requester, does not reveal the target's host, port or credentials", async () => {
      const api = await start(
        annotatedWorld({
          [TRAVEL]: { [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times' },
        }),
        {},
        {
          warehouse: {
            connection:
              'postgresql://provisioner:hunter2@127.0.0.1:1/warehouse',
          },
        },
      );
      const decided = await approve(api);
      await api.provision();
      const read = await api.as(mei).get(`/access-requests/${decided.id}`);
      const lastError: string = read.body.grant.provisioning.steps[0].lastError;
      expect(lastError).toBeDefined();
      expect(lastError).not.toMatch(/127\.0\.0\.1|hunter2|provisioner@|:1\b/);
    });

    it('fixed (finding 7) reports an out-of-band full-table SELECT held by a user whose grant is scoped to columns', async () => {
      await warehouse.create(['mei']);
      const role = warehouse.role('mei');
      const api = await start(
        annotatedWorld({
          [TRAVEL]: {
            [TABLE_ANNOTATION]: 'warehouse/analytics.travel_times',
            'datapact.io/postgres-columns': 'origin',
          },
          [mei]: { [ROLE_ANNOTATION]: role },
        }),
      );
      await approve(api);
      await api.provision();
      expect(await warehouse.can(role)).toBe(false);
      await warehouse.db!.raw('GRANT SELECT ON analytics.travel_times TO ??', [
        role,
      ]);
      expect(await warehouse.can(role)).toBe(true);
      await api.runTask(RECONCILIATION_TASK_ID);
      // Mei may read `origin` only; `minutes` is open to her with no grant.
      expect(await drift(api)).toHaveLength(1);
    });
  },
);

/** A target that provisioners on every replica share, whose steps a test can hold open. */
class FakeTarget {
  readonly open = new Set<string>();
  readonly calls: string[] = [];
  failNextGrants = 0;
  private holds = new Map<
    string,
    { entered: () => void; released: Promise<void> }
  >();

  /** Holds the next `action` step open; returns when it was entered and the release. */
  hold(action: 'grant' | 'revoke') {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>(r => {
      entered = r;
    });
    const released = new Promise<void>(r => {
      release = r;
    });
    this.holds.set(action, { entered, released });
    return { entered: enteredP, release };
  }

  private async step(action: 'grant' | 'revoke') {
    const held = this.holds.get(action);
    if (held) {
      this.holds.delete(action);
      held.entered();
      await held.released;
    }
  }

  provisioner(): GrantProvisioner {
    return {
      name: 'fake',
      grant: async ({ grant }) => {
        this.calls.push(`grant ${grant.id}`);
        if (this.failNextGrants > 0) {
          this.failNextGrants--;
          throw new Error('target down');
        }
        await this.step('grant');
        this.open.add(`${grant.user} ${grant.dataset}`);
        return { status: 'done' };
      },
      revoke: async ({ grant }) => {
        this.calls.push(`revoke ${grant.id}`);
        await this.step('revoke');
        this.open.delete(`${grant.user} ${grant.dataset}`);
        return { status: 'done' };
      },
    };
  }

  module() {
    const provisioner = this.provisioner();
    return createBackendModule({
      pluginId: 'datapact',
      moduleId: 'fake-target',
      register(reg) {
        reg.registerInit({
          deps: { provisioners: datapactGrantProvisionersExtensionPoint },
          async init({ provisioners }) {
            provisioners.addGrantProvisioner(provisioner);
          },
        });
      },
    });
  }
}

describe.each(onPostgres)(
  'review: the provisioning worker on %s',
  databaseId => {
    const started: TestDatapact[] = [];
    afterEach(async () => {
      for (const api of started.splice(0)) await api.stop();
    });
    const KEY = `${mei} ${TRAVEL}`;

    const replicas = async (target: FakeTarget) => {
      const first = await databases.init(databaseId);
      const second = knexFactory(first.client.config);
      const a = await startDatapact({
        knex: first,
        features: [target.module()],
      });
      const b = await startDatapact({
        knex: second,
        features: [target.module()],
      });
      started.push(a, b);
      return [a, b];
    };
    const approve = async (api: TestDatapact, why = 'Clinics') => {
      const created = await api
        .as(mei)
        .post(
          '/access-requests',
          await api.as(mei).accept(travelTimesRequest(why)),
        );
      const res = await api
        .as(ben)
        .post(`/access-requests/${created.body.id}/decisions`, {
          decision: 'approve',
        });
      expect(res.body.state).toBe('approved');
      return res.body.grant;
    };

    it('fixed (finding 8) a grant step that outlives its lease cannot land after the revoke another replica ran', async () => {
      const target = new FakeTarget();
      const [a, b] = await replicas(target);
      const grant = await approve(a);
      // Replica A's GRANT hangs (a slow target, a lock wait, a GC pause).
      const held = target.hold('grant');
      const running = a.provision();
      await held.entered;
      // A minute later the lease has run out on B's clock; the grant is revoked.
      b.clock.advance({ minutes: 2 });
      const revoked = await b
        .as(ben)
        .post(`/grants/${grant.id}/revoke`, { reason: 'breach' });
      expect(revoked.status).toBe(200);
      await b.provision();
      held.release();
      await running;
      await a.provision();
      await b.provision();
      const read = await b.as(mei).get(`/grants?user=${mei}`);
      expect(read.body.items[0].provisioning).toMatchObject({
        action: 'revoke',
        state: 'done',
      });
      // Datapact says revoked and deprovisioned: the privilege must be closed.
      expect(target.open.has(KEY)).toBe(false);
    });

    it('fixed (finding 9) a revoke that found no other active grant cannot close the privilege of a grant approved meanwhile', async () => {
      const target = new FakeTarget();
      const [a, b] = await replicas(target);
      const first = await approve(a, 'First study');
      await a.provision();
      expect(target.open.has(KEY)).toBe(true);
      await a.as(ben).post(`/grants/${first.id}/revoke`, { reason: 'ended' });
      // A's revoke step has checked "no other active grant" and is running.
      const held = target.hold('revoke');
      const running = a.provision();
      await held.entered;
      // Meanwhile a new grant is approved and opened on replica B.
      const second = await approve(b, 'Second study');
      await b.provision();
      held.release();
      await running;
      await a.provision();
      await b.provision();
      const read = await b.as(mei).get(`/grants?user=${mei}`);
      const active = read.body.items.find((g: any) => g.id === second.id);
      expect(active).toMatchObject({
        state: 'active',
        provisioning: { action: 'grant', state: 'done' },
      });
      // The active grant's step says done: the privilege must be open.
      expect(target.open.has(KEY)).toBe(true);
    });

    it('fixed (finding 10) a grant step retried after the grant expired does not open the privilege nor say "your access is ready"', async () => {
      const target = new FakeTarget();
      const [a] = await replicas(target);
      target.failNextGrants = 1;
      await approve(a);
      await a.provision();
      // The target stays down past the grant's end (P14D); the sweep has not run yet.
      a.clock.advance({ days: 15 });
      await a.provision();
      expect({
        open: target.open.has(KEY),
        ready: a.recorded.notifications.some(n =>
          JSON.stringify(n).includes('is ready'),
        ),
      }).toEqual({ open: false, ready: false });
    });
  },
);
