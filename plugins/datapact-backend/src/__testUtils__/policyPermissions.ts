import {
  BackstageCredentials,
  createServiceFactory,
  coreServices,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';

/**
 * The permissions service of a test backend that runs `policy` in process,
 * as the permission backend would: service principals are allowed, users get
 * the policy's decision with their ownership refs.
 */
export function policyPermissionsFactory(
  policy: PermissionPolicy,
  ownership: (userRef: string) => string[],
) {
  const decide = async (
    requests: Array<{ permission: any }>,
    { credentials }: { credentials: BackstageCredentials },
  ): Promise<PolicyDecision[]> => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.type === 'service') {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    }
    if (principal.type !== 'user') {
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    }
    const userEntityRef = principal.userEntityRef!;
    const info = {
      userEntityRef,
      ownershipEntityRefs: ownership(userEntityRef),
    };
    return Promise.all(
      requests.map(r =>
        policy.handle({ permission: r.permission }, { credentials, info }),
      ),
    );
  };
  const service: PermissionsService = {
    authorizeConditional: decide as PermissionsService['authorizeConditional'],
    authorize: (async (requests, options) => {
      const decisions = await decide(requests, options);
      return decisions.map(d => {
        if (d.result === AuthorizeResult.CONDITIONAL) {
          throw new Error('conditional decision for a basic permission');
        }
        return d;
      });
    }) as PermissionsService['authorize'],
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
}
