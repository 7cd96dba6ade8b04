import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { datapactGrantProvisionersExtensionPoint } from '@datapact/backstage-plugin-node';
import { PostgresGrantProvisioner } from './PostgresGrantProvisioner';

/**
 * Adds the PostgreSQL grant provisioner to the Datapact backend, with the
 * targets of `datapact.postgresGrants`.
 *
 * @public
 */
export const datapactModulePostgresGrants = createBackendModule({
  pluginId: 'datapact',
  moduleId: 'postgres-grants',
  register(reg) {
    reg.registerInit({
      deps: {
        provisioners: datapactGrantProvisionersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ provisioners, config, logger, lifecycle }) {
        const provisioner = PostgresGrantProvisioner.fromConfig(config, {
          logger,
        });
        lifecycle.addShutdownHook(() => provisioner.close());
        provisioners.addGrantProvisioner(provisioner);
      },
    });
  },
});
