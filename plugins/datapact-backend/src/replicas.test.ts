import knexFactory, { Knex } from 'knex';
import { createPostgresOnlyDatabases } from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { ana, ben, mei, travelTimesRequest } from './__testUtils__/people';

jest.setTimeout(120_000);

// Replicas share one PostgreSQL database (an in-memory SQLite database is
// private to its process, so it has no replicas).
const databases = createPostgresOnlyDatabases();

describe.each(databases.eachSupportedId())(
  'two backend replicas sharing one database on %s',
  databaseId => {
    let replicas: TestDatapact[];
    let second: Knex;

    beforeAll(async () => {
      const first = await databases.init(databaseId);
      // Each replica has its own connection pool to the same database, as
      // two processes would.
      second = knexFactory(first.client.config);
      replicas = await Promise.all([
        startDatapact({ knex: first }),
        startDatapact({ knex: second }),
      ]);
    });

    afterAll(async () => {
      await Promise.all(replicas.map(r => r.stop()));
      await second.destroy();
    });

    it('makes exactly one of 50 conflicting decisions arriving at both replicas', async () => {
      const [a, b] = replicas;
      const created = await a
        .as(mei)
        .post(
          '/access-requests',
          await a.as(mei).accept(travelTimesRequest('Clinic opening hours')),
        );
      expect(created.status).toBe(201);
      const id = created.body.id;

      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 ? a : b)
            .as(i % 4 < 2 ? ben : ana)
            .post(`/access-requests/${id}/decisions`, {
              decision: i % 3 ? 'approve' : 'deny',
            }),
        ),
      );
      // Nothing but one success and conflicts (bodies shown if otherwise).
      expect(
        responses
          .filter(r => r.status !== 201 && r.status !== 409)
          .map(r => r.body),
      ).toEqual([]);
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s === 201)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(49);

      // Both replicas see the same single outcome.
      const [fromA, fromB] = await Promise.all(
        [a, b].map(r => r.as(mei).get(`/access-requests/${id}`)),
      );
      expect(fromA.body).toEqual(fromB.body);
      expect(fromA.body.decisions).toHaveLength(1);
      const audit = await b
        .as(mei)
        .get(`/audit?entity=${encodeURIComponent(`access-request:${id}`)}`);
      expect(audit.body.items).toHaveLength(2);
    });

    it('chains audit entries appended by both replicas at once into one unbroken chain', async () => {
      const [a, b] = replicas;
      const datasets = ['dataset:default/st-mary-outpatient-travel-times'];
      // Different requesters and datasets, so that none conflict: 20
      // requests and their cancellations, spread over both replicas.
      const requesters = [
        'user:default/rahul.mehta',
        'user:default/sofia.lindqvist',
      ];
      const made = await Promise.all(
        requesters.flatMap((who, i) =>
          datasets.map(async (dataset, j) => {
            const client = ((i + j) % 2 ? a : b).as(who);
            return client.post(
              '/access-requests',
              await client.accept({
                dataset,
                purpose: 'service-planning',
                justification: `replica test ${i}/${j}`,
                duration: 'P14D',
              }),
            );
          }),
        ),
      );
      expect(made.map(r => r.status)).toEqual(made.map(() => 201));
      const cancelled = await Promise.all(
        made.map((r, i) =>
          (i % 2 ? b : a)
            .as(r.body.requester)
            .post(`/access-requests/${r.body.id}/cancel`, { reason: 'done' }),
        ),
      );
      expect(cancelled.map(r => r.status)).toEqual(cancelled.map(() => 200));

      const verify = await a.as(mei).get('/audit/verify');
      expect(verify.body.ok).toBe(true);
      // The two entries of the first test, then one per request and one per
      // cancellation.
      expect(verify.body.entries).toBe(2 + 2 * made.length);
      const log = await b.as('service').get('/audit?limit=100');
      const seqs = log.body.items.map((e: any) => e.seq).reverse();
      expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    });
  },
);
