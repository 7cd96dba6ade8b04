import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * Signs in as any User of the catalog, chosen by name: the demo's personas
 * (ana.ruiz the hospital steward, priya.raman the researcher, ...), so that
 * scripts, tests and benchmarks can act as several people.
 *
 * `GET /api/auth/demo/refresh?user=ana.ruiz` (header
 * `X-Requested-With: XMLHttpRequest`) answers with a Backstage token for
 * `user:default/ana.ruiz` and her groups. Anyone could sign in as anyone,
 * so it takes three things to sign in: the module registers the provider only
 * when `auth.providers.demo.enabled` is true, which only app-config.demo.yaml
 * (the demo command's config file) says; the auth backend mounts it only when
 * `auth.providers.demo` is configured; and, like the guest provider, it
 * refuses outside development (NODE_ENV) unless
 * `auth.providers.demo.dangerouslyAllowOutsideDevelopment` is true.
 */
const demoPersonaAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userEntityRef: string }) => ({
    profile: { displayName: parseEntityRef(result.userEntityRef).name },
  }),
  initialize: ({ config }) => ({
    disabled:
      process.env.NODE_ENV !== 'development' &&
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') !== true,
  }),
  async authenticate({ req }, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(
        "The demo persona provider only works in development, unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is true",
      );
    }
    const user = req.query.user ?? req.header('x-datapact-demo-user');
    if (typeof user !== 'string' || !user) {
      throw new InputError(
        'Name the persona to sign in as: ?user=<user name> or the header x-datapact-demo-user',
      );
    }
    let ref;
    try {
      ref = parseEntityRef(user, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      });
    } catch {
      throw new InputError(`${user} is not a user entity ref`);
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new InputError(`Only users can be personas, not ${user}`);
    }
    return { result: { userEntityRef: stringifyEntityRef(ref) } };
  },
});

/**
 * The demo persona sign-in provider (`auth.providers.demo`), registered only
 * when `auth.providers.demo.enabled` is true.
 */
export const authModuleDemoPersonas = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-personas',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        if (config.getOptionalBoolean('auth.providers.demo.enabled') !== true) {
          if (config.has('auth.providers.demo')) {
            logger.warn(
              "The demo persona provider is configured but not enabled: 'auth.providers.demo.enabled' is not true",
            );
          }
          return;
        }
        logger.warn(
          'The demo persona provider is enabled: anyone may sign in as any catalog user. Never enable it in production.',
        );
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoPersonaAuthenticator,
            // The catalog user and their groups: a persona must exist.
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
