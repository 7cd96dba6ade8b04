import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogIngestionManagePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { datapactPolicyExtensionPoint } from '@datapact/backstage-plugin-permission-backend-module-datapact-policy';

/**
 * The catalog permissions that change what the catalog holds: which files it
 * reads (locations) and which entities it keeps. Datapact's approvers come
 * from the catalog (stewards, organizations, agreements), so whoever may
 * register or delete a location decides who approves. Refreshing an entity
 * only re-reads the source already registered, and stays open.
 */
const CATALOG_ADMIN_PERMISSIONS = new Set(
  [
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
    catalogEntityDeletePermission,
    catalogEntityCreatePermission,
    catalogIngestionManagePermission,
  ].map(p => p.name),
);

/**
 * The demo's policy for the permissions that are not Datapact's (the Datapact
 * policy module decides those): creating and deleting catalog locations and
 * creating and deleting entities is for members of the
 * `datapact.demo.adminGroups` groups only (none unless configured);
 * everything else is allowed.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: Set<string>;

  constructor(config: Config) {
    this.adminGroups = new Set(
      (config.getOptionalStringArray('datapact.demo.adminGroups') ?? []).map(
        ref => ref.toLocaleLowerCase('en-US'),
      ),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (CATALOG_ADMIN_PERMISSIONS.has(request.permission.name)) {
      return {
        result: this.isAdmin(user)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private isAdmin(user?: PolicyQueryUser): boolean {
    return (user?.info.ownershipEntityRefs ?? []).some(ref =>
      this.adminGroups.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}

/**
 * Sets {@link DemoPermissionPolicy} as the Datapact policy module's fallback,
 * the policy for every permission that is not Datapact's.
 */
export const permissionModuleDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        datapactPolicy: datapactPolicyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ datapactPolicy, config }) {
        datapactPolicy.setFallbackPolicy(new DemoPermissionPolicy(config));
      },
    });
  },
});
