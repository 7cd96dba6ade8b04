import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import {
  ana,
  aroha,
  ben,
  fatima,
  mei,
  priya,
  rahul,
  tomas,
} from './__testUtils__/people';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

// People of the example world (catalog-info/README.md).

/** Priya's request for the restricted clinic visits (two approvals) under the hospital-university agreement. */
const clinicVisits = {
  dataset: 'dataset:default/clinic-visits-2024',
  purpose: 'research',
  justification: 'Outpatient travel burden study',
  duration: 'P30D',
  agreement: 'agreement:default/hospital-uni-dsa',
};

/** A confidential hospital dataset with one approver, ben-okafor, whose delegate is ana-ruiz. */
const travelTimes = {
  dataset: 'dataset:default/st-mary-outpatient-travel-times',
  purpose: 'service-planning',
  justification: 'Clinic opening hours',
  duration: 'P14D',
};

describe.each(databases.eachSupportedId())('the HTTP API on %s', databaseId => {
  let api: TestDatapact;

  beforeAll(async () => {
    api = await startDatapact({ knex: await databases.init(databaseId) });
  });

  afterAll(async () => {
    await api.stop();
  });

  /** Creates a request and returns its id. */
  async function request(user: string, body: object): Promise<string> {
    const res = await api
      .as(user)
      .post('/access-requests', await api.as(user).accept(body));
    expect(res.status).toBe(201);
    return res.body.id;
  }

  describe('requesting access', () => {
    it('creates a pending request for another organization’s data under an agreement (201)', async () => {
      const res = await api
        .as(priya)
        .post('/access-requests', await api.as(priya).accept(clinicVisits));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        dataset: 'dataset:default/clinic-visits-2024',
        requester: priya,
        organization: 'group:default/northbridge-university',
        purpose: 'research',
        duration: 'P30D',
        agreement: 'agreement:default/hospital-uni-dsa',
        state: 'pending',
        tier: 'restricted',
        approvalsRequired: 2,
        createdAt: '2026-11-29T09:00:00.000Z',
        pendingUntil: '2026-12-13T09:00:00.000Z',
        decisions: [],
      });
      expect(api.recorded.notifications).toContainEqual(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: [ana, ben],
            excludeEntityRef: priya,
          },
        }),
      );
      expect(api.recorded.auditorEvents).toContain(
        'access-request-create succeeded',
      );

      const again = await api
        .as(priya)
        .post('/access-requests', await api.as(priya).accept(clinicVisits));
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(
        'already has a pending request',
      );
      await api.as(priya).post(`/access-requests/${res.body.id}/cancel`, {});
    });

    it('accepts a bare dataset name', async () => {
      const res = await api.as(mei).post(
        '/access-requests',
        await api.as(mei).accept({
          ...travelTimes,
          dataset: 'st-mary-outpatient-travel-times',
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.dataset).toBe(
        'dataset:default/st-mary-outpatient-travel-times',
      );
      expect(res.body.organization).toBe('group:default/st-mary-hospital');
      await api.as(mei).post(`/access-requests/${res.body.id}/cancel`, {});
    });

    it('refuses another organization’s data without an agreement, with the rule’s message (403)', async () => {
      const { agreement, ...withoutAgreement } = clinicVisits;
      const res = await api
        .as(tomas)
        .post('/access-requests', await api.as(tomas).accept(withoutAgreement));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        '`clinic-visits-2024` belongs to another organization',
      );
      expect(res.body.error.message).toContain('`hospital-uni-dsa`');
    });

    it('refuses a purpose the dataset does not allow (403, rule 4)', async () => {
      const res = await api
        .as(tomas)
        .post(
          '/access-requests',
          await api.as(tomas).accept({ ...clinicVisits, purpose: 'marketing' }),
        );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        '`clinic-visits-2024` may only be requested for `research`, `public-health`, not `marketing`. `hospital-uni-dsa` allows `research`, `public-health`, not `marketing`.',
      );
    });

    it('refuses an agreement that does not cover the dataset (403, rule 3)', async () => {
      const res = await api.as(tomas).post(
        '/access-requests',
        await api.as(tomas).accept({
          ...clinicVisits,
          agreement: 'agreement:default/coop-uni-dua',
        }),
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        '`coop-uni-dua` does not cover `clinic-visits-2024`',
      );
    });

    it('refuses a dataset that is not requestable (403)', async () => {
      const res = await api.as(mei).post(
        '/access-requests',
        await api.as(mei).accept({
          ...travelTimes,
          dataset: 'dataset:default/st-mary-ed-attendances-raw',
          purpose: 'research',
        }),
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        '`st-mary-ed-attendances-raw` is not requestable',
      );
    });

    it('refuses a dataset that does not exist (404)', async () => {
      const res = await api
        .as(mei)
        .post(
          '/access-requests',
          await api.as(mei).accept({ ...travelTimes, dataset: 'no-such-data' }),
        );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'dataset:default/no-such-data is not a dataset in the catalog',
      );
    });

    it('refuses a duration beyond maxDuration (400 naming duration)', async () => {
      const res = await api
        .as(tomas)
        .post(
          '/access-requests',
          await api.as(tomas).accept({ ...clinicVisits, duration: 'P91D' }),
        );
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        message:
          'Invalid body: `duration` P91D is longer than the P90D `clinic-visits-2024` allows',
      });
    });

    it.each([
      [{ ...clinicVisits, duration: 'thirty days' }, '`duration`'],
      [{ ...clinicVisits, duration: 'P0D' }, '`duration`'],
      [{ ...clinicVisits, purpose: undefined }, '`purpose`'],
      [{ ...clinicVisits, justification: 42 }, '`justification`'],
      [{ ...clinicVisits, dataset: '' }, '`dataset`'],
      [{ ...clinicVisits, purpse: 'research' }, '"purpse"'],
      [{ ...clinicVisits, dataset: 'dataset:' }, '`dataset`'],
    ])(
      'answers a malformed body with a 400 naming the field (%j)',
      async (body, field) => {
        const res = await api
          .as(tomas)
          .post('/access-requests', await api.as(tomas).accept(body));
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(field);
      },
    );

    it('answers a body that is not JSON with a 400', async () => {
      const res = await api
        .as(tomas)
        .post('/access-requests')
        .set('Content-Type', 'application/json')
        .send('{"dataset": ');
      expect(res.status).toBe(400);
    });

    it('answers a malformed query with a 400 naming the parameter', async () => {
      for (const [query, field] of [
        ['state=granted', '`state`'],
        ['limit=0', '`limit`'],
        ['limit=ten', '`limit`'],
        ['mine=yes', '`mine`'],
        ['colour=blue', '"colour"'],
        ['cursor=bm9wZQ', '`cursor`'],
      ]) {
        const res = await api.as(tomas).get(`/access-requests?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toContain(field);
      }
    });
  });

  describe('deciding', () => {
    it('needs two distinct approvers for restricted data and then grants access', async () => {
      const id = await request(priya, clinicVisits);
      const first = await api
        .as(ana)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(first.status).toBe(201);
      expect(first.body.state).toBe('pending');

      const twice = await api
        .as(ana)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toBe(
        `${ana} has already decided this request`,
      );

      const second = await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, {
          decision: 'approve',
          comment: 'de-identified extract only',
        });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({
        state: 'approved',
        decisions: [
          { approver: ana, onBehalfOf: 'steward:default/ana-ruiz' },
          {
            approver: ben,
            onBehalfOf: 'steward:default/ben-okafor',
            comment: 'de-identified extract only',
          },
        ],
        grant: {
          user: priya,
          dataset: 'dataset:default/clinic-visits-2024',
          grantedAt: '2026-11-29T09:00:00.000Z',
          expiresAt: '2026-12-29T09:00:00.000Z',
          state: 'active',
        },
      });
      await api.provision();
      expect(api.recorded.provisioned).toContainEqual({
        event: 'grant',
        grantId: second.body.grant.id,
      });
      expect(api.recorded.notifications).toContainEqual(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: priya },
          payload: expect.objectContaining({
            title:
              'Your access request for dataset:default/clinic-visits-2024 was approved',
          }),
        }),
      );

      const late = await api
        .as(ana)
        .post(`/access-requests/${id}/decisions`, { decision: 'deny' });
      expect(late.status).toBe(409);

      const audit = await api
        .as(priya)
        .get(`/audit?entity=${encodeURIComponent(`access-request:${id}`)}`);
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        'access-request.approved',
        'access-request.approval-recorded',
        'access-request.created',
      ]);
    });

    it('ends a request at the first denial', async () => {
      const id = await request(tomas, clinicVisits);
      await api
        .as(ana)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      const denied = await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, {
          decision: 'deny',
          comment: 'justification too thin',
        });
      expect(denied.status).toBe(201);
      expect(denied.body.state).toBe('denied');
      expect(denied.body.grant).toBeUndefined();
    });

    it('lets a delegate decide for the steward they stand in for', async () => {
      const id = await request(mei, travelTimes);
      const res = await api
        .as(ana)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('approved');
      expect(res.body.decisions).toEqual([
        expect.objectContaining({
          approver: ana,
          onBehalfOf: 'steward:default/ben-okafor',
          delegate: 'steward:default/ana-ruiz',
        }),
      ]);
    });

    it('lets a member of a group that holds the steward decide', async () => {
      const id = await request(priya, {
        dataset: 'dataset:default/ngati-example-whanau-wellbeing-survey-2025',
        purpose: 'research',
        justification: 'Wellbeing indicators',
        duration: 'P60D',
        agreement: 'agreement:default/ngati-example-uni-memorandum',
      });
      const res = await api
        .as(aroha)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(res.status).toBe(201);
      expect(res.body.decisions[0].onBehalfOf).toBe(
        'steward:default/community-council',
      );
    });

    it('answers a malformed decision with a 400 naming the field', async () => {
      const id = await request(rahul, travelTimes);
      const res = await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, { decision: 'maybe' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('`decision`');
      await api.as(rahul).post(`/access-requests/${id}/cancel`, {});
    });

    it('answers an unknown request with a 404', async () => {
      const res = await api
        .as(ben)
        .post(
          '/access-requests/3f1c2b9e-0d4a-4c8e-9a51-7b6d2e8f4c10/decisions',
          { decision: 'approve' },
        );
      expect(res.status).toBe(404);
    });
  });

  describe('the authorization matrix', () => {
    let id: string;

    beforeAll(async () => {
      id = await request(tomas, { ...clinicVisits, duration: 'P7D' });
    });

    it.each([
      ['GET', '/access-requests'],
      ['POST', '/access-requests'],
      ['GET', '/access-requests/x'],
      ['POST', '/access-requests/x/decisions'],
      ['POST', '/access-requests/x/cancel'],
      ['GET', '/grants'],
      ['POST', '/grants/x/revoke'],
      ['GET', '/audit'],
      ['GET', '/audit/verify'],
    ])('answers %s %s without credentials with a 401', async (method, path) => {
      const client = api.as('nobody');
      const res = await (method === 'GET'
        ? client.get(path)
        : client.post(path, {}));
      expect(res.status).toBe(401);
    });

    it.each([
      ['the requester', tomas, 'Not allowed: datapact.access-request.decide'],
      ['a non-approver', rahul, 'Not allowed: datapact.access-request.decide'],
      [
        'another organization’s steward',
        fatima,
        'Not allowed: datapact.access-request.decide',
      ],
      [
        'a service principal',
        'service',
        'Only signed-in users may request, decide, cancel or revoke; services may read',
      ],
    ])('refuses a decision by %s (403)', async (_, who, message) => {
      const res = await api
        .as(who)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(message);
    });

    it('refuses a request that only the requester’s own stewardships could approve (segregation of duties)', async () => {
      // ana-ruiz is a delegate of ben-okafor, the only approver of the travel times.
      const res = await api
        .as(ana)
        .post('/access-requests', await api.as(ana).accept(travelTimes));
      expect(res.status).toBe(403);
      expect(res.body.error.rule).toBe('stewardship');
      expect(res.body.error.message).toContain(
        'could never be approved: it needs 1 approval from distinct stewardships, but only 0 of its 1 approver stewardships can be decided independently of the requester (the requester holds, or is a delegate of, 1)',
      );
    });

    it('lets a delegate pass where a non-approver is refused', async () => {
      const res = await api.as(mei).get(`/access-requests/${id}`);
      expect(res.status).toBe(403);
      expect((await api.as(ana).get(`/access-requests/${id}`)).status).toBe(
        200,
      );
      expect((await api.as(ben).get(`/access-requests/${id}`)).status).toBe(
        200,
      );
    });

    it('lets the requester and the approvers read the request, and nobody else', async () => {
      expect((await api.as(tomas).get(`/access-requests/${id}`)).status).toBe(
        200,
      );
      expect((await api.as(rahul).get(`/access-requests/${id}`)).status).toBe(
        403,
      );
      expect((await api.as(fatima).get(`/access-requests/${id}`)).status).toBe(
        403,
      );
    });

    it('lets a service principal read but not change', async () => {
      expect(
        (await api.as('service').get(`/access-requests/${id}`)).status,
      ).toBe(200);
      expect((await api.as('service').get('/audit/verify')).status).toBe(200);
      const res = await api
        .as('service')
        .post('/access-requests', await api.as('service').accept(travelTimes));
      expect(res.status).toBe(403);
      expect(
        (await api.as('service').post(`/access-requests/${id}/cancel`, {}))
          .status,
      ).toBe(403);
    });

    it('lets only the requester cancel', async () => {
      expect(
        (await api.as(ana).post(`/access-requests/${id}/cancel`, {})).status,
      ).toBe(403);
      const res = await api
        .as(tomas)
        .post(`/access-requests/${id}/cancel`, { reason: 'no longer needed' });
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('cancelled');
      expect(
        (await api.as(tomas).post(`/access-requests/${id}/cancel`, {})).status,
      ).toBe(409);
    });

    it('records refused changes as failed auditor events', () => {
      expect(api.recorded.auditorEvents).toContain(
        'access-request-decide failed',
      );
      expect(api.recorded.auditorEvents).toContain(
        'access-request-cancel succeeded',
      );
    });
  });

  describe('lists', () => {
    it('shows each user the requests they made or may decide, newest first, by page', async () => {
      const mine = await api.as(priya).get('/access-requests?mine=true');
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((r: any) => r.requester === priya)).toBe(
        true,
      );

      const all = await api.as(ben).get('/access-requests?limit=200');
      const created = all.body.items.map((r: any) => r.createdAt + r.id);
      expect([...created].sort().reverse()).toEqual(created);
      expect(
        all.body.items.every(
          (r: any) =>
            r.requester === ben ||
            r.dataset.startsWith('dataset:default/clinic-visits') ||
            r.dataset.startsWith('dataset:default/st-mary'),
        ),
      ).toBe(true);

      const stranger = await api.as(fatima).get('/access-requests');
      expect(stranger.body.items).toEqual([]);

      const page = await api.as(ben).get('/access-requests?limit=1');
      expect(page.body.items).toHaveLength(1);
      const next = await api
        .as(ben)
        .get(`/access-requests?limit=1&cursor=${page.body.nextCursor}`);
      expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    });

    it('lists what an approver still has to decide', async () => {
      const id = await request(rahul, travelTimes);
      const toDecide = await api.as(ben).get('/access-requests?toDecide=true');
      expect(toDecide.body.items.map((r: any) => r.id)).toContain(id);
      expect(
        (await api.as(rahul).get('/access-requests?toDecide=true')).body.items,
      ).toEqual([]);
      await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, { decision: 'deny' });
      expect(
        (
          await api.as(ben).get('/access-requests?toDecide=true')
        ).body.items.map((r: any) => r.id),
      ).not.toContain(id);
    });

    it('filters by dataset and state', async () => {
      const res = await api
        .as(ben)
        .get('/access-requests?dataset=clinic-visits-2024&state=approved');
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const r of res.body.items) {
        expect(r.dataset).toBe('dataset:default/clinic-visits-2024');
        expect(r.state).toBe('approved');
      }
    });
  });

  describe('grants', () => {
    let grantId: string;

    beforeAll(async () => {
      const id = await request(rahul, travelTimes);
      const res = await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      grantId = res.body.grant.id;
    });

    it('lists active grants with their expiry, as the permission allows', async () => {
      const res = await api
        .as(rahul)
        .get(`/grants?user=${encodeURIComponent(rahul)}&active=true`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          id: grantId,
          user: rahul,
          state: 'active',
          expiresAt: '2026-12-13T09:00:00.000Z',
        }),
      ]);
      expect(
        (
          await api
            .as(fatima)
            .get('/grants?dataset=st-mary-outpatient-travel-times')
        ).body.items,
      ).toEqual([]);
    });

    it('lets only an approver revoke, once', async () => {
      const byHolder = await api
        .as(rahul)
        .post(`/grants/${grantId}/revoke`, { reason: 'mine' });
      expect(byHolder.status).toBe(403);
      const noReason = await api.as(ben).post(`/grants/${grantId}/revoke`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('`reason`');

      const res = await api
        .as(ben)
        .post(`/grants/${grantId}/revoke`, { reason: 'project ended' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'revoked',
        revokedBy: ben,
        revokeReason: 'project ended',
      });
      await api.provision();
      expect(api.recorded.provisioned).toContainEqual({
        event: 'revoke',
        grantId,
      });
      const again = await api
        .as(ben)
        .post(`/grants/${grantId}/revoke`, { reason: 'again' });
      expect(again.status).toBe(409);
      expect(
        (await api.as(rahul).get(`/grants?active=true&user=${rahul}`)).body
          .items,
      ).toEqual([]);
    });
  });

  describe('the audit log', () => {
    it('records every change, newest first, and verifies', async () => {
      // A service principal reads every entry (router.audit.test.ts has who
      // reads what).
      const res = await api.as('service').get('/audit?limit=3');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(3);
      const [newest] = res.body.items;
      // The last change by a person was the revoke; the worker's entries
      // (provisioning steps) follow it.
      const byPeople = (
        await api.as('service').get('/audit?limit=20')
      ).body.items.filter((e: any) => e.actor !== 'plugin:datapact');
      expect(byPeople[0]).toMatchObject({
        action: 'grant.revoked',
        actor: ben,
        entity: 'dataset:default/st-mary-outpatient-travel-times',
        details: { reason: 'project ended' },
      });
      expect(newest.prevHash).toBe(res.body.items[1].hash);
      const older = await api
        .as('service')
        .get(`/audit?limit=3&cursor=${res.body.nextCursor}`);
      expect(older.body.items[0].seq).toBe(res.body.items[2].seq - 1);

      const verify = await api.as(rahul).get('/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({
        ok: true,
        entries: newest.seq,
        headHash: newest.hash,
      });
    });
  });
});

describe('the server’s own checks under an allow-all policy', () => {
  let api: TestDatapact;

  beforeAll(async () => {
    api = await startDatapact({ policy: 'allow-all' });
  });

  afterAll(async () => {
    await api.stop();
  });

  it('still refuses a non-approver, the requester and another organization’s steward', async () => {
    const res = await api
      .as(priya)
      .post('/access-requests', await api.as(priya).accept(clinicVisits));
    const id = res.body.id;
    for (const [who, message] of [
      [
        priya,
        'A requester may not decide their own request (segregation of duties)',
      ],
      [
        rahul,
        `${rahul} is not an approver of dataset:default/clinic-visits-2024, nor a delegate of one`,
      ],
      [
        fatima,
        `${fatima} is not an approver of dataset:default/clinic-visits-2024, nor a delegate of one`,
      ],
    ]) {
      const decided = await api
        .as(who)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect({
        who,
        status: decided.status,
        message: decided.body.error?.message,
      }).toEqual({
        who,
        status: 403,
        message,
      });
    }
    expect(
      (await api.as(ana).post(`/access-requests/${id}/cancel`, {})).status,
    ).toBe(403);
  });

  it('still refuses a revocation by someone who is not an approver', async () => {
    const id = (
      await api
        .as(mei)
        .post('/access-requests', await api.as(mei).accept(travelTimes))
    ).body.id;
    const approved = await api
      .as(ben)
      .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
    const res = await api
      .as(mei)
      .post(`/grants/${approved.body.grant.id}/revoke`, { reason: 'x' });
    expect(res.status).toBe(403);
  });
});

describe('a failing grant provisioner', () => {
  it('is logged and audited, and never undoes the decision', async () => {
    const api = await startDatapact({ failingProvisioner: true });
    try {
      const id = (
        await api
          .as(mei)
          .post('/access-requests', await api.as(mei).accept(travelTimes))
      ).body.id;
      const res = await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('approved');
      await api.provision();
      // The provisioner after the failing one still ran.
      expect(api.recorded.provisioned).toEqual([
        { event: 'grant', grantId: res.body.grant.id },
      ]);
      const audit = await api
        .as(mei)
        .get(`/audit?entity=grant:${res.body.grant.id}`);
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        'grant.provisioned',
        'grant.provisioning-failed',
      ]);
      expect(audit.body.items[1]).toMatchObject({
        details: {
          provisioner: 'broken-warehouse',
          action: 'grant',
          error: 'warehouse unreachable',
        },
      });
      const grant = (await api.as(mei).get(`/access-requests/${id}`)).body
        .grant;
      expect(grant.provisioning).toMatchObject({
        action: 'grant',
        state: 'failed',
        steps: [
          {
            provisioner: 'broken-warehouse',
            state: 'failed',
            attempts: 1,
            lastError: 'warehouse unreachable',
            nextAttemptAt: '2026-11-29T09:00:02.000Z',
          },
          { provisioner: 'recorder', state: 'done', attempts: 1 },
        ],
      });
      expect((await api.as(mei).get('/audit/verify')).body.ok).toBe(true);
    } finally {
      await api.stop();
    }
  });
});
