import { DenseTable } from '../DenseTable';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  GovernanceWorld,
  isSensitiveTier,
} from '@datapact/backstage-plugin-common';
import { FindingsSeverity } from '../FindingsSeverity';
import { TierChip } from '../TierChip';

interface Row {
  ref: string;
  tier: string;
  rank: number;
  owner: string;
  organization: string;
  required: boolean;
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
  {
    title: 'Owner',
    field: 'owner',
    render: r => <EntityRefLink entityRef={r.owner} defaultKind="Group" />,
  },
  {
    title: 'Organization',
    field: 'organization',
    render: r => (
      <EntityRefLink entityRef={r.organization} defaultKind="Group" />
    ),
  },
  {
    title: 'Steward',
    field: 'required',
    width: '18%',
    render: r =>
      r.required ? (
        <FindingsSeverity severity="error" />
      ) : (
        <Typography variant="body2" color="textSecondary">
          advised
        </Typography>
      ),
  },
];

/**
 * Datasets that name no steward, most sensitive first. For confidential and
 * restricted data (the upper half of the scale) a steward is required by the
 * stewardship rule; below, nobody is accountable for access either, so the
 * dashboard lists them too.
 */
export function GovernanceUnstewardedDatasets(props: {
  world: GovernanceWorld;
}) {
  const { world } = props;
  const rows: Row[] = world.datasets
    .filter(d => (d.spec.stewards ?? []).length === 0)
    .map(d => ({
      ref: world.refOf(d),
      tier: d.spec.sensitivity?.tier ?? 'unknown',
      rank: world.tierRank(d.spec.sensitivity?.tier ?? ''),
      owner: world.resolve(d, d.spec.owner, 'Group'),
      organization: world.organizationOf(d),
      required: isSensitiveTier(world, d.spec.sensitivity?.tier ?? ''),
    }))
    .sort((a, b) => b.rank - a.rank || a.ref.localeCompare(b.ref));
  const required = rows.filter(r => r.required).length;
  return (
    <DenseTable<Row>
      title={`Datasets without stewards (${rows.length})`}
      subtitle={
        required
          ? `${required} of them sensitive: the stewardship rule requires one`
          : undefined
      }
      pageSize={10}
      columns={columns}
      data={rows}
      empty="Every dataset names a steward."
    />
  );
}
