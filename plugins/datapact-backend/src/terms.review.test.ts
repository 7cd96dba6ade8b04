/*
 * A hostile review of "terms and onward transfer at request time" (issue 14):
 * GET /access-requests/terms, `acceptedTerms` on POST /access-requests, and
 * the onward-transfer terms judged when a request is made and decided. Each
 * test asserts the behaviour the contract (DESIGN.md, "Agreement terms as
 * rules" and "Access workflow") asks for; a failing one is a defect.
 */
import { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  accessRequestCreatePermission,
  evaluateGovernance,
} from '@datapact/backstage-plugin-common';
import { DatapactPermissionPolicy } from '@datapact/backstage-plugin-node';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import {
  createPostgresOnlyDatabases,
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import {
  changedWorld as changed,
  withRelations,
  loadExampleWorld,
} from './__testUtils__/exampleWorld';
import {
  amara,
  fatima,
  mei,
  priya,
  rahul,
  tomas,
  travelTimesRequest,
} from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { GOVERNANCE_TASK_ID } from './plugin';

jest.setTimeout(180_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const travelTimes = 'dataset:default/st-mary-outpatient-travel-times';
const attendances = 'dataset:default/st-mary-ed-attendances-clean';
const linkedRef = 'dataset:default/ed-respiratory-traffic-linked';
const hospitalUni = 'agreement:default/hospital-uni-dsa';
const coopUni = 'agreement:default/coop-uni-dua';

/** The university asks for the hospital's cleaned attendances under the hospital–university agreement. */
const attendancesRequest = (justification: string) => ({
  dataset: attendances,
  purpose: 'research',
  justification,
  duration: 'P30D',
  agreement: hospitalUni,
});

/** Hospital staff ask for the university's linked data (it holds the cooperative's trip counts). */
const linkedRequest = (justification: string) => ({
  dataset: linkedRef,
  purpose: 'research',
  justification,
  duration: 'P30D',
  agreement: hospitalUni,
});

/** Cancels a request a test made, so that its requester may ask for the dataset again. */
async function cancelled(api: TestDatapact, who: string, id: string) {
  const res = await api
    .as(who)
    .post(`/access-requests/${id}/cancel`, { reason: 'review test' });
  expect(res.status).toBe(200);
}

const termsPath = (dataset: string, agreement?: string) =>
  `/access-requests/terms?dataset=${encodeURIComponent(dataset)}${
    agreement === undefined ? '' : `&agreement=${encodeURIComponent(agreement)}`
  }`;

describe.each(databases.eachSupportedId())(
  'review: hostile input to the terms and acceptedTerms on %s',
  databaseId => {
    let api: TestDatapact;

    beforeAll(async () => {
      api = await startDatapact({
        knex: await databases.init(databaseId),
        config: { datapact: { catalog: { cacheTtl: { milliseconds: 0 } } } },
      });
      await api.runTask(GOVERNANCE_TASK_ID);
    });

    afterEach(() => {
      api.setCatalog(loadExampleWorld());
    });

    afterAll(async () => {
      await api.stop();
    });

    const terms = (who: string, dataset: string, agreement?: string) =>
      api.as(who).get(termsPath(dataset, agreement));

    it('refuses refs of the wrong kind: an agreement that is a dataset ref, a dataset that is a group', async () => {
      const agreementIsDataset = await terms(mei, travelTimes, travelTimes);
      expect(agreementIsDataset.status).toBe(400);
      expect(agreementIsDataset.body.error.message).toContain('`agreement`');

      const datasetIsGroup = await terms(mei, 'group:default/st-mary-hospital');
      expect(datasetIsGroup.status).toBe(400);
      expect(datasetIsGroup.body.error.message).toContain('`dataset`');

      // The same refs in a request body.
      const body = await api.as(mei).accept(travelTimesRequest('Wrong kinds'));
      const inBody = await api
        .as(mei)
        .post('/access-requests', { ...body, agreement: travelTimes });
      expect(inBody.status).toBe(400);
      expect(inBody.body.error.message).toContain('`agreement`');
    });

    it('refuses huge, NUL, non-ASCII, empty, repeated and unknown query values with 400', async () => {
      const cases = [
        `?dataset=${'a'.repeat(5000)}`,
        `?dataset=${encodeURIComponent('dataset:default/st-mary\u0000x')}`,
        `?dataset=${encodeURIComponent('dataset:default/wānanga-🚀')}`,
        `?dataset=`,
        `?dataset=${encodeURIComponent(travelTimes)}&agreement=`,
        `?dataset=${encodeURIComponent(
          travelTimes,
        )}&dataset=${encodeURIComponent(attendances)}`,
        `?dataset[a]=b`,
        `?dataset=${encodeURIComponent(travelTimes)}&user=${encodeURIComponent(
          priya,
        )}`,
      ];
      for (const query of cases) {
        const res = await api.as(mei).get(`/access-requests/terms${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.name).toBe('InputError');
      }
    });

    it('answers 404, not terms without it, for an agreement that does not exist', async () => {
      const res = await terms(tomas, attendances, 'agreement:default/no-such');
      // A dialog must not show "the terms" of an agreement it silently left out.
      expect(res.status).toBe(404);
    });

    it('refuses acceptedTerms of the wrong type or shape with 400 naming the field', async () => {
      const body = await api.as(mei).accept(travelTimesRequest('Bad hashes'));
      const wrong: unknown[] = [
        1234,
        ['a'.repeat(64)],
        { sha256: body.acceptedTerms },
        null,
        true,
        '',
        body.acceptedTerms.slice(1),
        `${body.acceptedTerms}0`,
        `${body.acceptedTerms.slice(1)}g`,
        ` ${body.acceptedTerms}`,
        `${body.acceptedTerms}\u0000`,
        `sha256:${body.acceptedTerms}`,
      ];
      for (const acceptedTerms of wrong) {
        const res = await api
          .as(mei)
          .post('/access-requests', { ...body, acceptedTerms });
        expect({ acceptedTerms, status: res.status }).toEqual({
          acceptedTerms,
          status: 400,
        });
        expect(res.body.error.message).toContain('`acceptedTerms`');
      }
    });

    it('refuses with 409 a hash read for another dataset, another agreement, without the agreement or with one not sent', async () => {
      const body = attendancesRequest('Which hash');
      const forAnotherDataset = (await terms(tomas, travelTimes)).body.sha256;
      const forAnotherAgreement = (await terms(tomas, attendances, coopUni))
        .body.sha256;
      const withoutAgreement = (await terms(tomas, attendances)).body.sha256;
      const right = (await terms(tomas, attendances, hospitalUni)).body.sha256;
      expect(
        new Set([
          forAnotherDataset,
          forAnotherAgreement,
          withoutAgreement,
          right,
        ]).size,
      ).toBe(4);
      for (const acceptedTerms of [
        forAnotherDataset,
        forAnotherAgreement,
        withoutAgreement,
      ]) {
        const res = await api
          .as(tomas)
          .post('/access-requests', { ...body, acceptedTerms });
        expect(res.status).toBe(409);
      }
      // Read with the agreement, sent without it.
      const { agreement: _, ...noAgreement } = body;
      const dropped = await api
        .as(tomas)
        .post('/access-requests', { ...noAgreement, acceptedTerms: right });
      expect([403, 409]).toContain(dropped.status);

      const made = await api
        .as(tomas)
        .post('/access-requests', { ...body, acceptedTerms: right });
      expect(made.status).toBe(201);
      await cancelled(api, tomas, made.body.id);
    });

    it('takes a hash read by a user of another organization: the terms are the same for every reader', async () => {
      // Fatima (the cooperative) and Tomás (the university) read the same terms.
      const read = await terms(fatima, attendances, hospitalUni);
      const own = await terms(tomas, attendances, hospitalUni);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(own.body);
      const made = await api.as(tomas).post('/access-requests', {
        ...attendancesRequest('Hash read by someone else'),
        acceptedTerms: read.body.sha256,
      });
      expect(made.status).toBe(201);
      expect(made.body.acceptedTerms).toBe(own.body.sha256);
      await cancelled(api, tomas, made.body.id);
    });

    it('answers 401 to nobody and 403 to a service, on the terms and on a request carrying them', async () => {
      const body = await api.as(mei).accept(travelTimesRequest('Who asks'));
      expect((await api.as('nobody').get(termsPath(travelTimes))).status).toBe(
        401,
      );
      expect(
        (await api.as('nobody').post('/access-requests', body)).status,
      ).toBe(401);
      const service = await api.as('service').get(termsPath(travelTimes));
      expect(service.status).toBe(403);
      expect(
        (await api.as('service').post('/access-requests', body)).status,
      ).toBe(403);
    });

    it('gives the same hash whatever the case or form of the refs asked for', async () => {
      const canonical = await terms(tomas, attendances, hospitalUni);
      for (const [dataset, agreement] of [
        [attendances.toUpperCase(), hospitalUni.toUpperCase()],
        ['st-mary-ed-attendances-clean', 'hospital-uni-dsa'],
        ['Dataset:Default/St-Mary-ED-Attendances-Clean', 'Hospital-Uni-DSA'],
      ]) {
        const res = await terms(tomas, dataset, agreement);
        expect(res.status).toBe(200);
        expect(res.body.sha256).toBe(canonical.body.sha256);
      }
      // A request whose refs are written another way takes that hash.
      const made = await api.as(tomas).post('/access-requests', {
        ...attendancesRequest('Refs in capitals'),
        dataset: attendances.toUpperCase(),
        agreement: 'Hospital-Uni-DSA',
        acceptedTerms: canonical.body.sha256,
      });
      expect(made.status).toBe(201);
      await cancelled(api, tomas, made.body.id);
    });

    it('keeps the hash when the catalog answers in another order or changes only what is not a term', async () => {
      const before = await terms(tomas, attendances, hospitalUni);
      const linkedBefore = await terms(rahul, linkedRef, hospitalUni);

      // Every entity in reverse order (agreements included).
      api.setCatalog([...loadExampleWorld()].reverse());
      expect((await terms(tomas, attendances, hospitalUni)).body.sha256).toBe(
        before.body.sha256,
      );
      expect((await terms(rahul, linkedRef, hospitalUni)).body.sha256).toBe(
        linkedBefore.body.sha256,
      );

      // Titles, descriptions, documents, parties' order, an unrelated
      // dataset and a new agreement over unrelated data.
      api.setCatalog(
        changed(byName => {
          const agreement = byName('hospital-uni-dsa');
          agreement.metadata.title = 'Renamed agreement';
          agreement.metadata.description = 'Another description';
          (agreement.spec as any).document = 'https://example.org/v2.pdf';
          (agreement.spec as any).parties.reverse();
          byName('st-mary-ed-attendances-clean').metadata.description =
            'Edited description';
          byName('riverside-charging-points').metadata.title = 'Chargers';
        }).concat(
          withRelations([
            {
              apiVersion: 'datapact.io/v1alpha1',
              kind: 'Agreement',
              metadata: { name: 'unrelated-dua', namespace: 'default' },
              spec: {
                type: 'data-use',
                owner: 'group:default/legal',
                parties: [
                  {
                    party: 'group:default/riverside-mobility-cooperative',
                    role: 'provider',
                  },
                  { party: 'group:default/ngati-example', role: 'recipient' },
                ],
                datasets: ['dataset:default/riverside-charging-points'],
                effective: { from: '2025-01-01' },
                terms: { onwardTransfer: 'prohibited', jurisdictions: ['NZ'] },
              },
            },
          ]),
        ),
      );
      expect((await terms(tomas, attendances, hospitalUni)).body.sha256).toBe(
        before.body.sha256,
      );

      // Hours later the same day.
      api.clock.advance({ hours: 5 });
      expect((await terms(tomas, attendances, hospitalUni)).body.sha256).toBe(
        before.body.sha256,
      );
    });

    it('keeps the hash when set-like fields of the terms are only reordered', async () => {
      const before = await terms(tomas, attendances, hospitalUni);
      // Purposes, licence duties and prohibitions in reverse order.
      api.setCatalog(
        changed(byName => {
          const spec = byName('hospital-uni-dsa').spec as any;
          spec.purposes = [...spec.purposes].reverse();
          const license = (byName('st-mary-ed-attendances-clean').spec as any)
            .license;
          expect(license.terms.duties.length).toBeGreaterThan(1);
          license.terms.duties = [...license.terms.duties].reverse();
          license.terms.prohibitions = [
            ...(license.terms.prohibitions ?? []),
          ].reverse();
        }),
      );
      const reordered = await terms(tomas, attendances, hospitalUni);
      expect(reordered.body.sha256).toBe(before.body.sha256);

      // Two jurisdictions, in either order.
      const jurisdictions = async (list: string[]) => {
        api.setCatalog(
          changed(byName => {
            (byName('hospital-uni-dsa').spec as any).terms.jurisdictions = list;
          }),
        );
        return (await terms(tomas, attendances, hospitalUni)).body.sha256;
      };
      expect(await jurisdictions(['AU', 'NZ'])).toBe(
        await jurisdictions(['NZ', 'AU']),
      );
    });

    it('answers 422 to a key sent again with another acceptedTerms, replays it after the terms changed, and lets a key refused as stale try again', async () => {
      const body = await api.as(mei).accept(travelTimesRequest('Replays'));
      const send = (acceptedTerms: string, key: string) =>
        request(api.server)
          .post('/api/datapact/access-requests')
          .set('Authorization', mockCredentials.user.header(mei))
          .set('Idempotency-Key', key)
          .send({ ...body, acceptedTerms });
      const first = await send(body.acceptedTerms, 'terms-key-1');
      expect(first.status).toBe(201);
      const other = await send('f'.repeat(64), 'terms-key-1');
      expect(other.status).toBe(422);
      // The licence gains a duty: the same request sent again is the same
      // answer (a replay changes nothing, whatever happened since).
      api.setCatalog(
        changed(byName => {
          const license = (
            byName('st-mary-outpatient-travel-times').spec as any
          ).license;
          license.terms = {
            ...license.terms,
            duties: [...(license.terms?.duties ?? []), 'share-alike'],
          };
        }),
      );
      const replayed = await send(body.acceptedTerms, 'terms-key-1');
      expect(replayed.status).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body.id).toBe(first.body.id);
      await cancelled(api, mei, first.body.id);

      // A new key with the old hash is stale; the same key with the new
      // hash is a new try.
      const stale = await send(body.acceptedTerms, 'terms-key-2');
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('GET /access-requests/terms');
      const fresh = await api.as(mei).accept(travelTimesRequest('Replays'));
      const retried = await send(fresh.acceptedTerms, 'terms-key-2');
      expect(retried.status).toBe(201);
      expect(retried.body.id).not.toBe(first.body.id);
      await cancelled(api, mei, retried.body.id);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'review: who may read the terms on %s',
  databaseId => {
    it('answers 403 on the terms to a user the policy does not let request', async () => {
      const base = DatapactPermissionPolicy.fromConfig(new ConfigReader({}));
      const api = await startDatapact({
        knex: await databases.init(databaseId),
        policy: {
          handle: async (req, user) =>
            isPermission(req.permission, accessRequestCreatePermission)
              ? { result: AuthorizeResult.DENY }
              : base.handle(req, user),
        },
      });
      try {
        const res = await api.as(mei).get(termsPath(travelTimes));
        expect(res.status).toBe(403);
        expect(res.body.terms).toBeUndefined();
        const made = await api.as(mei).post('/access-requests', {
          ...travelTimesRequest('No permission'),
          acceptedTerms: 'a'.repeat(64),
        });
        expect(made.status).toBe(403);
      } finally {
        await api.stop();
      }
    });
  },
);

describe.each(databases.eachSupportedId())(
  'review: onward transfer at request time on %s',
  databaseId => {
    let api: TestDatapact;

    async function start(entities: Entity[]) {
      api = await startDatapact({
        knex: await databases.init(databaseId),
        entities,
        config: { datapact: { catalog: { cacheTtl: { milliseconds: 0 } } } },
      });
      await api.runTask(GOVERNANCE_TASK_ID);
    }

    afterEach(async () => {
      await api?.stop();
    });

    const coopUniTerm = (term: string, stewards?: string[]) =>
      changed(byName => {
        const spec = byName('coop-uni-dua').spec as any;
        spec.terms.onwardTransfer = term;
        if (stewards) spec.stewards = stewards;
      });

    it('lets a requester of a party named through a team Group of its organization have the data', async () => {
      // The university is a party through its research office, a team Group.
      const world = changed(byName => {
        const parties = (byName('coop-uni-dua').spec as any).parties;
        parties[1].party = 'group:default/northbridge-research-office';
      });
      // The catalog's rules see no onward transfer of the linked data.
      expect(
        evaluateGovernance(world, { today: '2026-11-29' }).filter(
          f =>
            ['onward-transfer', 'agreement-coverage'].includes(f.rule) &&
            f.entities[0] === linkedRef,
        ),
      ).toEqual([]);
      await start(world);
      const eligibility = await api
        .as(tomas)
        .get(
          `/access-requests/eligibility?dataset=${encodeURIComponent(
            linkedRef,
          )}&purpose=research`,
        );
      expect(eligibility.body.refusals).toEqual([]);
      const body = await api.as(tomas).accept({
        ...linkedRequest('A university researcher'),
        agreement: undefined,
      });
      const made = await api.as(tomas).post('/access-requests', body);
      expect(made.body.error?.message).toBeUndefined();
      expect(made.status).toBe(201);
    });

    it('refuses an approval once the agreement prohibits onward transfer after the request', async () => {
      await start(coopUniTerm('with-approval'));
      const made = await api
        .as(rahul)
        .post(
          '/access-requests',
          await api.as(rahul).accept(linkedRequest('Before the vote')),
        );
      expect(made.status).toBe(201);
      api.setCatalog(loadExampleWorld());
      const decided = await api
        .as(priya)
        .post(`/access-requests/${made.body.id}/decisions`, {
          decision: 'approve',
        });
      expect(decided.status).toBe(403);
      expect(decided.body.error.message).toContain('prohibits onward transfer');
      const status = await api
        .as(priya)
        .get(`/access-requests/${made.body.id}/approvals`);
      expect(status.body.viewer.approveRefusal.rule).toBe('onward-transfer');
    });

    it('refuses a request under a with-approval agreement whose stewards the catalog does not have', async () => {
      await start(
        coopUniTerm('with-approval', ['steward:default/nobody-here']),
      );
      const made = await api
        .as(rahul)
        .post(
          '/access-requests',
          await api.as(rahul).accept(linkedRequest('No stewards')),
        );
      expect(made.status).toBe(403);
      expect(made.body.error.message).toContain('names none the catalog has');
    });

    it('does not grant once the agreement asks for a steward’s approval that no steward can give, after the request', async () => {
      await start(coopUniTerm('allowed'));
      const made = await api
        .as(rahul)
        .post(
          '/access-requests',
          await api.as(rahul).accept(linkedRequest('Allowed at first')),
        );
      expect(made.status).toBe(201);
      api.setCatalog(
        coopUniTerm('with-approval', ['steward:default/nobody-here']),
      );
      for (const who of [priya, amara]) {
        await api.as(who).post(`/access-requests/${made.body.id}/decisions`, {
          decision: 'approve',
        });
      }
      const after = await api.as(rahul).get(`/access-requests/${made.body.id}`);
      // Without the approval the agreement asks for, no grant.
      expect(after.body.state).not.toBe('approved');
      expect(after.body.grant).toBeUndefined();
    });

    it('asks for the agreement steward’s approval when the agreement turns to with-approval after the request', async () => {
      await start(coopUniTerm('allowed'));
      const made = await api
        .as(rahul)
        .post(
          '/access-requests',
          await api.as(rahul).accept(linkedRequest('Allowed, then asked')),
        );
      expect(made.status).toBe(201);
      expect(made.body.requiredStewardships).not.toContain(
        'steward:default/fatima-haddad',
      );
      api.setCatalog(coopUniTerm('with-approval'));
      for (const who of [priya, amara]) {
        const res = await api
          .as(who)
          .post(`/access-requests/${made.body.id}/decisions`, {
            decision: 'approve',
          });
        expect(res.status).toBe(201);
        expect(res.body.state).toBe('pending');
      }
      const status = await api
        .as(rahul)
        .get(`/access-requests/${made.body.id}/approvals`);
      expect(status.body.stillRequired).toEqual([
        'steward:default/fatima-haddad',
      ]);
    });

    /** Fatima stewards for the cooperative, and also works at St Mary; the cooperative asks for approval. */
    const fatimaAtStMary = (stewards?: string[]) =>
      changed(byName => {
        const spec = byName('coop-uni-dua').spec as any;
        spec.terms.onwardTransfer = 'with-approval';
        if (stewards) spec.stewards = stewards;
        (byName('fatima.haddad').spec as any).memberOf.push(
          'group:default/clinical-informatics',
        );
      });

    it('refuses a requester of two organizations whose own stewardship is the only one that could approve the transfer', async () => {
      await start(fatimaAtStMary());
      const body = await api.as(fatima).accept(linkedRequest('Both hats'));
      const made = await api.as(fatima).post('/access-requests', body);
      expect(made.status).toBe(403);
      expect(made.body.error.rule).toBe('stewardship');
      expect(made.body.error.message).toContain(
        'steward:default/fatima-haddad must approve it, but the requester holds it',
      );
    });

    it('asks another provider steward of the agreement when the requester holds the first one', async () => {
      // Lucía also stewards the agreement for the cooperative, and Fatima is
      // no longer her delegate (a delegate's stewardship is barred too).
      const entities = fatimaAtStMary([
        'steward:default/fatima-haddad',
        'steward:default/lucia-ferreira',
        'steward:default/priya-raman',
      ]).map(e =>
        e.metadata.name === 'lucia-ferreira'
          ? { ...e, spec: { ...e.spec, delegates: [] } }
          : e,
      );
      await start(entities);
      const body = await api.as(fatima).accept(linkedRequest('Both hats'));
      const made = await api.as(fatima).post('/access-requests', body);
      expect(made.body.error?.message).toBeUndefined();
      expect(made.status).toBe(201);
      expect(made.body.organization).toBe('group:default/st-mary-hospital');
      expect(made.body.requiredStewardships).toContain(
        'steward:default/lucia-ferreira',
      );
      expect(made.body.requiredStewardships).not.toContain(
        'steward:default/fatima-haddad',
      );
    });
  },
);

const replicaDatabases = createPostgresOnlyDatabases();

describe.each(replicaDatabases.eachSupportedId())(
  'review: the terms across two replicas on %s',
  databaseId => {
    let replicas: TestDatapact[];
    let second: Knex;

    beforeAll(async () => {
      const first = await replicaDatabases.init(databaseId);
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

    it('accepts on one replica the terms read on the other', async () => {
      const [a, b] = replicas;
      const [fromA, fromB] = await Promise.all(
        [a, b].map(r => r.as(tomas).get(termsPath(attendances, hospitalUni))),
      );
      expect(fromA.body).toEqual(fromB.body);
      const made = await b.as(tomas).post('/access-requests', {
        ...attendancesRequest('Across replicas'),
        acceptedTerms: fromA.body.sha256,
      });
      expect(made.status).toBe(201);
    });
  },
);
