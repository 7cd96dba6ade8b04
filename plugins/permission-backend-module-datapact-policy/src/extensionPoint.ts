import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PermissionPolicy } from '@backstage/plugin-permission-node';

/**
 * Lets an app's own permission module decide the permissions that are not
 * Datapact's, while the Datapact policy module keeps deciding Datapact's.
 * @public
 */
export interface DatapactPolicyExtensionPoint {
  /**
   * The policy for every permission that is not Datapact's. Without one,
   * those permissions are allowed (what an app with the allow-all policy
   * does). It may be set once.
   */
  setFallbackPolicy(policy: PermissionPolicy): void;
}

/**
 * The extension point of the Datapact policy module, for modules of the
 * permission plugin (`pluginId: 'permission'`).
 * @public
 */
export const datapactPolicyExtensionPoint =
  createExtensionPoint<DatapactPolicyExtensionPoint>({
    id: 'permission.datapact-policy',
  });
