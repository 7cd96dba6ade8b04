import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  FindingsSummary,
  GovernanceWorld,
} from '@datapact/backstage-plugin-common';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { datapactApiRef } from '../../api';
import { useGovernanceWorld } from '../../hooks/useGovernanceWorld';
import { NO_ORGANIZATION, ruleOrder, ruleTitle } from '../../lib/findings';
import { relativeTime } from '../../lib/time';
import { plural } from '../../lib/words';
import { FindingsFilters, FindingsTable } from '../FindingsTable';
import {
  GovernanceCountsRow,
  GovernanceCountsTable,
} from '../GovernanceCountsTable';
import { GovernanceExpiringAgreements } from '../GovernanceExpiringAgreements';
import { GovernanceSensitiveGrants } from '../GovernanceSensitiveGrants';
import { GovernanceSweptGrants } from '../GovernanceSweptGrants';
import { GovernanceUnstewardedDatasets } from '../GovernanceUnstewardedDatasets';

const FILTER_KEYS: Array<keyof FindingsFilters> = [
  'rule',
  'severity',
  'organization',
];

/** The list's filters, kept in the URL so that a filtered view can be shared. */
function useFindingsFilters(): [
  FindingsFilters,
  (filters: FindingsFilters) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters: FindingsFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const setFilters = (next: FindingsFilters) => {
    const updated = new URLSearchParams(params);
    for (const key of FILTER_KEYS) {
      if (next[key]) updated.set(key, next[key]!);
      else updated.delete(key);
    }
    setParams(updated, { replace: true });
  };
  return [filters, setFilters];
}

function countsRows(
  table: FindingsSummary['byRule'],
  label: (id: string) => Pick<GovernanceCountsRow, 'label' | 'description'>,
  order: string[],
): GovernanceCountsRow[] {
  return order.map(id => ({
    id,
    ...label(id),
    error: table[id]?.error ?? 0,
    warning: table[id]?.warning ?? 0,
  }));
}

/** An organization's name: its title in the catalog, else its name. */
function organizationName(world: GovernanceWorld | undefined, ref: string) {
  if (ref === NO_ORGANIZATION) return 'no organization';
  const entity = world?.entity(ref);
  return entity?.metadata.title ?? parseEntityRef(ref).name;
}

/** A section that waits for the catalog, or says why it cannot be shown. */
function WithWorld(props: {
  world: ReturnType<typeof useGovernanceWorld>;
  children: (world: GovernanceWorld) => JSX.Element;
}) {
  const { world, children } = props;
  if (world.error) {
    return <Alert severity="error">Catalog: {world.error.message}</Alert>;
  }
  return world.value ? children(world.value) : <Progress />;
}

/**
 * The governance dashboard: the latest findings of the rules over the whole
 * catalog by rule and by organization, agreements about to end, datasets
 * without stewards, sensitive datasets with open grants, access the
 * lifecycle sweep ended and why, and every finding with filters.
 */
export function GovernanceContent() {
  const api = useApi(datapactApiRef);
  const [filters, setFilters] = useFindingsFilters();
  const findings = useAsync(
    () => Promise.all([api.getFindingsSummary(), api.getFindings()]),
    [api],
  );
  const world = useGovernanceWorld();

  const show = (next: FindingsFilters) => {
    setFilters(next);
    document.getElementById('findings')?.scrollIntoView?.({
      behavior: 'smooth',
    });
  };
  const nameOf = (ref: string) => organizationName(world.value, ref);

  let findingsSections: JSX.Element;
  let findingsList: JSX.Element | null = null;
  if (findings.error) {
    findingsSections = (
      <Grid item xs={12}>
        <Alert severity="error">Findings: {findings.error.message}</Alert>
      </Grid>
    );
  } else if (!findings.value) {
    findingsSections = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else {
    const [summary, report] = findings.value;
    findingsSections = (
      <>
        <Grid item xs={12}>
          <Typography variant="body1" data-testid="findings-summary">
            <strong>{plural(summary.total, 'finding')}</strong>
            {summary.total > 0 &&
              ` (${plural(summary.bySeverity.error ?? 0, 'error')}, ${plural(
                summary.bySeverity.warning ?? 0,
                'warning',
              )})`}{' '}
            over {summary.entities} catalog entities, judged on {summary.today};
            rules last checked {relativeTime(summary.computedAt)}.
          </Typography>
        </Grid>
        <Grid item xs={12} md={6}>
          <GovernanceCountsTable
            title="Findings by rule"
            rowTitle="Rule"
            rows={countsRows(
              summary.byRule,
              id => ({ label: ruleTitle(id), description: id }),
              ruleOrder(Object.keys(summary.byRule)),
            )}
            onSelect={rule => show({ rule })}
            emptyText="No rule finds anything."
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <GovernanceCountsTable
            title="Findings by organization"
            rowTitle="Organization"
            rows={countsRows(
              summary.byOrganization,
              id => ({
                label:
                  id === NO_ORGANIZATION ? (
                    'no organization'
                  ) : (
                    <EntityRefLink entityRef={id} defaultKind="Group" />
                  ),
              }),
              Object.keys(summary.byOrganization).sort((a, b) =>
                nameOf(a).localeCompare(nameOf(b)),
              ),
            )}
            onSelect={organization => show({ organization })}
            emptyText="No organization has findings."
          />
        </Grid>
      </>
    );
    findingsList = (
      <Grid item xs={12} id="findings">
        <FindingsTable
          findings={report.problems}
          filters={filters}
          onFiltersChange={setFilters}
          organizationName={nameOf}
          emptyContent="No findings: the catalog follows every rule."
        />
      </Grid>
    );
  }

  return (
    <Grid container spacing={3}>
      {findingsSections}
      <Grid item xs={12}>
        <WithWorld world={world}>
          {w => <GovernanceExpiringAgreements world={w} />}
        </WithWorld>
      </Grid>
      <Grid item xs={12}>
        <WithWorld world={world}>
          {w => <GovernanceUnstewardedDatasets world={w} />}
        </WithWorld>
      </Grid>
      <Grid item xs={12}>
        <WithWorld world={world}>
          {w => <GovernanceSensitiveGrants world={w} />}
        </WithWorld>
      </Grid>
      <Grid item xs={12}>
        <GovernanceSweptGrants />
      </Grid>
      {findingsList}
    </Grid>
  );
}

/**
 * {@link GovernanceContent} as a page of its own, with a header unless the
 * app draws one (the new frontend system does).
 */
export function GovernancePage(props: { header?: boolean }) {
  const { header = true } = props;
  const content = (
    <Content>
      <Box>
        <GovernanceContent />
      </Box>
    </Content>
  );
  if (!header) return content;
  return (
    <Page themeId="tool">
      <Header
        title="Governance"
        subtitle="What the governance rules find in the catalog, and what needs attention soon"
      />
      {content}
    </Page>
  );
}
