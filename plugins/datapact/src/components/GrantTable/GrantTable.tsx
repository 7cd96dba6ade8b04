import { DenseTable } from '../DenseTable';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { Grant } from '@datapact/backstage-plugin-common';
import { formatDateTime, relativeTime } from '../../lib/time';
import { words } from '../../lib/words';
import { GrantEnding } from '../GrantEnding';
import { GrantProvisioningStatus } from '../GrantProvisioningStatus';
import { RequestStateChip } from '../RequestStateChip';

const columns: TableColumn<Grant>[] = [
  {
    title: 'Dataset',
    field: 'dataset',
    render: g => <EntityRefLink entityRef={g.dataset} defaultKind="Dataset" />,
  },
  { title: 'Purpose', field: 'purpose', render: g => words(g.purpose) },
  {
    title: 'State',
    field: 'state',
    render: g => (
      <>
        <RequestStateChip state={g.state} />
        <GrantEnding grant={g} />
        <GrantProvisioningStatus grant={g} />
      </>
    ),
  },
  {
    title: 'Granted',
    field: 'grantedAt',
    render: g => formatDateTime(g.grantedAt),
  },
  {
    title: 'Expires',
    field: 'expiresAt',
    render: g => (
      <>
        {formatDateTime(g.expiresAt)}
        <Typography variant="caption" display="block" color="textSecondary">
          {relativeTime(g.expiresAt)}
        </Typography>
      </>
    ),
  },
];

/**
 * Grants with their state and expiry, what bounds or ended each, and where
 * its privilege stands in the data platforms.
 */
export function GrantTable(props: {
  title: string;
  grants: Grant[];
  loading?: boolean;
  emptyText: ReactNode;
}) {
  const { title, grants, loading, emptyText } = props;
  return (
    <DenseTable<Grant>
      title={title}
      isLoading={loading}
      columns={columns}
      data={grants}
      empty={emptyText}
    />
  );
}
