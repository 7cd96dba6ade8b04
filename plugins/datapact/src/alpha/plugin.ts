import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { datapactApi } from './apis';
import { licenseCatalogFilter, tierCatalogFilter } from './catalogFilters';
import {
  agreementOverviewCard,
  datasetAccessCard,
  datasetOverviewCard,
  datasetSchemaCard,
  stewardDecisionsCard,
  stewardOverviewCard,
} from './entityCards';
import { datasetAccessHistoryContent } from './entityContents';
import { dataAccessPage } from './pages';

/**
 * Datapact's portal plugin for the new frontend system.
 * @alpha
 */
export const datapactPlugin = createFrontendPlugin({
  pluginId: 'datapact',
  title: 'Data access',
  info: { packageJson: () => import('../../package.json') },
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    datapactApi,
    datasetOverviewCard,
    datasetAccessCard,
    datasetSchemaCard,
    datasetAccessHistoryContent,
    agreementOverviewCard,
    stewardOverviewCard,
    stewardDecisionsCard,
    dataAccessPage,
    tierCatalogFilter,
    licenseCatalogFilter,
  ],
});
