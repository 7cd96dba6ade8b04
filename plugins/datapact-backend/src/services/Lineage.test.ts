import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadExampleWorld } from '../__testUtils__/exampleWorld';
import { Lineage } from './Lineage';

function lineage() {
  const catalog = catalogServiceMock({
    entities: loadExampleWorld(),
  });
  const batches: number[] = [];
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = async (request, options) => {
    batches.push(request.entityRefs.length);
    return getEntitiesByRefs(request, options);
  };
  const service = new Lineage({
    catalog,
    auth: mockServices.auth(),
    clock: { now: () => new Date('2026-11-29T10:00:00Z') },
    limits: {
      defaultDepth: 3,
      maxDepth: 10,
      defaultLimit: 500,
      maxLimit: 2000,
    },
  });
  return { service, batches };
}

const user = mockCredentials.user('user:default/priya.raman');
const names = (nodes: { ref: string }[]) =>
  nodes.map(n => n.ref.split('/')[1]).sort();

describe('Lineage', () => {
  it('returns every ancestor of the deepest dataset in one request, one catalog batch per hop', async () => {
    const { service, batches } = lineage();
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
    expect(batches.length).toBeLessThanOrEqual(6);
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
    const { service } = lineage();
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
    const { service } = lineage();
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
