import { useApi } from '@backstage/core-plugin-api';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { GovernanceWorld } from '@datapact/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { today } from '../lib/time';
import { useSensitivityTiers } from './useSensitivityTiers';

/** What the dashboard reads of each Dataset: enough for its organization, tier and stewards. */
const DATASET_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
  'spec.stewards',
  'spec.sensitivity',
  'spec.provenance.organization',
];

/** What decides organizations: a Group's type and parent. */
const GROUP_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.parent',
];

/**
 * The catalog's Datasets, Agreements and Groups as the governance rules see
 * them, judged today: the common package's definitions of organization and
 * agreement status then answer the dashboard's questions, as on the server.
 */
export async function loadGovernanceWorld(
  catalogApi: CatalogApi,
  sensitivityTiers?: readonly string[],
): Promise<GovernanceWorld> {
  const [datasets, agreements, groups] = await Promise.all([
    catalogApi.getEntities({
      filter: { kind: 'Dataset' },
      fields: DATASET_FIELDS,
    }),
    catalogApi.getEntities({ filter: { kind: 'Agreement' } }),
    catalogApi.getEntities({ filter: { kind: 'Group' }, fields: GROUP_FIELDS }),
  ]);
  return new GovernanceWorld(
    [...datasets.items, ...agreements.items, ...groups.items],
    { today: today(), sensitivityTiers },
  );
}

/** {@link loadGovernanceWorld} as a hook. */
export function useGovernanceWorld() {
  const catalogApi = useApi(catalogApiRef);
  const sensitivityTiers = useSensitivityTiers();
  return useAsync(
    () => loadGovernanceWorld(catalogApi, sensitivityTiers),
    [catalogApi, sensitivityTiers.join(',')],
  );
}
