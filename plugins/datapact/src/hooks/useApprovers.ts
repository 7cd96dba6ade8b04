import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  approvalsRequired,
  approverRefs,
  DatasetEntityV1alpha1,
  GovernanceWorld,
  isStewardEntity,
  resolveRef,
  StewardEntityV1alpha1,
} from '@datapact/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { today } from '../lib/time';
import { useSensitivityTiers } from './useSensitivityTiers';
import { useViewer } from './useViewer';

/** Who decides requests for a dataset, and whether the viewer is one of them. */
export interface Approvers {
  /** The approver Stewards' refs: `access.approvers`, by default the stewards. */
  stewards: string[];
  /** How many distinct approvers must approve. */
  required: number;
  /** Whether the viewer holds an approver Steward, or a delegate of one. */
  viewerIsApprover: boolean;
}

async function stewardsByRef(
  catalogApi: CatalogApi,
  refs: string[],
): Promise<Map<string, StewardEntityV1alpha1>> {
  const result = new Map<string, StewardEntityV1alpha1>();
  if (!refs.length) return result;
  const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: refs });
  for (const item of items) {
    if (item && isStewardEntity(item)) {
      result.set(stringifyEntityRef(item), item);
    }
  }
  return result;
}

const resolved = (
  from: StewardEntityV1alpha1,
  ref: string,
  defaultKind: string,
) =>
  stringifyEntityRef(
    resolveRef(ref, defaultKind, from.metadata.namespace ?? 'default'),
  );

/**
 * A dataset's approvers, by the same definitions as the server: a user is an
 * approver when they hold (directly or through a group) one of the approver
 * Stewards, or a Steward that is a delegate of one.
 */
export async function loadApprovers(
  catalogApi: CatalogApi,
  dataset: DatasetEntityV1alpha1,
  viewerRefs: string[],
  sensitivityTiers?: readonly string[],
): Promise<Approvers> {
  const world = new GovernanceWorld([dataset], {
    today: today(),
    sensitivityTiers,
  });
  const stewards = approverRefs(world, dataset);
  const required = approvalsRequired(world, dataset);
  const approverStewards = await stewardsByRef(catalogApi, stewards);
  const delegateRefs = new Set<string>();
  for (const steward of approverStewards.values()) {
    for (const d of steward.spec.delegates ?? []) {
      delegateRefs.add(resolved(steward, d, 'Steward'));
    }
  }
  const delegates = await stewardsByRef(
    catalogApi,
    [...delegateRefs].filter(r => !approverStewards.has(r)),
  );
  const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
  const viewer = new Set(viewerRefs.map(lower));
  const holds = (steward: StewardEntityV1alpha1) =>
    viewer.has(lower(resolved(steward, steward.spec.holder, 'User')));
  const viewerIsApprover = [
    ...approverStewards.values(),
    ...[...delegateRefs]
      .map(r => approverStewards.get(r) ?? delegates.get(r))
      .filter((s): s is StewardEntityV1alpha1 => Boolean(s)),
  ].some(holds);
  return { stewards, required, viewerIsApprover };
}

/** {@link loadApprovers} for the signed-in user. */
export function useApprovers(dataset: DatasetEntityV1alpha1) {
  const catalogApi = useApi(catalogApiRef);
  const sensitivityTiers = useSensitivityTiers();
  const { viewer, error: viewerError } = useViewer();
  const state = useAsync(async () => {
    if (!viewer) return undefined;
    return loadApprovers(
      catalogApi,
      dataset,
      [viewer.userEntityRef, ...viewer.ownershipEntityRefs],
      sensitivityTiers,
    );
  }, [catalogApi, dataset, viewer, sensitivityTiers]);
  return {
    ...state,
    loading: state.loading || (!viewer && !viewerError),
    error: state.error ?? viewerError,
  };
}
