import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
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
  resolveRef,
} from '@datapact/backstage-plugin-common';
import {
  createDatapactAccessRequestConditionalDecision as conditional,
  datapactAccessRequestConditions as conditions,
} from './conditions';

/** An auditor ref as tokens carry it: kind and namespace filled in, lower case. */
function normalizeGroupRef(ref: string): string {
  return stringifyEntityRef(
    resolveRef(ref, 'Group', 'default'),
  ).toLocaleLowerCase('en-US');
}

/** The same permission: name, type, resource type and action all alike. */
function isSamePermission(permission: Permission, known: Permission): boolean {
  return (
    isPermission(permission, known) &&
    permission.type === known.type &&
    (permission.type !== 'resource' ||
      known.type !== 'resource' ||
      permission.resourceType === known.resourceType) &&
    permission.attributes.action === known.attributes.action
  );
}

/**
 * Whether a permission is one of Datapact's: its name, type, resource type
 * and action are those of a Datapact permission (permission names are not
 * reserved, so another plugin's permission that only shares a name is not
 * Datapact's to decide).
 * @public
 */
export function isDatapactPermission(permission: Permission): boolean {
  return datapactPermissions.some(p => isSamePermission(permission, p));
}

/**
 * Options of {@link DatapactPermissionPolicy}.
 * @public
 */
export interface DatapactPermissionPolicyOptions {
  /**
   * Groups (or users) whose members read the whole audit log, as entity refs;
   * a bare name is a Group. Usually `datapact.audit.auditors`, through
   * {@link DatapactPermissionPolicy.fromConfig}.
   */
  auditors?: string[];
}

/**
 * The default policy for Datapact permissions, meant as a sub-policy of an
 * app's policy for Datapact permissions only:
 * - any signed-in user may request access and read governance findings;
 * - a user reads the requests (and grants) they made or may decide, and
 *   their audit entries; members of an auditors group read every entry;
 * - deciding and revoking need an approver (or delegate) of the dataset;
 * - cancelling needs the requester.
 * The backend enforces segregation of duties itself, whatever a policy says.
 * @public
 */
export class DatapactPermissionPolicy implements PermissionPolicy {
  /**
   * The policy with `datapact.audit.auditors` from config. The deprecated
   * `datapact.auditors` is read when the new key is not set, with a warning
   * on `options.logger`; setting both is an error.
   */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService } = {},
  ): DatapactPermissionPolicy {
    const key = 'datapact.audit.auditors';
    const deprecated = 'datapact.auditors';
    let present = key;
    if (config.has(deprecated)) {
      if (config.has(key)) {
        throw new Error(
          `Both ${key} and its deprecated name ${deprecated} are set: remove ${deprecated} (\`backstage-cli config:check --deprecated\` names the file that sets it)`,
        );
      }
      options.logger?.warn(`${deprecated} is deprecated: rename it to ${key}`);
      present = deprecated;
    }
    const auditors = config.getOptionalStringArray(present) ?? [];
    auditors.forEach((ref, i) => {
      try {
        normalizeGroupRef(ref);
      } catch (error) {
        throw new Error(
          `Invalid entity ref in ${present}[${i}]: ${(error as Error).message}`,
        );
      }
    });
    return new DatapactPermissionPolicy({ auditors });
  }

  private readonly auditors: Set<string>;

  constructor(options: DatapactPermissionPolicyOptions = {}) {
    this.auditors = new Set(
      (options.auditors ?? []).map(ref => normalizeGroupRef(ref)),
    );
  }

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
      isPermission(permission, findingsReadPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, auditReadPermission) &&
      this.isAuditor(claims)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, accessRequestReadPermission) ||
      isPermission(permission, auditReadPermission)
    ) {
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

  private isAuditor(claims: string[]): boolean {
    return claims.some(c => this.auditors.has(c.toLocaleLowerCase('en-US')));
  }
}
