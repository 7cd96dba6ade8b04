import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { loadExampleWorld } from './__testUtils__/exampleWorld';
import {
  amara,
  ana,
  aroha,
  ben,
  hemi,
  lucia,
  mei,
  rahul,
  tomas,
  wiremu,
} from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { GOVERNANCE_TASK_ID } from './plugin';

jest.setTimeout(120_000);

/*
 * The access boundary over time: what a steward reads as approved, active
 * or ended stays true as the catalog changes. Each case starts a backend
 * over its own copy of the example world on a fresh database, moves the
 * test clock and edits the catalog, and checks the request's state, the
 * grant, the audit entry and what the provisioners were told.
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const OD = 'dataset:default/riverside-od-travel-times';
const TRAVEL_DUA = 'agreement:default/riverside-hospital-travel-dua';
/** Rahul (St Mary) asks for the cooperative's travel times under the DUA that ends 2026-12-15. */
const odRequest = {
  dataset: OD,
  purpose: 'service-planning',
  justification: 'Outpatient clinic catchments',
  duration: 'P365D',
  agreement: TRAVEL_DUA,
};

/** Edits one entity of a copy of the world. */
function edit(
  entities: Entity[],
  ref: string,
  change: (entity: any) => void,
): Entity[] {
  return entities.map(e => {
    if (stringifyEntityRef(e) !== ref) return e;
    const copy = structuredClone(e);
    change(copy);
    return copy;
  });
}

function without(entities: Entity[], ref: string): Entity[] {
  return entities.filter(e => stringifyEntityRef(e) !== ref);
}

describe.each(databases.eachSupportedId())(
  'the access lifecycle on %s',
  databaseId => {
    let api: TestDatapact;
    let world: Entity[];

    beforeEach(async () => {
      world = loadExampleWorld();
      api = await startDatapact({
        knex: await databases.init(databaseId),
        entities: world,
        config: {
          datapact: {
            catalog: { cacheTtl: { milliseconds: 0 } },
            accessRequests: { pendingExpiry: 'P30D' },
          },
        },
      });
    });

    afterEach(async () => {
      await api.stop();
    });

    const changeCatalog = async (entities: Entity[]) => {
      world = entities;
      api.setCatalog(entities);
      await api.runTask(GOVERNANCE_TASK_ID);
    };

    async function create(who: string, body: object): Promise<string> {
      const res = await api
        .as(who)
        .post('/access-requests', await api.as(who).accept(body));
      expect(res.status).toBe(201);
      return res.body.id;
    }

    const decide = (who: string, id: string, decision: string) =>
      api.as(who).post(`/access-requests/${id}/decisions`, { decision });

    /** The newest audit entry about a subject (read as a service, which reads them all). */
    async function lastAudit(subject: string) {
      const res = await api
        .as('service')
        .get(`/audit?entity=${subject}&limit=1`);
      return res.body.items[0];
    }

    /** An approved travel-times grant for Rahul, as the sweep will see it. */
    async function activeGrant() {
      const id = await create(rahul, odRequest);
      const res = await decide(lucia, id, 'approve');
      expect(res.body.state).toBe('approved');
      await api.provision();
      return res.body.grant;
    }

    /** Runs the sweep and checks that it ended the grant for `cause`. */
    async function expectEndedBySweep(grant: any, cause: string, says: string) {
      await api.sweep();
      const read = await api
        .as(rahul)
        .get(`/access-requests/${grant.requestId}`);
      expect(read.body.grant).toMatchObject({
        state: 'revoked',
        revokedBy: 'plugin:datapact',
        revokeCause: cause,
      });
      expect(read.body.grant.revokeReason).toContain(says);
      expect(await lastAudit(`grant:${grant.id}`)).toMatchObject({
        actor: 'plugin:datapact',
        action: 'grant.revoked',
        details: { cause, requestId: grant.requestId },
      });
      await api.provision();
      expect(api.recorded.provisioned).toEqual([
        { event: 'grant', grantId: grant.id },
        { event: 'revoke', grantId: grant.id },
      ]);
      const ended = await api.as(rahul).get('/grants?endedBySweep=true');
      expect(ended.body.items.map((g: any) => g.id)).toEqual([grant.id]);
      // A second sweep changes nothing.
      await api.sweep();
      await api.provision();
      expect(api.recorded.provisioned).toHaveLength(2);
    }

    describe('a grant never outlives its basis', () => {
      it('caps a 365-day grant at the end of the agreement’s last day, and says so', async () => {
        const id = await create(rahul, odRequest);
        const preview = await api
          .as(rahul)
          .get(
            `/access-requests/eligibility?dataset=${OD}&purpose=service-planning&duration=P365D&agreement=${TRAVEL_DUA}`,
          );
        expect(preview.body).toMatchObject({
          allowed: true,
          expiry: {
            expiresAt: '2026-12-15T23:59:59.999Z',
            expiresBecause: 'agreement',
            agreement: TRAVEL_DUA,
          },
        });
        const res = await decide(lucia, id, 'approve');
        expect(res.body.grant).toMatchObject({
          expiresAt: '2026-12-15T23:59:59.999Z',
          expiresBecause: 'agreement',
          expiresAgreement: TRAVEL_DUA,
          state: 'active',
        });
        await api.provision();
        expect(await lastAudit(`access-request:${id}`)).toMatchObject({
          action: 'access-request.approved',
          details: {
            grant: {
              expiresAt: '2026-12-15T23:59:59.999Z',
              expiresBecause: 'agreement',
              expiresAgreement: TRAVEL_DUA,
            },
          },
        });

        // The day after the agreement's last day the grant reads expired,
        // and the sweep tells the provisioners.
        api.clock.advance({ days: 17 });
        const grant = res.body.grant;
        expect(
          (await api.as(rahul).get(`/access-requests/${id}`)).body.grant.state,
        ).toBe('expired');
        await api.sweep();
        expect(await lastAudit(`grant:${grant.id}`)).toMatchObject({
          action: 'grant.expired',
        });
        await api.provision();
        expect(api.recorded.provisioned).toEqual([
          { event: 'grant', grantId: grant.id },
          { event: 'revoke', grantId: grant.id },
        ]);
      });

      it('keeps the duration as the bound when it ends first', async () => {
        const id = await create(rahul, { ...odRequest, duration: 'P7D' });
        const res = await decide(lucia, id, 'approve');
        expect(res.body.grant).toMatchObject({
          expiresAt: '2026-12-06T09:00:00.000Z',
          expiresBecause: 'duration',
        });
        expect(res.body.grant.expiresAgreement).toBeUndefined();
      });

      it('caps access to data derived under another organization’s agreement too', async () => {
        // The hospital's own travel times are derived from the cooperative's
        // under the same DUA.
        const id = await create(mei, {
          dataset: 'dataset:default/st-mary-outpatient-travel-times',
          purpose: 'service-planning',
          justification: 'Clinic opening hours',
          duration: 'P90D',
        });
        const res = await decide(ben, id, 'approve');
        expect(res.body.grant).toMatchObject({
          expiresAt: '2026-12-15T23:59:59.999Z',
          expiresBecause: 'agreement',
          expiresAgreement: TRAVEL_DUA,
        });
      });
    });

    describe('the lifecycle sweep ends a grant whose basis is gone', () => {
      it('when the agreement ends early (amended)', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, TRAVEL_DUA, a => {
            a.spec.effective.until = '2026-12-01';
          }),
        );
        api.clock.advance({ days: 3 });
        await expectEndedBySweep(grant, 'agreement', 'expired');
      });

      it('when the agreement is removed', async () => {
        const grant = await activeGrant();
        await changeCatalog(without(world, TRAVEL_DUA));
        await expectEndedBySweep(
          grant,
          'agreement',
          '`riverside-hospital-travel-dua` is not an agreement in the catalog',
        );
      });

      it('when the agreement no longer lists the dataset', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, TRAVEL_DUA, a => {
            a.spec.datasets = [];
          }),
        );
        await expectEndedBySweep(grant, 'agreement', 'does not cover');
      });

      it('when the dataset is removed', async () => {
        const grant = await activeGrant();
        await changeCatalog(without(world, OD));
        await expectEndedBySweep(
          grant,
          'dataset-removed',
          'no longer a dataset in the catalog',
        );
      });

      it('when the dataset is no longer requestable', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, OD, d => {
            d.spec.access.requestable = false;
          }),
        );
        await expectEndedBySweep(grant, 'not-requestable', 'not requestable');
      });

      it('when the dataset’s tier rises above the tier at grant time', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, OD, d => {
            d.spec.sensitivity.tier = 'restricted';
          }),
        );
        await expectEndedBySweep(
          grant,
          'tier-raised',
          'is now `restricted`, above the `confidential`',
        );
      });

      it('when the holder moves to another organization', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, rahul, u => {
            u.spec.memberOf = ['group:default/coop-member-services'];
          }),
        );
        await expectEndedBySweep(
          grant,
          'organization',
          '`rahul.mehta` no longer belongs to `st-mary-hospital`',
        );
      });

      it('when the purpose is withdrawn', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, OD, d => {
            d.spec.access.allowedPurposes = ['research'];
          }),
        );
        await expectEndedBySweep(
          grant,
          'purpose',
          'may only be requested for `research`, not `service-planning`',
        );
      });

      it('when a community veto upstream now forbids the purpose', async () => {
        const grant = await activeGrant();
        await changeCatalog(
          edit(world, 'dataset:default/riverside-member-trips-raw', d => {
            d.spec.community = {
              name: 'Riverside riders',
              vetoOn: ['service-planning'],
            };
          }),
        );
        await expectEndedBySweep(
          grant,
          'community-veto',
          'vetoes `service-planning`',
        );
      });

      it('leaves grants whose basis holds alone', async () => {
        const grant = await activeGrant();
        await api.sweep();
        expect(
          (await api.as(rahul).get(`/access-requests/${grant.requestId}`)).body
            .grant.state,
        ).toBe('active');
        await api.provision();
        expect(api.recorded.provisioned).toEqual([
          { event: 'grant', grantId: grant.id },
        ]);
      });
    });

    describe('decisions re-check the rules', () => {
      it('refuses an approval once the agreement has ended while pending, and still accepts a denial', async () => {
        const id = await create(rahul, odRequest);
        api.clock.advance({ days: 17 });
        const res = await decide(lucia, id, 'approve');
        expect(res.status).toBe(403);
        expect(res.body.error.rule).toBe('agreement-coverage');
        expect(res.body.error.message).toContain(
          '`riverside-hospital-travel-dua` is expired (it ended 2026-12-15)',
        );
        const read = await api.as(rahul).get(`/access-requests/${id}`);
        expect(read.body).toMatchObject({ state: 'pending', decisions: [] });
        expect(read.body.grant).toBeUndefined();

        const denied = await decide(lucia, id, 'deny');
        expect(denied.status).toBe(201);
        expect(denied.body.state).toBe('denied');
        expect(await lastAudit(`access-request:${id}`)).toMatchObject({
          action: 'access-request.denied',
          actor: lucia,
        });
        expect(api.recorded.provisioned).toEqual([]);
      });

      it('refuses an approval once the purpose was withdrawn', async () => {
        const id = await create(rahul, odRequest);
        await changeCatalog(
          edit(world, OD, d => {
            d.spec.access.allowedPurposes = ['research'];
          }),
        );
        const res = await decide(lucia, id, 'approve');
        expect(res.status).toBe(403);
        expect(res.body.error.rule).toBe('purpose-limitation');
      });

      it('refuses an approval once the tier rose', async () => {
        const id = await create(rahul, odRequest);
        await changeCatalog(
          edit(world, OD, d => {
            d.spec.sensitivity.tier = 'restricted';
          }),
        );
        const res = await decide(lucia, id, 'approve');
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain('is now `restricted`');
      });

      it('refuses any decision after pendingUntil (409, lapsed)', async () => {
        const id = await create(rahul, { ...odRequest, duration: 'P7D' });
        api.clock.advance({ days: 30 });
        for (const decision of ['approve', 'deny']) {
          const res = await decide(lucia, id, decision);
          expect(res.status).toBe(409);
          expect(res.body.error.message).toContain('lapsed');
        }
        expect(
          (await api.as(rahul).get(`/access-requests/${id}`)).body.decisions,
        ).toEqual([]);
      });

      it('refuses a request, and an approval, while the dataset is the subject of an open error finding', async () => {
        // The household energy leads break the community's veto.
        const blocked = await api.as(hemi).post(
          '/access-requests',
          await api.as(hemi).accept({
            dataset: 'dataset:default/ngati-example-household-energy-leads',
            purpose: 'service-planning',
            justification: 'Energy hardship outreach',
            duration: 'P30D',
          }),
        );
        expect(blocked.status).toBe(403);
        expect(blocked.body.error.rule).toBe('community-veto');
        expect(blocked.body.error.message).toContain('vetoes `commercial-use`');

        // A request made while the data was clean, then a licence breach.
        const id = await create(mei, {
          dataset: 'dataset:default/st-mary-outpatient-travel-times',
          purpose: 'service-planning',
          justification: 'Clinic opening hours',
          duration: 'P7D',
        });
        await changeCatalog(
          edit(world, 'dataset:default/st-mary-outpatient-travel-times', d => {
            d.spec.license = { spdx: 'CC0-1.0' };
          }),
        );
        const res = await decide(ben, id, 'approve');
        expect(res.status).toBe(403);
        expect(res.body.error.rule).toBe('license-compatibility');
        expect((await decide(ben, id, 'deny')).body.state).toBe('denied');
      });
    });

    describe('approvals count stewardships', () => {
      it('counts a group-held stewardship once however many members approve', async () => {
        const survey =
          'dataset:default/ngati-example-whanau-wellbeing-survey-2025';
        // Hemi's stewardship without the council as its delegate, so that
        // the council's members can decide for the council alone.
        const edited = edit(world, survey, d => {
          d.spec.access.approvers = [
            'steward:default/community-council',
            'steward:default/hemi-walker',
          ];
          d.spec.access.approvalsRequired = 2;
        });
        await changeCatalog(
          edit(edited, 'steward:default/hemi-walker', s => {
            s.spec.delegates = [];
          }),
        );
        const id = await create(tomas, {
          dataset: survey,
          purpose: 'research',
          justification: 'Whānau wellbeing indicators',
          duration: 'P30D',
          agreement: 'agreement:default/ngati-example-uni-memorandum',
        });
        expect((await decide(aroha, id, 'approve')).body.state).toBe('pending');
        const second = await decide(wiremu, id, 'approve');
        expect(second.status).toBe(409);
        expect(second.body.error.message).toBe(
          'steward:default/community-council has already approved this request; a stewardship counts once',
        );
        const status = await api
          .as(hemi)
          .get(`/access-requests/${id}/approvals`);
        expect(status.body).toMatchObject({
          approved: [
            {
              stewardship: 'steward:default/community-council',
              approver: aroha,
            },
          ],
          stillNeeded: 1,
          stillRequired: [],
          viewer: {
            canDecide: true,
            stewardship: { onBehalfOf: 'steward:default/hemi-walker' },
          },
        });
        const done = await decide(hemi, id, 'approve');
        expect(done.body.state).toBe('approved');
        expect(done.body.decisions.map((d: any) => d.countsFor)).toEqual([
          'steward:default/community-council',
          'steward:default/hemi-walker',
        ]);
      });

      it('does not let a steward’s own delegate stand in for the second stewardship', async () => {
        const travel = 'dataset:default/st-mary-outpatient-travel-times';
        await changeCatalog(
          edit(world, travel, d => {
            d.spec.access.approvers = [
              'steward:default/ana-ruiz',
              'steward:default/mei-tanaka',
            ];
            d.spec.access.approvalsRequired = 2;
          }),
        );
        const id = await create(rahul, {
          dataset: travel,
          purpose: 'service-planning',
          justification: 'Clinic opening hours',
          duration: 'P7D',
        });
        expect((await decide(ana, id, 'approve')).body.state).toBe('pending');
        // Ben stands in only for Ana, whose stewardship has approved.
        const delegate = await decide(ben, id, 'approve');
        expect(delegate.status).toBe(409);
        expect(delegate.body.error.message).toContain(
          'steward:default/ana-ruiz has already approved this request',
        );
        const done = await decide(mei, id, 'approve');
        expect(done.body.state).toBe('approved');
        expect(await lastAudit(`access-request:${id}`)).toMatchObject({
          action: 'access-request.approved',
          details: {
            approvedStewardships: [
              'steward:default/ana-ruiz',
              'steward:default/mei-tanaka',
            ],
          },
        });
      });

      it('excludes the requester’s own stewardship and its delegates, counting the others', async () => {
        const travel = 'dataset:default/st-mary-outpatient-travel-times';
        await changeCatalog(
          edit(world, travel, d => {
            d.spec.access.approvers = [
              'steward:default/mei-tanaka',
              'steward:default/ben-okafor',
            ];
          }),
        );
        const id = await create(mei, {
          dataset: travel,
          purpose: 'service-planning',
          justification: 'Clinic opening hours',
          duration: 'P7D',
        });
        // Ana is mei-tanaka's delegate: standing in for the requester, she
        // may not decide the request at all, not even for ben-okafor, whose
        // delegate she also is. Ben decides for his own stewardship.
        // (the permission policy already refuses: she is no decider of it)
        const byDelegate = await decide(ana, id, 'approve');
        expect(byDelegate.status).toBe(403);
        expect(byDelegate.body.error.message).toBe(
          'Not allowed: datapact.access-request.decide',
        );
        const status = await api
          .as(ana)
          .get(`/access-requests/${id}/approvals`);
        expect(status.status).toBe(403);
        const res = await decide(ben, id, 'approve');
        expect(res.body.state).toBe('approved');
        expect(res.body.decisions).toEqual([
          expect.objectContaining({
            approver: ben,
            onBehalfOf: 'steward:default/ben-okafor',
            countsFor: 'steward:default/ben-okafor',
          }),
        ]);
      });

      it('refuses a request whose approvers are all the requester’s own stewardships', async () => {
        const res = await api.as(ana).post(
          '/access-requests',
          await api.as(ana).accept({
            dataset: 'dataset:default/clinic-visits-2024',
            purpose: 'research',
            justification: 'Audit',
            duration: 'P7D',
          }),
        );
        expect(res.status).toBe(403);
        expect(res.body.error.rule).toBe('stewardship');
        expect(res.body.error.message).toContain(
          'needs 2 approvals from distinct stewardships, but only 0 of its 2',
        );
      });
    });

    describe('community data', () => {
      it('needs the community steward’s approval for data derived from a community that requires consent', async () => {
        const id = await create(tomas, {
          dataset: 'dataset:default/uni-whanau-wellbeing-indicators',
          purpose: 'research',
          justification: 'Indicator paper',
          duration: 'P30D',
        });
        const created = await api.as(tomas).get(`/access-requests/${id}`);
        expect(created.body.requiredStewardships).toEqual([
          'steward:default/community-council',
        ]);
        const first = await decide(amara, id, 'approve');
        expect(first.body.state).toBe('pending');
        expect(await lastAudit(`access-request:${id}`)).toMatchObject({
          action: 'access-request.approval-recorded',
          details: {
            stillNeeded: 0,
            stillRequired: ['steward:default/community-council'],
          },
        });
        await api.provision();
        expect(api.recorded.provisioned).toEqual([]);
        const consent = await decide(aroha, id, 'approve');
        expect(consent.body.state).toBe('approved');
        await api.provision();
        expect(api.recorded.provisioned).toEqual([
          { event: 'grant', grantId: consent.body.grant.id },
        ]);
      });

      it('refuses a purpose the community vetoes, for derived data too', async () => {
        await changeCatalog(
          edit(world, 'dataset:default/uni-whanau-wellbeing-indicators', d => {
            d.spec.access.allowedPurposes = [
              'research',
              'commercial-analytics',
            ];
          }),
        );
        const res = await api.as(tomas).post(
          '/access-requests',
          await api.as(tomas).accept({
            dataset: 'dataset:default/uni-whanau-wellbeing-indicators',
            purpose: 'commercial-analytics',
            justification: 'Product research',
            duration: 'P30D',
          }),
        );
        expect(res.status).toBe(403);
        expect(res.body.error.rule).toBe('community-veto');
        expect(res.body.error.message).toContain(
          'derives from `ngati-example-whanau-wellbeing-survey-2025`, data of the Ngāti Example community, which vetoes `commercial-use`',
        );
      });
    });
  },
);
