import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { loadExampleWorld, withRelations } from '../__testUtils__/exampleWorld';
import { Lineage } from './Lineage';
import { LineageIndex } from './LineageIndex';

/**
 * A catalog whose entities a test can replace, that counts the batches of
 * datasets read through it.
 */
function countingCatalog(entities: Entity[]) {
  let current = catalogServiceMock({ entities });
  const batches: number[] = [];
  const state = {
    failing: false,
    hidden: [] as string[],
    lists: 0,
    onList: () => {
      state.lists++;
    },
  };
  const catalog = {
    getEntities: async (request, options) => {
      if (state.failing) throw new Error('catalog unavailable');
      state.onList();
      return current.getEntities(request, options);
    },
    getEntitiesByRefs: async (request, options) => {
      batches.push(request.entityRefs.length);
      const answer = await current.getEntitiesByRefs(request, options);
      const principal = (options as { credentials: BackstageCredentials })
        .credentials.principal as { type: string };
      if (principal.type !== 'user') return answer;
      // What users may not see, as a conditional catalog permission would.
      return {
        items: answer.items.map(e =>
          e && state.hidden.includes(e.metadata.name) ? undefined : e,
        ),
      };
    },
  } as Pick<CatalogService, 'getEntities' | 'getEntitiesByRefs'>;
  return {
    catalog: catalog as CatalogService,
    batches,
    state,
    replace(next: Entity[]) {
      current = catalogServiceMock({ entities: next });
    },
  };
}

/**
 * The Lineage service over the example world: with no index, with an index
 * not loaded yet (`cold`), or with a loaded one (`warm`).
 */
async function lineage(
  options: {
    index?: 'none' | 'cold' | 'warm';
    catalogRead?: AuthorizeResult;
  } = {},
) {
  const {
    catalog,
    batches,
    replace,
    state: catalogState,
  } = countingCatalog(loadExampleWorld());
  const auth = mockServices.auth();
  const clock = { at: Date.parse('2026-11-29T10:00:00Z') };
  const index = new LineageIndex({
    catalog,
    auth,
    clock: { now: () => new Date(clock.at) },
    idleAfterMs: 600_000,
  });
  if (options.index === 'warm') await index.refresh();
  batches.length = 0;
  const service = new Lineage({
    catalog,
    auth,
    clock: { now: () => new Date('2026-11-29T10:00:00Z') },
    limits: {
      defaultDepth: 3,
      maxDepth: 10,
      defaultLimit: 500,
      maxLimit: 2000,
    },
    index: options.index === 'none' ? undefined : index,
    permissions: mockServices.permissions.mock({
      authorizeConditional: async () => [
        {
          result: options.catalogRead ?? AuthorizeResult.ALLOW,
        } as any,
      ],
    }),
  });
  return { service, batches, index, replace, clock, catalog: catalogState };
}

const user = mockCredentials.user('user:default/priya.raman');
const names = (nodes: { ref: string }[]) =>
  nodes.map(n => n.ref.split('/')[1]).sort();

describe.each([
  ['from the catalog, one batch per hop', { index: 'none' as const }],
  ['from the lineage index', { index: 'warm' as const }],
])('Lineage %s', (_, mode) => {
  it('returns every ancestor of the deepest dataset in one request, at most one catalog batch per hop', async () => {
    const { service, batches } = await lineage(mode);
    const graph = await service.graph(
      {
        entity: 'dataset:default/northbridge-respiratory-atlas',
        direction: 'upstream',
        depth: 10,
      },
      user,
    );
    expect(names(graph.nodes)).toEqual([
      'ed-respiratory-by-area-weekly',
      'ed-respiratory-traffic-linked',
      'northbridge-respiratory-atlas',
      'northbridge-small-areas-2023',
      'riverside-member-trips-raw',
      'riverside-trips-by-area-daily',
      'st-mary-ed-attendances-clean',
      'st-mary-ed-attendances-raw',
    ]);
    expect(graph.truncated).toBe(false);
    // The index answers without a catalog read; the catalog, one per hop.
    expect(batches.length).toBeLessThanOrEqual(mode.index === 'warm' ? 0 : 6);
    const linked = graph.nodes.find(n =>
      n.ref.endsWith('/ed-respiratory-traffic-linked'),
    )!;
    expect(linked).toMatchObject({
      tier: 'restricted',
      owner: 'group:default/uni-epidemiology',
      organization: 'group:default/northbridge-university',
      lifecycle: 'production',
    });
    expect(
      graph.nodes.find(n => n.ref.endsWith('/riverside-member-trips-raw'))!
        .organization,
    ).toBe('group:default/riverside-mobility-cooperative');
  });

  it('uses the default depth of 3 and caps depth and limit at the configured maximum', async () => {
    const { service } = await lineage(mode);
    const shallow = await service.graph(
      {
        entity: 'dataset:default/northbridge-respiratory-atlas',
        direction: 'upstream',
      },
      user,
    );
    expect(names(shallow.nodes)).not.toContain('st-mary-ed-attendances-raw');
    expect(
      shallow.nodes.find(n => n.ref.endsWith('/st-mary-ed-attendances-clean'))!
        .expandable,
    ).toBe(true);
    const capped = await service.graph(
      {
        entity: 'dataset:default/riverside-member-trips-raw',
        direction: 'downstream',
        depth: 99,
        limit: 3,
      },
      user,
    );
    expect(capped.nodes).toHaveLength(3);
    expect(capped.truncated).toBe(true);
  });

  it('lists what lies downstream of a source: datasets, owners, organizations, agreements and grants', async () => {
    const { service } = await lineage(mode);
    const impact = await service.impact(
      'dataset:default/riverside-member-trips-raw',
      user,
      async datasets => [
        {
          id: 'g1',
          dataset: datasets[0],
          user: 'user:default/priya.raman',
          expiresAt: '2027-01-01T00:00:00Z',
        },
      ],
    );
    expect(names(impact.datasets)).toEqual([
      'ed-respiratory-by-area-weekly',
      'ed-respiratory-traffic-linked',
      'northbridge-respiratory-atlas',
      'riverside-mobility-dashboard-public',
      'riverside-od-travel-times',
      'riverside-trips-by-area-daily',
      'st-mary-ed-surge-forecast-inputs',
      'st-mary-outpatient-travel-times',
      'uni-mobility-health-panel',
    ]);
    expect(impact.organizations).toEqual([
      'group:default/northbridge-university',
      'group:default/riverside-mobility-cooperative',
      'group:default/st-mary-hospital',
    ]);
    expect(impact.agreements.map(a => a.ref)).toEqual(
      expect.arrayContaining([
        'agreement:default/coop-uni-dua',
        'agreement:default/riverside-hospital-travel-dua',
      ]),
    );
    expect(impact.grants).toHaveLength(1);
    expect(impact.owners.length).toBeGreaterThan(2);
  });
});

describe('Lineage and its index', () => {
  const atlas = {
    entity: 'dataset:default/northbridge-respiratory-atlas',
    direction: 'upstream' as const,
    depth: 10,
  };

  it('gives a caller who may see only some entities what the catalog walk gives, in one or two catalog requests', async () => {
    // The user may not see the cleaned attendances: the walk must stop there.
    const hidden = ['st-mary-ed-attendances-clean'];
    const perHop = await lineage({ index: 'none' });
    perHop.catalog.hidden = hidden;
    const expected = await perHop.service.graph(atlas, user);
    expect(
      expected.nodes.find(n => n.ref.endsWith('/st-mary-ed-attendances-clean')),
    ).toMatchObject({ missing: true });
    expect(names(expected.nodes)).not.toContain('st-mary-ed-attendances-raw');

    const filtered = await lineage({
      index: 'warm',
      catalogRead: AuthorizeResult.CONDITIONAL,
    });
    filtered.catalog.hidden = hidden;
    let source = '';
    const graph = await filtered.service.graph(atlas, user, s => {
      source = s;
    });
    expect(source).toBe('index-filtered');
    expect(graph).toEqual(expected);
    expect(filtered.batches.length).toBeLessThanOrEqual(2);

    // Impact too.
    const riverside = 'dataset:default/riverside-member-trips-raw';
    perHop.catalog.hidden = ['riverside-trips-by-area-daily'];
    filtered.catalog.hidden = ['riverside-trips-by-area-daily'];
    const none = async () => [];
    expect(await filtered.service.impact(riverside, user, none)).toEqual(
      await perHop.service.impact(riverside, user, none),
    );
  });

  it('reads the catalog per hop for a caller denied the catalog', async () => {
    const { service, batches } = await lineage({
      index: 'warm',
      catalogRead: AuthorizeResult.DENY,
    });
    let source = '';
    const graph = await service.graph(atlas, user, s => {
      source = s;
    });
    expect(source).toBe('catalog');
    expect(graph.nodes).toHaveLength(8);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('reads the catalog per hop until the index has loaded, and for a root it does not hold yet', async () => {
    const cold = await lineage({ index: 'cold' });
    expect((await cold.service.graph(atlas, user)).nodes).toHaveLength(8);
    expect(cold.batches.length).toBeGreaterThan(1);

    const warm = await lineage({ index: 'warm' });
    const fresh = withRelations([
      ...loadExampleWorld(),
      {
        apiVersion: 'datapact.io/v1alpha1',
        kind: 'Dataset',
        metadata: { name: 'atlas-extract', namespace: 'default' },
        spec: {
          type: 'table',
          owner: 'uni-epidemiology',
          sensitivity: { tier: 'internal' },
          lineage: {
            upstream: [{ dataset: 'northbridge-respiratory-atlas' }],
          },
        },
      } as Entity,
    ]);
    warm.replace(fresh);
    const graph = await warm.service.graph(
      { ...atlas, entity: 'dataset:default/atlas-extract' },
      user,
    );
    expect(graph.nodes).toHaveLength(9);
    expect(warm.batches.length).toBeGreaterThan(1);
  });

  it('polls only while lineage is in use, and answers from the catalog until a stale index has caught up', async () => {
    const { service, batches, index, clock } = await lineage({
      index: 'cold',
    });
    // Nobody has asked for lineage: the scheduled poll reads nothing.
    expect(await index.poll()).toBeUndefined();
    expect(batches).toEqual([]);
    expect(index.ready).toBe(false);

    // The first request is answered from the catalog and wakes the index.
    await service.graph(atlas, user);
    expect(batches.length).toBeGreaterThan(1);
    await index.refresh();
    expect(index.ready).toBe(true);
    batches.length = 0;
    await service.graph(atlas, user);
    expect(batches).toEqual([]);

    // Polled while in use; after ten idle minutes the poll stops and the
    // index no longer answers.
    clock.at += 5 * 60_000;
    expect(await index.poll()).toMatchObject({ removed: 0 });
    clock.at += 10 * 60_000 + 1;
    batches.length = 0;
    expect(await index.poll()).toBeUndefined();
    expect(batches).toEqual([]);
    expect(index.ready).toBe(false);
    await service.graph(atlas, user);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('stops answering from an index whose polls have stopped', async () => {
    const { service, batches, index, clock } = await lineage({
      index: 'warm',
    });
    expect(index.ready).toBe(true);
    clock.at += 60_001;
    expect(index.ready).toBe(false);
    // Answered from the catalog; the request wakes a refresh.
    await service.graph(atlas, user);
    expect(batches.length).toBeGreaterThan(1);
    await index.refresh();
    expect(index.ready).toBe(true);
  });

  it('spaces polls out to four times what the catalog took to list, so that a large or busy catalog is not kept busy', async () => {
    const { index, catalog, clock, service } = await lineage({
      index: 'cold',
    });
    // A catalog that takes 5 s to list the etags.
    catalog.onList = () => {
      catalog.lists++;
      clock.at += 5_000;
    };
    await service.graph(atlas, user); // in use
    await index.refresh();
    const lists = catalog.lists;
    clock.at += 5_000;
    expect(await index.poll()).toMatchObject({ removed: 0 });
    expect(catalog.lists).toBe(lists + 1);
    // Within 4 × 5 s of that poll's start (which the listing moved 5 s on):
    // skipped, and the index still answers.
    clock.at += 5_000;
    expect(await index.poll()).toBeUndefined();
    clock.at += 5_000;
    expect(await index.poll()).toBeUndefined();
    expect(catalog.lists).toBe(lists + 1);
    expect(index.ready).toBe(true);
    clock.at += 6_000;
    expect(await index.poll()).toBeDefined();
    expect(catalog.lists).toBe(lists + 2);
  });

  it('stops answering from the index when a refresh fails, until one succeeds', async () => {
    const { service, batches, index, catalog } = await lineage({
      index: 'warm',
    });
    catalog.failing = true;
    await expect(index.refresh()).rejects.toThrow('catalog unavailable');
    expect(index.ready).toBe(false);
    catalog.failing = false;
    await index.refresh();
    expect(index.ready).toBe(true);
    batches.length = 0;
    expect((await service.graph(atlas, user)).nodes).toHaveLength(8);
    expect(batches).toEqual([]);
  });

  it('shows a lineage change after the next refresh, and reads only what changed', async () => {
    const stamped = (entities: Entity[]) =>
      entities.map(e => ({
        ...e,
        metadata: { ...e.metadata, etag: JSON.stringify(e).length.toString() },
      }));
    const world = stamped(loadExampleWorld());
    const { service, batches, index, replace } = await lineage({
      index: 'cold',
    });
    replace(world);
    expect(await index.refresh()).toMatchObject({
      added: world.filter(e =>
        ['Dataset', 'Group', 'Agreement'].includes(e.kind),
      ).length,
      removed: 0,
    });

    // The atlas now also derives from a new source.
    const changed = stamped(
      withRelations(
        loadExampleWorld().flatMap(e => {
          if (e.metadata.name === 'riverside-member-trips-raw') return [];
          if (e.metadata.name !== 'northbridge-respiratory-atlas') return [e];
          const spec = e.spec as any;
          return [
            {
              ...e,
              spec: {
                ...spec,
                lineage: {
                  upstream: [
                    ...spec.lineage.upstream,
                    { dataset: 'uni-mobility-health-panel' },
                  ],
                },
              },
            },
          ];
        }),
      ),
    );
    replace(changed);
    batches.length = 0;
    const refresh = await index.refresh();
    expect(refresh.removed).toBe(1);
    expect(refresh.changed).toBeGreaterThan(0);
    // Only the changed entities were read again, in one batch.
    expect(batches).toEqual([refresh.changed]);

    batches.length = 0;
    const graph = await service.graph(atlas, user);
    expect(batches).toEqual([]);
    expect(graph.nodes.map(n => n.ref)).toContain(
      'dataset:default/uni-mobility-health-panel',
    );
    expect(
      graph.nodes.find(n => n.ref.endsWith('/riverside-member-trips-raw')),
    ).toMatchObject({ missing: true });
  });
});
