import { DenseTable } from '../DenseTable';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  AgreementEntityV1alpha1,
  GovernanceWorld,
} from '@datapact/backstage-plugin-common';
import { useState } from 'react';
import { plural } from '../../lib/words';
import { AgreementStatusChip } from '../AgreementStatusChip';

/** The horizons the dashboard offers, in days. */
export const EXPIRY_HORIZONS = [30, 60, 90] as const;

interface Row {
  ref: string;
  parties: string[];
  until: string;
  from: string;
  daysLeft: number;
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Agreement',
    field: 'ref',
    render: r => <EntityRefLink entityRef={r.ref} defaultKind="Agreement" />,
  },
  {
    title: 'Parties',
    render: r => <EntityRefLinks entityRefs={r.parties} defaultKind="Group" />,
  },
  {
    title: 'Last day',
    field: 'until',
    width: '12%',
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Status',
    field: 'daysLeft',
    width: '20%',
    cellStyle: { whiteSpace: 'nowrap' },
    render: r => (
      <AgreementStatusChip
        status="active"
        daysLeft={r.daysLeft}
        from={r.from}
      />
    ),
  },
];

/**
 * The agreements in force that end within 30, 60 or 90 days, soonest first,
 * by the common package's definition of agreement status (judged today).
 */
export function GovernanceExpiringAgreements(props: {
  world: GovernanceWorld;
}) {
  const { world } = props;
  const [horizon, setHorizon] = useState<number>(EXPIRY_HORIZONS[0]);
  const ending = world.agreements
    .filter(a => world.agreementStatus(a) === 'active')
    .map(a => ({ agreement: a, daysLeft: world.daysLeft(a) }))
    .filter(
      (x): x is { agreement: AgreementEntityV1alpha1; daysLeft: number } =>
        x.daysLeft !== undefined,
    )
    .sort((a, b) => a.daysLeft - b.daysLeft);
  const within = (days: number) => ending.filter(x => x.daysLeft <= days);
  const expired = world.agreements.filter(
    a => world.agreementStatus(a) === 'expired',
  ).length;
  const rows: Row[] = within(horizon).map(({ agreement, daysLeft }) => ({
    ref: world.refOf(agreement),
    parties: world.partiesOf(agreement),
    until: agreement.spec.effective.until!,
    from: agreement.spec.effective.from,
    daysLeft,
  }));
  return (
    <>
      <Box mb={2} display="flex" alignItems="center" style={{ gap: 12 }}>
        <Typography variant="body2" id="expiry-horizon">
          Ending within
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={horizon}
          onChange={(_, value) => value && setHorizon(value)}
          aria-labelledby="expiry-horizon"
        >
          {EXPIRY_HORIZONS.map(days => (
            <ToggleButton key={days} value={days}>
              {days} days ({within(days).length})
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      <DenseTable<Row>
        title={`Agreements ending within ${horizon} days`}
        pageSize={10}
        columns={columns}
        data={rows}
        empty={`No agreement in force ends within ${horizon} days.`}
      />
      {expired > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          {plural(expired, 'agreement')} in the catalog{' '}
          {expired === 1 ? 'has' : 'have'} already expired; data derived under
          one appears under agreement coverage.
        </Typography>
      )}
    </>
  );
}
