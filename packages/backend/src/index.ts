/*
 * The Datapact demo backend: a Backstage backend as an adopter runs it, with
 * the Datapact plugins added (look for "datapact" below).
 */
import { createBackend } from '@backstage/backend-defaults';
import { authModuleDemoPersonas } from './modules/demoPersonaAuth';
import { datapactModuleLoggingGrantProvisioner } from './modules/loggingGrantProvisioner';
import { permissionModuleDemoPolicy } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth plugin; the demo personas provider signs in as any example user
// (enabled in app-config.demo.yaml only: ./scripts/demo.sh and the tests)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(authModuleDemoPersonas);

// catalog plugin, with the Datapact kinds (Dataset, Agreement, Steward)
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@datapact/backstage-plugin-catalog-backend-module'));

// permission plugin, with Datapact's policy for Datapact permissions and, for
// every other permission, the demo policy set through the Datapact policy
// module's extension point: catalog locations and entities changed by admins
// only (datapact.demo.adminGroups), allow everything else
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@datapact/backstage-plugin-permission-backend-module-datapact-policy'
  ),
);
backend.add(permissionModuleDemoPolicy);

// datapact: access requests, grants and the audit log, with two grant
// provisioners: PostgreSQL (GRANT/REVOKE SELECT on the demo warehouse,
// datapact.postgresGrants in app-config.yaml) and one that only logs
backend.add(import('@datapact/backstage-plugin-backend'));
backend.add(
  import('@datapact/backstage-plugin-backend-module-postgres-grants'),
);
backend.add(datapactModuleLoggingGrantProvisioner);

// search plugin, its engine and the catalog collator
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// user settings, notifications and signals
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// A backend whose plugins failed to start must not stay up answering
// liveness probes: exit, so that the orchestrator restarts it (Backstage
// only logs a rejected start in production).
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error('Backend failed to start', error);
  process.exit(1);
});
