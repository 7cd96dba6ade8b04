import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { ana, ben, mei, travelTimesRequest } from './__testUtils__/people';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())(
  'concurrent decisions on %s',
  databaseId => {
    let api: TestDatapact;

    beforeAll(async () => {
      api = await startDatapact({ knex: await databases.init(databaseId) });
    });

    afterAll(async () => {
      await api.stop();
    });

    it('makes exactly one of 50 conflicting decisions on one request, with one audit entry', async () => {
      const created = await api
        .as(mei)
        .post(
          '/access-requests',
          await api.as(mei).accept(travelTimesRequest('Clinic opening hours')),
        );
      expect(created.status).toBe(201);
      const id = created.body.id;

      // The approver approves and their delegate denies, 25 times each, at once.
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api.as(i % 2 ? ana : ben).post(`/access-requests/${id}/decisions`, {
            decision: i % 2 ? 'deny' : 'approve',
            comment: `attempt ${i}`,
          }),
        ),
      );
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s === 201)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(49);

      const winner = responses.find(r => r.status === 201)!.body;
      const final = await api.as(mei).get(`/access-requests/${id}`);
      expect(final.body.state).toBe(winner.state);
      expect(['approved', 'denied']).toContain(final.body.state);
      expect(final.body.decisions).toHaveLength(1);
      expect(Boolean(final.body.grant)).toBe(final.body.state === 'approved');

      const audit = await api
        .as(mei)
        .get(`/audit?entity=${encodeURIComponent(`access-request:${id}`)}`);
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        `access-request.${final.body.state}`,
        'access-request.created',
      ]);
      expect((await api.as(mei).get('/audit/verify')).body).toMatchObject({
        ok: true,
        entries: 2,
        headHash: audit.body.items[0].hash,
      });
    });

    it('lets only one of 20 concurrent identical requests through', async () => {
      const body = await api.as(mei).accept(travelTimesRequest('Again'));
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          api.as(mei).post('/access-requests', body),
        ),
      );
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s === 201)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(19);
      expect((await api.as(mei).get('/audit/verify')).body).toMatchObject({
        ok: true,
        entries: 3,
        headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
  },
);
