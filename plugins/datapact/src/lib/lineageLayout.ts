import dagre from '@dagrejs/dagre';
import { refKey, VisibleLineage } from './lineageGraph';

/*
 * Left-to-right layout of the visible lineage with dagre (the layout engine
 * of Backstage's DependencyGraph), in columns: the root in the middle, each
 * upstream dataset as many columns to the left as its longest path to the
 * root, each downstream one as many to the right. Every node has the same,
 * known size, so one layout pass suffices: nothing is measured in the DOM.
 *
 * dagre gets the columns as ranks and only the edges between neighbouring
 * columns: edges that skip columns would make it route them through chains
 * of dummy nodes, which costs seconds on a densely connected lineage of a
 * few hundred datasets (bench/lineageLayout.bench.ts) and stretches the
 * drawing. Those edges are drawn as curves over the columns instead.
 */

export const NODE_WIDTH = 236;
export const NODE_HEIGHT = 84;
const RANK_GAP = 72;
const NODE_GAP = 14;
/** Room for the + buttons that stick out of the outermost nodes. */
const MARGIN = 40;

/** A drawn item's centre. */
export interface Point {
  x: number;
  y: number;
}

export interface LineageLayoutEdge {
  from: string;
  to: string;
  /** SVG path data, from the source's side to the target's. */
  path: string;
  transformation?: string;
}

export interface LineageLayout {
  width: number;
  height: number;
  /** Centres by node key (`refKey(ref)`, or a group's id). */
  positions: Map<string, Point>;
  /** Columns by node key: negative upstream, 0 the root, positive downstream. */
  columns: Map<string, number>;
  edges: LineageLayoutEdge[];
}

/**
 * Columns by longest path from the root, upstream (negative) and
 * downstream (positive); an edge that closes a cycle is ignored.
 */
export function lineageColumns(
  root: string,
  keys: string[],
  edges: Array<{ from: string; to: string }>,
): Map<string, number> {
  const sources = new Map<string, string[]>();
  const targets = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (from === to) continue;
    if (!targets.has(from)) targets.set(from, []);
    targets.get(from)!.push(to);
    if (!sources.has(to)) sources.set(to, []);
    sources.get(to)!.push(from);
  }
  const columns = new Map<string, number>([[root, 0]]);
  // Longest path to the root, walking away from it; iterative, as lineage can
  // be deeper than the call stack.
  const walk = (away: Map<string, string[]>, sign: number) => {
    const hops = new Map<string, number>([[root, 0]]);
    const state = new Map<string, 'open' | 'done'>();
    // Post-order over the reversed direction: a node's hops are one more than
    // the most of its neighbours towards the root.
    const toward = away === sources ? targets : sources;
    const reached = new Set([root]);
    const queue = [root];
    while (queue.length) {
      for (const n of away.get(queue.shift()!) ?? []) {
        if (!reached.has(n)) {
          reached.add(n);
          queue.push(n);
        }
      }
    }
    for (const start of reached) {
      if (state.has(start)) continue;
      const stack: Array<{ key: string; next: number }> = [
        { key: start, next: 0 },
      ];
      state.set(start, 'open');
      while (stack.length) {
        const top = stack[stack.length - 1];
        const neighbours = (toward.get(top.key) ?? []).filter(n =>
          reached.has(n),
        );
        if (top.next < neighbours.length) {
          const n = neighbours[top.next++];
          if (!state.has(n)) {
            state.set(n, 'open');
            stack.push({ key: n, next: 0 });
          }
          continue;
        }
        stack.pop();
        state.set(top.key, 'done');
        if (top.key === root) continue;
        let most = -1;
        for (const n of neighbours) {
          // An open neighbour closes a cycle: ignore that edge.
          if (state.get(n) === 'done') most = Math.max(most, hops.get(n)!);
        }
        hops.set(top.key, most + 1);
      }
    }
    for (const [key, h] of hops) {
      if (key !== root && !columns.has(key)) columns.set(key, sign * h);
    }
  };
  walk(sources, -1);
  walk(targets, 1);
  for (const key of keys) if (!columns.has(key)) columns.set(key, 0);
  return columns;
}

function edgePath(
  a: Point,
  b: Point,
  columnA: number,
  columnB: number,
): string {
  if (columnB > columnA) {
    // Forward: from the source's right side to the target's left side.
    const sx = a.x + NODE_WIDTH / 2;
    const ex = b.x - NODE_WIDTH / 2;
    const bend = Math.max(24, (ex - sx) / 2);
    return `M${sx},${a.y} C${sx + bend},${a.y} ${ex - bend},${b.y} ${ex},${
      b.y
    }`;
  }
  // Within a column, or back (a cycle): a loop out to the right.
  const sx = a.x + NODE_WIDTH / 2;
  const ex = b.x + NODE_WIDTH / 2;
  const bulge = RANK_GAP * 0.6;
  return `M${sx},${a.y} C${sx + bulge},${a.y} ${ex + bulge},${b.y} ${ex},${
    b.y
  }`;
}

export function layoutLineage(visible: VisibleLineage): LineageLayout {
  const keys = [
    ...visible.nodes.map(n => refKey(n.ref)),
    ...visible.groups.map(g => g.id),
  ];
  const columns = lineageColumns(visible.root, keys, visible.edges);
  const first = Math.min(...columns.values());

  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: 'LR',
    ranksep: RANK_GAP,
    nodesep: NODE_GAP,
    marginx: MARGIN,
    marginy: MARGIN,
    // The columns are the ranks (set on each node below); a ranker function
    // only has to place dagre's own helper node before them.
    ranker: ((g: dagre.graphlib.Graph) => {
      for (const v of g.nodes()) {
        const label = g.node(v);
        if (label.rank === undefined) label.rank = -1;
      }
    }) as unknown as string,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const key of keys) {
    // One label per node: dagre writes the node's position into it. Ranks
    // are twice the columns, as dagre doubles every edge's length to make
    // room for edge labels before it places the dummy nodes.
    graph.setNode(key, {
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      rank: 2 * (columns.get(key)! - first),
    });
  }
  for (const { from, to } of visible.edges) {
    if (
      graph.hasNode(from) &&
      graph.hasNode(to) &&
      columns.get(to)! - columns.get(from)! === 1
    ) {
      graph.setEdge(from, to);
    }
  }
  dagre.layout(graph);

  const positions = new Map<string, Point>();
  for (const key of keys) {
    const { x, y } = graph.node(key);
    positions.set(key, { x, y });
  }
  const edges: LineageLayoutEdge[] = [];
  for (const { from, to, transformation } of visible.edges) {
    const a = positions.get(from);
    const b = positions.get(to);
    if (!a || !b || from === to) continue;
    edges.push({
      from,
      to,
      transformation,
      path: edgePath(a, b, columns.get(from)!, columns.get(to)!),
    });
  }
  const { width = 0, height = 0 } = graph.graph();
  return { width, height, positions, columns, edges };
}
