import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { getEntityRelations, useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  AccessRequest,
  isStewardEntity,
  RELATION_STEWARD_OF,
  StewardEntityV1alpha1,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { useViewer } from '../../hooks/useViewer';
import { AccessRequestTable } from '../AccessRequestTable';

/**
 * The requests that wait for this steward: pending requests for the datasets
 * it stewards on which nobody has yet decided on its behalf. Lists only what
 * the viewer may read (requests they made or may decide).
 */
export function StewardDecisionsCard(props: {
  steward: StewardEntityV1alpha1;
}) {
  const { steward } = props;
  const api = useApi(datapactApiRef);
  const { viewer } = useViewer();
  const self = stringifyEntityRef(steward).toLocaleLowerCase('en-US');
  const datasets = getEntityRelations(steward, RELATION_STEWARD_OF)
    .filter(r => r.kind.toLowerCase() === 'dataset')
    .map(r => stringifyEntityRef(r));

  const pending = useAsyncRetry(async () => {
    const pages = await Promise.all(
      datasets.map(dataset =>
        api.listAccessRequests({ dataset, state: 'pending', limit: 50 }),
      ),
    );
    return pages
      .flatMap(p => p.items)
      .filter(
        (r: AccessRequest) =>
          !r.decisions.some(
            d => d.onBehalfOf.toLocaleLowerCase('en-US') === self,
          ),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, [api, datasets.join(','), self]);

  if (pending.error) {
    return (
      <Alert severity="error">Decisions pending: {pending.error.message}</Alert>
    );
  }
  return (
    <AccessRequestTable
      title="Decisions pending"
      requests={pending.value ?? []}
      viewerRef={viewer?.userEntityRef ?? ''}
      loading={pending.loading || !viewer}
      onChanged={() => pending.retry()}
      emptyText="No request for its datasets waits for this steward (among those you may see)."
    />
  );
}

/** {@link StewardDecisionsCard} for the Steward of the entity page. */
export function EntityStewardDecisionsCard() {
  const { entity } = useEntity();
  return isStewardEntity(entity) ? (
    <StewardDecisionsCard steward={entity} />
  ) : null;
}
