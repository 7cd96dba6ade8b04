import { Entity } from '@backstage/catalog-model';
import { traverseLineage } from './traverseLineage';

/** Datasets with upstreams declared in spec and sourceOf relations, as the catalog serves them. */
function catalog(spec: Record<string, string[]>) {
  const entities: Entity[] = Object.entries(spec).map(([name, upstream]) => ({
    apiVersion: 'datapact.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name, namespace: 'default', title: name.toUpperCase() },
    spec: {
      type: 'table',
      owner: 'team-a',
      lifecycle: 'production',
      sensitivity: { tier: 'internal' },
      license: { spdx: 'CC-BY-4.0' },
      lineage: {
        upstream: upstream.map(u => ({
          dataset: u,
          transformation: `${u}->${name}`,
        })),
      },
    },
    relations: Object.entries(spec)
      .filter(([, ups]) => ups.includes(name))
      .map(([down]) => ({
        type: 'sourceOf',
        targetRef: `dataset:default/${down}`,
      })),
  }));
  const calls: string[][] = [];
  return {
    calls,
    source: {
      async getDatasets(refs: string[]) {
        calls.push(refs);
        return entities.filter(e =>
          refs.includes(`dataset:default/${e.metadata.name}`),
        );
      },
      organizationOf: () => 'group:default/org-a',
    },
  };
}

const names = (refs: { ref: string }[]) =>
  refs.map(r => r.ref.split('/')[1]).sort();
const edgeList = (edges: { from: string; to: string }[]) =>
  edges.map(e => `${e.from.split('/')[1]}>${e.to.split('/')[1]}`).sort();

// a -> b -> c -> d -> e (chain), plus x -> c (fan-in) and c -> y, c -> z (fan-out)
const world = {
  a: [],
  b: ['a'],
  x: [],
  c: ['b', 'x'],
  d: ['c'],
  e: ['d'],
  y: ['c'],
  z: ['c'],
};

describe('traverseLineage', () => {
  it('returns every ancestor within the depth, with what the view needs, one load per hop', async () => {
    const { source, calls } = catalog(world);
    const graph = await traverseLineage(source, {
      root: 'dataset:default/e',
      direction: 'upstream',
      depth: 10,
      limit: 500,
    });
    expect(names(graph.nodes)).toEqual(['a', 'b', 'c', 'd', 'e', 'x']);
    expect(edgeList(graph.edges)).toEqual(['a>b', 'b>c', 'c>d', 'd>e', 'x>c']);
    expect(graph.truncated).toBe(false);
    expect(graph.nodes.find(n => n.ref === 'dataset:default/d')).toEqual({
      ref: 'dataset:default/d',
      title: 'D',
      tier: 'internal',
      license: 'CC-BY-4.0',
      owner: 'group:default/team-a',
      organization: 'group:default/org-a',
      lifecycle: 'production',
    });
    expect(
      graph.edges.find(
        e => e.to === 'dataset:default/c' && e.from.endsWith('/x'),
      ),
    ).toEqual({
      from: 'dataset:default/x',
      to: 'dataset:default/c',
      transformation: 'x->c',
    });
    expect(calls.length).toBeLessThanOrEqual(6);
  });

  it('respects the depth and marks nodes with more beyond it', async () => {
    const { source } = catalog(world);
    const graph = await traverseLineage(source, {
      root: 'dataset:default/e',
      direction: 'upstream',
      depth: 2,
      limit: 500,
    });
    expect(names(graph.nodes)).toEqual(['c', 'd', 'e']);
    expect(graph.nodes.find(n => n.ref.endsWith('/c'))!.expandable).toBe(true);
    expect(graph.truncated).toBe(false);
  });

  it('walks downstream through sourceOf relations, and both ways', async () => {
    const { source } = catalog(world);
    const down = await traverseLineage(source, {
      root: 'dataset:default/c',
      direction: 'downstream',
      depth: 5,
      limit: 500,
    });
    expect(names(down.nodes)).toEqual(['c', 'd', 'e', 'y', 'z']);
    expect(edgeList(down.edges)).toEqual(['c>d', 'c>y', 'c>z', 'd>e']);
    expect(down.edges.find(e => e.to.endsWith('/d'))!.transformation).toBe(
      'c->d',
    );
    const both = await traverseLineage(source, {
      root: 'dataset:default/c',
      direction: 'both',
      depth: 1,
      limit: 500,
    });
    expect(names(both.nodes)).toEqual(['b', 'c', 'd', 'x', 'y', 'z']);
  });

  it('stops at the node limit and flags the graph as truncated', async () => {
    const { source } = catalog(world);
    const graph = await traverseLineage(source, {
      root: 'dataset:default/c',
      direction: 'downstream',
      depth: 5,
      limit: 3,
    });
    expect(graph.nodes).toHaveLength(3);
    expect(graph.truncated).toBe(true);
    expect(graph.nodes.find(n => n.ref.endsWith('/c'))!.expandable).toBe(true);
  });

  it('terminates on cycles and diamonds, and shows missing upstreams', async () => {
    const { source } = catalog({
      p: ['r', 'ghost'],
      q: ['p'],
      r: ['q'],
      s: ['p', 'q'],
    });
    const graph = await traverseLineage(source, {
      root: 'dataset:default/s',
      direction: 'both',
      depth: 50,
      limit: 500,
    });
    expect(names(graph.nodes)).toEqual(['ghost', 'p', 'q', 'r', 's']);
    expect(graph.nodes.find(n => n.ref.endsWith('/ghost'))).toEqual({
      ref: 'dataset:default/ghost',
      missing: true,
    });
    expect(edgeList(graph.edges)).toEqual([
      'ghost>p',
      'p>q',
      'p>s',
      'q>r',
      'q>s',
      'r>p',
    ]);
  });

  it('answers for a root that does not exist with just that node', async () => {
    const { source } = catalog(world);
    const graph = await traverseLineage(source, {
      root: 'dataset:default/nope',
      direction: 'both',
      depth: 3,
      limit: 500,
    });
    expect(graph.nodes).toEqual([
      { ref: 'dataset:default/nope', missing: true },
    ]);
    expect(graph.edges).toEqual([]);
  });
});

describe('traverseLineage in both directions', () => {
  it('shares the node limit between ancestors and descendants', async () => {
    const { source } = catalog({
      u1: [],
      u2: [],
      u3: [],
      mid: ['u1', 'u2', 'u3'],
      d1: ['mid'],
      d2: ['mid'],
      d3: ['mid'],
    });
    const graph = await traverseLineage(source, {
      root: 'dataset:default/mid',
      direction: 'both',
      depth: 3,
      limit: 5,
    });
    const refs = graph.nodes.map(n => n.ref.split('/')[1]);
    expect(refs.filter(r => r.startsWith('u')).length).toBeGreaterThan(0);
    expect(refs.filter(r => r.startsWith('d')).length).toBeGreaterThan(0);
    expect(graph.truncated).toBe(true);
  });
});
