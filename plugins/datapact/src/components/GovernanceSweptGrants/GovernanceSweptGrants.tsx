import { Progress, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Grant } from '@datapact/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { datapactApiRef } from '../../api';
import { grantEndCauseWords } from '../../lib/grants';
import { formatDateTime, relativeTime } from '../../lib/time';
import { words } from '../../lib/words';
import { DenseTable } from '../DenseTable';
import { GrantProvisioningStatus } from '../GrantProvisioningStatus';

/** The latest grants the sweep ended; older ones stay in the API and the audit log. */
const LIMIT = 50;

const columns: TableColumn<Grant>[] = [
  {
    title: 'Dataset',
    field: 'dataset',
    render: g => <EntityRefLink entityRef={g.dataset} defaultKind="Dataset" />,
  },
  {
    title: 'Held by',
    field: 'user',
    render: g => (
      <>
        <EntityRefLink entityRef={g.user} defaultKind="User" />
        <Typography variant="caption" display="block" color="textSecondary">
          for {words(g.purpose)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Why it ended',
    field: 'revokeCause',
    render: g => (
      <>
        <Typography variant="body2">
          {g.revokeCause ? grantEndCauseWords(g.revokeCause) : 'unknown'}
        </Typography>
        {g.revokeReason && (
          <Typography variant="caption" display="block" color="textSecondary">
            {g.revokeReason}
          </Typography>
        )}
        <GrantProvisioningStatus grant={g} />
      </>
    ),
  },
  {
    title: 'Ended',
    field: 'revokedAt',
    width: '18%',
    cellStyle: { whiteSpace: 'nowrap' },
    render: g =>
      g.revokedAt && (
        <>
          {formatDateTime(g.revokedAt)}
          <Typography variant="caption" display="block" color="textSecondary">
            {relativeTime(g.revokedAt)}
          </Typography>
        </>
      ),
  },
];

/**
 * Grants the lifecycle sweep ended before their time, because what they
 * relied on changed (an agreement ended, the purpose was withdrawn, a veto
 * was added...), each with its cause: those the server lets the viewer read.
 */
export function GovernanceSweptGrants() {
  const api = useApi(datapactApiRef);
  const state = useAsync(
    () => api.listGrants({ endedBySweep: true, limit: LIMIT }),
    [api],
  );
  if (state.error) {
    return (
      <Alert severity="error">
        Access ended by the lifecycle sweep: {state.error.message}
      </Alert>
    );
  }
  if (!state.value) return <Progress />;
  const grants = state.value.items;
  return (
    <DenseTable<Grant>
      title={`Access ended by the lifecycle sweep (${grants.length}${
        state.value.nextCursor ? '+' : ''
      })`}
      subtitle="Grants ended because what they relied on changed; only those you may read."
      pageSize={10}
      columns={columns}
      data={grants}
      empty="The lifecycle sweep has ended no grant that you may see."
    />
  );
}
