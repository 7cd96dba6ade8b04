import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement, ReactNode } from 'react';

/**
 * The plugin's tables: Backstage's Table, dense, paged only when there is
 * more than a page, with a sentence when there is nothing to show. Rows are
 * copied, because the underlying table writes into the objects it is given.
 */
export function DenseTable<T extends object>(props: {
  title: string | ReactElement;
  subtitle?: string;
  columns: TableColumn<T>[];
  data: T[];
  /** What the table says when `data` is empty. */
  empty: ReactNode;
  isLoading?: boolean;
  /** Rows per page (default 20). */
  pageSize?: number;
  /** Whether to offer the table's search box (default off). */
  search?: boolean;
}) {
  const { data, pageSize = 20 } = props;
  return (
    <Table<T>
      title={props.title}
      subtitle={props.subtitle}
      isLoading={props.isLoading}
      options={{
        paging: data.length > pageSize,
        pageSize,
        search: props.search ?? false,
        padding: 'dense',
      }}
      columns={props.columns}
      data={data.map(row => ({ ...row }))}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">{props.empty}</Typography>
        </Box>
      }
    />
  );
}
