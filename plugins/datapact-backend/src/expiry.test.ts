import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { ben, mei, priya, rahul } from './__testUtils__/people';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const travelTimes = {
  dataset: 'dataset:default/st-mary-outpatient-travel-times',
  purpose: 'service-planning',
  justification: 'Clinic opening hours',
  duration: 'P10D',
};

describe.each(databases.eachSupportedId())('expiry on %s', databaseId => {
  let api: TestDatapact;

  beforeEach(async () => {
    api = await startDatapact({ knex: await databases.init(databaseId) });
  });

  afterEach(async () => {
    await api.stop();
  });

  it('schedules one sweep across replicas', () => {
    expect(api.sweepTask()).toMatchObject({
      scope: 'global',
      frequency: { minutes: 1 },
    });
  });

  it('never reports a grant active after expiresAt, and the sweep audits its expiry and tells the provisioners', async () => {
    const id = (
      await api
        .as(mei)
        .post('/access-requests', await api.as(mei).accept(travelTimes))
    ).body.id;
    const approved = await api
      .as(ben)
      .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
    const grant = approved.body.grant;
    expect(grant).toMatchObject({
      state: 'active',
      expiresAt: '2026-12-09T09:00:00.000Z',
    });
    // The worker opens it while it is active.
    await api.provision();

    // A week later: the holder is warned once that access ends soon.
    api.clock.advance({ days: 7, hours: 1 });
    await api.sweep();
    await api.sweep();
    const warnings = api.recorded.notifications.filter(n =>
      n.payload.title.endsWith('ends soon'),
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: mei },
      }),
    ]);

    // At expiresAt, before any sweep, it already reads expired.
    api.clock.advance({ days: 2, hours: 23 });
    const read = await api.as(mei).get(`/access-requests/${id}`);
    expect(read.body.grant.state).toBe('expired');
    expect((await api.as(mei).get('/grants?active=true')).body.items).toEqual(
      [],
    );
    expect(api.recorded.provisioned).toEqual([
      { event: 'grant', grantId: grant.id },
    ]);

    await api.sweep();
    await api.sweep();
    const audit = await api.as(mei).get('/audit?limit=1');
    expect(audit.body.items[0]).toMatchObject({
      action: 'grant.expired',
      actor: 'plugin:datapact',
      subject: `grant:${grant.id}`,
    });
    // The expiry wrote a revoke job; the worker runs it once.
    await api.provision();
    await api.provision();
    expect(api.recorded.provisioned).toEqual([
      { event: 'grant', grantId: grant.id },
      { event: 'revoke', grantId: grant.id },
    ]);
    const revoke = await api
      .as(ben)
      .post(`/grants/${grant.id}/revoke`, { reason: 'late' });
    expect(revoke.status).toBe(409);
    expect(api.recorded.auditorEvents).toContain('expiry-sweep succeeded');
  });

  it('expires requests still pending after 14 days', async () => {
    const id = (
      await api
        .as(mei)
        .post('/access-requests', await api.as(mei).accept(travelTimes))
    ).body.id;
    api.clock.advance({ days: 13, hours: 23 });
    await api.sweep();
    expect((await api.as(mei).get(`/access-requests/${id}`)).body.state).toBe(
      'pending',
    );

    api.clock.advance({ hours: 1 });
    await api.sweep();
    expect((await api.as(mei).get(`/access-requests/${id}`)).body.state).toBe(
      'expired',
    );
    const late = await api
      .as(ben)
      .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
    expect(late.status).toBe(409);
    expect(api.recorded.notifications).toContainEqual(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: mei },
        payload: expect.objectContaining({
          title:
            'Your access request for dataset:default/st-mary-outpatient-travel-times expired undecided',
        }),
      }),
    );
    // The requester may ask again.
    expect(
      (
        await api
          .as(mei)
          .post('/access-requests', await api.as(mei).accept(travelTimes))
      ).status,
    ).toBe(201);
    expect((await api.as(mei).get('/audit/verify')).body).toMatchObject({
      ok: true,
      entries: 3,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses a request under an agreement that has expired by the clock', async () => {
    api.clock.advance({ years: 2 }); // hospital-uni-dsa ends 2027-12-31
    const res = await api.as(priya).post(
      '/access-requests',
      await api.as(priya).accept({
        dataset: 'dataset:default/clinic-visits-2024',
        purpose: 'research',
        justification: 'Study',
        duration: 'P30D',
        agreement: 'agreement:default/hospital-uni-dsa',
      }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      '`hospital-uni-dsa` is expired (it ended 2027-12-31)',
    );
  });
});

describe('a configured pending expiry', () => {
  it('expires pending requests after datapact.accessRequests.pendingExpiry', async () => {
    const api = await startDatapact({
      config: { datapact: { accessRequests: { pendingExpiry: 'P2D' } } },
    });
    try {
      const res = await api
        .as(rahul)
        .post('/access-requests', await api.as(rahul).accept(travelTimes));
      expect(res.body.pendingUntil).toBe('2026-12-01T09:00:00.000Z');
      api.clock.advance({ days: 2 });
      await api.sweep();
      expect(
        (await api.as(rahul).get(`/access-requests/${res.body.id}`)).body.state,
      ).toBe('expired');
    } finally {
      await api.stop();
    }
  });
});
