import {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@datapact/backstage-plugin-common';

/*
 * The lineage view's graph model, as pure functions: merging an expansion
 * into the graph, each dataset's place relative to the root, and the visible
 * graph once large fan-outs are folded into group nodes.
 */

/** Entity refs compare case-insensitively, as the catalog does. */
export const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');

const edgeKey = (edge: LineageEdge) =>
  `${refKey(edge.from)} ${refKey(edge.to)}`;

/**
 * Merges the lineage walked from `expanded` (a node of `base` marked
 * `expandable`) into `base`. A node is still expandable only if both walks
 * left neighbours out; `expanded` itself only if its own walk did.
 */
export function mergeLineage(
  base: LineageGraph,
  extra: LineageGraph,
  expanded: string,
): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  for (const node of base.nodes) nodes.set(refKey(node.ref), node);
  for (const node of extra.nodes) {
    const key = refKey(node.ref);
    const known = nodes.get(key);
    const expandable = known
      ? Boolean(known.expandable && node.expandable)
      : Boolean(node.expandable);
    nodes.set(key, { ...(known ?? node), expandable });
  }
  const expandedKey = refKey(expanded);
  const expandedNode = nodes.get(expandedKey);
  if (expandedNode) {
    const again = extra.nodes.find(n => refKey(n.ref) === expandedKey);
    nodes.set(expandedKey, {
      ...expandedNode,
      expandable: Boolean(again?.expandable),
    });
  }
  for (const [key, node] of nodes) {
    if (!node.expandable) {
      const { expandable: _dropped, ...rest } = node;
      nodes.set(key, rest);
    }
  }

  const edges = new Map<string, LineageEdge>();
  for (const edge of [...base.edges, ...extra.edges]) {
    const key = edgeKey(edge);
    if (!edges.has(key) || edge.transformation) edges.set(key, edge);
  }
  return {
    root: base.root,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated: base.truncated || extra.truncated,
  };
}

/** How many hops a dataset lies upstream and/or downstream of the root. */
export interface LineagePlace {
  upstream?: number;
  downstream?: number;
}

/**
 * Each dataset's shortest distance from the root, walking edges backwards
 * (upstream) and forwards (downstream); a dataset in a cycle through the
 * root has both.
 */
export function lineagePlaces(graph: LineageGraph): Map<string, LineagePlace> {
  const sources = new Map<string, string[]>();
  const targets = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const from = refKey(edge.from);
    const to = refKey(edge.to);
    if (!targets.has(from)) targets.set(from, []);
    targets.get(from)!.push(to);
    if (!sources.has(to)) sources.set(to, []);
    sources.get(to)!.push(from);
  }
  const places = new Map<string, LineagePlace>();
  const walk = (side: 'upstream' | 'downstream') => {
    const next = side === 'upstream' ? sources : targets;
    let frontier = [refKey(graph.root)];
    const seen = new Set(frontier);
    for (let hops = 0; frontier.length > 0; hops++) {
      const following: string[] = [];
      for (const key of frontier) {
        places.set(key, { ...places.get(key), [side]: hops });
        for (const neighbour of next.get(key) ?? []) {
          if (!seen.has(neighbour)) {
            seen.add(neighbour);
            following.push(neighbour);
          }
        }
      }
      frontier = following;
    }
  };
  walk('upstream');
  walk('downstream');
  return places;
}

/**
 * The direction to walk when expanding a dataset: away from the root, on the
 * side (or sides) where it lies. The root itself is expandable only when the
 * node limit cut its neighbours short: walk the side that has no datasets
 * yet (the server fills the upstream side first), else what was asked.
 */
export function expansionDirection(
  graph: LineageGraph,
  ref: string,
  requested: LineageDirection = 'both',
): LineageDirection {
  const places = lineagePlaces(graph);
  const place = places.get(refKey(ref));
  const up = place?.upstream !== undefined && place.upstream > 0;
  const down = place?.downstream !== undefined && place.downstream > 0;
  if (up && !down) return 'upstream';
  if (down && !up) return 'downstream';
  if (refKey(ref) === refKey(graph.root) && requested === 'both') {
    const sides = [...places.values()];
    if (!sides.some(p => (p.downstream ?? 0) > 0)) return 'downstream';
    if (!sides.some(p => (p.upstream ?? 0) > 0)) return 'upstream';
  }
  return up && down ? 'both' : requested;
}

/** Datasets folded into one node: the many up- or downstreams of one dataset. */
export interface LineageGroup {
  /** Stable across renders: the parent and the side. */
  id: string;
  /** The dataset whose neighbours are folded (its ref). */
  parent: string;
  side: 'upstream' | 'downstream';
  /** The folded neighbours, by title. */
  members: LineageNode[];
  /** Datasets hidden further out, behind the members. */
  beyond: number;
}

/** What the graph draws: datasets and groups, and the edges between them. */
export interface VisibleLineage {
  /** The root's key. */
  root: string;
  nodes: LineageNode[];
  groups: LineageGroup[];
  /** Edges between drawn items, by key: `refKey(ref)` of a dataset, or a group's id. */
  edges: LineageEdge[];
}

/** Above this many siblings on one side of a dataset, they are folded. */
export const DEFAULT_FAN_OUT_LIMIT = 20;

export const groupId = (parent: string, side: 'upstream' | 'downstream') =>
  `fold(${side}) ${refKey(parent)}`;

const byTitle = (a: LineageNode, b: LineageNode) =>
  (a.title ?? a.ref).localeCompare(b.title ?? b.ref);

/**
 * The graph as drawn: walking out from the root on each side, a dataset with
 * more than `fanOutLimit` neighbours one hop further out has them folded into
 * a group node, unless that group is in `expandedGroups`. Datasets reachable
 * only through folded ones are hidden too (and counted as `beyond`); one
 * that another path reaches stays visible.
 */
export function visibleLineage(
  graph: LineageGraph,
  options: { expandedGroups?: ReadonlySet<string>; fanOutLimit?: number } = {},
): VisibleLineage {
  const limit = options.fanOutLimit ?? DEFAULT_FAN_OUT_LIMIT;
  const expanded = options.expandedGroups ?? new Set<string>();
  const nodeByKey = new Map(graph.nodes.map(n => [refKey(n.ref), n]));
  const places = lineagePlaces(graph);
  const sources = new Map<string, string[]>();
  const targets = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const from = refKey(edge.from);
    const to = refKey(edge.to);
    if (!targets.has(from)) targets.set(from, []);
    targets.get(from)!.push(to);
    if (!sources.has(to)) sources.set(to, []);
    sources.get(to)!.push(from);
  }
  /** Neighbours one hop further from the root than `key`, on `side`. */
  const outward = (key: string, side: 'upstream' | 'downstream') => {
    const hops = places.get(key)?.[side];
    if (hops === undefined) return [];
    const next = (side === 'upstream' ? sources : targets).get(key) ?? [];
    return [...new Set(next)].filter(n => places.get(n)?.[side] === hops + 1);
  };

  const visible = new Set<string>();
  const folded = new Map<
    string,
    { side: 'upstream' | 'downstream'; parent: string; keys: string[] }
  >();
  const rootKey = refKey(graph.root);
  for (const side of ['upstream', 'downstream'] as const) {
    let frontier = [rootKey];
    visible.add(rootKey);
    while (frontier.length > 0) {
      const following: string[] = [];
      for (const key of frontier) {
        const out = outward(key, side);
        const id = groupId(key, side);
        if (out.length > limit && !expanded.has(id)) {
          folded.set(id, { side, parent: key, keys: out });
          continue;
        }
        for (const n of out) {
          if (!visible.has(n)) {
            visible.add(n);
            following.push(n);
          }
        }
      }
      frontier = following;
    }
  }
  // Datasets the walk never reached from the root (not expected from the
  // server, but a graph is data): draw them rather than lose them.
  for (const key of nodeByKey.keys()) {
    if (!places.has(key)) visible.add(key);
  }

  const claimed = new Set<string>();
  const groups: LineageGroup[] = [];
  for (const [id, fold] of folded) {
    const members = fold.keys.filter(k => !visible.has(k) && !claimed.has(k));
    members.forEach(k => claimed.add(k));
    if (members.length === 0) continue;
    // Count what hides behind the members, once, for the first group that reaches it.
    let beyond = 0;
    let frontier = members;
    while (frontier.length > 0) {
      const following: string[] = [];
      for (const key of frontier) {
        for (const n of outward(key, fold.side)) {
          if (!visible.has(n) && !claimed.has(n)) {
            claimed.add(n);
            beyond++;
            following.push(n);
          }
        }
      }
      frontier = following;
    }
    groups.push({
      id,
      parent: nodeByKey.get(fold.parent)?.ref ?? fold.parent,
      side: fold.side,
      members: members
        .map(k => nodeByKey.get(k) ?? { ref: k, missing: true })
        .sort(byTitle),
      beyond,
    });
  }

  const edges: LineageEdge[] = graph.edges
    .filter(e => visible.has(refKey(e.from)) && visible.has(refKey(e.to)))
    .map(e => ({ ...e, from: refKey(e.from), to: refKey(e.to) }));
  for (const group of groups) {
    const parent = refKey(group.parent);
    edges.push(
      group.side === 'upstream'
        ? { from: group.id, to: parent }
        : { from: parent, to: group.id },
    );
  }
  return {
    root: rootKey,
    nodes: graph.nodes.filter(n => visible.has(refKey(n.ref))),
    groups,
    edges,
  };
}
