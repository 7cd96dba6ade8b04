import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  isStewardEntity,
  RELATION_STEWARD_OF,
  resolveRef,
  StewardEntityV1alpha1,
} from '@datapact/backstage-plugin-common';
import { mailtoUrl } from '../../lib/safeUrl';
import { words } from '../../lib/words';
import { Field } from '../Field';
import { SafeLink } from '../SafeLink';

/**
 * A steward: who holds the role, for which organization and domains, who
 * may decide in their absence, and what they steward.
 */
export function StewardOverviewCard(props: { steward: StewardEntityV1alpha1 }) {
  const { steward } = props;
  const { spec } = steward;
  const namespace = steward.metadata.namespace ?? 'default';
  const ref = (r: string, kind: string) =>
    stringifyEntityRef(resolveRef(r, kind, namespace));
  const stewarded = getEntityRelations(steward, RELATION_STEWARD_OF);
  const datasets = stewarded.filter(r => r.kind.toLowerCase() === 'dataset');
  const agreements = stewarded.filter(
    r => r.kind.toLowerCase() === 'agreement',
  );
  return (
    <InfoCard title="Steward">
      <Grid container spacing={2}>
        <Field label="Held by">
          <EntityRefLink entityRef={ref(spec.holder, 'User')} />
          {resolveRef(spec.holder, 'User', namespace).kind === 'group' && (
            <Typography variant="caption" display="block">
              Every member of this group acts as the steward.
            </Typography>
          )}
        </Field>
        <Field label="Organization">
          {spec.organization ? (
            <EntityRefLink entityRef={ref(spec.organization, 'Group')} />
          ) : (
            <Typography variant="body2">not declared</Typography>
          )}
        </Field>
        <Field label="Delegates">
          {(spec.delegates ?? []).length ? (
            <>
              <EntityRefLinks
                entityRefs={spec.delegates!.map(d => ref(d, 'Steward'))}
              />
              <Typography variant="caption" display="block">
                may decide while the holder is away
              </Typography>
            </>
          ) : (
            <Typography variant="body2">none</Typography>
          )}
        </Field>
        <Field label="Domains">
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {(spec.domains ?? []).map(d => (
              <Chip key={d} size="small" label={words(d)} />
            ))}
            {!(spec.domains ?? []).length && (
              <Typography variant="body2">none</Typography>
            )}
          </Box>
        </Field>
        <Field label="Datasets stewarded" md={12}>
          {datasets.length ? (
            <EntityRefLinks entityRefs={datasets} />
          ) : (
            <Typography variant="body2">none</Typography>
          )}
        </Field>
        {agreements.length > 0 && (
          <Field label="Agreements stewarded" md={12}>
            <EntityRefLinks entityRefs={agreements} />
          </Field>
        )}
        {spec.contact?.email && (
          <Field label="Contact">
            <SafeLink url={spec.contact.email} toHref={mailtoUrl} />
          </Field>
        )}
      </Grid>
    </InfoCard>
  );
}

/** {@link StewardOverviewCard} for the Steward of the entity page. */
export function EntityStewardOverviewCard() {
  const { entity } = useEntity();
  return isStewardEntity(entity) ? (
    <StewardOverviewCard steward={entity} />
  ) : null;
}
