import { createBackendModule } from '@backstage/backend-plugin-api';
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
 * default policy (read what you requested or may decide; decide and revoke as
 * an approver; cancel as the requester); everything else is allowed, as the
 * allow-all policy it replaces did.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  private readonly datapact = new DatapactPermissionPolicy();

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
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DemoPermissionPolicy());
      },
    });
  },
});
