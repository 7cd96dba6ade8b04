import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { ben, mei, travelTimesRequest } from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';

jest.setTimeout(120_000);

/*
 * `Idempotency-Key` on every changing POST: a client that lost an answer
 * (a timeout, a dropped connection, a 503 during a commit) sends the same
 * request again with the same key and gets the same answer, and nothing is
 * changed twice.
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())('Idempotency-Key on %s', id => {
  let api: TestDatapact;

  beforeEach(async () => {
    api = await startDatapact({ knex: await databases.init(id) });
  });

  afterEach(async () => {
    await api.stop();
  });

  const create = async (key: string, justification = 'Clinic catchments') =>
    api
      .as(mei)
      .post(
        '/access-requests',
        await api.as(mei).accept(travelTimesRequest(justification)),
      )
      .set('Idempotency-Key', key);

  it('answers a create sent twice with the same key once, with the same request', async () => {
    const first = await create('create-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await create('create-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    const mine = await api.as(mei).get('/access-requests?mine=true');
    expect(mine.body.items.map((r: any) => r.id)).toEqual([first.body.id]);
    const log = await api.as('service').get('/audit?limit=200');
    expect(log.status).toBe(200);
    expect(
      log.body.items.filter((e: any) => e.action === 'access-request.created'),
    ).toHaveLength(1);
  });

  it('makes one request of ten sent at once with one key', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => create('burst')),
    );
    expect(answers.map(a => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map(a => a.body.id)).size).toBe(1);
    const mine = await api.as(mei).get('/access-requests?mine=true');
    expect(mine.body.items).toHaveLength(1);
  });

  it('refuses a key sent again with a different body (422) and changes nothing', async () => {
    expect((await create('reused', 'First reason')).status).toBe(201);
    const other = await create('reused', 'Another reason');
    expect(other.status).toBe(422);
    expect(other.body.error.message).toMatch(
      /Idempotency-Key reused was first sent with a different request/,
    );
    const mine = await api.as(mei).get('/access-requests?mine=true');
    expect(mine.body.items).toHaveLength(1);
  });

  it('keeps each caller’s keys apart', async () => {
    const byMei = await create('shared-key');
    const byRahul = await api
      .as('user:default/rahul.mehta')
      .post(
        '/access-requests',
        await api
          .as('user:default/rahul.mehta')
          .accept(travelTimesRequest('Clinic catchments')),
      )
      .set('Idempotency-Key', 'shared-key');
    expect(byRahul.status).toBe(201);
    expect(byRahul.body.id).not.toBe(byMei.body.id);
  });

  it('answers a repeated approval and revoke as the first time, not with a 409', async () => {
    const created = await create('for-decision');
    const decide = () =>
      api
        .as(ben)
        .post(`/access-requests/${created.body.id}/decisions`, {
          decision: 'approve',
        })
        .set('Idempotency-Key', 'approve-1');
    const approved = await decide();
    expect(approved.status).toBe(201);
    expect(approved.body.state).toBe('approved');
    const again = await decide();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(approved.body);
    // Without the key, the same decision is a conflict, as before.
    const withoutKey = await api
      .as(ben)
      .post(`/access-requests/${created.body.id}/decisions`, {
        decision: 'approve',
      });
    expect(withoutKey.status).toBe(409);

    const grantId = approved.body.grant.id;
    const revoke = () =>
      api
        .as(ben)
        .post(`/grants/${grantId}/revoke`, { reason: 'Study ended' })
        .set('Idempotency-Key', 'revoke-1');
    const revoked = await revoke();
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const revokedAgain = await revoke();
    expect(revokedAgain.status).toBe(200);
    expect(revokedAgain.body).toEqual(revoked.body);
    const log = await api.as('service').get('/audit?limit=200');
    expect(log.status).toBe(200);
    expect(
      log.body.items.filter((e: any) => e.action === 'grant.revoked'),
    ).toHaveLength(1);
  });

  it('stores nothing for a refused change, so that sending it again tries again', async () => {
    const refused = await api
      .as(mei)
      .post(
        '/access-requests',
        await api.as(mei).accept({
          ...travelTimesRequest('x'),
          purpose: 'marketing',
        }),
      )
      .set('Idempotency-Key', 'refused');
    expect(refused.status).toBe(403);
    const again = await api
      .as(mei)
      .post(
        '/access-requests',
        await api.as(mei).accept({
          ...travelTimesRequest('x'),
          purpose: 'marketing',
        }),
      )
      .set('Idempotency-Key', 'refused');
    expect(again.status).toBe(403);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with a 400 that names the header', async () => {
    const bad = await create('has space');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/`Idempotency-Key`/);
    const long = await create('k'.repeat(256));
    expect(long.status).toBe(400);
  });

  it('forgets keys after their retention, in the expiry sweep', async () => {
    const first = await create('old-key');
    await api
      .as(mei)
      .post(`/access-requests/${first.body.id}/cancel`, {})
      .expect(200);
    api.clock.advance({ hours: 23 });
    await api.sweep();
    expect((await create('old-key')).headers['idempotent-replayed']).toBe(
      'true',
    );
    api.clock.advance({ hours: 2 });
    await api.sweep();
    const later = await create('old-key');
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });
});
