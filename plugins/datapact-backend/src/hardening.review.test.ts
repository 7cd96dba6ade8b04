import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { generateKeyPairSync } from 'node:crypto';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { ben, mei, travelTimesRequest } from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';

jest.setTimeout(120_000);

/*
 * A hostile review of the hardening (issue 12): each test is an attack that
 * got through before its fix.
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

    it('replays a create sent twice with one key to the path in another case', async () => {
      const send = () =>
        api
          .as(mei)
          .post('/Access-Requests', travelTimesRequest('Clinic catchments'))
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
