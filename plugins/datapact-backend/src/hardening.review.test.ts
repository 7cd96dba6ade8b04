import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { generateKeyPairSync } from 'node:crypto';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { ben, mei, rahul, travelTimesRequest } from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';

jest.setTimeout(120_000);

/*
 * A hostile review of the hardening (issue 12): each test is an attack that
 * got through before its fix (or, for the sweep's expiry, a check that the
 * fix refuses nothing the plugin writes itself).
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())('hardening review on %s', id => {
  describe('paths spelled another way', () => {
    let api: TestDatapact;

    beforeEach(async () => {
      api = await startDatapact({
        knex: await databases.init(id),
        config: {
          datapact: { rateLimit: { limit: 2, window: { minutes: 1 } } },
        },
      });
    });

    afterEach(async () => {
      await api.stop();
    });

    it('counts a costly route against the limit whatever the case of its path', async () => {
      const statuses = [];
      for (const path of ['/audit/verify', '/Audit/Verify', '/AUDIT/VERIFY']) {
        statuses.push((await api.as(ben).get(path)).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
    });

    it('counts HEAD of a costly GET route against the limit', async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (
            await request(api.server)
              .head('/api/datapact/audit/verify')
              .set('Authorization', mockCredentials.user.header(ben))
          ).status,
        );
      }
      expect(statuses).toEqual([200, 200, 429]);
    });

    it('answers a wrong method on a route path in another case with 405 and Allow', async () => {
      const res = await request(api.server)
        .delete('/api/datapact/Access-Requests')
        .set('Authorization', mockCredentials.user.header(ben));
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, POST');
    });

    it('replays a create sent twice with one key to the path in another case', async () => {
      // The terms are read by another caller: reading them counts against
      // the caller's limit (2 here) like the request itself.
      const body = await api
        .as(ben)
        .accept(travelTimesRequest('Clinic catchments'));
      const send = () =>
        api
          .as(mei)
          .post('/Access-Requests', body)
          .set('Idempotency-Key', 'case-key');
      const first = await send();
      expect(first.status).toBe(201);
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
    });
  });

  describe('values that reach a query in another form', () => {
    let api: TestDatapact;
    const { privateKey } = generateKeyPairSync('ed25519');

    beforeEach(async () => {
      api = await startDatapact({
        knex: await databases.init(id),
        config: {
          datapact: {
            audit: {
              checkpoints: {
                privateKey: privateKey
                  .export({ type: 'pkcs8', format: 'pem' })
                  .toString(),
              },
            },
          },
        },
      });
    });

    afterEach(async () => {
      await api.stop();
    });

    const cursor = (position: unknown[]) =>
      Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

    it.each([
      ['/access-requests', 'a NUL', ['2026-11-29T09:00:00Z\u0000', 'x']],
      ['/grants', 'control characters', ['\u0001', '\u0002']],
      ['/grants', 'an over-long string', ['x'.repeat(300), 'y']],
      ['/audit', 'a number past the column', [1e20]],
      ['/audit', 'a fraction', [1.5]],
      ['/audit/checkpoints', 'a number past the column', [2 ** 40]],
    ])(
      'answers GET %s with a cursor holding %s with a 400',
      async (path, _what, position) => {
        const res = await api
          .as('service')
          .get(`${path}?cursor=${cursor(position)}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/cursor/);
      },
    );

    it('answers a checkpoint number no checkpoint can have with a 404, not a 500', async () => {
      const res = await api
        .as('service')
        .get('/audit/verify?checkpoint=999999999999999');
      expect(res.status).toBe(404);
    });
  });
});

describe.each(
  databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
)('a missing chain head recreated under a lock on %s', id => {
  let api: TestDatapact;
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id);
    api = await startDatapact({
      knex,
      config: { datapact: { database: { lockTimeout: { seconds: 1 } } } },
    });
  });

  afterEach(async () => {
    await api.stop();
  });

  it('gives up waiting for a stalled peer after the lock timeout', async () => {
    await knex('datapact_audit_head').delete();
    // A peer that recreates the head row and stalls before committing.
    const peer = await knex.transaction();
    await peer('datapact_audit_head').insert({
      id: 1,
      seq: 0,
      hash: '0'.repeat(64),
    });
    const started = Date.now();
    const answer = api.as('service').get('/audit/verify');
    const stall = new Promise(resolve => setTimeout(resolve, 10_000));
    const first = await Promise.race([answer, stall]);
    const waited = Date.now() - started;
    await peer.rollback();
    await answer;
    expect(first).toBeDefined();
    expect((first as request.Response).status).toBe(503);
    expect(waited).toBeLessThan(6_000);
  });
});

describe.each(databases.eachSupportedId())(
  'a grant row edited in the database on %s',
  id => {
    let api: TestDatapact;
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(id);
      api = await startDatapact({ knex });
    });

    afterEach(async () => {
      await api.stop();
    });

    async function grantedToMei(): Promise<string> {
      const made = await api
        .as(mei)
        .post(
          '/access-requests',
          await api.as(mei).accept(travelTimesRequest('Clinic opening hours')),
        );
      expect(made.status).toBe(201);
      const approved = await api
        .as(ben)
        .post(`/access-requests/${made.body.id}/decisions`, {
          decision: 'approve',
        });
      expect(approved.status).toBe(201);
      return approved.body.grant.id;
    }

    it('reports a chain head moved back over entries still in the log', async () => {
      await grantedToMei();
      const head = await knex('datapact_audit_head').where({ id: 1 }).first();
      const before = await knex('datapact_audit_log')
        .where({ seq: Number(head.seq) - 1 })
        .first();
      await knex('datapact_audit_head')
        .where({ id: 1 })
        .update({ seq: before.seq, hash: before.hash });
      const res = await api.as('service').get('/audit/verify');
      expect(res.body.ok).toBe(false);
      expect(res.body.problem).toMatch(/after the chain head/);
    });

    it('finds a grant the sweep expired in agreement with the chain', async () => {
      const grant = await grantedToMei();
      api.clock.advance({ days: 15 });
      await api.sweep();
      const row = await knex('datapact_grants').where({ id: grant }).first();
      expect(row.expiry_handled_at).not.toBeNull();
      const res = await api.as('service').get('/audit/verify');
      expect(res.body).toMatchObject({ ok: true, grantsChecked: 1 });
    });

    it('reports a grant marked as expired and handled without the chain saying so', async () => {
      // The sweep skips a grant whose expiry is marked handled: its revoke
      // jobs are never written, and the privilege stays open.
      const grant = await grantedToMei();
      await knex('datapact_grants')
        .where({ id: grant })
        .update({ expiry_handled_at: '2026-11-29T09:00:00.000Z' });
      const res = await api.as('service').get('/audit/verify');
      expect(res.body.ok).toBe(false);
      expect(res.body.grantsDisagreeing).toEqual([
        expect.objectContaining({ grant, field: 'expiry_handled_at' }),
      ]);
    });

    it.each([
      ['user_ref', rahul],
      ['dataset_ref', 'dataset:default/st-mary-admissions'],
      ['granted_at', '2030-01-01T00:00:00.000Z'],
      ['purpose', 'marketing'],
    ])('reports a grant whose %s was changed', async (column, value) => {
      const grant = await grantedToMei();
      expect((await api.as('service').get('/audit/verify')).body.ok).toBe(true);
      await knex('datapact_grants')
        .where({ id: grant })
        .update({ [column]: value });
      const res = await api.as('service').get('/audit/verify');
      expect(res.body.ok).toBe(false);
      expect(res.body.grantsDisagreeing).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ grant, field: column }),
        ]),
      );
    });
  },
);

describe.each(
  databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
)('one Idempotency-Key sent to two replicas at once on %s', id => {
  let replicas: TestDatapact[];
  let second: Knex;

  beforeEach(async () => {
    const first = await databases.init(id);
    second = knexFactory(first.client.config);
    replicas = await Promise.all([
      startDatapact({ knex: first }),
      startDatapact({ knex: second }),
    ]);
  });

  afterEach(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await second.destroy();
  });

  it('makes one change and gives every sender its answer', async () => {
    const made = await replicas[0]
      .as(mei)
      .post(
        '/access-requests',
        await replicas[0]
          .as(mei)
          .accept(travelTimesRequest('Clinic opening hours')),
      );
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        replicas[i % 2]
          .as(ben)
          .post(`/access-requests/${made.body.id}/decisions`, {
            decision: 'approve',
          })
          .set('Idempotency-Key', 'approve-once'),
      ),
    );
    expect(
      answers.filter(a => a.status !== 201).map(a => a.body.error?.message),
    ).toEqual([]);
    expect(new Set(answers.map(a => a.body.grant?.id)).size).toBe(1);
    const log = await replicas[1].as('service').get('/audit?limit=200');
    expect(
      log.body.items.filter((e: any) => e.action === 'access-request.approved'),
    ).toHaveLength(1);
  });
});
