import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleDemoPersonas } from './demoPersonaAuth';

const ana = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'ana.ruiz', namespace: 'default' },
  spec: { memberOf: ['group:default/health-analytics'] },
  relations: [
    { type: 'memberOf', targetRef: 'group:default/health-analytics' },
  ],
};

/** The auth backend with the demo module and `auth.providers.demo` as given. */
async function authBackend(demo: object) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoPersonas,
      catalogServiceMock.factory({ entities: [ana] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
          auth: { providers: { demo } },
        },
      }),
    ],
  });
  return server;
}

const signInAsAna = (server: Awaited<ReturnType<typeof authBackend>>) =>
  request(server)
    .get('/api/auth/demo/refresh?user=ana.ruiz')
    .set('X-Requested-With', 'XMLHttpRequest');

describe('authModuleDemoPersonas', () => {
  it('does not sign anyone in when the config only names the provider', async () => {
    const server = await authBackend({
      dangerouslyAllowOutsideDevelopment: true,
    });
    const response = await signInAsAna(server);
    expect(response.status).toBe(404);
    expect(response.body.backstageIdentity).toBeUndefined();
  });

  it('does not sign anyone in when the config says it is not enabled', async () => {
    const server = await authBackend({
      enabled: false,
      dangerouslyAllowOutsideDevelopment: true,
    });
    expect((await signInAsAna(server)).status).toBe(404);
  });

  it('refuses outside development even when enabled, unless dangerously allowed', async () => {
    const server = await authBackend({ enabled: true });
    const response = await signInAsAna(server);
    expect(response.status).toBe(403);
    expect(response.body.backstageIdentity).toBeUndefined();
  });

  it('signs in as a catalog user when the demo config enables it', async () => {
    const server = await authBackend({
      enabled: true,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const response = await signInAsAna(server);
    expect(response.status).toBe(200);
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/ana.ruiz',
      ownershipEntityRefs: [
        'user:default/ana.ruiz',
        'group:default/health-analytics',
      ],
    });
  });
});
