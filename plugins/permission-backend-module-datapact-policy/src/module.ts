import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DatapactPermissionPolicy } from '@datapact/backstage-plugin-node';
import { allowAllPolicy, DatapactRoutingPolicy } from './DatapactRoutingPolicy';
import { datapactPolicyExtensionPoint } from './extensionPoint';

/**
 * The permission policy for an app with Datapact: Datapact permissions go to
 * `DatapactPermissionPolicy` (with `datapact.audit.auditors` from config), every
 * other permission to the policy an app's module sets through
 * {@link datapactPolicyExtensionPoint}, or is allowed when none does.
 * Installed in place of the allow-all policy module.
 * @public
 */
export const permissionModuleDatapactPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'datapact-policy',
  register(reg) {
    let fallback: PermissionPolicy | undefined;
    let started = false;
    reg.registerExtensionPoint(datapactPolicyExtensionPoint, {
      setFallbackPolicy(policy) {
        if (started) {
          throw new Error(
            'The fallback policy of the Datapact policy module must be set while the backend starts, in a module’s init, not later',
          );
        }
        if (fallback) {
          throw new Error(
            'The fallback policy of the Datapact policy module is already set',
          );
        }
        fallback = policy;
      },
    });

    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      // Modules that use the extension point are initialized before this one,
      // so the fallback, if any, is set by now.
      async init({ policy, config, logger }) {
        if (!fallback) {
          logger.info(
            'No fallback policy set through datapactPolicyExtensionPoint: permissions that are not Datapact’s are allowed',
          );
        }
        started = true;
        const routing = new DatapactRoutingPolicy(
          DatapactPermissionPolicy.fromConfig(config, { logger }),
          fallback ?? allowAllPolicy,
        );
        try {
          policy.setPolicy(routing);
        } catch (error) {
          throw new Error(
            `Another permission policy module is installed besides the Datapact policy module (is @backstage/plugin-permission-backend-module-allow-all-policy still added?): remove it, and set your own rules through datapactPolicyExtensionPoint.setFallbackPolicy. (${
              (error as Error).message
            })`,
          );
        }
      },
    });
  },
});
