import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  CatalogApi,
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  AgreementEntityV1alpha1,
  DatasetEntityV1alpha1,
  GovernanceWorld,
  isAgreementEntity,
  RELATION_GOVERNED_BY,
  resolveRef,
} from '@datapact/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { today } from '../lib/time';
import { useSensitivityTiers } from './useSensitivityTiers';

/** Groups are rarely nested deeper than this; the walk stops here regardless. */
const MAX_GROUP_DEPTH = 10;

/** The given groups and every group above them, by `spec.parent`. */
export async function groupsUpToRoots(
  catalogApi: CatalogApi,
  refs: string[],
): Promise<Entity[]> {
  const found = new Map<string, Entity>();
  let next = [...new Set(refs.filter(r => parseEntityRef(r).kind === 'group'))];
  for (let depth = 0; next.length && depth < MAX_GROUP_DEPTH; depth++) {
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: next });
    next = [];
    for (const group of items) {
      if (!group || group.kind !== 'Group') continue;
      found.set(stringifyEntityRef(group), group);
      const parent = group.spec?.parent;
      if (typeof parent === 'string') {
        const ref = stringifyEntityRef(
          resolveRef(parent, 'Group', group.metadata.namespace ?? 'default'),
        );
        if (!found.has(ref)) next.push(ref);
      }
    }
  }
  return [...found.values()];
}

/** The refs of the agreements that govern a dataset, whichever side declares it. */
export function agreementRefsOf(dataset: DatasetEntityV1alpha1): string[] {
  const namespace = dataset.metadata.namespace ?? 'default';
  const refs = new Set<string>(
    getEntityRelations(dataset, RELATION_GOVERNED_BY).map(r =>
      stringifyEntityRef(r),
    ),
  );
  for (const a of dataset.spec.agreements ?? []) {
    refs.add(stringifyEntityRef(resolveRef(a, 'Agreement', namespace)));
  }
  return [...refs];
}

/**
 * A dataset as the governance rules see it: the dataset, its agreements and
 * the groups up to the organizations of its owner and of `groupRefs` (the
 * viewer's groups, say), in a {@link GovernanceWorld} judged today. The rules'
 * own definitions (organization, agreement status, coverage) then answer the
 * page's questions, as they do on the server.
 */
export interface DatasetWorld {
  world: GovernanceWorld;
  agreements: AgreementEntityV1alpha1[];
}

export async function loadDatasetWorld(
  catalogApi: CatalogApi,
  dataset: DatasetEntityV1alpha1,
  options: { groupRefs?: string[]; sensitivityTiers?: readonly string[] },
): Promise<DatasetWorld> {
  const namespace = dataset.metadata.namespace ?? 'default';
  const owner = stringifyEntityRef(
    resolveRef(dataset.spec.owner, 'Group', namespace),
  );
  const agreementRefs = agreementRefsOf(dataset);
  const [agreements, groups] = await Promise.all([
    agreementRefs.length
      ? catalogApi
          .getEntitiesByRefs({ entityRefs: agreementRefs })
          .then(r =>
            r.items.filter((e): e is AgreementEntityV1alpha1 =>
              Boolean(e && isAgreementEntity(e)),
            ),
          )
      : Promise.resolve([]),
    groupsUpToRoots(catalogApi, [owner, ...(options.groupRefs ?? [])]),
  ]);
  const world = new GovernanceWorld([dataset, ...agreements, ...groups], {
    today: today(),
    sensitivityTiers: options.sensitivityTiers,
  });
  return { world, agreements };
}

/** {@link loadDatasetWorld} as a hook. */
export function useDatasetWorld(
  dataset: DatasetEntityV1alpha1,
  groupRefs?: string[],
) {
  const catalogApi = useApi(catalogApiRef);
  const sensitivityTiers = useSensitivityTiers();
  return useAsync(
    () =>
      loadDatasetWorld(catalogApi, dataset, { groupRefs, sensitivityTiers }),
    [catalogApi, dataset, (groupRefs ?? []).join(','), sensitivityTiers],
  );
}
