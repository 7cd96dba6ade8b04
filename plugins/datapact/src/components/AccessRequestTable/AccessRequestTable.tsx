import { DenseTable } from '../DenseTable';
import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import { AccessRequest, DecisionKind } from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { approvalsOf, whyNoDecision } from '../../lib/decisions';
import { durationWords, formatDateTime, relativeTime } from '../../lib/time';
import { words } from '../../lib/words';
import { DecisionDialog } from '../DecisionDialog';
import { RequestStateChip } from '../RequestStateChip';

/** What the viewer can do with a request, or why they cannot decide it. */
function RequestActions(props: {
  request: AccessRequest;
  viewerRef: string;
  onDecide: (request: AccessRequest, decision: DecisionKind) => void;
  onChanged: () => void;
}) {
  const { request, viewerRef, onDecide, onChanged } = props;
  const api = useApi(datapactApiRef);
  const [error, setError] = useState<Error>();
  const reason = whyNoDecision(request, viewerRef);
  const own =
    request.requester.toLocaleLowerCase('en-US') ===
    viewerRef.toLocaleLowerCase('en-US');
  const cancel = async () => {
    setError(undefined);
    try {
      await api.cancelAccessRequest(request.id);
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
      {reason ? (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="no-decision-reason"
        >
          {reason}
        </Typography>
      ) : (
        <Box display="flex" style={{ gap: 8, whiteSpace: 'nowrap' }}>
          <Button
            size="small"
            variant="contained"
            color="primary"
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
      )}
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

function Approvals(props: { request: AccessRequest }) {
  const { request } = props;
  return (
    <>
      <Typography variant="body2">
        {approvalsOf(request)} of {request.approvalsRequired}
      </Typography>
      {request.decisions.map(d => (
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
 * Access requests with their purpose, justification, approvals and state,
 * and what the viewer may do: approve, deny, cancel, or the reason not.
 */
export function AccessRequestTable(props: AccessRequestTableProps) {
  const { title, requests, viewerRef, loading, onChanged, emptyText } = props;
  const [deciding, setDeciding] = useState<{
    request: AccessRequest;
    decision: DecisionKind;
  }>();

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
        </>
      ),
    },
    { title: 'Approvals', render: r => <Approvals request={r} /> },
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
