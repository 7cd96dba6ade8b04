import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import {
  CatalogFilterLayout,
  EntityListPagination,
  EntityListProvider,
} from '@backstage/plugin-catalog-react';
import { Container, Header } from '@backstage/ui';
import { ReactNode, useMemo } from 'react';
import { createDatapactCatalogColumns } from '../../catalog/columns';
import { useSensitivityTiers } from '../../hooks/useSensitivityTiers';

/**
 * The catalog's index page with Dataset columns (tier, licence, owner,
 * stewards) when Datasets are listed; every other kind keeps the catalog's
 * own columns. The filters are the catalog page's, Datapact's tier and
 * licence pickers among them.
 */
export function DatasetCatalogPage(props: {
  filters: ReactNode;
  pagination?: EntityListPagination;
}) {
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Backstage';
  const tiers = useSensitivityTiers();
  const columns = useMemo(() => createDatapactCatalogColumns(tiers), [tiers]);
  return (
    <EntityListProvider pagination={props.pagination}>
      <Header title={`${orgName} Catalog`} />
      <Container>
        <CatalogFilterLayout>
          <CatalogFilterLayout.Filters>
            {props.filters}
          </CatalogFilterLayout.Filters>
          <CatalogFilterLayout.Content>
            <CatalogTable columns={columns} />
          </CatalogFilterLayout.Content>
        </CatalogFilterLayout>
      </Container>
    </EntityListProvider>
  );
}
