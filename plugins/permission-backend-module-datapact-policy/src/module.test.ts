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
import {
  accessRequestCreatePermission,
  accessRequestReadPermission,
  auditReadPermission,
} from '@datapact/backstage-plugin-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { datapactPolicyExtensionPoint } from './extensionPoint';
import { permissionModuleDatapactPolicy } from './module';

const catalogLocationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});

const priya = 'user:default/priya.raman';

/** A module of an app that sets its own policy for everything else. */
function fallbackModule(policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-fallback',
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

async function startPermissionBackend(
  extra: Parameters<typeof startTestBackend>[0]['features'] = [],
  config: object = {},
) {
  const { server } = await startTestBackend({
    features: [
      permissionPlugin,
      permissionModuleDatapactPolicy,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...config },
      }),
      ...extra,
    ],
  });
  /**
   * Asks POST /api/permission/authorize as the Datapact backend does for a
   * signed-in user: with the user's token on behalf of the plugin, so that a
   * resource permission without a resourceRef gets the policy's conditions.
   */
  return async (permission: Permission, userEntityRef = priya) => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set(
        'Authorization',
        `Bearer ${mockCredentials.user.token(userEntityRef, {
          actor: { subject: 'plugin:datapact' },
        })}`,
      )
      .send({ items: [{ id: '1', permission }] });
    expect(res.status).toBe(200);
    const { id, ...decision } = res.body.items[0];
    return decision;
  };
}

describe('permissionModuleDatapactPolicy', () => {
  it('decides Datapact permissions with the Datapact policy', async () => {
    const authorize = await startPermissionBackend();

    expect(await authorize(accessRequestCreatePermission)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // A plain user reads only the requests they made or may decide.
    expect(await authorize(accessRequestReadPermission)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'datapact',
      resourceType: 'datapact-access-request',
      conditions: {
        anyOf: [
          {
            rule: 'IS_REQUESTER',
            resourceType: 'datapact-access-request',
            params: { claims: [priya] },
          },
          {
            rule: 'IS_APPROVER',
            resourceType: 'datapact-access-request',
            params: { claims: [priya] },
          },
        ],
      },
    });
  });

  it('reads the auditors from datapact.audit.auditors', async () => {
    const authorize = await startPermissionBackend([], {
      datapact: { audit: { auditors: ['user:default/sofia.lindqvist'] } },
    });
    expect(
      await authorize(auditReadPermission, 'user:default/sofia.lindqvist'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect((await authorize(auditReadPermission)).result).toBe(
      AuthorizeResult.CONDITIONAL,
    );
  });

  it('allows every other permission when the app sets no fallback policy', async () => {
    const authorize = await startPermissionBackend();
    expect(await authorize(catalogLocationCreate)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('hands every other permission, and only those, to the fallback an app sets', async () => {
    const fallback: PermissionPolicy = {
      handle: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    };
    const authorize = await startPermissionBackend([fallbackModule(fallback)]);

    expect(await authorize(catalogLocationCreate)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(fallback.handle).toHaveBeenCalledWith(
      { permission: catalogLocationCreate },
      expect.objectContaining({
        info: expect.objectContaining({ userEntityRef: priya }),
      }),
    );

    (fallback.handle as jest.Mock).mockClear();
    expect((await authorize(accessRequestReadPermission)).result).toBe(
      AuthorizeResult.CONDITIONAL,
    );
    expect(await authorize(accessRequestCreatePermission)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(fallback.handle).not.toHaveBeenCalled();
  });

  it('refuses a second fallback policy', async () => {
    const second = createBackendModule({
      pluginId: 'permission',
      moduleId: 'test-second-fallback',
      register(reg) {
        reg.registerInit({
          deps: { datapactPolicy: datapactPolicyExtensionPoint },
          async init({ datapactPolicy }) {
            datapactPolicy.setFallbackPolicy({
              handle: async () => ({ result: AuthorizeResult.ALLOW }),
            });
          },
        });
      },
    });
    await expect(
      startPermissionBackend([
        fallbackModule({
          handle: async () => ({ result: AuthorizeResult.DENY }),
        }),
        second,
      ]),
    ).rejects.toThrow(/already set/);
  });
});
