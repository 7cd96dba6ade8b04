import { DenseTable } from '../DenseTable';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ReportedFinding } from '@datapact/backstage-plugin-common';
import { ReactNode } from 'react';
import {
  NO_ORGANIZATION,
  ruleOrder,
  ruleTitle,
  ruleWhy,
  sortFindings,
} from '../../lib/findings';
import { FindingsMessage } from '../FindingsMessage';
import { FindingsSeverity } from '../FindingsSeverity';

/** The list's filters; an absent one lets every finding through. */
export interface FindingsFilters {
  rule?: string;
  severity?: string;
  organization?: string;
}

const columns: TableColumn<ReportedFinding>[] = [
  {
    title: 'Severity',
    field: 'severity',
    width: '8%',
    render: f => <FindingsSeverity severity={f.severity} />,
  },
  {
    title: 'Rule',
    field: 'rule',
    width: '14%',
    render: f => (
      <Tooltip title={ruleWhy(f.rule) ?? f.rule}>
        <span>{ruleTitle(f.rule)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'About',
    width: '18%',
    render: f => (
      <EntityRefLink entityRef={f.entities[0]} defaultKind="Dataset" />
    ),
  },
  {
    title: 'Finding',
    render: f => (
      <>
        <FindingsMessage message={f.message} />
        {f.entities.length > 1 && (
          <Typography variant="body2" component="div" color="textSecondary">
            Involved:{' '}
            <EntityRefLinks
              entityRefs={f.entities.slice(1)}
              defaultKind="Dataset"
            />
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Organization',
    width: '14%',
    render: f =>
      f.organization ? (
        <EntityRefLink entityRef={f.organization} defaultKind="Group" />
      ) : (
        '—'
      ),
  },
];

function FilterSelect(props: {
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value?: string) => void;
}) {
  const { label, value, options, onChange } = props;
  return (
    <TextField
      select
      id={`findings-filter-${label.toLowerCase()}`}
      label={label}
      value={value ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 200 }}
    >
      <option value="">all</option>
      {options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** Whether a finding passes the filters. */
export function matchesFindingsFilters(
  finding: ReportedFinding,
  filters: FindingsFilters,
): boolean {
  return (
    (!filters.rule || finding.rule === filters.rule) &&
    (!filters.severity || finding.severity === filters.severity) &&
    (!filters.organization ||
      (finding.organization ?? NO_ORGANIZATION) === filters.organization)
  );
}

/**
 * Every finding, errors first, with filters by rule, severity and
 * organization. The filters are controlled, so a page can keep them in its
 * URL.
 */
export function FindingsTable(props: {
  findings: ReportedFinding[];
  filters: FindingsFilters;
  onFiltersChange: (filters: FindingsFilters) => void;
  /** An organization's name for the organization filter. */
  organizationName?: (ref: string) => string;
  emptyContent?: ReactNode;
}) {
  const { findings, filters, onFiltersChange } = props;
  const name = props.organizationName ?? ((ref: string) => ref);
  const organizations = [
    ...new Set([
      ...findings.map(f => f.organization ?? NO_ORGANIZATION),
      ...(filters.organization ? [filters.organization] : []),
    ]),
  ].sort((a, b) => name(a).localeCompare(name(b)));
  const shown = sortFindings(
    findings.filter(f => matchesFindingsFilters(f, filters)),
  );
  const set = (key: keyof FindingsFilters) => (value?: string) =>
    onFiltersChange({ ...filters, [key]: value });
  const title =
    shown.length === findings.length
      ? `All findings (${findings.length})`
      : `Findings (${shown.length} of ${findings.length})`;
  return (
    <>
      <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
        <FilterSelect
          label="Rule"
          value={filters.rule}
          onChange={set('rule')}
          options={ruleOrder([
            ...findings.map(f => f.rule),
            ...(filters.rule ? [filters.rule] : []),
          ]).map(r => ({ value: r, label: ruleTitle(r) }))}
        />
        <FilterSelect
          label="Severity"
          value={filters.severity}
          onChange={set('severity')}
          options={[
            { value: 'error', label: 'error' },
            { value: 'warning', label: 'warning' },
          ]}
        />
        <FilterSelect
          label="Organization"
          value={filters.organization}
          onChange={set('organization')}
          options={organizations.map(o => ({
            value: o,
            label: o === NO_ORGANIZATION ? 'no organization' : name(o),
          }))}
        />
      </Box>
      <DenseTable<ReportedFinding>
        title={title}
        columns={columns}
        data={shown}
        empty={
          findings.length === 0
            ? props.emptyContent ?? 'No findings.'
            : 'No finding matches these filters.'
        }
      />
    </>
  );
}
