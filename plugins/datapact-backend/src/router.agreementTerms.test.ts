import { evaluateGovernance } from '@datapact/backstage-plugin-common';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { loadExampleWorld } from './__testUtils__/exampleWorld';
import { priya } from './__testUtils__/people';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';

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
