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
          async onGrant(grant) {
            logger.info(
              `Provision: ${grant.user} may use ${grant.dataset} for ${grant.purpose} until ${grant.expiresAt} (grant ${grant.id})`,
            );
          },
          async onExpiry(grant) {
            logger.info(
              `Deprovision: grant ${grant.id} of ${grant.user} to ${grant.dataset} expired`,
            );
          },
          async onRevoke(grant) {
            logger.info(
              `Deprovision: grant ${grant.id} of ${grant.user} to ${grant.dataset} revoked by ${grant.revokedBy}: ${grant.revokeReason}`,
            );
          },
        });
      },
    });
  },
});
