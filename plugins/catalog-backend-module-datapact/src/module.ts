import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DatapactEntitiesProcessor } from './DatapactEntitiesProcessor';

/**
 * Adds the Datapact kinds (Dataset, Agreement, Steward) to the catalog.
 *
 * @public
 */
export const catalogModuleDatapact = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'datapact',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(
          new DatapactEntitiesProcessor({
            sensitivityTiers: config.getOptionalStringArray(
              'datapact.sensitivityTiers',
            ),
          }),
        );
      },
    });
  },
});
