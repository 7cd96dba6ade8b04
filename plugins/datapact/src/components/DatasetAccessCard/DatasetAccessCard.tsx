import { InfoCard, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import useAsync, { AsyncState } from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  AccessEligibility,
  AccessRequest,
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '@datapact/backstage-plugin-common';
import { DatapactApi, datapactApiRef } from '../../api';
import { useViewer } from '../../hooks/useViewer';
import { approvalsOf } from '../../lib/decisions';
import { accessHeadline, ProvisioningStatus } from '../../lib/provisioning';
import { rootRouteRef } from '../../routes';
import { durationWords, formatDateTime, relativeTime } from '../../lib/time';
import { plural, words } from '../../lib/words';
import { AccessRefusals } from '../AccessRefusals';
import { AccessRequestDialog } from '../AccessRequestDialog';
import { GrantEnding } from '../GrantEnding';
import { GrantProvisioningStatus } from '../GrantProvisioningStatus';
import { RequestStateChip } from '../RequestStateChip';
import { WhoDecides } from '../WhoDecides';

/** How prominently the holder is told where their privilege stands. */
const HEADLINE_SEVERITY: Record<
  ProvisioningStatus,
  'success' | 'info' | 'warning'
> = {
  ready: 'success',
  pending: 'info',
  failed: 'warning',
  'not-applicable': 'success',
};

/** The inbox's path, or undefined in a legacy app that has not mounted it. */
function useInboxPath(): string | undefined {
  try {
    // useRouteRef calls all its hooks before it throws for an unmounted route.
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/**
 * Whether the viewer may request the dataset now, for any purpose: the
 * server's answer without a purpose and, for another organization's data,
 * under each agreement the server says covers it (a request must name one),
 * the first that allows it.
 */
async function requestableNow(
  api: DatapactApi,
  dataset: string,
): Promise<AccessEligibility> {
  const answer = await api.getAccessEligibility({ dataset });
  if (answer.allowed || !answer.needsAgreement || !answer.agreements.length) {
    return answer;
  }
  const underAgreements = await Promise.all(
    answer.agreements.map(a =>
      api.getAccessEligibility({ dataset, agreement: a.ref }),
    ),
  );
  return underAgreements.find(a => a.allowed) ?? underAgreements[0];
}

/** Pending requests for this dataset that wait for the viewer's decision. */
function ToDecide(props: { dataset: string }) {
  const api = useApi(datapactApiRef);
  const inboxPath = useInboxPath();
  const { value } = useAsync(
    () =>
      api.listAccessRequests({
        dataset: props.dataset,
        toDecide: true,
        limit: 20,
      }),
    [api, props.dataset],
  );
  const count = value?.items.length ?? 0;
  if (!count) return null;
  return (
    <Typography
      variant="body2"
      style={{ marginTop: 4 }}
      data-testid="to-decide"
    >
      {plural(count, 'request')} for this dataset{' '}
      {count === 1 ? 'waits' : 'wait'} for your decision
      {inboxPath && (
        <>
          {' '}
          in <Link to={inboxPath}>Data access</Link>
        </>
      )}
      .
    </Typography>
  );
}

/**
 * Whether the viewer may request the dataset now, as the server says: who
 * would decide, or why not (a blocking finding, a veto, not requestable).
 */
function Eligibility(props: {
  state: AsyncState<AccessEligibility | undefined>;
}) {
  const { value, loading, error } = props.state;
  if (loading) return <Progress />;
  if (error) {
    return (
      <Alert severity="warning">
        Could not ask whether you may request this dataset: {error.message}
      </Alert>
    );
  }
  if (!value) return null;
  return (
    <>
      {value.vetoedPurposes.length > 0 && (
        <Typography variant="body2" gutterBottom data-testid="vetoed-purposes">
          The community vetoes its use for{' '}
          {value.vetoedPurposes.map(words).join(', ')}.
        </Typography>
      )}
      {value.allowed ? (
        <WhoDecides eligibility={value} />
      ) : (
        <AccessRefusals
          title="You cannot request this dataset now:"
          refusals={value.refusals}
          severity="warning"
        />
      )}
    </>
  );
}

/**
 * Requesting access to a dataset: whether the viewer may request it now and,
 * if not, why (the server's answer); who decides and how many approvals it
 * takes; the request button; and the viewer's own requests and grants on
 * this dataset with their state, expiry and, for a grant that ended, why.
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

  const eligibility = useAsync(() => requestableNow(api, ref), [api, ref]);
  const pending = mine.value?.requests.find(r => r.state === 'pending');
  const activeGrant = mine.value?.grants.find(g => g.state === 'active');
  const headline = activeGrant && accessHeadline(activeGrant);

  return (
    <InfoCard title="Access">
      {access && (
        <Typography variant="body2" gutterBottom>
          {(access.allowedPurposes ?? []).length > 0 &&
            `For ${access.allowedPurposes!.map(words).join(', ')}. `}
          {access.maxDuration &&
            `For at most ${durationWords(access.maxDuration)}.`}
        </Typography>
      )}
      <Eligibility state={eligibility} />
      <ToDecide dataset={ref} />
      {activeGrant && (
        <Box mt={2}>
          <Alert
            severity={headline ? HEADLINE_SEVERITY[headline.status] : 'success'}
            data-testid="active-grant"
          >
            {headline && (
              <AlertTitle data-testid="access-headline">
                {headline.text}
              </AlertTitle>
            )}
            You have access for {words(activeGrant.purpose)} until{' '}
            {formatDateTime(activeGrant.expiresAt)} (expires{' '}
            {relativeTime(activeGrant.expiresAt)})
            {activeGrant.expiresBecause === 'agreement' &&
              activeGrant.expiresAgreement && (
                <>
                  , when agreement{' '}
                  <EntityRefLink
                    entityRef={activeGrant.expiresAgreement}
                    defaultKind="Agreement"
                    hideIcon
                  />{' '}
                  ends
                </>
              )}
            .
          </Alert>
        </Box>
      )}
      {/* The server has the last word: with no answer yet, the request may still be tried. */}
      {(eligibility.error || eligibility.value?.allowed) && (
        <>
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
                {pending.approvalsRequired} approvals
                {pending.requiredStewardships.length > 0 && (
                  <>
                    ;{' '}
                    <EntityRefLinks
                      entityRefs={pending.requiredStewardships}
                      hideIcons
                    />{' '}
                    must also approve
                  </>
                )}
                ).
              </Typography>
            )}
          </Box>
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
      {created && (
        <Box mt={2}>
          <Alert severity="success" onClose={() => setCreated(undefined)}>
            Request sent: it needs{' '}
            {plural(created.approvalsRequired, 'approval')}
            {created.requiredStewardships.length > 0 && (
              <>
                , and{' '}
                <EntityRefLinks
                  entityRefs={created.requiredStewardships}
                  hideIcons
                />{' '}
                must also approve
              </>
            )}
            .
          </Alert>
        </Box>
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
                      secondaryTypographyProps={{ component: 'div' }}
                      secondary={
                        <>
                          {`For ${words(grant.purpose)}; ${
                            grant.state === 'active' ? 'expires' : 'ended'
                          } ${formatDateTime(
                            grant.revokedAt ?? grant.expiresAt,
                          )} (${relativeTime(
                            grant.revokedAt ?? grant.expiresAt,
                          )})`}
                          <GrantEnding grant={grant} />
                          <GrantProvisioningStatus grant={grant} />
                        </>
                      }
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
