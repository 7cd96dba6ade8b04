import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DatapactPermissionPolicy,
  isDatapactPermission,
} from '@datapact/backstage-plugin-node';
import { LINEAGE_INDEX_TASK_ID } from './plugin';
import { priya } from './__testUtils__/people';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())(
  'lineage, impact and findings over HTTP on %s',
  databaseId => {
    let api: TestDatapact;

    beforeAll(async () => {
      api = await startDatapact({ knex: await databases.init(databaseId) });
    });

    afterAll(async () => {
      await api.stop();
    });

    it('answers the lineage of the deepest dataset in one request', async () => {
      const res = await api
        .as(priya)
        .get(
          '/lineage?entity=northbridge-respiratory-atlas&direction=upstream&depth=10',
        );
      expect(res.status).toBe(200);
      expect(res.body.root).toBe(
        'dataset:default/northbridge-respiratory-atlas',
      );
      expect(res.body.nodes).toHaveLength(8);
      expect(res.body.edges).toContainEqual({
        from: 'dataset:default/st-mary-ed-attendances-clean',
        to: 'dataset:default/ed-respiratory-traffic-linked',
        transformation: expect.any(String),
      });
      expect(res.body.truncated).toBe(false);
    });

    it.each([
      ['allowed', 'index'],
      ['conditionally allowed', 'index-filtered'],
    ])(
      'answers the same lineage and impact from its index once the index has loaded, for a caller %s the catalog',
      async (_, expectedSource) => {
        // A policy like the demo's (Datapact's for Datapact permissions,
        // every other permission allowed), or one whose catalog read is
        // conditional.
        const demo = await startDatapact({
          knex: await databases.init(databaseId),
          policy: {
            handle: async (request, user) => {
              if (isDatapactPermission(request.permission)) {
                return new DatapactPermissionPolicy().handle(request, user);
              }
              if (expectedSource === 'index-filtered') {
                return {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'catalog',
                  resourceType: 'catalog-entity',
                  conditions: {
                    rule: 'IS_ENTITY_KIND',
                    resourceType: 'catalog-entity',
                    params: { kinds: ['dataset'] },
                  },
                };
              }
              return { result: AuthorizeResult.ALLOW };
            },
          },
        });
        try {
          const paths = [
            '/lineage?entity=northbridge-respiratory-atlas&direction=both&depth=10',
            '/impact?entity=dataset:default/riverside-member-trips-raw',
          ];
          // The first request finds the index cold and wakes it.
          const before = [];
          for (const p of paths) before.push(await demo.as(priya).get(p));
          expect(before[0].headers['server-timing']).toMatch(
            /^lineage;desc="catalog";dur=[\d.]+$/,
          );
          await demo.runTask(LINEAGE_INDEX_TASK_ID);
          const after = await Promise.all(
            paths.map(p => demo.as(priya).get(p)),
          );
          for (const [i, res] of after.entries()) {
            expect(res.status).toBe(200);
            expect(res.headers['server-timing']).toMatch(
              new RegExp(`^lineage;desc="${expectedSource}";dur=[\\d.]+$`),
            );
            expect(res.body).toEqual(before[i].body);
          }
          expect(after[0].body.nodes).toHaveLength(8);
          expect(after[1].body.datasets).toHaveLength(9);
        } finally {
          await demo.stop();
        }
      },
    );

    it('validates the query and needs credentials', async () => {
      const missing = await api.as(priya).get('/lineage?direction=upstream');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('entity');
      const wrong = await api
        .as(priya)
        .get('/lineage?entity=x&direction=sideways');
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toContain('direction');
      expect((await api.as('nobody').get('/lineage?entity=x')).status).toBe(
        401,
      );
      expect((await api.as('nobody').get('/findings')).status).toBe(401);
    });

    it('answers the impact of a source dataset', async () => {
      const res = await api
        .as(priya)
        .get('/impact?entity=dataset:default/riverside-member-trips-raw');
      expect(res.status).toBe(200);
      expect(res.body.datasets).toHaveLength(9);
      expect(res.body.organizations).toEqual([
        'group:default/northbridge-university',
        'group:default/riverside-mobility-cooperative',
        'group:default/st-mary-hospital',
      ]);
      expect(res.body.grants).toEqual([]);
    });

    it('serves the findings of the example world and their summary', async () => {
      const all = await api.as(priya).get('/findings');
      expect(all.status).toBe(200);
      expect(all.body.problems).toHaveLength(12);
      expect(all.body.today).toBe('2026-11-29');
      const one = await api
        .as(priya)
        .get(
          '/findings?entity=dataset:default/uni-cohort-participant-contacts',
        );
      expect(one.body.problems.map((p: { rule: string }) => p.rule)).toEqual([
        'stewardship',
      ]);
      const summary = await api.as(priya).get('/findings/summary');
      expect(summary.body.bySeverity).toEqual({ error: 10, warning: 2 });
      expect((await api.as(priya).get('/findings?unknown=1')).status).toBe(400);
    });
  },
);
