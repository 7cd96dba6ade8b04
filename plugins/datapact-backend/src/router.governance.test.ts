import {
  checkAccessRequest,
  GovernanceWorld,
} from '@datapact/backstage-plugin-common';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { loadExampleWorld } from './__testUtils__/exampleWorld';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { tomas } from './__testUtils__/people';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const UNIVERSITY = 'group:default/northbridge-university';

/** Tomáš's request for the hospital's restricted clinic visits. */
const clinicVisits = {
  dataset: 'dataset:default/clinic-visits-2024',
  purpose: 'research',
  justification: 'Outpatient travel burden study',
  duration: 'P30D',
  agreement: 'agreement:default/hospital-uni-dsa',
};

/**
 * The refusal the rules themselves give: the error findings of the common
 * package's `checkAccessRequest` over the example world on the test clock's
 * day, in their own words.
 */
function refusalOf(request: {
  dataset: string;
  purpose: string;
  agreement?: string;
}): string {
  const world = new GovernanceWorld(loadExampleWorld(), {
    today: '2026-11-29',
  });
  const findings = checkAccessRequest(world, {
    ...request,
    requesterOrganization: UNIVERSITY,
  }).filter(f => f.severity === 'error');
  expect(findings.length).toBeGreaterThan(0);
  return findings.map(f => f.message).join(' ');
}

describe.each(databases.eachSupportedId())(
  'refusals at request time on %s',
  databaseId => {
    let api: TestDatapact;

    beforeAll(async () => {
      api = await startDatapact({ knex: await databases.init(databaseId) });
    });

    afterAll(async () => {
      await api.stop();
    });

    it.each([
      [
        'agreement coverage: another organization’s data without an agreement',
        { ...clinicVisits, agreement: undefined },
      ],
      [
        'agreement coverage: an agreement that does not cover the dataset',
        { ...clinicVisits, agreement: 'agreement:default/coop-uni-dua' },
      ],
      [
        'purpose limitation: a purpose neither the dataset nor the agreement allows',
        { ...clinicVisits, purpose: 'marketing' },
      ],
    ])(
      'refuses %s with exactly the finding’s message (403)',
      async (_, body) => {
        const res = await api
          .as(tomas)
          .post('/access-requests', await api.as(tomas).accept(body));
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect(res.body.error.message).toBe(refusalOf(body));
      },
    );
  },
);
