import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { auditReadPermission } from '@datapact/backstage-plugin-common';
import request from 'supertest';
import {
  datapactPolicyExtensionPoint,
  DatapactPolicyExtensionPoint,
} from './extensionPoint';
import { permissionModuleDatapactPolicy } from './module';

/*
 * A hostile review of the Datapact policy module (issue 15). `holds:` tests
 * check attacks that held; the others pin a defect the review found and fail
 * until it is fixed.
 */

const priya = 'user:default/priya.raman';
const sofia = 'user:default/sofia.lindqvist';

const denyAll: PermissionPolicy = {
  handle: async () => ({ result: AuthorizeResult.DENY }),
};

function fallbackModule(policy: PermissionPolicy, moduleId = 'test-fallback') {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { datapactPolicy: datapactPolicyExtensionPoint },
        async init({ datapactPolicy }) {
          datapactPolicy.setFallbackPolicy(policy);
        },
      });
    },
  });
}

async function start(
  extra: Parameters<typeof startTestBackend>[0]['features'] = [],
  config: object = {},
) {
  const backend = await startTestBackend({
    features: [
      permissionPlugin,
      permissionModuleDatapactPolicy,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...config },
      }),
      ...extra,
    ],
  });
  const authorizeAll = async (
    permissions: Permission[],
    userEntityRef = priya,
    ownershipEntityRefs?: string[],
  ) =>
    request(backend.server)
      .post('/api/permission/authorize')
      .set(
        'Authorization',
        `Bearer ${mockCredentials.user.token(userEntityRef, {
          actor: { subject: 'plugin:datapact' },
          ...(ownershipEntityRefs ? { ownershipEntityRefs } : {}),
        } as any)}`,
      )
      .send({
        items: permissions.map((permission, i) => ({
          id: String(i),
          permission,
        })),
      });
  const authorize = async (permission: Permission, userEntityRef = priya) => {
    const res = await authorizeAll([permission], userEntityRef);
    expect(res.status).toBe(200);
    const { id, ...decision } = res.body.items[0];
    return decision;
  };
  return { backend, authorize, authorizeAll };
}

describe('review: permissionModuleDatapactPolicy', () => {
  it('holds: a permission named datapact.* that is not one of Datapact’s goes to the fallback', async () => {
    const { authorize } = await start([fallbackModule(denyAll)]);
    const spoof = createPermission({
      name: 'datapact.export.everything',
      attributes: { action: 'read' },
    });
    expect(await authorize(spoof)).toEqual({ result: AuthorizeResult.DENY });
  });

  it('a permission of another plugin that only shares the name of a Datapact permission is not decided by the Datapact policy', async () => {
    // Permission names are global strings; another plugin (or a typo) can
    // define one with a Datapact name but another type. The routing compares
    // names only (isPermission), so the Datapact policy ALLOWs it although
    // the app's own policy would deny it.
    const { authorize } = await start([fallbackModule(denyAll)]);
    const foreign = createPermission({
      name: 'datapact.findings.read',
      attributes: { action: 'delete' },
      resourceType: 'catalog-entity',
    });
    expect((await authorize(foreign)).result).not.toBe(AuthorizeResult.ALLOW);
  });

  it('holds: a fallback policy that throws fails the batch with a 500, it never allows', async () => {
    const throwing: PermissionPolicy = {
      handle: () => {
        throw new Error('policy database down');
      },
    };
    const { authorizeAll } = await start([fallbackModule(throwing)]);
    const other = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
    });
    const res = await authorizeAll([other]);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('"ALLOW"');
  });

  it('holds: a fallback that throws does not take Datapact permissions in other batches down', async () => {
    const throwing: PermissionPolicy = {
      handle: async () => {
        throw new Error('policy database down');
      },
    };
    const { authorize } = await start([fallbackModule(throwing)]);
    expect(await authorize(auditReadPermission, priya)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'datapact',
    });
  });

  it('a fallback policy set after startup is not silently ignored', async () => {
    // A module that keeps the extension point and sets the fallback late
    // (e.g. once it has read its own rules) leaves every other permission
    // allowed, with no error: the module built its policy with allow-all.
    let late: DatapactPolicyExtensionPoint | undefined;
    const keeper = createBackendModule({
      pluginId: 'permission',
      moduleId: 'late-fallback',
      register(reg) {
        reg.registerInit({
          deps: { datapactPolicy: datapactPolicyExtensionPoint },
          async init({ datapactPolicy }) {
            late = datapactPolicy;
          },
        });
      },
    });
    const { authorize } = await start([keeper]);
    let threw = false;
    try {
      late!.setFallbackPolicy(denyAll);
    } catch {
      threw = true;
    }
    const other = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
    });
    const decision = await authorize(other);
    // Either the late call is refused, or it takes effect.
    expect(threw || decision.result === AuthorizeResult.DENY).toBe(true);
  });

  it('installed together with another policy module (allow-all left in), startup fails with an error that says what to remove', async () => {
    const allowAllLookalike = createBackendModule({
      pluginId: 'permission',
      moduleId: 'allow-all-policy',
      register(reg) {
        reg.registerInit({
          deps: { policy: policyExtensionPoint },
          async init({ policy }) {
            policy.setPolicy({
              handle: async () => ({ result: AuthorizeResult.ALLOW }),
            });
          },
        });
      },
    });
    const failure = await start([allowAllLookalike]).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    // Backstage's own message is "Policy already set"; an adopter following
    // the README needs to learn that the allow-all module must go.
    expect(String(failure)).toMatch(/allow-all|datapact/i);
    expect(String(failure)).toMatch(/remove|instead of|in place of|only one/i);
  });

  it('holds: datapact.audit.auditors as a string instead of a list fails at startup naming the key', async () => {
    const failure = await start([], {
      datapact: { audit: { auditors: 'group:default/legal' } },
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(String(failure)).toContain('datapact.audit.auditors');
  });

  it('an invalid ref in datapact.audit.auditors fails at startup naming the key', async () => {
    const failure = await start([], {
      datapact: { audit: { auditors: ['group:default/'] } },
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain('datapact.audit.auditors');
  });

  it('holds: auditor group refs are matched whatever their case', async () => {
    // Tokens carry lower-case refs; an adopter writes `Group:default/Legal`.
    const userInfo = mockServices.userInfo.mock({
      getUserInfo: async () => ({
        userEntityRef: sofia,
        ownershipEntityRefs: [sofia, 'group:default/legal'],
      }),
    });
    const { authorize } = await start([userInfo.factory], {
      datapact: { audit: { auditors: ['Group:Default/Legal'] } },
    });
    expect(await authorize(auditReadPermission, sofia)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // A bare name is a Group in the default namespace.
    const { authorize: bare } = await start([userInfo.factory], {
      datapact: { audit: { auditors: ['LEGAL'] } },
    });
    expect(await bare(auditReadPermission, sofia)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
