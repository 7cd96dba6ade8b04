import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  accessRequestCancelPermission,
  accessRequestCreatePermission,
  accessRequestDecidePermission,
  accessRequestReadPermission,
  auditReadPermission,
  datapactPermissions,
  findingsReadPermission,
  grantRevokePermission,
} from '@datapact/backstage-plugin-common';
import {
  createDatapactAccessRequestConditionalDecision as conditional,
  datapactAccessRequestConditions as conditions,
} from './conditions';

/**
 * Whether a permission is one of Datapact's.
 * @public
 */
export function isDatapactPermission(permission: Permission): boolean {
  return datapactPermissions.some(p => isPermission(permission, p));
}

/**
 * The default policy for Datapact permissions, meant as a sub-policy of an
 * app's policy for Datapact permissions only:
 * - any signed-in user may request access and read the audit log;
 * - a user reads the requests (and grants) they made or may decide;
 * - deciding and revoking need an approver (or delegate) of the dataset;
 * - cancelling needs the requester.
 * The backend enforces segregation of duties itself, whatever a policy says.
 * @public
 */
export class DatapactPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!isDatapactPermission(permission) || !user) {
      return { result: AuthorizeResult.DENY };
    }
    const claims = user.info.ownershipEntityRefs;
    if (
      isPermission(permission, accessRequestCreatePermission) ||
      isPermission(permission, auditReadPermission) ||
      isPermission(permission, findingsReadPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, accessRequestReadPermission)) {
      return conditional(permission, {
        anyOf: [
          conditions.isRequester({ claims }),
          conditions.isApprover({ claims }),
        ],
      });
    }
    if (
      isPermission(permission, accessRequestDecidePermission) ||
      isPermission(permission, grantRevokePermission)
    ) {
      return conditional(permission, conditions.isApprover({ claims }));
    }
    if (isPermission(permission, accessRequestCancelPermission)) {
      return conditional(permission, conditions.isRequester({ claims }));
    }
    return { result: AuthorizeResult.DENY };
  }
}
