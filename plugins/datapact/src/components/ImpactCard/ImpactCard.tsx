import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { LineageNode } from '@datapact/backstage-plugin-common';
import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DatasetImpact, datapactApiRef, ImpactGrant } from '../../api';
import { refKey } from '../../lib/lineageGraph';
import { formatDateTime, relativeTime } from '../../lib/time';
import { nodeTitle, refName } from '../LineageGraph/LineageNodeShape';
import { TierChip } from '../TierChip';

const NO_ORGANIZATION = '';

/** What a change affects in one organization. */
export interface ImpactByOrganization {
  /** The organization's Group ref, or '' for datasets without one. */
  organization: string;
  datasets: LineageNode[];
  owners: string[];
  agreements: DatasetImpact['agreements'];
  grants: ImpactGrant[];
}

/**
 * Groups an impact summary by the organization of each affected dataset:
 * its datasets, their owners, the agreements that govern any of them and the
 * active grants on them. Organizations come alphabetically by name, datasets
 * by title.
 */
export function groupImpactByOrganization(
  impact: DatasetImpact,
): ImpactByOrganization[] {
  const groups = new Map<string, ImpactByOrganization>();
  const orgOf = new Map<string, string>();
  for (const dataset of impact.datasets) {
    const organization = dataset.organization ?? NO_ORGANIZATION;
    orgOf.set(refKey(dataset.ref), organization);
    if (!groups.has(organization)) {
      groups.set(organization, {
        organization,
        datasets: [],
        owners: [],
        agreements: [],
        grants: [],
      });
    }
    const group = groups.get(organization)!;
    group.datasets.push(dataset);
    if (dataset.owner && !group.owners.includes(dataset.owner)) {
      group.owners.push(dataset.owner);
    }
  }
  for (const agreement of impact.agreements) {
    const organizations = new Set(
      agreement.datasets
        .map(d => orgOf.get(refKey(d)))
        .filter((o): o is string => o !== undefined),
    );
    for (const organization of organizations) {
      groups.get(organization)!.agreements.push(agreement);
    }
  }
  for (const grant of impact.grants) {
    const organization = orgOf.get(refKey(grant.dataset));
    if (organization !== undefined) {
      groups.get(organization)!.grants.push(grant);
    }
  }
  const result = [...groups.values()];
  for (const group of result) {
    group.datasets.sort((a, b) => nodeTitle(a).localeCompare(nodeTitle(b)));
    group.owners.sort();
  }
  // By name, datasets without an organization last.
  const sortKey = (g: ImpactByOrganization) =>
    g.organization === NO_ORGANIZATION ? '\uffff' : refName(g.organization);
  return result.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

const useStyles = makeStyles(
  theme => ({
    organization: { marginTop: theme.spacing(2) },
    heading: {
      display: 'flex',
      alignItems: 'center',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
      marginBottom: theme.spacing(1),
    },
    people: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5, 2),
      margin: theme.spacing(1, 0),
    },
  }),
  { name: 'DatapactImpactCard' },
);

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

function Organization(props: { group: ImpactByOrganization }) {
  const { group } = props;
  const classes = useStyles();
  const titles = new Map(
    group.datasets.map(d => [refKey(d.ref), nodeTitle(d)]),
  );
  const name = group.organization ? (
    <EntityRefLink entityRef={group.organization} defaultKind="Group" />
  ) : (
    'No organization'
  );
  return (
    <section
      className={classes.organization}
      aria-label={`Affected in ${
        refName(group.organization) || 'no organization'
      }`}
      data-testid="impact-organization"
    >
      <div className={classes.heading}>
        <Typography variant="h6" component="h3">
          {name}
        </Typography>
        <Chip size="small" label={plural(group.datasets.length, 'dataset')} />
        {group.agreements.length > 0 && (
          <Chip
            size="small"
            label={plural(group.agreements.length, 'agreement')}
          />
        )}
        {group.grants.length > 0 && (
          <Chip
            size="small"
            color="secondary"
            label={plural(group.grants.length, 'active grant')}
          />
        )}
      </div>
      <Table size="small" aria-label="Affected datasets">
        <TableHead>
          <TableRow>
            <TableCell>Dataset</TableCell>
            <TableCell>Tier</TableCell>
            <TableCell>Licence</TableCell>
            <TableCell>Owner</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {group.datasets.map(d => (
            <TableRow key={d.ref}>
              <TableCell>
                {d.missing ? (
                  refName(d.ref)
                ) : (
                  <EntityRefLink entityRef={d.ref} defaultKind="Dataset">
                    {nodeTitle(d)}
                  </EntityRefLink>
                )}
              </TableCell>
              <TableCell>{d.tier ? <TierChip tier={d.tier} /> : '—'}</TableCell>
              <TableCell>{d.license ?? '—'}</TableCell>
              <TableCell>
                {d.owner ? (
                  <EntityRefLink entityRef={d.owner} defaultKind="Group" />
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className={classes.people}>
        <Typography variant="body2" component="span">
          <strong>Owners to tell:</strong>{' '}
          {group.owners.length === 0
            ? 'none declared'
            : group.owners.map((o, i) => (
                <Fragment key={o}>
                  {i > 0 && ', '}
                  <EntityRefLink entityRef={o} defaultKind="Group" />
                </Fragment>
              ))}
        </Typography>
      </div>
      {group.agreements.length > 0 && (
        <div className={classes.people}>
          <Typography variant="body2" component="span">
            <strong>Agreements involved:</strong>{' '}
            {group.agreements.map((a, i) => (
              <Fragment key={a.ref}>
                {i > 0 && '; '}
                <EntityRefLink entityRef={a.ref} defaultKind="Agreement">
                  {a.title ?? refName(a.ref)}
                </EntityRefLink>
                {` (${a.datasets
                  .map(d => titles.get(refKey(d)))
                  .filter(Boolean)
                  .join(', ')})`}
              </Fragment>
            ))}
          </Typography>
        </div>
      )}
      {group.grants.length > 0 && (
        <Table size="small" aria-label="Active grants on affected datasets">
          <TableHead>
            <TableRow>
              <TableCell>Active grant to</TableCell>
              <TableCell>On</TableCell>
              <TableCell>Expires</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {group.grants.map(g => (
              <TableRow key={g.id}>
                <TableCell>
                  <EntityRefLink entityRef={g.user} defaultKind="User" />
                </TableCell>
                <TableCell>
                  {titles.get(refKey(g.dataset)) ?? refName(g.dataset)}
                </TableCell>
                <TableCell>
                  {formatDateTime(g.expiresAt)} ({relativeTime(g.expiresAt)})
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** @public */
export interface ImpactCardProps {
  /** The dataset a change to which is assessed. */
  entityRef: string;
}

/**
 * What a change to a dataset affects, from `GET /impact`: every dataset
 * downstream, grouped by organization, with their owners, the agreements
 * involved and the active grants on them. So an owner knows whom to tell
 * before changing or withdrawing it.
 * @public
 */
export function ImpactCard(props: ImpactCardProps) {
  const { entityRef } = props;
  const api = useApi(datapactApiRef);
  const { value, loading, error } = useAsync(
    () => api.getImpact(entityRef),
    [api, entityRef],
  );
  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    body = <Progress />;
  } else {
    const groups = groupImpactByOrganization(value);
    const own = value.agreements.filter(a =>
      a.datasets.every(d => refKey(d) === refKey(value.root)),
    );
    body = (
      <>
        <Typography variant="body1" data-testid="impact-summary">
          {value.datasets.length === 0
            ? 'Nothing is derived from this dataset: no downstream dataset depends on it.'
            : `Changing or withdrawing this dataset affects ${plural(
                value.datasets.length,
                'dataset',
              )} downstream in ${plural(
                value.organizations.length,
                'organization',
              )}, owned by ${plural(
                value.owners.length,
                'owner',
              )}, under ${plural(
                value.agreements.length,
                'agreement',
              )}, with ${plural(value.grants.length, 'active grant')}.`}
        </Typography>
        {value.truncated && (
          <Box mt={1}>
            <Alert severity="warning">
              More lies downstream than the server walks in one request
              (datapact.lineage.maxDepth and maxLimit): the lists below are
              incomplete.
            </Alert>
          </Box>
        )}
        {own.length > 0 && (
          <Box mt={1}>
            <Typography variant="body2">
              <strong>Agreements it is shared under:</strong>{' '}
              {own.map((a, i) => (
                <Fragment key={a.ref}>
                  {i > 0 && '; '}
                  <EntityRefLink entityRef={a.ref} defaultKind="Agreement">
                    {a.title ?? refName(a.ref)}
                  </EntityRefLink>
                </Fragment>
              ))}
            </Typography>
          </Box>
        )}
        {groups.map((group, i) => (
          <Fragment key={group.organization || 'none'}>
            {i > 0 && <Divider />}
            <Organization group={group} />
          </Fragment>
        ))}
      </>
    );
  }
  return (
    <InfoCard
      title="Impact of a change"
      subheader="Who to tell before changing or withdrawing this dataset"
    >
      {body}
    </InfoCard>
  );
}

/**
 * {@link ImpactCard} for the Dataset of the entity page.
 * @public
 */
export function EntityDatasetImpactCard() {
  const { entity } = useEntity();
  return <ImpactCard entityRef={stringifyEntityRef(entity)} />;
}
