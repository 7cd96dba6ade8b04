import { InfoCard, Progress } from '@backstage/core-components';
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
import Alert from '@material-ui/lab/Alert';
import {
  DatasetEntityV1alpha1,
  isDatasetEntity,
  resolveRef,
} from '@datapact/backstage-plugin-common';
import { useDatasetWorld } from '../../hooks/useDatasetWorld';
import { durationWords } from '../../lib/time';
import { legalBasisWords, personalDataWords, words } from '../../lib/words';
import { AgreementStatusChip } from '../AgreementStatusChip';
import { CommunityNotice } from '../CommunityNotice';
import { Field } from '../Field';
import { LicenseTerms } from '../LicenseTerms';
import { TierChip } from '../TierChip';

function Sensitivity(props: { dataset: DatasetEntityV1alpha1 }) {
  const { sensitivity } = props.dataset.spec;
  const deid = sensitivity.deidentification;
  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <TierChip tier={sensitivity.tier} size="medium" />
        {sensitivity.personalData && (
          <Typography variant="body2">
            {personalDataWords(sensitivity.personalData)}
          </Typography>
        )}
      </Box>
      {(sensitivity.specialCategories ?? []).length > 0 && (
        <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          <Typography variant="body2">Special categories:</Typography>
          {sensitivity.specialCategories!.map(c => (
            <Chip key={c} size="small" color="secondary" label={words(c)} />
          ))}
        </Box>
      )}
      {deid && (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          De-identified by {deid.method}
          {deid.parameters &&
            ` (${Object.entries(deid.parameters)
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(', ')})`}
        </Typography>
      )}
    </>
  );
}

type WorldState = ReturnType<typeof useDatasetWorld>;

function Agreements(props: { state: WorldState }) {
  const { value, loading, error } = props.state;
  if (loading) return <Progress />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const { world, agreements } = value!;
  if (!agreements.length) {
    return <Typography variant="body2">none</Typography>;
  }
  return (
    <>
      {agreements.map(agreement => (
        <Box
          key={stringifyEntityRef(agreement)}
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <EntityRefLink entityRef={agreement} />
          <AgreementStatusChip
            status={world.agreementStatus(agreement)}
            daysLeft={world.daysLeft(agreement)}
            from={agreement.spec.effective.from}
          />
        </Box>
      ))}
    </>
  );
}

function Organization(props: {
  dataset: DatasetEntityV1alpha1;
  state: WorldState;
}) {
  const { value, loading } = props.state;
  if (loading) return <Progress />;
  if (!value) return null;
  return (
    <EntityRefLink
      entityRef={value.world.organizationOf(props.dataset)}
      defaultKind="Group"
    />
  );
}

/**
 * What a dataset is, at a glance: sensitivity, licence, who answers for it,
 * the agreements it is shared under, retention and provenance; a community's
 * rights first of all.
 */
export function DatasetOverviewCard(props: { dataset: DatasetEntityV1alpha1 }) {
  const { dataset } = props;
  const { spec } = dataset;
  const state = useDatasetWorld(dataset);
  const namespace = dataset.metadata.namespace ?? 'default';
  const ref = (r: string, kind: string) =>
    stringifyEntityRef(resolveRef(r, kind, namespace));
  return (
    <InfoCard title="Data governance">
      {spec.community && (
        <Box mb={2}>
          <CommunityNotice community={spec.community} />
        </Box>
      )}
      <Grid container spacing={2}>
        <Field label="Sensitivity">
          <Sensitivity dataset={dataset} />
        </Field>
        <Field label="Licence">
          {spec.license ? (
            <LicenseTerms
              license={spec.license}
              vetoed={spec.community?.vetoOn}
            />
          ) : (
            <Typography variant="body2">
              No licence declared: nothing is granted beyond what an agreement
              says.
            </Typography>
          )}
        </Field>
        <Field label="Owner" md={4}>
          <EntityRefLink entityRef={ref(spec.owner, 'Group')} />
        </Field>
        <Field label="Stewards" md={4}>
          {(spec.stewards ?? []).length ? (
            <EntityRefLinks
              entityRefs={spec.stewards!.map(s => ref(s, 'Steward'))}
            />
          ) : (
            <Typography variant="body2">none</Typography>
          )}
        </Field>
        <Field label="Organization" md={4}>
          <Organization dataset={dataset} state={state} />
        </Field>
        <Field label="Agreements" md={12}>
          <Agreements state={state} />
        </Field>
        <Field label="Retention">
          <Typography variant="body2">
            {spec.retention
              ? `${durationWords(spec.retention.period)}${
                  spec.retention.disposal
                    ? `, then ${words(spec.retention.disposal)}`
                    : ''
                }`
              : 'not declared'}
          </Typography>
        </Field>
        <Field label="Provenance">
          {spec.provenance?.legalBasis && (
            <Typography variant="body2">
              Legal basis: {legalBasisWords(spec.provenance.legalBasis)}
            </Typography>
          )}
          {spec.provenance?.collectedFrom && (
            <Typography variant="body2">
              Collected from: {spec.provenance.collectedFrom}
            </Typography>
          )}
          {!spec.provenance?.legalBasis && !spec.provenance?.collectedFrom && (
            <Typography variant="body2">not declared</Typography>
          )}
        </Field>
      </Grid>
    </InfoCard>
  );
}

/** {@link DatasetOverviewCard} for the Dataset of the entity page. */
export function EntityDatasetOverviewCard() {
  const { entity } = useEntity();
  return isDatasetEntity(entity) ? (
    <DatasetOverviewCard dataset={entity} />
  ) : null;
}
