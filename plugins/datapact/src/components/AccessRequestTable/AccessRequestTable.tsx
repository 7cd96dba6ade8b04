import { DenseTable } from '../DenseTable';
import { Progress, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  AccessRequest,
  ApprovalStatus,
  DecisionKind,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { approvalsOf, whyNoDecision } from '../../lib/decisions';
import { durationWords, formatDateTime, relativeTime } from '../../lib/time';
import { words } from '../../lib/words';
import { AcceptedTerms } from '../AcceptedTerms';
import { ApprovalProgress } from '../ApprovalProgress';
import { DecisionDialog } from '../DecisionDialog';
import { GrantEnding } from '../GrantEnding';
import { GrantProvisioningStatus } from '../GrantProvisioningStatus';
import { RequestStateChip } from '../RequestStateChip';

/** A pending request's approval status as the server answers it, or why not. */
type StatusAnswer = ApprovalStatus | Error | undefined;

const statusOf = (answer: StatusAnswer) =>
  answer instanceof Error ? undefined : answer;

/**
 * What the viewer can do with a request, or why they cannot decide it. For
 * a pending request the server says whether the viewer may decide and, before
 * they click, whether an approval would be refused and why; a denial is
 * always possible.
 */
function RequestActions(props: {
  request: AccessRequest;
  viewerRef: string;
  status: StatusAnswer;
  onDecide: (request: AccessRequest, decision: DecisionKind) => void;
  onChanged: () => void;
}) {
  const { request, viewerRef, status, onDecide, onChanged } = props;
  const api = useApi(datapactApiRef);
  const [error, setError] = useState<Error>();
  const own =
    request.requester.toLocaleLowerCase('en-US') ===
    viewerRef.toLocaleLowerCase('en-US');
  const waiting = request.state === 'pending' && !own && status === undefined;
  const reason = whyNoDecision(request, viewerRef, statusOf(status));
  const refusal = statusOf(status)?.viewer.approveRefusal;
  const cancel = async () => {
    setError(undefined);
    try {
      await api.cancelAccessRequest(request.id);
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  let decide: ReactNode;
  if (waiting) {
    decide = <Progress />;
  } else if (reason) {
    decide = (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="no-decision-reason"
      >
        {reason}
      </Typography>
    );
  } else {
    decide = (
      <>
        <Box display="flex" style={{ gap: 8, whiteSpace: 'nowrap' }}>
          <Button
            size="small"
            variant="contained"
            color="primary"
            disabled={Boolean(refusal)}
            onClick={() => onDecide(request, 'approve')}
          >
            Approve
          </Button>
          <Button
            size="small"
            variant="outlined"
            color="secondary"
            onClick={() => onDecide(request, 'deny')}
          >
            Deny
          </Button>
        </Box>
        {refusal && (
          <Typography
            variant="caption"
            color="error"
            data-testid="approve-refusal"
          >
            Your approval would be refused: {refusal.message} (
            <code>{refusal.rule}</code>). You may still deny it.
          </Typography>
        )}
      </>
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
      {decide}
      {own && request.state === 'pending' && (
        <Box>
          <Button size="small" variant="outlined" onClick={cancel}>
            Cancel request
          </Button>
        </Box>
      )}
      {error && <Alert severity="error">{error.message}</Alert>}
    </Box>
  );
}

function Decisions(props: { request: AccessRequest }) {
  return (
    <>
      {props.request.decisions.map(d => (
        <Typography
          key={`${d.approver}-${d.decidedAt}`}
          variant="caption"
          display="block"
          color="textSecondary"
        >
          <EntityRefLink entityRef={d.approver} defaultKind="User" hideIcon />{' '}
          {d.decision === 'approve' ? 'approved' : 'denied'}
          {d.comment ? `: “${d.comment}”` : ''}
        </Typography>
      ))}
    </>
  );
}

/**
 * A request's approvals: for a pending one, the server's account of which
 * stewardships have approved and which are still needed; otherwise the
 * decisions recorded.
 */
function Approvals(props: { request: AccessRequest; status: StatusAnswer }) {
  const { request, status } = props;
  if (request.state === 'pending' && status && !(status instanceof Error)) {
    return (
      <>
        <ApprovalProgress status={status} />
        <Decisions request={request} />
      </>
    );
  }
  return (
    <>
      <Typography variant="body2">
        {approvalsOf(request)} of {request.approvalsRequired}
      </Typography>
      <Decisions request={request} />
      {status instanceof Error && (
        <Typography variant="caption" display="block" color="error">
          Approval status: {status.message}
        </Typography>
      )}
    </>
  );
}

function State(props: { request: AccessRequest }) {
  const { request } = props;
  const grant = request.grant;
  return (
    <>
      <RequestStateChip state={grant ? grant.state : request.state} />
      {grant && (
        <Typography variant="caption" display="block" color="textSecondary">
          {grant.state === 'active' ? 'until' : 'ended'}{' '}
          {formatDateTime(grant.revokedAt ?? grant.expiresAt)} (
          {relativeTime(grant.revokedAt ?? grant.expiresAt)})
        </Typography>
      )}
      {grant && <GrantEnding grant={grant} />}
      {grant && <GrantProvisioningStatus grant={grant} />}
      {request.state === 'pending' && (
        <Typography variant="caption" display="block" color="textSecondary">
          lapses {relativeTime(request.pendingUntil)} if undecided
        </Typography>
      )}
    </>
  );
}

export interface AccessRequestTableProps {
  title: string;
  requests: AccessRequest[];
  viewerRef: string;
  loading?: boolean;
  /** Called after a decision or cancellation, to reload. */
  onChanged: (changed?: AccessRequest) => void;
  emptyText: ReactNode;
}

/**
 * Access requests with their purpose, justification, the terms the
 * requester accepted, approvals and state, and what the viewer may do: approve, deny, cancel, or the reason not.
 * For pending requests, which stewardships have approved and which are still
 * needed, and whether the viewer's approval would be refused, come from the
 * server (`getApprovalStatus`).
 */
export function AccessRequestTable(props: AccessRequestTableProps) {
  const { title, requests, viewerRef, loading, onChanged, emptyText } = props;
  const api = useApi(datapactApiRef);
  const [deciding, setDeciding] = useState<{
    request: AccessRequest;
    decision: DecisionKind;
  }>();
  // The server's approval status of each pending request, asked once per
  // version of the list.
  const pending = requests.filter(r => r.state === 'pending');
  const statuses = useAsync(async () => {
    const answers = await Promise.all(
      pending.map(r =>
        api.getApprovalStatus(r.id).catch((e: Error) => e as StatusAnswer),
      ),
    );
    return new Map(pending.map((r, i) => [r.id, answers[i]]));
  }, [api, pending.map(r => `${r.id}@${r.updatedAt}`).join(',')]);

  const columns: TableColumn<AccessRequest>[] = [
    {
      title: 'Dataset',
      field: 'dataset',
      render: r => (
        <EntityRefLink entityRef={r.dataset} defaultKind="Dataset" />
      ),
    },
    {
      title: 'Requester',
      field: 'requester',
      render: r => (
        <>
          <EntityRefLink entityRef={r.requester} defaultKind="User" />
          <Typography variant="caption" display="block" color="textSecondary">
            for <EntityRefLink entityRef={r.organization} hideIcon />
          </Typography>
        </>
      ),
    },
    {
      title: 'Purpose and justification',
      field: 'purpose',
      render: r => (
        <>
          <Typography variant="body2">
            <strong>{words(r.purpose)}</strong>, {durationWords(r.duration)}
          </Typography>
          <Typography variant="caption" display="block">
            {r.justification}
          </Typography>
          {r.agreement && (
            <Typography variant="caption" display="block">
              under <EntityRefLink entityRef={r.agreement} hideIcon />
            </Typography>
          )}
          <AcceptedTerms request={r} collapsible />
        </>
      ),
    },
    {
      title: 'Approvals',
      render: r => <Approvals request={r} status={statuses.value?.get(r.id)} />,
    },
    { title: 'State', field: 'state', render: r => <State request={r} /> },
    {
      title: 'Asked',
      field: 'createdAt',
      render: r => formatDateTime(r.createdAt),
    },
    {
      title: 'Action',
      render: r => (
        <RequestActions
          request={r}
          viewerRef={viewerRef}
          status={statuses.value?.get(r.id)}
          onDecide={(request, decision) => setDeciding({ request, decision })}
          onChanged={() => onChanged()}
        />
      ),
    },
  ];

  return (
    <>
      <DenseTable<AccessRequest>
        title={title}
        isLoading={loading}
        columns={columns}
        data={requests}
        empty={emptyText}
      />
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          status={statusOf(statuses.value?.get(deciding.request.id))}
          onClose={() => setDeciding(undefined)}
          onDecided={changed => {
            setDeciding(undefined);
            onChanged(changed);
          }}
        />
      )}
    </>
  );
}
