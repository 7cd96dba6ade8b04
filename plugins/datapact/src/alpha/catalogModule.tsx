import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { Fragment } from 'react';

/*
 * The catalog's index page draws its table with fixed columns; the only way
 * to add Dataset columns in the new frontend system is to override the page's
 * loader. Everything else (path, filters, pagination) stays the catalog's.
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
