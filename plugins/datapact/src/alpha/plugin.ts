import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { governanceRouteRef, rootRouteRef } from '../routes';
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
import { findingsCard, governancePage } from './governance';
import { datasetImpactCard, datasetLineageContent } from './lineage';

/**
 * Datapact's portal plugin for the new frontend system.
 * @alpha
 */
export const datapactPlugin = createFrontendPlugin({
  pluginId: 'datapact',
  title: 'Data access',
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    governance: convertLegacyRouteRef(governanceRouteRef),
  },
  extensions: [
    datapactApi,
    datasetOverviewCard,
    datasetAccessCard,
    datasetSchemaCard,
    datasetAccessHistoryContent,
    datasetLineageContent,
    datasetImpactCard,
    agreementOverviewCard,
    stewardOverviewCard,
    stewardDecisionsCard,
    dataAccessPage,
    governancePage,
    findingsCard,
    tierCatalogFilter,
    licenseCatalogFilter,
  ],
});
