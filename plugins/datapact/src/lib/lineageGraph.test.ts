import { LineageGraph } from '@datapact/backstage-plugin-common';
import {
  expansionDirection,
  groupId,
  lineagePlaces,
  mergeLineage,
  visibleLineage,
} from './lineageGraph';
import { layoutLineage, NODE_WIDTH } from './lineageLayout';

const ds = (name: string) => `dataset:default/${name}`;

/*
 *  raw-a ─┐
 *         ├─> clean ─> ROOT ─> report
 *  raw-b ─┘              └───> dashboard
 */
const graph: LineageGraph = {
  root: ds('root'),
  nodes: ['raw-a', 'raw-b', 'clean', 'root', 'report', 'dashboard'].map(n => ({
    ref: ds(n),
    title: n,
  })),
  edges: [
    { from: ds('raw-a'), to: ds('clean') },
    { from: ds('raw-b'), to: ds('clean') },
    { from: ds('clean'), to: ds('root'), transformation: 'dbt model' },
    { from: ds('root'), to: ds('report') },
    { from: ds('root'), to: ds('dashboard') },
  ],
  truncated: false,
};

/** A root with `count` downstream datasets, each feeding one more. */
function fanOut(count: number): LineageGraph {
  const nodes = [{ ref: ds('root') }];
  const edges = [];
  for (let i = 0; i < count; i++) {
    nodes.push({ ref: ds(`child-${i}`) }, { ref: ds(`grandchild-${i}`) });
    edges.push(
      { from: ds('root'), to: ds(`child-${i}`) },
      { from: ds(`child-${i}`), to: ds(`grandchild-${i}`) },
    );
  }
  return { root: ds('root'), nodes, edges, truncated: false };
}

describe('lineagePlaces', () => {
  it('gives each dataset its hops up- or downstream of the root', () => {
    const places = lineagePlaces(graph);
    expect(places.get(ds('root'))).toEqual({ upstream: 0, downstream: 0 });
    expect(places.get(ds('clean'))).toEqual({ upstream: 1 });
    expect(places.get(ds('raw-a'))).toEqual({ upstream: 2 });
    expect(places.get(ds('report'))).toEqual({ downstream: 1 });
  });

  it('matches refs whatever their case, and ends in cycles', () => {
    const cyclic: LineageGraph = {
      root: 'Dataset:default/A',
      nodes: [{ ref: 'dataset:default/a' }, { ref: 'dataset:default/b' }],
      edges: [
        { from: 'dataset:default/a', to: 'dataset:default/b' },
        { from: 'dataset:default/b', to: 'dataset:default/a' },
      ],
      truncated: false,
    };
    const places = lineagePlaces(cyclic);
    expect(places.get('dataset:default/b')).toEqual({
      upstream: 1,
      downstream: 1,
    });
    expect(expansionDirection(cyclic, 'dataset:default/b')).toBe('both');
  });
});

describe('expansionDirection', () => {
  it('walks away from the root', () => {
    expect(expansionDirection(graph, ds('raw-a'))).toBe('upstream');
    expect(expansionDirection(graph, ds('report'))).toBe('downstream');
  });

  it('walks the empty side from a root that the node limit cut short', () => {
    const upstreamOnly: LineageGraph = {
      ...graph,
      nodes: graph.nodes.filter(
        n => !['report', 'dashboard'].some(d => n.ref === ds(d)),
      ),
      edges: graph.edges.filter(e => e.from !== ds('root')),
    };
    expect(expansionDirection(upstreamOnly, ds('root'))).toBe('downstream');
    expect(expansionDirection(upstreamOnly, ds('root'), 'upstream')).toBe(
      'upstream',
    );
    expect(expansionDirection(graph, ds('root'))).toBe('both');
  });
});

describe('mergeLineage', () => {
  it('adds what lies beyond a node and clears its expandable mark', () => {
    const base: LineageGraph = {
      ...graph,
      nodes: graph.nodes.map(n =>
        n.ref === ds('raw-a') ? { ...n, expandable: true } : n,
      ),
    };
    const more: LineageGraph = {
      root: ds('raw-a'),
      nodes: [
        { ref: ds('raw-a'), title: 'raw-a' },
        { ref: ds('source'), title: 'source', expandable: true },
      ],
      edges: [{ from: ds('source'), to: ds('raw-a') }],
      truncated: false,
    };
    const merged = mergeLineage(base, more, ds('raw-a'));
    expect(merged.root).toBe(ds('root'));
    expect(merged.nodes).toHaveLength(7);
    expect(merged.nodes.find(n => n.ref === ds('raw-a'))!.expandable).toBe(
      undefined,
    );
    expect(merged.nodes.find(n => n.ref === ds('source'))!.expandable).toBe(
      true,
    );
    expect(merged.edges).toContainEqual({
      from: ds('source'),
      to: ds('raw-a'),
    });
    expect(merged.edges).toHaveLength(6);
  });

  it('keeps the truncation flag and transformations', () => {
    const more: LineageGraph = {
      root: ds('clean'),
      nodes: [{ ref: ds('clean') }],
      edges: [{ from: ds('clean'), to: ds('root') }],
      truncated: true,
    };
    const merged = mergeLineage(graph, more, ds('clean'));
    expect(merged.truncated).toBe(true);
    expect(merged.edges.find(e => e.from === ds('clean'))!.transformation).toBe(
      'dbt model',
    );
  });
});

describe('visibleLineage', () => {
  it('draws a small graph as it is', () => {
    const visible = visibleLineage(graph);
    expect(visible.nodes).toHaveLength(6);
    expect(visible.groups).toHaveLength(0);
    expect(visible.edges).toHaveLength(5);
  });

  it('folds more than 20 siblings, and what lies behind them', () => {
    const visible = visibleLineage(fanOut(25));
    expect(visible.nodes.map(n => n.ref)).toEqual([ds('root')]);
    expect(visible.groups).toHaveLength(1);
    const [group] = visible.groups;
    expect(group.id).toBe(groupId(ds('root'), 'downstream'));
    expect(group.members).toHaveLength(25);
    expect(group.beyond).toBe(25);
    expect(visible.edges).toEqual([{ from: ds('root'), to: group.id }]);
  });

  it('unfolds a group on request, and leaves 20 siblings alone', () => {
    const unfolded = visibleLineage(fanOut(25), {
      expandedGroups: new Set([groupId(ds('root'), 'downstream')]),
    });
    expect(unfolded.nodes).toHaveLength(51);
    expect(unfolded.groups).toHaveLength(0);
    expect(visibleLineage(fanOut(20)).groups).toHaveLength(0);
  });

  it('keeps a folded sibling visible when another path reaches it', () => {
    // root feeds p1 and p2; p1 feeds c0..c24, and p2 feeds c0 too.
    const g: LineageGraph = {
      root: ds('root'),
      nodes: [{ ref: ds('root') }, { ref: ds('p1') }, { ref: ds('p2') }],
      edges: [
        { from: ds('root'), to: ds('p1') },
        { from: ds('root'), to: ds('p2') },
        { from: ds('p2'), to: ds('c0') },
      ],
      truncated: false,
    };
    for (let i = 0; i < 25; i++) {
      g.nodes.push({ ref: ds(`c${i}`) });
      g.edges.push({ from: ds('p1'), to: ds(`c${i}`) });
    }
    const visible = visibleLineage(g);
    expect(visible.nodes.map(n => n.ref)).toContain(ds('c0'));
    expect(visible.groups).toHaveLength(1);
    expect(visible.groups[0].parent).toBe(ds('p1'));
    expect(visible.groups[0].members).toHaveLength(24);
    expect(visible.edges).toContainEqual({ from: ds('p1'), to: ds('c0') });
  });
});

describe('layoutLineage', () => {
  it('lays sources out to the left of what derives from them', () => {
    const layout = layoutLineage(visibleLineage(graph));
    const x = (name: string) => layout.positions.get(ds(name))!.x;
    expect(x('raw-a')).toBeLessThan(x('clean'));
    expect(x('clean')).toBeLessThan(x('root'));
    expect(x('root')).toBeLessThan(x('report'));
    expect(layout.edges).toHaveLength(5);
    const edge = layout.edges.find(e => e.to === ds('root'))!;
    expect(edge.transformation).toBe('dbt model');
    expect(edge.path).toMatch(new RegExp(`^M${x('clean') + NODE_WIDTH / 2},`));
  });

  it('puts each dataset in the column of its longest path to the root', () => {
    // raw feeds both clean and the root directly: it still sits left of clean.
    const skipping: LineageGraph = {
      ...graph,
      edges: [...graph.edges, { from: ds('raw-a'), to: ds('root') }],
    };
    const layout = layoutLineage(visibleLineage(skipping));
    expect(layout.columns.get(ds('raw-a'))).toBe(-2);
    expect(layout.columns.get(ds('clean'))).toBe(-1);
    expect(layout.columns.get(ds('report'))).toBe(1);
    const x = (name: string) => layout.positions.get(ds(name))!.x;
    expect(x('raw-a')).toBe(x('raw-b'));
    expect(x('raw-a')).toBeLessThan(x('clean'));
  });

  it('ends in cycles', () => {
    const cyclic: LineageGraph = {
      ...graph,
      edges: [...graph.edges, { from: ds('root'), to: ds('raw-a') }],
    };
    const layout = layoutLineage(visibleLineage(cyclic));
    expect(layout.positions.size).toBe(6);
    expect(layout.edges).toHaveLength(6);
  });
});
