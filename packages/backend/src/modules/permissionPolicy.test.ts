import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogIngestionManagePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import datapactPolicyModule from '@datapact/backstage-plugin-permission-backend-module-datapact-policy';
import request from 'supertest';
import {
  DemoPermissionPolicy,
  permissionModuleDemoPolicy,
} from './permissionPolicy';

const user = (ref: string, groups: string[] = []): PolicyQueryUser => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
});

/** Rahul, a clinical informatics engineer: signed in, no admin. */
const rahul = user('user:default/rahul.mehta', [
  'group:default/clinical-informatics',
]);
/** Jonas, of the cooperative's data platform team, which runs the portal. */
const jonas = user('user:default/jonas.berg', [
  'group:default/coop-data-platform',
]);

function policy(config: object = {}) {
  return new DemoPermissionPolicy(new ConfigReader(config));
}

async function decide(
  subject: DemoPermissionPolicy,
  permission: Permission,
  who?: PolicyQueryUser,
) {
  return (await subject.handle({ permission }, who)).result;
}

const adminOnly = [
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogEntityDeletePermission,
  catalogEntityCreatePermission,
  catalogIngestionManagePermission,
];

describe('DemoPermissionPolicy', () => {
  const configured = policy({
    datapact: { demo: { adminGroups: ['group:default/coop-data-platform'] } },
  });

  it('denies a plain user creating or deleting locations and deleting entities', async () => {
    for (const permission of adminOnly) {
      expect([
        permission.name,
        await decide(configured, permission, rahul),
      ]).toEqual([permission.name, AuthorizeResult.DENY]);
    }
  });

  it('allows members of the admin groups to change the catalog', async () => {
    for (const permission of adminOnly) {
      expect([
        permission.name,
        await decide(configured, permission, jonas),
      ]).toEqual([permission.name, AuthorizeResult.ALLOW]);
    }
  });

  it('matches admin groups whatever their case', async () => {
    const shouting = policy({
      datapact: { demo: { adminGroups: ['Group:default/Coop-Data-Platform'] } },
    });
    expect(await decide(shouting, catalogLocationDeletePermission, jonas)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('has no admins unless configured, and denies callers without a user', async () => {
    for (const permission of adminOnly) {
      expect(await decide(policy(), permission, jonas)).toBe(
        AuthorizeResult.DENY,
      );
      expect(await decide(configured, permission)).toBe(AuthorizeResult.DENY);
    }
  });

  it('still lets everyone read and refresh the catalog', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      catalogEntityRefreshPermission,
      catalogLocationReadPermission,
    ]) {
      expect(await decide(configured, permission, rahul)).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });
});

describe('permissionModuleDemoPolicy', () => {
  it('is the Datapact policy module’s fallback in the permission backend', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        datapactPolicyModule,
        permissionModuleDemoPolicy,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            datapact: {
              demo: { adminGroups: ['group:default/coop-data-platform'] },
            },
          },
        }),
        // Jonas's token brings his team, as the catalog's user info would.
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: BackstageCredentials) {
              const ref = (credentials.principal as BackstageUserPrincipal)
                .userEntityRef;
              const who = [rahul, jonas].find(
                u => u.info.userEntityRef === ref,
              );
              return who!.info;
            },
          }),
        }),
      ],
    });
    const authorize = async (userEntityRef: string) => {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(userEntityRef))
        .send({
          items: [{ id: '1', permission: catalogLocationCreatePermission }],
        });
      return res.body.items?.[0]?.result;
    };
    expect(await authorize(rahul.info.userEntityRef)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await authorize(jonas.info.userEntityRef)).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});
