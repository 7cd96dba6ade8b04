import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE } from '@datapact/backstage-plugin-common';
import {
  AccessRequestQuery,
  AccessRequestResource,
} from '@datapact/backstage-plugin-node';

export type AccessRequestPermission = ResourcePermission<
  typeof DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE
>;

/**
 * Asks the permission framework about Datapact permissions; conditional
 * decisions are applied here, to a loaded request or as a query filter.
 */
export class DatapactAuthorizer {
  private readonly toQuery;
  private readonly appliesTo;

  constructor(
    private readonly permissions: PermissionsService,
    ruleset: PermissionRuleset<AccessRequestResource, AccessRequestQuery>,
  ) {
    this.toQuery = createConditionTransformer(ruleset);
    this.appliesTo = createConditionAuthorizer(ruleset);
  }

  /** A basic permission; 403 unless allowed. */
  async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /** A permission on one access request; 403 unless allowed for it. */
  async authorizeResource(
    permission: AccessRequestPermission,
    credentials: BackstageCredentials,
    resource: AccessRequestResource,
  ): Promise<void> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.appliesTo(decision, resource)) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * A permission as a filter on lists: `undefined` for everything, criteria
   * for some requests, `'none'` when nothing may be listed.
   */
  async filter(
    permission: AccessRequestPermission,
    credentials: BackstageCredentials,
  ): Promise<PermissionCriteria<AccessRequestQuery> | undefined | 'none'> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return this.toQuery(decision.conditions);
    }
    return 'none';
  }
}
