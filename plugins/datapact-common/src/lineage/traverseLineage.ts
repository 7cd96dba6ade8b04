import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '../kinds/Dataset.v1alpha1';
import { RELATION_SOURCE_OF, resolveRef } from '../relations';
import {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
} from './types';

/**
 * Where lineage comes from: datasets loaded in batches (one call per hop, so
 * a graph of any size costs `depth` calls) and a dataset's organization.
 * @public
 */
export interface LineageSource {
  /** The datasets among `refs` that exist, with their relations. */
  getDatasets(refs: string[]): Promise<Entity[]>;
  organizationOf(dataset: DatasetEntityV1alpha1): string | undefined;
}

/** @public */
export interface LineageOptions {
  root: string;
  direction: LineageDirection;
  /** Hops from the root in each direction. */
  depth: number;
  /** Most nodes in the graph, the root included. */
  limit: number;
}

const key = (ref: string) => ref.toLowerCase();

function upstreamOf(dataset: DatasetEntityV1alpha1) {
  const namespace = dataset.metadata.namespace ?? 'default';
  return (dataset.spec.lineage?.upstream ?? []).map(u => ({
    ref: stringifyEntityRef(resolveRef(u.dataset, 'Dataset', namespace)),
    transformation: u.transformation,
  }));
}

function downstreamOf(dataset: Entity) {
  return (dataset.relations ?? [])
    .filter(r => r.type === RELATION_SOURCE_OF)
    .map(r => ({ ref: r.targetRef, transformation: undefined }));
}

/**
 * Walks a dataset's lineage breadth first, hop by hop, up to `depth` hops and
 * `limit` nodes; cycles end the walk where they close.
 * @public
 */
export async function traverseLineage(
  source: LineageSource,
  options: LineageOptions,
): Promise<LineageGraph> {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const loaded = new Map<string, DatasetEntityV1alpha1>();
  let truncated = false;

  const describe = (
    ref: string,
    dataset?: DatasetEntityV1alpha1,
  ): LineageNode =>
    dataset
      ? {
          ref: stringifyEntityRef(dataset),
          title: dataset.metadata.title,
          tier: dataset.spec.sensitivity?.tier,
          license: dataset.spec.license?.spdx,
          owner: stringifyEntityRef(
            resolveRef(
              dataset.spec.owner,
              'Group',
              dataset.metadata.namespace ?? 'default',
            ),
          ),
          organization: source.organizationOf(dataset),
          lifecycle: dataset.spec.lifecycle,
        }
      : { ref, missing: true };

  const load = async (refs: string[]) => {
    const wanted = refs.filter(r => !loaded.has(key(r)));
    if (wanted.length === 0) return;
    for (const entity of await source.getDatasets(wanted)) {
      if (isDatasetEntity(entity))
        loaded.set(key(stringifyEntityRef(entity)), entity);
    }
  };

  await load([options.root]);
  const root = loaded.get(key(options.root));
  const rootRef = root ? stringifyEntityRef(root) : options.root;
  nodes.set(key(rootRef), describe(rootRef, root));

  // One step of the walk in one direction: the frontier's neighbours that
  // are new become the next frontier, within the node limit.
  const step = (frontier: string[], up: boolean): string[] => {
    const next: string[] = [];
    for (const ref of frontier) {
      const dataset = loaded.get(key(ref));
      if (!dataset) continue;
      for (const neighbour of up
        ? upstreamOf(dataset)
        : downstreamOf(dataset)) {
        if (!nodes.has(key(neighbour.ref))) {
          if (nodes.size >= options.limit) {
            truncated = true;
            nodes.get(key(ref))!.expandable = true;
            continue;
          }
          nodes.set(key(neighbour.ref), { ref: neighbour.ref });
          next.push(neighbour.ref);
        }
        const edge = up
          ? {
              from: nodes.get(key(neighbour.ref))!.ref,
              to: ref,
              transformation: neighbour.transformation,
            }
          : { from: ref, to: nodes.get(key(neighbour.ref))!.ref };
        const id = `${key(edge.from)} ${key(edge.to)}`;
        if (!edges.has(id) || neighbour.transformation) edges.set(id, edge);
      }
    }
    return next;
  };

  if (root) {
    // Both directions advance hop by hop together, so that a node limit is
    // shared between ancestors and descendants; one catalog read per hop.
    let up = options.direction !== 'downstream' ? [rootRef] : [];
    let down = options.direction !== 'upstream' ? [rootRef] : [];
    for (
      let hop = 0;
      hop < options.depth && (up.length || down.length);
      hop++
    ) {
      await load([...up, ...down]);
      up = step(up, true);
      down = step(down, false);
    }
    // The last hop's nodes: load them to describe them and to know whether
    // anything lies beyond the depth.
    await load([...up, ...down]);
    for (const [frontier, isUp] of [
      [up, true],
      [down, false],
    ] as const) {
      for (const ref of frontier) {
        const dataset = loaded.get(key(ref));
        if (!dataset) continue;
        const beyond = isUp ? upstreamOf(dataset) : downstreamOf(dataset);
        if (beyond.some(n => !nodes.has(key(n.ref)))) {
          nodes.get(key(ref))!.expandable = true;
        }
      }
    }
  }

  for (const [k, node] of nodes) {
    const dataset = loaded.get(k);
    nodes.set(k, {
      ...describe(node.ref, dataset),
      ...(node.expandable ? { expandable: true } : {}),
    });
  }
  // Transformations are declared downstream; keep them on downstream edges too.
  for (const edge of edges.values()) {
    if (!edge.transformation) {
      const downstream = loaded.get(key(edge.to));
      edge.transformation = downstream
        ? upstreamOf(downstream).find(u => key(u.ref) === key(edge.from))
            ?.transformation
        : undefined;
      if (!edge.transformation) delete edge.transformation;
    }
  }
  return {
    root: rootRef,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated,
  };
}
