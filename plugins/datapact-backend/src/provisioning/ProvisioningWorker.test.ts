import knexFactory from 'knex';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { ben, mei, travelTimesRequest } from '../__testUtils__/people';
import { startDatapact, TestDatapact } from '../__testUtils__/startDatapact';

jest.setTimeout(120_000);

/*
 * The durable provisioning jobs with recording provisioners: order,
 * backoff, a privilege two grants share, and replicas running jobs at once.
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())(
  'provisioning jobs on %s',
  databaseId => {
    const started: TestDatapact[] = [];
    afterEach(async () => {
      for (const api of started.splice(0)) await api.stop();
    });
    const start = async (options: Parameters<typeof startDatapact>[0]) => {
      const api = await startDatapact(options);
      started.push(api);
      return api;
    };
    const approve = async (api: TestDatapact, justification = 'Clinics') => {
      const created = await api
        .as(mei)
        .post(
          '/access-requests',
          await api.as(mei).accept(travelTimesRequest(justification)),
        );
      expect(created.status).toBe(201);
      const res = await api
        .as(ben)
        .post(`/access-requests/${created.body.id}/decisions`, {
          decision: 'approve',
        });
      return res.body.grant;
    };

    it('skips a grant step overtaken by its revoke, and still runs the revoke', async () => {
      const api = await start({ knex: await databases.init(databaseId) });
      const grant = await approve(api);
      await api.as(ben).post(`/grants/${grant.id}/revoke`, { reason: 'oops' });
      await api.provision();
      expect(api.recorded.provisioned).toEqual([
        { event: 'revoke', grantId: grant.id },
      ]);
      const read = await api.as(mei).get(`/grants?user=${mei}`);
      expect(read.body.items[0].provisioning).toMatchObject({
        action: 'revoke',
        state: 'done',
      });
    });

    it('retries a failing step with a doubling backoff, and only when due', async () => {
      const api = await start({
        knex: await databases.init(databaseId),
        failingProvisioner: true,
      });
      const grant = await approve(api);
      const step = async () =>
        (await api.as(mei).get(`/grants?user=${mei}`)).body.items[0]
          .provisioning.steps[0];
      await api.provision();
      expect(await step()).toMatchObject({
        provisioner: 'broken-warehouse',
        state: 'failed',
        attempts: 1,
        nextAttemptAt: '2026-11-29T09:00:02.000Z',
      });
      await api.provision();
      expect((await step()).attempts).toBe(1);
      api.clock.advance({ seconds: 2 });
      await api.provision();
      expect(await step()).toMatchObject({
        attempts: 2,
        nextAttemptAt: '2026-11-29T09:00:06.000Z',
        lastError: 'warehouse unreachable',
      });
      // The recording provisioner after it ran once.
      expect(api.recorded.provisioned).toEqual([
        { event: 'grant', grantId: grant.id },
      ]);
    });

    it('keeps the privilege while another grant of the same user on the same dataset is active', async () => {
      const api = await start({ knex: await databases.init(databaseId) });
      const first = await approve(api, 'First study');
      const second = await approve(api, 'Second study');
      await api.provision();
      await api.as(ben).post(`/grants/${first.id}/revoke`, { reason: 'done' });
      await api.provision();
      // Both opened (in either order), and nothing taken back.
      expect(api.recorded.provisioned).toHaveLength(2);
      expect(api.recorded.provisioned).toEqual(
        expect.arrayContaining([
          { event: 'grant', grantId: first.id },
          { event: 'grant', grantId: second.id },
        ]),
      );
      const read = await api.as(mei).get(`/grants?user=${mei}`);
      const revoked = read.body.items.find((g: any) => g.id === first.id);
      expect(revoked.provisioning.steps[0]).toMatchObject({
        state: 'skipped',
        detail: `kept: grant ${second.id} still needs the same privilege`,
      });
    });

    it('runs each job once when two replicas run the worker at the same moment', async () => {
      const first = await databases.init(databaseId);
      const second = knexFactory(first.client.config);
      const a = await start({ knex: first });
      const b = await start({ knex: second });
      const grants = [];
      for (let i = 0; i < 5; i++) grants.push(await approve(a, `Study ${i}`));
      await Promise.all([a.provision(), b.provision(), a.provision()]);
      const ran = [...a.recorded.provisioned, ...b.recorded.provisioned];
      expect(ran.map(r => r.grantId).sort()).toEqual(
        grants.map(g => g.id).sort(),
      );
    });
  },
);
