/**
 * Which way to walk lineage from a dataset: towards its sources, towards
 * what derives from it, or both.
 * @public
 */
export type LineageDirection = 'upstream' | 'downstream' | 'both';

/**
 * A dataset in a lineage graph, with what a view needs to draw it.
 * @public
 */
export interface LineageNode {
  ref: string;
  title?: string;
  tier?: string;
  license?: string;
  owner?: string;
  organization?: string;
  lifecycle?: string;
  /** The dataset is referenced as an upstream but is not in the catalog. */
  missing?: boolean;
  /** The node has neighbours in the walked direction(s) beyond the depth or node limit. */
  expandable?: boolean;
}

/**
 * Data flows `from` an upstream `to` a downstream dataset.
 * @public
 */
export interface LineageEdge {
  from: string;
  to: string;
  transformation?: string;
}

/**
 * A dataset's lineage: nodes, edges and whether the node limit cut it short.
 * @public
 */
export interface LineageGraph {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  truncated: boolean;
}
