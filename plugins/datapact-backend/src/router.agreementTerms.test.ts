import { Entity } from '@backstage/catalog-model';
import {
  AccessTerm,
  evaluateGovernance,
} from '@datapact/backstage-plugin-common';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { changedWorld, loadExampleWorld } from './__testUtils__/exampleWorld';
import {
  amara,
  fatima,
  mei,
  priya,
  rahul,
  travelTimesRequest,
} from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { GOVERNANCE_TASK_ID } from './plugin';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

/** The deliberate breach of each agreement-term rule in the example world (catalog-info/README.md). */
const breaches = [
  [
    'deidentification-required',
    'dataset:default/uni-ed-frequent-attenders-cohort',
  ],
  ['onward-transfer', 'dataset:default/st-mary-ed-surge-forecast-inputs'],
  ['jurisdiction', 'dataset:default/st-mary-ed-wait-times-extract'],
  ['derived-works', 'dataset:default/ngati-example-household-energy-leads'],
] as const;

describe.each(databases.eachSupportedId())(
  'the agreement-term rules in the backend’s findings on %s',
  databaseId => {
    let api: TestDatapact;

    beforeAll(async () => {
      api = await startDatapact({ knex: await databases.init(databaseId) });
    });

    afterAll(async () => {
      await api.stop();
    });

    it('counts one error under each of their rule ids in the summary', async () => {
      const summary = await api.as(priya).get('/findings/summary');
      expect(summary.status).toBe(200);
      for (const [rule] of breaches) {
        expect(summary.body.byRule[rule]).toEqual({ error: 1 });
      }
    });

    it.each(breaches)(
      'serves the %s finding of %s in the words of the common rules',
      async (rule, dataset) => {
        const res = await api.as(priya).get(`/findings?entity=${dataset}`);
        expect(res.status).toBe(200);
        const expected = evaluateGovernance(loadExampleWorld(), {
          today: '2026-11-29',
        }).filter(f => f.rule === rule);
        expect(expected).toHaveLength(1);
        expect(
          res.body.problems.filter((p: { rule: string }) => p.rule === rule),
        ).toEqual([
          expect.objectContaining({
            rule,
            severity: 'error',
            entities: expected[0].entities,
            message: expected[0].message,
          }),
        ]);
        expect(expected[0].entities[0]).toBe(dataset);
      },
    );
  },
);

/** Hospital data the university linked with the cooperative's trip counts (coop-uni-dua: no onward transfer). */
const linked = {
  dataset: 'dataset:default/ed-respiratory-traffic-linked',
  purpose: 'research',
  justification: 'Respiratory admissions and traffic, for the winter plan',
  duration: 'P30D',
  agreement: 'agreement:default/hospital-uni-dsa',
};

describe.each(databases.eachSupportedId())(
  'accepting the terms and onward transfer at request time on %s',
  databaseId => {
    let api: TestDatapact;

    async function start(entities: Entity[] = loadExampleWorld()) {
      api = await startDatapact({
        knex: await databases.init(databaseId),
        entities,
        config: { datapact: { catalog: { cacheTtl: { milliseconds: 0 } } } },
      });
      await api.runTask(GOVERNANCE_TASK_ID);
    }

    afterEach(async () => {
      await api.stop();
    });

    const termsOf = (who: string, dataset: string, agreement?: string) =>
      api
        .as(who)
        .get(
          `/access-requests/terms?dataset=${encodeURIComponent(dataset)}${
            agreement ? `&agreement=${encodeURIComponent(agreement)}` : ''
          }`,
        );

    it('lists the licence, every binding agreement and the community in words, with a sha256', async () => {
      await start();
      const res = await termsOf(rahul, linked.dataset, linked.agreement);
      expect(res.status).toBe(200);
      expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const terms: AccessTerm[] = res.body.terms;
      expect(terms).toEqual(
        expect.arrayContaining([
          {
            source: 'license',
            entity: linked.dataset,
            kind: 'duty',
            id: 'attribute',
            text: 'You must credit the provider.',
          },
          {
            source: 'license',
            entity: linked.dataset,
            kind: 'prohibition',
            id: 'reidentify',
            text: 'You may not try to re-identify people.',
          },
          expect.objectContaining({
            source: 'agreement',
            entity: 'agreement:default/hospital-uni-dsa',
            id: 'onwardTransfer',
            text: expect.stringContaining('only with the approval'),
          }),
          // Not named by the request, but the data is covered by it.
          expect.objectContaining({
            source: 'agreement',
            entity: 'agreement:default/coop-uni-dua',
            id: 'jurisdictions',
            text: 'Store and process the data, and data derived from it, only in NZ.',
          }),
        ]),
      );
      // The agreement named comes first among the agreements.
      const agreements = [
        ...new Set(
          terms.filter(t => t.source === 'agreement').map(t => t.entity),
        ),
      ];
      expect(agreements).toEqual([
        'agreement:default/hospital-uni-dsa',
        'agreement:default/coop-uni-dua',
      ]);

      // A community's labels, veto and consent.
      const leads = await termsOf(
        priya,
        'dataset:default/ngati-example-whanau-wellbeing-survey-2025',
      );
      expect(leads.status).toBe(200);
      expect(
        leads.body.terms.filter((t: AccessTerm) => t.source === 'community'),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'label', id: 'tk-attribution' }),
        ]),
      );

      // Same question, same hash; another agreement, another hash.
      const again = await termsOf(rahul, linked.dataset, linked.agreement);
      expect(again.body.sha256).toBe(res.body.sha256);
      const without = await termsOf(rahul, linked.dataset);
      expect(without.status).toBe(200);
      expect(without.body.sha256).not.toBe(res.body.sha256);
    });

    it('answers 400 without a dataset and 404 for a dataset that does not exist', async () => {
      await start();
      const missing = await api.as(mei).get('/access-requests/terms');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('`dataset`');
      const unknown = await termsOf(mei, 'dataset:default/no-such-dataset');
      expect(unknown.status).toBe(404);
    });

    it('refuses a request without acceptedTerms (400 naming the field), with terms since changed (409), and keeps what was accepted', async () => {
      await start();
      const body = travelTimesRequest('Clinic catchments');
      const without = await api.as(mei).post('/access-requests', body);
      expect(without.status).toBe(400);
      expect(without.body.error.message).toContain(
        '`acceptedTerms` is required',
      );

      const read = await termsOf(mei, body.dataset);
      expect(read.status).toBe(200);
      // The licence gains a duty after the requester read the terms.
      api.setCatalog(
        changedWorld(byName => {
          const license = (
            byName('st-mary-outpatient-travel-times').spec as any
          ).license;
          license.terms = {
            ...license.terms,
            duties: [...(license.terms?.duties ?? []), 'share-alike'],
          };
        }),
      );
      const stale = await api
        .as(mei)
        .post('/access-requests', { ...body, acceptedTerms: read.body.sha256 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.rule).toBe('accepted-terms');
      expect(stale.body.error.message).toContain('GET /access-requests/terms');

      const reread = await termsOf(mei, body.dataset);
      expect(reread.body.sha256).not.toBe(read.body.sha256);
      expect(reread.body.terms).toContainEqual(
        expect.objectContaining({
          kind: 'duty',
          id: 'share-alike',
          text: 'You must share derived data under the same licence.',
        }),
      );
      const made = await api.as(mei).post('/access-requests', {
        ...body,
        acceptedTerms: reread.body.sha256.toUpperCase(),
      });
      expect(made.status).toBe(201);
      expect(made.body.acceptedTerms).toBe(reread.body.sha256);
      expect(made.body.terms).toEqual(reread.body.terms);
      const stored = await api.as(mei).get(`/access-requests/${made.body.id}`);
      expect(stored.body.terms).toEqual(reread.body.terms);
      const audit = await api
        .as('service')
        .get(`/audit?entity=${encodeURIComponent(body.dataset)}`);
      const entry = audit.body.items.find(
        (e: { action: string; subject: string }) =>
          e.action === 'access-request.created' &&
          e.subject === `access-request:${made.body.id}`,
      );
      expect(entry.details.acceptedTerms).toBe(reread.body.sha256);
    });

    it('refuses a requester of a non-party organization data an agreement keeps from onward transfer', async () => {
      await start();
      // St Mary is a party to the hospital–university agreement, but not to
      // the cooperative's, whose trip counts the linked data holds.
      const eligibility = await api
        .as(rahul)
        .get(
          `/access-requests/eligibility?dataset=${encodeURIComponent(
            linked.dataset,
          )}&purpose=research&agreement=${encodeURIComponent(
            linked.agreement,
          )}`,
        );
      expect(eligibility.body.allowed).toBe(false);
      const refusal = eligibility.body.refusals.find(
        (r: { rule: string }) => r.rule === 'onward-transfer',
      );
      expect(refusal.message).toContain('`coop-uni-dua`');
      expect(refusal.message).toContain('prohibits onward transfer');

      const res = await api
        .as(rahul)
        .post('/access-requests', await api.as(rahul).accept(linked));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(refusal.message);
      expect(res.body.error.entities).toEqual(
        expect.arrayContaining(['agreement:default/coop-uni-dua']),
      );

      // A requester of a party (the university) is not refused by it.
      const tomasAsks = await api
        .as('user:default/tomas.novak')
        .get(
          `/access-requests/eligibility?dataset=${encodeURIComponent(
            linked.dataset,
          )}&purpose=research`,
        );
      expect(
        tomasAsks.body.refusals.filter(
          (r: { rule: string }) => r.rule === 'onward-transfer',
        ),
      ).toEqual([]);
    });

    it('makes a steward of an agreement that allows onward transfer with approval a required approval, re-checked when deciding and by the sweep', async () => {
      const withApproval = changedWorld(byName => {
        (byName('coop-uni-dua').spec as any).terms.onwardTransfer =
          'with-approval';
      });
      await start(withApproval);
      const made = await api
        .as(rahul)
        .post('/access-requests', await api.as(rahul).accept(linked));
      expect(made.status).toBe(201);
      // Fatima stewards for the cooperative, the agreement's provider.
      expect(made.body.requiredStewardships).toContain(
        'steward:default/fatima-haddad',
      );
      for (const who of [priya, amara]) {
        const decided = await api
          .as(who)
          .post(`/access-requests/${made.body.id}/decisions`, {
            decision: 'approve',
          });
        expect(decided.status).toBe(201);
        expect(decided.body.state).toBe('pending');
      }
      const status = await api
        .as(rahul)
        .get(`/access-requests/${made.body.id}/approvals`);
      expect(status.body.stillRequired).toEqual([
        'steward:default/fatima-haddad',
      ]);

      const approved = await api
        .as(fatima)
        .post(`/access-requests/${made.body.id}/decisions`, {
          decision: 'approve',
        });
      expect(approved.status).toBe(201);
      expect(approved.body.state).toBe('approved');

      // The cooperative then prohibits onward transfer: the grant ends.
      api.setCatalog(loadExampleWorld());
      await api.runTask(GOVERNANCE_TASK_ID);
      await api.sweep();
      const grant = await api.as(rahul).get(`/access-requests/${made.body.id}`);
      expect(grant.body.grant.revokedAt).toBeDefined();
      expect(grant.body.grant.revokeReason).toContain(
        'prohibits onward transfer',
      );
    });
  },
);
