import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { loadExampleWorld } from './__testUtils__/exampleWorld';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { ben, mei, rahul, travelTimesRequest } from './__testUtils__/people';

/*
 * Bad input is a 400 that names the field, before it reaches a query; wrong
 * methods are a 405; costly endpoints are rate limited per caller. The
 * inputs are those of issue 12, which gave 500s on PostgreSQL.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const ID_ROUTES = [
  ['GET', '/access-requests/{id}'],
  ['GET', '/access-requests/{id}/approvals'],
  ['POST', '/access-requests/{id}/decisions'],
  ['POST', '/access-requests/{id}/cancel'],
  ['POST', '/grants/{id}/revoke'],
] as const;

describe.each(databases.eachSupportedId())(
  'input validation on %s',
  databaseId => {
    let api: TestDatapact;

    beforeAll(async () => {
      api = await startDatapact({ knex: await databases.init(databaseId) });
    });

    afterAll(async () => {
      await api?.stop();
    });

    const create = async (body: object) =>
      api.as(mei).post(
        '/access-requests',
        await api.as(mei).accept({
          ...travelTimesRequest('Clinic opening hours'),
          ...body,
        }),
      );

    it.each([
      ['P300000Y', '`duration` must be at most P10Y (10 years)'],
      ['P10Y1D', '`duration` must be at most P10Y (10 years)'],
      [`P${'1'.repeat(294)}D`, '`duration` must be at most 64 characters'],
      ['P0D', '`duration` must be a positive ISO 8601 duration such as P30D'],
      ['-P1D', '`duration` must be a positive ISO 8601 duration such as P30D'],
      ['P\u0000D', '`duration` must not contain control characters'],
    ])('refuses the duration %j with a 400', async (duration, message) => {
      const res = await create({ duration });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(`Invalid body: ${message}`);
    });

    it('refuses control characters in the justification, and takes tabs and newlines', async () => {
      const nul = await create({ justification: 'Clinic\u0000hours' });
      expect(nul.status).toBe(400);
      expect(nul.body.error.message).toBe(
        'Invalid body: `justification` must not contain control characters',
      );
      const bell = await create({ justification: 'Clinic\u0007hours' });
      expect(bell.status).toBe(400);

      const ok = await create({ justification: 'Clinic\thours\r\nand more' });
      expect(ok.status).toBe(201);
      expect(ok.body.justification).toBe('Clinic\thours\r\nand more');
      await api.as(mei).post(`/access-requests/${ok.body.id}/cancel`, {});
    });

    it('refuses text longer than its column', async () => {
      const purpose = await create({ purpose: 'p'.repeat(101) });
      expect(purpose.status).toBe(400);
      expect(purpose.body.error.message).toBe(
        'Invalid body: `purpose` must be at most 100 characters',
      );
      const dataset = await create({
        dataset: `dataset:default/${'d'.repeat(300)}`,
      });
      expect(dataset.status).toBe(400);
      expect(dataset.body.error.message).toContain('`dataset`');
    });

    it('refuses control characters in a query parameter', async () => {
      const res = await api.as(ben).get('/grants?dataset=a%00b');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid query: `dataset` must not contain control characters',
      );
    });

    it.each(ID_ROUTES)(
      'refuses a path id that is no UUID on %s %s',
      async (method, path) => {
        for (const id of ['%00', 'not-a-uuid', 'x'.repeat(300)]) {
          const url = path.replace('{id}', id);
          const res =
            method === 'GET'
              ? await api.as(ben).get(url)
              : await api
                  .as(ben)
                  .post(url, { decision: 'approve', reason: 'r' });
          expect({ url, status: res.status }).toEqual({ url, status: 400 });
          expect(res.body.error.message).toBe(
            'Invalid path: `id` must be a UUID',
          );
        }
      },
    );

    it.each([
      ['/findings?entity=dataset:'],
      ['/findings?entity=dataset:default/'],
      ['/findings?entity=%3A'],
      ['/findings?entity=agreement:'],
      ['/lineage?entity=group:default/st-mary-hospital'],
      ['/lineage?entity=dataset:default/a%00b'],
      ['/impact?entity=dataset:default/a/b'],
      ['/audit?entity=access-request:not-a-uuid'],
      ['/audit?entity=grant:'],
      ['/grants?user=user:default/'],
    ])('refuses the malformed entity ref in %s', async path => {
      const res = await api.as(ben).get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid query: `(entity|user)` /,
      );
    });

    it('still serves the findings of an agreement, as the agreement page asks', async () => {
      const res = await api
        .as(ben)
        .get('/findings?entity=agreement:default/hospital-uni-dsa');
      expect(res.status).toBe(200);
    });

    it('answers a wrong method with 405 and the methods of the path', async () => {
      const res = await api.as(ben).get('/access-requests/x/decisions');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body.error).toEqual({
        name: 'MethodNotAllowedError',
        message: 'GET is not allowed on /access-requests/x/decisions; use POST',
      });

      const list = await api.as(ben).post('/access-requests/eligibility', {});
      expect(list.status).toBe(405);
      expect(list.headers.allow).toBe('GET');
    });

    it('answers an unknown path with a JSON 404', async () => {
      const res = await api.as(ben).get('/no-such-thing');
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
    });
  },
);

describe('a dataset whose maxDuration says more than 10 years', () => {
  let api: TestDatapact;

  beforeAll(async () => {
    const entities = loadExampleWorld().map(e =>
      e.metadata.name === 'st-mary-outpatient-travel-times'
        ? {
            ...e,
            spec: {
              ...e.spec,
              access: { ...(e.spec as any).access, maxDuration: 'P300000Y' },
            },
          }
        : e,
    );
    api = await startDatapact({ entities });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('allows at most 10 years, and previews an expiry without a 5xx', async () => {
    const eligibility = await api
      .as(mei)
      .get(
        '/access-requests/eligibility?dataset=st-mary-outpatient-travel-times',
      );
    expect(eligibility.status).toBe(200);
    expect(eligibility.body.maxDuration).toBe('P10Y');
    // At most 10 years from now (an agreement may end it sooner).
    expect(eligibility.body.expiry.expiresAt).toMatch(/^20[23]\d-/);
    expect(
      eligibility.body.expiry.expiresAt <= '2036-11-29T09:00:00.000Z',
    ).toBe(true);

    const created = await api.as(mei).post(
      '/access-requests',
      await api.as(mei).accept({
        ...travelTimesRequest('Why'),
        duration: 'P10Y',
      }),
    );
    expect(created.status).toBe(201);
    const approved = await api
      .as(ben)
      .post(`/access-requests/${created.body.id}/decisions`, {
        decision: 'approve',
      });
    expect(approved.status).toBe(201);
    expect(approved.body.grant.expiresAt).toBe(
      eligibility.body.expiry.expiresAt,
    );
  });
});

describe('rate limits on costly endpoints', () => {
  let api: TestDatapact;

  beforeAll(async () => {
    api = await startDatapact({
      config: {
        datapact: { rateLimit: { limit: 2, window: { minutes: 1 } } },
      },
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('answers 429 with Retry-After once a caller has spent its budget, and again after the window', async () => {
    expect((await api.as(ben).get('/audit/verify')).status).toBe(200);
    expect((await api.as(ben).get('/findings')).status).toBe(200);
    const limited = await api.as(ben).get('/audit/verify');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.body.error.message).toMatch(/Too many requests/);

    // Another caller has a budget of its own; cheap endpoints are not limited.
    expect((await api.as(rahul).get('/audit/verify')).status).toBe(200);
    expect((await api.as(ben).get('/grants')).status).toBe(200);

    api.clock.advance({ seconds: 30 });
    expect((await api.as(ben).get('/audit/verify')).status).toBe(200);
    expect((await api.as(ben).get('/audit/verify')).status).toBe(429);
  });
});
