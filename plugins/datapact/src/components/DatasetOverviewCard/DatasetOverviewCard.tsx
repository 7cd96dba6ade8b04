import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  AgreementEntityV1alpha1,
  DatasetEntityV1alpha1,
  GovernanceWorld,
  isAgreementEntity,
  isDatasetEntity,
  RELATION_GOVERNED_BY,
  resolveRef,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { durationWords, today } from '../../lib/time';
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

/** The refs of the agreements that govern a dataset, whichever side declares it. */
function agreementRefsOf(dataset: DatasetEntityV1alpha1): string[] {
  const namespace = dataset.metadata.namespace ?? 'default';
  const refs = new Set<string>(
    getEntityRelations(dataset, RELATION_GOVERNED_BY).map(r =>
      stringifyEntityRef(r),
    ),
  );
  for (const a of dataset.spec.agreements ?? []) {
    refs.add(stringifyEntityRef(resolveRef(a, 'Agreement', namespace)));
  }
  return [...refs];
}

/**
 * The agreements that govern the dataset, read from the catalog, with their
 * status as of today. Which of them covers a given requester is the
 * server's answer (the Access card), not this list's.
 */
function Agreements(props: { dataset: DatasetEntityV1alpha1 }) {
  const catalogApi = useApi(catalogApiRef);
  const refs = agreementRefsOf(props.dataset);
  const { value, loading, error } = useAsync(async () => {
    if (!refs.length) return [];
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: refs });
    return items.filter((e): e is AgreementEntityV1alpha1 =>
      Boolean(e && isAgreementEntity(e)),
    );
  }, [catalogApi, refs.join(',')]);
  if (loading) return <Progress />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!value?.length) {
    return <Typography variant="body2">none</Typography>;
  }
  const world = new GovernanceWorld(value, { today: today() });
  return (
    <>
      {value.map(agreement => (
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

/** The dataset's organization, as the server's lineage index knows it. */
function Organization(props: { dataset: DatasetEntityV1alpha1 }) {
  const api = useApi(datapactApiRef);
  const ref = stringifyEntityRef(props.dataset);
  const { value, loading } = useAsync(
    () => api.getLineage({ entity: ref, direction: 'upstream', depth: 0 }),
    [api, ref],
  );
  if (loading) return <Progress />;
  const organization = value?.nodes.find(
    n => n.ref.toLocaleLowerCase('en-US') === ref.toLocaleLowerCase('en-US'),
  )?.organization;
  if (!organization) {
    return <Typography variant="body2">unknown</Typography>;
  }
  return <EntityRefLink entityRef={organization} defaultKind="Group" />;
}

/**
 * What a dataset is, at a glance: sensitivity, licence, who answers for it,
 * the agreements it is shared under, retention and provenance; a community's
 * rights first of all.
 */
export function DatasetOverviewCard(props: { dataset: DatasetEntityV1alpha1 }) {
  const { dataset } = props;
  const { spec } = dataset;
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
          <Organization dataset={dataset} />
        </Field>
        <Field label="Agreements" md={12}>
          <Agreements dataset={dataset} />
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
