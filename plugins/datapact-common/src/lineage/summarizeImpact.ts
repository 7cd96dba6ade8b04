import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isAgreementEntity } from '../kinds/Agreement.v1alpha1';
import { RELATION_GOVERNS, resolveRef } from '../relations';
import { LineageGraph, LineageNode } from './types';

/**
 * What lies downstream of a dataset, for its owner to know whom to tell.
 * @public
 */
export interface ImpactSummary {
  root: string;
  /** Every dataset downstream of the root, at any depth within the limit. */
  datasets: LineageNode[];
  /** Owners and organizations of those datasets. */
  owners: string[];
  organizations: string[];
  /** Agreements that govern the root or an affected dataset, with the ones they govern. */
  agreements: Array<{ ref: string; title?: string; datasets: string[] }>;
  truncated: boolean;
}

/**
 * An active grant on a dataset affected by a change, as `GET /impact` lists it.
 * @public
 */
export interface ImpactGrant {
  id: string;
  dataset: string;
  user: string;
  expiresAt: string;
}

/**
 * Answer of `GET /impact`: the downstream datasets, their owners and
 * organizations, the agreements involved and the active grants on them.
 * @public
 */
export type DatasetImpact = ImpactSummary & { grants: ImpactGrant[] };

const key = (ref: string) => ref.toLowerCase();

/**
 * Summarizes a downstream lineage graph: datasets, owners, organizations and
 * the agreements involved (declared on either side: an agreement's
 * `spec.datasets` or a dataset's `spec.agreements`, both seen through the
 * catalog's `governs` relations).
 * @public
 */
export function summarizeImpact(
  graph: LineageGraph,
  agreements: Entity[],
): ImpactSummary {
  const datasets = graph.nodes.filter(n => key(n.ref) !== key(graph.root));
  const involved = new Set([graph.root, ...datasets.map(d => d.ref)].map(key));
  const unique = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

  const governing = agreements.filter(isAgreementEntity).flatMap(agreement => {
    const namespace = agreement.metadata.namespace ?? 'default';
    const governed = unique([
      ...(agreement.spec.datasets ?? []).map(d =>
        stringifyEntityRef(resolveRef(d, 'Dataset', namespace)),
      ),
      ...(agreement.relations ?? [])
        .filter(r => r.type === RELATION_GOVERNS)
        .map(r => r.targetRef),
    ]).filter(ref => involved.has(key(ref)));
    return governed.length > 0
      ? [
          {
            ref: stringifyEntityRef(agreement),
            title: agreement.metadata.title,
            datasets: governed,
          },
        ]
      : [];
  });

  return {
    root: graph.root,
    datasets,
    owners: unique(datasets.map(d => d.owner)),
    organizations: unique(datasets.map(d => d.organization)),
    agreements: governing,
    truncated: graph.truncated,
  };
}
