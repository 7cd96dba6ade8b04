import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** One row: a rule or an organization with its findings per severity. */
export interface GovernanceCountsRow {
  id: string;
  /** What the row is, as shown (a name, or a link to the entity). */
  label: ReactNode;
  /** A short explanation under the label. */
  description?: string;
  error: number;
  warning: number;
}

type Row = GovernanceCountsRow & { total: number };

/**
 * Counts of findings per rule or per organization, errors and warnings
 * apart; choosing a row's "show in list" filters the list of findings to it.
 */
export function GovernanceCountsTable(props: {
  title: string;
  /** The heading of the first column: what a row is. */
  rowTitle: string;
  rows: GovernanceCountsRow[];
  onSelect?: (id: string) => void;
  emptyText: string;
}) {
  const { title, rowTitle, rows, onSelect, emptyText } = props;
  const columns: TableColumn<Row>[] = [
    {
      title: rowTitle,
      field: 'id',
      render: row => (
        <>
          {row.label}
          {row.description && (
            <Typography variant="caption" display="block" color="textSecondary">
              {row.description}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Errors', field: 'error', type: 'numeric', width: '12%' },
    { title: 'Warnings', field: 'warning', type: 'numeric', width: '12%' },
    {
      title: '',
      field: 'total',
      width: '12%',
      sorting: false,
      cellStyle: { whiteSpace: 'nowrap' },
      render: row =>
        onSelect && (
          <Link
            component="button"
            variant="body2"
            onClick={() => onSelect(row.id)}
            aria-label={`Show the findings of ${row.id}`}
          >
            show in list
          </Link>
        ),
    },
  ];
  return (
    <Table<Row>
      title={title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={rows.map(r => ({ ...r, total: r.error + r.warning }))}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">{emptyText}</Typography>
        </Box>
      }
    />
  );
}
