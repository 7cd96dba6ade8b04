import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  AgreementEntityV1alpha1,
  GovernanceWorld,
  isAgreementEntity,
  resolveRef,
} from '@datapact/backstage-plugin-common';
import { useSensitivityTiers } from '../../hooks/useSensitivityTiers';
import { durationWords, today } from '../../lib/time';
import { onwardTransferWords, words } from '../../lib/words';
import { AgreementStatusChip } from '../AgreementStatusChip';
import { Field } from '../Field';
import { SafeLink } from '../SafeLink';

function Line(props: { label: string; value?: string | number | boolean }) {
  if (props.value === undefined) return null;
  const yesNo = props.value ? 'yes' : 'no';
  const value = typeof props.value === 'boolean' ? yesNo : String(props.value);
  return (
    <Typography variant="body2">
      <strong>{props.label}:</strong> {value}
    </Typography>
  );
}

/**
 * An agreement's terms: who the parties are and in which role, which
 * datasets it covers and for what, when it is in force (with its status and
 * countdown), what it says about retention, onward transfer and the
 * intellectual property of derived works, and the signed document.
 */
export function AgreementOverviewCard(props: {
  agreement: AgreementEntityV1alpha1;
}) {
  const { agreement } = props;
  const { spec } = agreement;
  const tiers = useSensitivityTiers();
  const world = new GovernanceWorld([agreement], {
    today: today(),
    sensitivityTiers: tiers,
  });
  const namespace = agreement.metadata.namespace ?? 'default';
  const ref = (r: string, kind: string) =>
    stringifyEntityRef(resolveRef(r, kind, namespace));
  const terms = spec.terms ?? {};
  return (
    <InfoCard title="Agreement">
      <Grid container spacing={2}>
        <Field label="In force">
          <Typography variant="body2" gutterBottom>
            {spec.effective.from} → {spec.effective.until ?? 'no end date'}
          </Typography>
          <AgreementStatusChip
            status={world.agreementStatus(agreement)}
            daysLeft={world.daysLeft(agreement)}
            from={spec.effective.from}
          />
        </Field>
        <Field label="Type">
          <Typography variant="body2">{words(spec.type)}</Typography>
          {spec.document && (
            <Typography variant="body2">
              <SafeLink url={spec.document}>Signed document</SafeLink>
            </Typography>
          )}
        </Field>
        <Field label="Parties" md={12}>
          {spec.parties.map(p => (
            <Box
              key={`${p.party}-${p.role}`}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
            >
              <EntityRefLink entityRef={ref(p.party, 'Group')} />
              <Chip size="small" variant="outlined" label={words(p.role)} />
            </Box>
          ))}
        </Field>
        <Field label="Datasets covered">
          {(spec.datasets ?? []).length ? (
            <EntityRefLinks
              entityRefs={spec.datasets!.map(d => ref(d, 'Dataset'))}
            />
          ) : (
            <Typography variant="body2">none listed</Typography>
          )}
        </Field>
        <Field label="Purposes">
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {(spec.purposes ?? []).length ? (
              spec.purposes!.map(p => (
                <Chip key={p} size="small" label={words(p)} />
              ))
            ) : (
              <Typography variant="body2">any purpose</Typography>
            )}
          </Box>
        </Field>
        <Field label="Data terms">
          <Line
            label="Retention"
            value={terms.retention && durationWords(terms.retention)}
          />
          <Line
            label="Onward transfer"
            value={
              terms.onwardTransfer && onwardTransferWords(terms.onwardTransfer)
            }
          />
          <Line
            label="De-identification required"
            value={terms.deidentificationRequired}
          />
          <Line
            label="Breach notification"
            value={
              terms.breachNotificationHours !== undefined
                ? `within ${terms.breachNotificationHours} hours`
                : undefined
            }
          />
          <Line label="Jurisdictions" value={terms.jurisdictions?.join(', ')} />
        </Field>
        <Field label="Derived works (IP)">
          <Line
            label="Owned by"
            value={terms.derivedWorks?.owner && words(terms.derivedWorks.owner)}
          />
          <Line
            label="Commercialization"
            value={
              terms.derivedWorks?.commercialization &&
              words(terms.derivedWorks.commercialization)
            }
          />
          {!terms.derivedWorks && (
            <Typography variant="body2">not addressed</Typography>
          )}
        </Field>
        <Field label="Owner">
          <EntityRefLink entityRef={ref(spec.owner, 'Group')} />
        </Field>
        <Field label="Stewards">
          {(spec.stewards ?? []).length ? (
            <EntityRefLinks
              entityRefs={spec.stewards!.map(s => ref(s, 'Steward'))}
            />
          ) : (
            <Typography variant="body2">none</Typography>
          )}
        </Field>
      </Grid>
    </InfoCard>
  );
}

/** {@link AgreementOverviewCard} for the Agreement of the entity page. */
export function EntityAgreementOverviewCard() {
  const { entity } = useEntity();
  return isAgreementEntity(entity) ? (
    <AgreementOverviewCard agreement={entity} />
  ) : null;
}
