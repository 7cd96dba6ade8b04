import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { isDatapactPermission } from '@datapact/backstage-plugin-node';

/** Allows everything: the fallback when an app sets none. */
export const allowAllPolicy: PermissionPolicy = {
  async handle() {
    return { result: AuthorizeResult.ALLOW };
  },
};

/**
 * Hands Datapact permissions to Datapact's policy and every other permission
 * to the fallback, so neither sees the other's permissions.
 */
export class DatapactRoutingPolicy implements PermissionPolicy {
  constructor(
    private readonly datapact: PermissionPolicy,
    private readonly fallback: PermissionPolicy,
  ) {}

  handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return isDatapactPermission(request.permission)
      ? this.datapact.handle(request, user)
      : this.fallback.handle(request, user);
  }
}
