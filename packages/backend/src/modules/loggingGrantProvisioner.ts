import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { datapactGrantProvisionersExtensionPoint } from '@datapact/backstage-plugin-node';

/**
 * A grant provisioner that only logs: where an adopter would create and drop
 * a role binding in their warehouse.
 */
export const datapactModuleLoggingGrantProvisioner = createBackendModule({
  pluginId: 'datapact',
  moduleId: 'logging-grant-provisioner',
  register(reg) {
    reg.registerInit({
      deps: {
        provisioners: datapactGrantProvisionersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ provisioners, logger }) {
        provisioners.addGrantProvisioner({
          name: 'log',
          async grant({ grant }) {
            logger.info(
              `Provision: ${grant.user} may use ${grant.dataset} for ${grant.purpose} until ${grant.expiresAt} (grant ${grant.id})`,
            );
            return { status: 'done', detail: 'logged' };
          },
          async revoke({ grant }) {
            logger.info(
              `Deprovision: grant ${grant.id} of ${grant.user} to ${
                grant.dataset
              } ended (${grant.state}${
                grant.revokeReason ? `: ${grant.revokeReason}` : ''
              })`,
            );
            return { status: 'done', detail: 'logged' };
          },
        });
      },
    });
  },
});
