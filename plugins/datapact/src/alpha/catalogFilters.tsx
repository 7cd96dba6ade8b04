import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Filters the catalog's Dataset list by sensitivity tier. */
export const tierCatalogFilter = CatalogFilterBlueprint.make({
  name: 'tier',
  params: {
    loader: () =>
      import('../components/DatasetCatalogFilters').then(m => (
        <m.DatasetTierPicker />
      )),
  },
});

/** Filters the catalog's Dataset list by licence. */
export const licenseCatalogFilter = CatalogFilterBlueprint.make({
  name: 'license',
  params: {
    loader: () =>
      import('../components/DatasetCatalogFilters').then(m => (
        <m.DatasetLicensePicker />
      )),
  },
});
