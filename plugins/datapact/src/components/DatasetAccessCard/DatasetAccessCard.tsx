import { InfoCard, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  AccessRequest,
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { useApprovers } from '../../hooks/useApprovers';
import { useViewer } from '../../hooks/useViewer';
import { rootRouteRef } from '../../routes';
import { durationWords, formatDateTime, relativeTime } from '../../lib/time';
import { plural, words } from '../../lib/words';
import { AccessRequestDialog } from '../AccessRequestDialog';
import { RequestStateChip } from '../RequestStateChip';

function approvalsOf(request: AccessRequest): number {
  return request.decisions.filter(d => d.decision === 'approve').length;
}

/** The inbox's path, or undefined in a legacy app that has not mounted it. */
function useInboxPath(): string | undefined {
  try {
    // useRouteRef calls all its hooks before it throws for an unmounted route.
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

function WhoDecides(props: { dataset: DatasetEntityV1alpha1 }) {
  const { value, loading, error } = useApprovers(props.dataset);
  const inboxPath = useInboxPath();
  if (loading) return <Progress />;
  if (error || !value) {
    return <Alert severity="warning">{error?.message}</Alert>;
  }
  return (
    <>
      <Typography variant="body2" data-testid="approvers">
        {value.stewards.length ? (
          <>
            Decided by <EntityRefLinks entityRefs={value.stewards} /> (or their
            delegates):{' '}
          </>
        ) : (
          'No approvers are named. '
        )}
        <strong>
          {plural(value.required, 'approval')} needed
          {value.required > 1 ? ' from different approvers' : ''}
        </strong>
        .
      </Typography>
      {value.viewerIsApprover && (
        <Typography variant="body2" style={{ marginTop: 4 }}>
          You are an approver of this dataset
          {inboxPath && (
            <>
              : decide its requests in <Link to={inboxPath}>Data access</Link>
            </>
          )}
          .
        </Typography>
      )}
    </>
  );
}

/**
 * Requesting access to a dataset: who decides and how many approvals it
 * takes, the request button, and the viewer's own requests and grants on
 * this dataset with their state and expiry.
 */
export function DatasetAccessCard(props: { dataset: DatasetEntityV1alpha1 }) {
  const { dataset } = props;
  const api = useApi(datapactApiRef);
  const { viewer } = useViewer();
  const ref = stringifyEntityRef(dataset);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [created, setCreated] = useState<AccessRequest>();
  const access = dataset.spec.access;

  const mine = useAsyncRetry(async () => {
    if (!viewer) return undefined;
    const [requests, grants] = await Promise.all([
      api.listAccessRequests({ dataset: ref, mine: true, limit: 20 }),
      api.listGrants({ dataset: ref, user: viewer.userEntityRef, limit: 20 }),
    ]);
    return { requests: requests.items, grants: grants.items };
  }, [api, ref, viewer]);

  const pending = mine.value?.requests.find(r => r.state === 'pending');
  const activeGrant = mine.value?.grants.find(g => g.state === 'active');

  return (
    <InfoCard title="Access">
      {!access?.requestable ? (
        <Typography variant="body2">
          This dataset is not requestable through Datapact; ask its owner.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {(access.allowedPurposes ?? []).length > 0 &&
              `For ${access.allowedPurposes!.map(words).join(', ')}. `}
            {access.maxDuration &&
              `For at most ${durationWords(access.maxDuration)}.`}
          </Typography>
          <WhoDecides dataset={dataset} />
          {activeGrant && (
            <Box mt={2}>
              <Alert severity="success" data-testid="active-grant">
                You have access for {words(activeGrant.purpose)} until{' '}
                {formatDateTime(activeGrant.expiresAt)} (expires{' '}
                {relativeTime(activeGrant.expiresAt)}).
              </Alert>
            </Box>
          )}
          <Box mt={2} display="flex" alignItems="center" style={{ gap: 12 }}>
            <Button
              variant="contained"
              color="primary"
              onClick={() => setDialogOpen(true)}
              disabled={Boolean(pending)}
            >
              Request access
            </Button>
            {pending && (
              <Typography variant="body2" color="textSecondary">
                Your request is pending ({approvalsOf(pending)} of{' '}
                {pending.approvalsRequired} approvals).
              </Typography>
            )}
          </Box>
          {created && (
            <Box mt={2}>
              <Alert severity="success" onClose={() => setCreated(undefined)}>
                Request sent: it needs{' '}
                {plural(created.approvalsRequired, 'approval')}.
              </Alert>
            </Box>
          )}
          <AccessRequestDialog
            dataset={dataset}
            open={dialogOpen}
            onClose={() => setDialogOpen(false)}
            onCreated={request => {
              setDialogOpen(false);
              setCreated(request);
              mine.retry();
            }}
          />
        </>
      )}
      {mine.error && (
        <Box mt={2}>
          <Alert severity="error">{mine.error.message}</Alert>
        </Box>
      )}
      {mine.loading && <Progress />}
      {mine.value && (
        <>
          <Box mt={2}>
            <Typography variant="subtitle2">Your grants</Typography>
            {mine.value.grants.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                You have no access to this dataset.
              </Typography>
            ) : (
              <List dense disablePadding data-testid="my-grants">
                {mine.value.grants.map(grant => (
                  <ListItem key={grant.id} disableGutters>
                    <ListItemText
                      primary={<RequestStateChip state={grant.state} />}
                      secondary={`For ${words(grant.purpose)}; ${
                        grant.state === 'active' ? 'expires' : 'ended'
                      } ${formatDateTime(
                        grant.revokedAt ?? grant.expiresAt,
                      )} (${relativeTime(grant.revokedAt ?? grant.expiresAt)})`}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </Box>
          <Box mt={2}>
            <Typography variant="subtitle2">Your requests</Typography>
            {mine.value.requests.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                You have not requested this dataset.
              </Typography>
            ) : (
              <List dense disablePadding data-testid="my-requests">
                {mine.value.requests.map(request => (
                  <ListItem key={request.id} disableGutters>
                    <ListItemText
                      primary={<RequestStateChip state={request.state} />}
                      secondary={`For ${words(
                        request.purpose,
                      )}, ${durationWords(
                        request.duration,
                      )}; asked ${formatDateTime(
                        request.createdAt,
                      )}; ${approvalsOf(request)} of ${
                        request.approvalsRequired
                      } approvals`}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </Box>
        </>
      )}
    </InfoCard>
  );
}

/** {@link DatasetAccessCard} for the Dataset of the entity page. */
export function EntityDatasetAccessCard() {
  const { entity } = useEntity();
  return isDatasetEntity(entity) ? (
    <DatasetAccessCard dataset={entity} />
  ) : null;
}
