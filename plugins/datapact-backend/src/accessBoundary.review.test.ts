import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { loadExampleWorld } from './__testUtils__/exampleWorld';
import { amara, ana, ben, mei, rahul, tomas } from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { GOVERNANCE_TASK_ID } from './plugin';

jest.setTimeout(180_000);

/*
 * A hostile review of the access boundary (issue 11). Tests named
 * `fixed (finding N)` pin what the review found and was then fixed; the
 * others (`holds:`) check attacks that held.
 */

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const CLINIC = 'dataset:default/clinic-visits-2024';
const ED_CLEAN = 'dataset:default/st-mary-ed-attendances-clean';
const OUTPATIENT_TT = 'dataset:default/st-mary-outpatient-travel-times';
const WEEKLY = 'dataset:default/ed-respiratory-by-area-weekly';
const DSA = 'agreement:default/hospital-uni-dsa';

const clinicVisits = {
  dataset: CLINIC,
  purpose: 'research',
  justification: 'Outpatient travel burden study',
  duration: 'P30D',
  agreement: DSA,
};
const edClean = { ...clinicVisits, dataset: ED_CLEAN };
const weekly = {
  dataset: WEEKLY,
  purpose: 'research',
  justification: 'Respiratory admissions by area, weekly',
  duration: 'P180D',
};

function edit(
  entities: Entity[],
  ref: string,
  change: (entity: any) => void,
): Entity[] {
  let found = false;
  const out = entities.map(e => {
    if (stringifyEntityRef(e) !== ref) return e;
    found = true;
    const copy = structuredClone(e);
    change(copy);
    return copy;
  });
  if (!found) throw new Error(`no ${ref} in the world`);
  return out;
}

describe.each(databases.eachSupportedId())(
  'review attacks on the access boundary on %s',
  databaseId => {
    let api: TestDatapact | undefined;

    afterEach(async () => {
      await api?.stop();
      api = undefined;
    });

    async function start(entities: Entity[] = loadExampleWorld()) {
      api = await startDatapact({
        knex: await databases.init(databaseId),
        entities,
        config: {
          datapact: {
            catalog: { cacheTtl: { milliseconds: 0 } },
            accessRequests: { pendingExpiry: 'P30D' },
          },
        },
      });
      await api.runTask(GOVERNANCE_TASK_ID);
      return api;
    }

    const changeCatalog = async (entities: Entity[]) => {
      api!.setCatalog(entities);
      await api!.runTask(GOVERNANCE_TASK_ID);
    };

    async function create(who: string, body: object): Promise<string> {
      const res = await api!
        .as(who)
        .post('/access-requests', await api!.as(who).accept(body));
      if (res.status !== 201) {
        throw new Error(
          `request by ${who} refused: ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      }
      return res.body.id;
    }

    const decide = (who: string, id: string, decision: string) =>
      api!.as(who).post(`/access-requests/${id}/decisions`, { decision });

    /** The example world with St Mary's organization Group named in mixed case (refs to it stay lower case, as the catalog allows). */
    const mixedCaseStMary = (entities: Entity[]) =>
      edit(entities, 'group:default/st-mary-hospital', g => {
        g.metadata.name = 'St-Mary-Hospital';
      });

    describe('organization refs that differ only in case', () => {
      it('holds: a same-organization request made under a mixed-case organization Group can be approved', async () => {
        await start(mixedCaseStMary(loadExampleWorld()));
        // Rahul (St Mary) asks for St Mary's own outpatient travel times: no agreement needed.
        const id = await create(rahul, {
          dataset: OUTPATIENT_TT,
          purpose: 'service-planning',
          justification: 'Clinic catchments',
          duration: 'P7D',
        });
        const res = await decide(ben, id, 'approve');
        // The request passed at request time; the approval re-check must judge it the same way.
        expect(res.body.error?.message).toBeUndefined();
        expect(res.status).toBe(201);
        expect(res.body.state).toBe('approved');
      });

      it('holds: the lifecycle sweep does not revoke a same-organization grant when the organization Group is named in mixed case', async () => {
        const world = loadExampleWorld();
        await start(world);
        const id = await create(rahul, {
          dataset: OUTPATIENT_TT,
          purpose: 'service-planning',
          justification: 'Clinic catchments',
          duration: 'P7D',
        });
        const approved = await decide(ben, id, 'approve');
        expect(approved.body.state).toBe('approved');
        // Same organization, same Group; the catalog now spells its name in mixed case.
        await changeCatalog(mixedCaseStMary(world));
        await api!.sweep();
        const read = await api!.as(rahul).get(`/access-requests/${id}`);
        expect(read.body.grant.revokeReason).toBeUndefined();
        expect(read.body.grant.state).toBe('active');
      });
    });

    describe('segregation of duties', () => {
      it('holds: one steward listed twice (refs differing in case) counts once towards approvalsRequired', async () => {
        const world = edit(
          loadExampleWorld(),
          `dataset:default/clinic-visits-2024`,
          d => {
            d.spec.access.approvers = [
              'steward:default/ana-ruiz',
              'steward:default/Ana-Ruiz',
            ];
            d.spec.access.approvalsRequired = 2;
          },
        );
        await start(world);
        // With one distinct stewardship in the pool, two approvals can never
        // be reached: the request should be refused when made...
        const created = await api!
          .as(tomas)
          .post('/access-requests', await api!.as(tomas).accept(clinicVisits));
        expect(created.status).toBe(403);
        expect(created.body.error.rule).toBe('stewardship');
      });

      it('holds: a steward and the steward she is a delegate of each count once, one approval per person', async () => {
        await start();
        // clinic-visits: stewards ana-ruiz (delegate ben) and ben-okafor (delegate ana), two approvals.
        const id = await create(tomas, clinicVisits);
        const first = await decide(ana, id, 'approve');
        expect(first.status).toBe(201);
        expect(first.body.state).toBe('pending');
        // Ben approves for his own stewardship: two people, two stewardships.
        const second = await decide(ben, id, 'approve');
        expect(second.body.state).toBe('approved');
        expect(
          second.body.decisions.map((d: any) => d.countsFor).sort(),
        ).toEqual(['steward:default/ana-ruiz', 'steward:default/ben-okafor']);
      });

      it('holds: a requester whose ref is written in another case is still the requester, and her own delegate stewardship is excluded', async () => {
        await start();
        const id = await create(rahul, {
          dataset: OUTPATIENT_TT,
          purpose: 'service-planning',
          justification: 'x',
          duration: 'P7D',
        });
        const res = await decide('user:default/Rahul.Mehta', id, 'approve');
        expect(res.status).toBe(403);
        // Ana is ben-okafor's delegate, the only approver: her own request is refused when made.
        const byAna = await api!.as(ana).post(
          '/access-requests',
          await api!.as(ana).accept({
            dataset: OUTPATIENT_TT,
            purpose: 'service-planning',
            justification: 'x',
            duration: 'P7D',
          }),
        );
        expect(byAna.status).toBe(403);
        expect(byAna.body.error.rule).toBe('stewardship');
      });
    });

    describe('who may decide a pending request after the catalog changes', () => {
      it('fixed (finding 1): the new holder of an approver stewardship may decide a request made before the change', async () => {
        const world = loadExampleWorld();
        await start(world);
        const id = await create(tomas, clinicVisits);
        // Ben hands his stewardship to Mei.
        await changeCatalog(
          edit(world, 'steward:default/ben-okafor', s => {
            s.spec.holder = mei;
          }),
        );
        const status = await api!
          .as(mei)
          .get(`/access-requests/${id}/approvals`);
        expect(status.status).toBe(200);
        const res = await decide(mei, id, 'approve');
        expect(res.body.error?.message).toBeUndefined();
        expect(res.status).toBe(201);
        expect(res.body.decisions[0].countsFor).toBe(
          'steward:default/ben-okafor',
        );
      });

      it('fixed (finding 1): a former approver who left for another organization no longer reads the request, its approvals or its audit entries', async () => {
        const world = loadExampleWorld();
        await start(world);
        const id = await create(tomas, clinicVisits);
        // Ben leaves St Mary for the university; Mei takes his stewardship.
        let next = edit(world, 'steward:default/ben-okafor', s => {
          s.spec.holder = mei;
        });
        next = edit(next, ben, u => {
          u.spec.memberOf = ['group:default/uni-epidemiology'];
        });
        next = edit(next, 'steward:default/ana-ruiz', s => {
          s.spec.delegates = [];
        });
        await changeCatalog(next);
        const read = await api!.as(ben).get(`/access-requests/${id}`);
        expect(read.status).toBe(403);
        const approvals = await api!
          .as(ben)
          .get(`/access-requests/${id}/approvals`);
        expect(approvals.status).toBe(403);
        const audit = await api!.as(ben).get('/audit');
        expect(
          audit.body.items.filter(
            (e: any) => e.subject === `access-request:${id}`,
          ),
        ).toEqual([]);
      });
    });

    describe('agreements reached through data of the same organization', () => {
      // The weekly counts are a de-identified aggregate in the example
      // world, where covered data ends (DESIGN, "Agreement terms as
      // rules"); as row-level pseudonymized data they stay covered.
      const endingDsa = (entities: Entity[]) =>
        edit(
          edit(entities, DSA, a => {
            a.spec.effective.until = '2026-12-10';
          }),
          WEEKLY,
          d => {
            d.spec.sensitivity.personalData = 'pseudonymized';
          },
        );

      it('holds: a de-identified aggregate two hops down is the recipient’s own data, not capped by the agreement', async () => {
        await start(
          edit(loadExampleWorld(), DSA, a => {
            a.spec.effective.until = '2026-12-10';
          }),
        );
        const id = await create(tomas, weekly);
        const res = await decide(amara, id, 'approve');
        expect(res.body.grant).toMatchObject({ expiresBecause: 'duration' });
      });

      it('fixed (finding 2): a grant on data derived (two hops up) from another organization is capped by the agreement that covers it', async () => {
        // weekly (Northbridge) <- ed-respiratory-traffic-linked (Northbridge)
        //   <- st-mary-ed-attendances-clean (St Mary, under hospital-uni-dsa)
        await start(endingDsa(loadExampleWorld()));
        const id = await create(tomas, weekly);
        const res = await decide(amara, id, 'approve');
        expect(res.body.state).toBe('approved');
        expect(res.body.grant).toMatchObject({
          expiresAt: '2026-12-10T23:59:59.999Z',
          expiresBecause: 'agreement',
          expiresAgreement: DSA,
        });
      });

      it('fixed (finding 2): once that agreement has ended, such data is no longer handed out', async () => {
        await start(endingDsa(loadExampleWorld()));
        api!.clock.advance({ days: 12 }); // 2026-12-11: the DSA has ended
        await api!.runTask(GOVERNANCE_TASK_ID);
        // The direct derivative is refused...
        const direct = await api!.as(tomas).post(
          '/access-requests',
          await api!.as(tomas).accept({
            ...weekly,
            dataset: 'dataset:default/ed-respiratory-traffic-linked',
            duration: 'P30D',
          }),
        );
        expect(direct.status).toBe(403);
        // ...and so must be data derived from it.
        const derived = await api!
          .as(tomas)
          .post('/access-requests', await api!.as(tomas).accept(weekly));
        expect(derived.status).toBe(403);
      });
    });

    describe('concurrency', () => {
      it('holds: two approvals racing for the last two stewardships give exactly one grant', async () => {
        await start();
        const id = await create(tomas, edClean);
        const [a, b] = await Promise.all([
          decide(ana, id, 'approve'),
          decide(ben, id, 'approve'),
        ]);
        expect([a.status, b.status].sort()).toEqual([201, 201]);
        const read = await api!.as(tomas).get(`/access-requests/${id}`);
        expect(read.body.state).toBe('approved');
        expect(read.body.decisions).toHaveLength(2);
        await api!.provision();
        expect(
          api!.recorded.provisioned.filter(p => p.event === 'grant'),
        ).toHaveLength(1);
      });

      it('holds: two sweeps at once end a broken grant once, with one audit entry', async () => {
        const world = loadExampleWorld();
        await start(world);
        const id = await create(tomas, edClean);
        await decide(ana, id, 'approve');
        const approved = await decide(ben, id, 'approve');
        const grant = approved.body.grant;
        await api!.provision();
        await changeCatalog(
          edit(world, ED_CLEAN, d => {
            d.spec.access.requestable = false;
          }),
        );
        await Promise.all([api!.sweep(), api!.sweep()]);
        await Promise.all([api!.provision(), api!.provision()]);
        const entries = await api!
          .as('service')
          .get(`/audit?entity=grant:${grant.id}`);
        expect(
          entries.body.items.filter((e: any) => e.action === 'grant.revoked'),
        ).toHaveLength(1);
        expect(
          api!.recorded.provisioned.filter(p => p.event === 'revoke'),
        ).toHaveLength(1);
      });
    });

    describe('hostile input and other organizations', () => {
      it('holds: eligibility for a non-dataset ref or a bad duration is a clean 4xx', async () => {
        await start();
        for (const q of [
          'dataset=group:default/st-mary-hospital',
          'dataset=steward:default/ana-ruiz',
          `dataset=${CLINIC}&duration=P-1D`,
          `dataset=${CLINIC}&agreement=user:default/ana.ruiz`,
          `dataset=${CLINIC}&extra=1`,
          'dataset=%00',
        ]) {
          const res = await api!
            .as(tomas)
            .get(`/access-requests/eligibility?${q}`);
          expect([200, 400, 404]).toContain(res.status);
        }
        const bad = await api!
          .as(tomas)
          .get(
            `/access-requests/${encodeURIComponent("x' or 1=1 --")}/approvals`,
          );
        // A path id that is no UUID never reaches a query (issue 12).
        expect(bad.status).toBe(400);
      });

      it('holds: another organization reads none of a request, its approvals or its audit', async () => {
        await start();
        const id = await create(tomas, clinicVisits);
        await decide(ana, id, 'approve');
        for (const who of [rahul, 'user:default/fatima.haddad']) {
          expect(
            (await api!.as(who).get(`/access-requests/${id}`)).status,
          ).toBe(403);
          expect(
            (await api!.as(who).get(`/access-requests/${id}/approvals`)).status,
          ).toBe(403);
          const audit = await api!.as(who).get(`/audit?entity=${CLINIC}`);
          expect(audit.body.items).toEqual([]);
        }
      });
    });
  },
);
