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
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  DatapactPermissionPolicy,
  isDatapactPermission,
} from '@datapact/backstage-plugin-backend';

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
 * The demo's permission policy: Datapact permissions follow Datapact's
 * default policy (read what you requested or may decide, and its audit
 * entries; the `datapact.auditors` groups read the whole audit log; decide and
 * revoke as an approver; cancel as the requester); creating and deleting
 * catalog locations and deleting entities is for members of the
 * `datapact.demo.adminGroups` groups only (none unless configured);
 * everything else is allowed.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: Set<string>;

  constructor(
    private readonly datapact: DatapactPermissionPolicy,
    config: Config,
  ) {
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
    if (isDatapactPermission(request.permission)) {
      return this.datapact.handle(request, user);
    }
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

/** Installs {@link DemoPermissionPolicy} in the permission backend. */
export const permissionModuleDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new DemoPermissionPolicy(
            DatapactPermissionPolicy.fromConfig(config),
            config,
          ),
        );
      },
    });
  },
});
