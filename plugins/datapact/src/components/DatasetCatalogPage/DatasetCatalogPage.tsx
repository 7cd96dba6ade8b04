import {
  CatalogExportSettings,
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { EntityListPagination } from '@backstage/plugin-catalog-react';
import { ReactNode, useMemo } from 'react';
import { createDatapactCatalogColumns } from '../../catalog/columns';
import { useSensitivityTiers } from '../../hooks/useSensitivityTiers';

/**
 * The catalog's own index page with Dataset columns (tier, licence, owner,
 * stewards) when Datasets are listed; every other kind keeps the catalog's
 * columns. Header, Create button, export button and support button stay the
 * catalog page's; the filters are the page's, Datapact's tier and licence
 * pickers among them.
 */
export function DatasetCatalogPage(props: {
  filters: ReactNode;
  pagination?: EntityListPagination;
  exportSettings?: CatalogExportSettings;
}) {
  const tiers = useSensitivityTiers();
  const columns = useMemo(() => createDatapactCatalogColumns(tiers), [tiers]);
  return (
    <CatalogIndexPage
      columns={columns}
      filters={props.filters}
      pagination={props.pagination}
      exportSettings={props.exportSettings}
    />
  );
}
