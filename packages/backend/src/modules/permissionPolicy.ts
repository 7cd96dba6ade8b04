import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  DatapactPermissionPolicy,
  isDatapactPermission,
} from '@datapact/backstage-plugin-backend';

/**
 * The demo's permission policy: Datapact permissions follow Datapact's
 * default policy (read what you requested or may decide, and its audit
 * entries; the `datapact.auditors` groups read the whole audit log; decide and
 * revoke as an approver; cancel as the requester); everything else is
 * allowed, as the allow-all policy it replaces did.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly datapact: DatapactPermissionPolicy) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isDatapactPermission(request.permission)) {
      return this.datapact.handle(request, user);
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link DemoPermissionPolicy} in the permission backend. */
export const permissionModuleDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new DemoPermissionPolicy(DatapactPermissionPolicy.fromConfig(config)),
        );
      },
    });
  },
});
