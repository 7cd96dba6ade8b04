import { DenseTable } from '../DenseTable';
import { Progress, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Grant,
  GovernanceWorld,
  isSensitiveTier,
} from '@datapact/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { DatapactApi, datapactApiRef } from '../../api';
import { formatDateTime, relativeTime } from '../../lib/time';
import { TierChip } from '../TierChip';

/** Grants are read a page at a time; the dashboard stops after this many. */
const MAX_GRANTS = 2000;

interface Row {
  ref: string;
  tier: string;
  rank: number;
  grants: number;
  holders: string[];
  nextExpiry: string;
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Dataset',
    field: 'ref',
    render: r => <EntityRefLink entityRef={r.ref} defaultKind="Dataset" />,
  },
  {
    title: 'Tier',
    field: 'rank',
    width: '14%',
    render: r => <TierChip tier={r.tier} />,
  },
  { title: 'Active grants', field: 'grants', type: 'numeric', width: '12%' },
  {
    title: 'Held by',
    render: r => <EntityRefLinks entityRefs={r.holders} defaultKind="User" />,
  },
  {
    title: 'Next to expire',
    field: 'nextExpiry',
    width: '20%',
    cellStyle: { whiteSpace: 'nowrap' },
    render: r => (
      <>
        {formatDateTime(r.nextExpiry)}
        <Typography variant="caption" display="block" color="textSecondary">
          {relativeTime(r.nextExpiry)}
        </Typography>
      </>
    ),
  },
];

/** Every active grant the caller may read, following the pages. */
async function activeGrants(
  api: DatapactApi,
): Promise<{ grants: Grant[]; complete: boolean }> {
  const grants: Grant[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listGrants({ active: true, limit: 200, cursor });
    grants.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && grants.length < MAX_GRANTS);
  return { grants, complete: !cursor };
}

/**
 * Confidential and restricted datasets (the upper half of the sensitivity
 * scale) with active grants: who holds access to sensitive data right now.
 * The grants are those the server lets the viewer read — with the default
 * policy, the grants they requested and those on datasets they approve.
 */
export function GovernanceSensitiveGrants(props: { world: GovernanceWorld }) {
  const { world } = props;
  const api = useApi(datapactApiRef);
  const state = useAsync(() => activeGrants(api), [api]);
  if (state.error) {
    return <Alert severity="error">Open grants: {state.error.message}</Alert>;
  }
  if (!state.value) return <Progress />;

  const byDataset = new Map<string, Row>();
  for (const grant of state.value.grants) {
    const dataset = world.dataset(grant.dataset);
    const tier = dataset?.spec.sensitivity?.tier;
    if (!dataset || !tier || !isSensitiveTier(world, tier)) continue;
    const ref = world.refOf(dataset);
    const row = byDataset.get(ref) ?? {
      ref,
      tier,
      rank: world.tierRank(tier),
      grants: 0,
      holders: [],
      nextExpiry: grant.expiresAt,
    };
    row.grants += 1;
    if (!row.holders.includes(grant.user)) row.holders.push(grant.user);
    if (grant.expiresAt < row.nextExpiry) row.nextExpiry = grant.expiresAt;
    byDataset.set(ref, row);
  }
  const rows = [...byDataset.values()].sort(
    (a, b) =>
      b.rank - a.rank || b.grants - a.grants || a.ref.localeCompare(b.ref),
  );
  return (
    <>
      <DenseTable<Row>
        title={`Sensitive datasets with open grants (${rows.length})`}
        pageSize={10}
        columns={columns}
        data={rows}
        empty="No confidential or restricted dataset has an active grant that you may see."
      />
      <Typography variant="caption" color="textSecondary" component="p">
        Only the grants you may read are counted: with the default policy, those
        you requested and those on datasets you approve.
        {!state.value.complete &&
          ` Only the first ${MAX_GRANTS} active grants were read.`}
      </Typography>
    </>
  );
}
