import {
  coreExtensionData,
  createExtensionDataRef,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { Fragment } from 'react';
import {
  CatalogExportContribution,
  catalogExportSettings,
} from './catalogExportSettings';

/*
 * What `CatalogExportConfigBlueprint` extensions attach to the page; the
 * catalog does not export its data ref, and inputs are read by the ref's id.
 */
const catalogExportContributionDataRef =
  createExtensionDataRef<CatalogExportContribution>().with({
    id: 'catalog.export-customization',
  });

/*
 * The catalog's index page draws its table with fixed columns; the only way
 * to add Dataset columns in the new frontend system is to override the page's
 * loader. The loader renders the catalog's own page with Datapact's columns,
 * so path, header actions (Create, export, support), filters and pagination
 * stay the catalog's, and so do its config and `catalog-export-config` inputs.
 */
const catalogPageWithDatasetColumns = catalogPlugin
  .getExtension('page:catalog')
  .override({
    factory(originalFactory, { inputs, config }) {
      return originalFactory({
        params: {
          loader: () =>
            import('../components/DatasetCatalogPage').then(m => (
              <m.DatasetCatalogPage
                filters={
                  <>
                    {inputs.filters.map(filter => (
                      <Fragment key={filter.node.spec.id}>
                        {filter.get(coreExtensionData.reactElement)}
                      </Fragment>
                    ))}
                  </>
                }
                pagination={config.pagination}
                exportSettings={catalogExportSettings(
                  config.exportSettings,
                  inputs.exportConfig.map(input =>
                    input.get(catalogExportContributionDataRef),
                  ),
                )}
              />
            )),
        },
      });
    },
  });

/**
 * Adds Dataset columns (tier, licence, owner, stewards) to the catalog list.
 * A module of the catalog plugin, installed beside the Datapact plugin.
 * @alpha
 */
export const datapactCatalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogPageWithDatasetColumns],
});
