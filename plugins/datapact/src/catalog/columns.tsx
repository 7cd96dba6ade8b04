import { TableColumn } from '@backstage/core-components';
import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  DEFAULT_SENSITIVITY_TIERS,
  isDatasetEntity,
  RELATION_STEWARDED_BY,
} from '@datapact/backstage-plugin-common';
import { TierChip } from '../components/TierChip';
import { LicenseLink } from '../components/LicenseTerms';

/**
 * The catalog table's columns for Datasets: name, tier, licence, owner,
 * stewards and lifecycle.
 * @public
 */
export function datasetCatalogColumns(
  sensitivityTiers: readonly string[] = DEFAULT_SENSITIVITY_TIERS,
): TableColumn<CatalogTableRow>[] {
  const tierOf = (row: CatalogTableRow) =>
    isDatasetEntity(row.entity) ? row.entity.spec.sensitivity.tier : '';
  const licenseOf = (row: CatalogTableRow) =>
    isDatasetEntity(row.entity) ? row.entity.spec.license : undefined;
  return [
    CatalogTable.columns.createTitleColumn({ hidden: true }),
    CatalogTable.columns.createNameColumn({ defaultKind: 'Dataset' }),
    {
      title: 'Tier',
      field: 'entity.spec.sensitivity.tier',
      customSort: (a, b) =>
        sensitivityTiers.indexOf(tierOf(a)) -
        sensitivityTiers.indexOf(tierOf(b)),
      render: row => (tierOf(row) ? <TierChip tier={tierOf(row)} /> : null),
    },
    {
      title: 'Licence',
      field: 'entity.spec.license.spdx',
      render: row => {
        const license = licenseOf(row);
        return license ? <LicenseLink license={license} /> : null;
      },
    },
    CatalogTable.columns.createOwnerColumn(),
    {
      title: 'Stewards',
      render: row => (
        <EntityRefLinks
          entityRefs={getEntityRelations(row.entity, RELATION_STEWARDED_BY)}
          defaultKind="Steward"
        />
      ),
    },
    CatalogTable.columns.createSpecLifecycleColumn(),
  ];
}

/**
 * The catalog's default columns, with {@link datasetCatalogColumns} when the
 * list shows Datasets: pass it as `columns` to the catalog page.
 * @public
 */
export function createDatapactCatalogColumns(
  sensitivityTiers?: readonly string[],
): CatalogTableColumnsFunc {
  const datasetColumns = datasetCatalogColumns(sensitivityTiers);
  return context => {
    const kind =
      context.entities[0]?.kind?.toLowerCase() ??
      context.filters.kind?.value?.toLowerCase();
    return kind === 'dataset'
      ? datasetColumns
      : CatalogTable.defaultColumnsFunc(context);
  };
}

/** {@link createDatapactCatalogColumns} on the default sensitivity scale. @public */
export const datapactCatalogColumns = createDatapactCatalogColumns();
