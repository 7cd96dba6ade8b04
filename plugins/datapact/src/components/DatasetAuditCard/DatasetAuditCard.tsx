import {
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  AuditEntry,
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { formatDateTime } from '../../lib/time';
import { words } from '../../lib/words';

/** Entries shown; older ones stay in the log and the API. */
const LIMIT = 100;

function Actor(props: { actor: string }) {
  return props.actor.includes(':') ? (
    <EntityRefLink entityRef={props.actor} defaultKind="User" />
  ) : (
    <>{props.actor}</>
  );
}

/** The fields of an entry's details worth reading: decision, comment, reason... */
function details(entry: AuditEntry): string {
  return Object.entries(entry.details ?? {})
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('; ');
}

const columns: TableColumn<AuditEntry>[] = [
  { title: '#', field: 'seq', width: '5%' },
  {
    title: 'When',
    field: 'at',
    render: entry => formatDateTime(entry.at),
  },
  {
    title: 'Who',
    field: 'actor',
    render: entry => <Actor actor={entry.actor} />,
  },
  {
    title: 'What',
    field: 'action',
    render: entry => words(entry.action.replace('.', ' ')),
  },
  { title: 'Details', render: entry => details(entry) },
  {
    title: 'Hash',
    field: 'hash',
    render: entry => (
      <Tooltip title={`${entry.hash} (previous ${entry.prevHash})`}>
        <code>{entry.hash.slice(0, 10)}…</code>
      </Tooltip>
    ),
  },
];

function ChainStatus() {
  const api = useApi(datapactApiRef);
  const { value, error } = useAsync(() => api.verifyAudit(), [api]);
  if (error) return null;
  if (!value) return null;
  return value.ok ? (
    <StatusOK>hash chain intact ({value.entries} entries checked)</StatusOK>
  ) : (
    <StatusError>
      hash chain broken at entry {value.firstBadSeq}
      {value.problem ? `: ${value.problem}` : ''}
    </StatusError>
  );
}

/**
 * The audit history of a dataset (every request, decision, grant and
 * revocation) as far as the viewer may read it: the server answers its
 * approvers and auditors with all of it, a requester with their own
 * requests. With the state of the log's hash chain.
 */
export function DatasetAuditCard(props: { dataset: DatasetEntityV1alpha1 }) {
  const { dataset } = props;
  const api = useApi(datapactApiRef);
  const ref = stringifyEntityRef(dataset);
  const entries = useAsync(
    () => api.listAudit({ entity: ref, limit: LIMIT }),
    [api, ref],
  );

  if (entries.error) {
    return (
      <Alert severity="error">Audit history: {entries.error.message}</Alert>
    );
  }
  return (
    <Table<AuditEntry>
      title={
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <span>Access history</span>
          <ChainStatus />
        </Box>
      }
      subtitle="Every change to requests and grants for this dataset that you may read, newest first: its approvers and auditors read all of it, requesters their own requests."
      isLoading={entries.loading}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={entries.value?.items ?? []}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            Nothing you may read: nobody has requested this dataset yet, or only
            others whose requests you neither made nor decide.
          </Typography>
        </Box>
      }
    />
  );
}

/** {@link DatasetAuditCard} for the Dataset of the entity page. */
export function EntityDatasetAuditCard() {
  const { entity } = useEntity();
  return isDatasetEntity(entity) ? <DatasetAuditCard dataset={entity} /> : null;
}
