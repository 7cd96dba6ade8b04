/*
 * The legacy wiring (`@backstage/core-plugin-api`), for apps that still use
 * `createApp` from `@backstage/app-defaults` and `EntitySwitch`. The new
 * frontend system's wiring is in `alpha/`; both load the same components.
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { datapactApiRef, DatapactClient } from './api';
import { governanceRouteRef, rootRouteRef } from './routes';

/**
 * Datapact's portal plugin for apps on the legacy frontend system.
 * @public
 */
export const datapactPlugin = createPlugin({
  id: 'datapact',
  routes: { root: rootRouteRef, governance: governanceRouteRef },
  apis: [
    createApiFactory({
      api: datapactApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DatapactClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The steward inbox, "Data access": requests to decide, the user's own
 * requests and grants, and decided requests. Mount it on a route of the app.
 * @public
 */
export const DataAccessPage: (props: { header?: boolean }) => JSX.Element =
  datapactPlugin.provide(
    createRoutableExtension({
      name: 'DataAccessPage',
      mountPoint: rootRouteRef,
      component: () =>
        import('./components/DataAccessPage').then(m => m.DataAccessPage),
    }),
  );

/**
 * A Dataset's governance at a glance: tier, licence terms, owner, stewards,
 * organization, agreements, retention, provenance and community rights.
 * @public
 */
export const EntityDatasetOverviewCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityDatasetOverviewCard',
      component: {
        lazy: () =>
          import('./components/DatasetOverviewCard').then(
            m => m.EntityDatasetOverviewCard,
          ),
      },
    }),
  );

/**
 * A Dataset's fields with their classifications.
 * @public
 */
export const EntityDatasetSchemaCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityDatasetSchemaCard',
      component: {
        lazy: () =>
          import('./components/DatasetSchemaCard').then(
            m => m.EntityDatasetSchemaCard,
          ),
      },
    }),
  );

/**
 * Requesting access to a Dataset, and the user's requests and grants on it.
 * @public
 */
export const EntityDatasetAccessCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityDatasetAccessCard',
      component: {
        lazy: () =>
          import('./components/DatasetAccessCard').then(
            m => m.EntityDatasetAccessCard,
          ),
      },
    }),
  );

/**
 * A Dataset's access history from the audit log, for its approvers.
 * @public
 */
export const EntityDatasetAuditContent: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityDatasetAuditContent',
      component: {
        lazy: () =>
          import('./components/DatasetAuditCard').then(
            m => m.EntityDatasetAuditCard,
          ),
      },
    }),
  );

/**
 * An Agreement's parties, datasets, purposes, dates and terms.
 * @public
 */
export const EntityAgreementOverviewCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityAgreementOverviewCard',
      component: {
        lazy: () =>
          import('./components/AgreementOverviewCard').then(
            m => m.EntityAgreementOverviewCard,
          ),
      },
    }),
  );

/**
 * A Steward's holder, organization, delegates and datasets.
 * @public
 */
export const EntityStewardOverviewCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityStewardOverviewCard',
      component: {
        lazy: () =>
          import('./components/StewardOverviewCard').then(
            m => m.EntityStewardOverviewCard,
          ),
      },
    }),
  );

/**
 * The access requests that wait for a Steward's decision.
 * @public
 */
export const EntityStewardDecisionsCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityStewardDecisionsCard',
      component: {
        lazy: () =>
          import('./components/StewardDecisionsCard').then(
            m => m.EntityStewardDecisionsCard,
          ),
      },
    }),
  );

/**
 * The governance dashboard: findings by rule and organization, agreements
 * ending within 30, 60 or 90 days, datasets without stewards, sensitive
 * datasets with open grants, and every finding with filters. Mount it on a
 * route of the app.
 * @public
 */
export const GovernancePage: (props: { header?: boolean }) => JSX.Element =
  datapactPlugin.provide(
    createRoutableExtension({
      name: 'GovernancePage',
      mountPoint: governanceRouteRef,
      component: () =>
        import('./components/GovernancePage').then(m => m.GovernancePage),
    }),
  );

/**
 * The governance findings of a Dataset or an Agreement: what is wrong, why it
 * matters, what to change and the entities involved.
 * @public
 */
export const EntityFindingsCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityFindingsCard',
      component: {
        lazy: () =>
          import('./components/FindingsCard').then(m => m.EntityFindingsCard),
      },
    }),
  );

/**
 * A Dataset's lineage (a left-to-right graph, or a table of the same
 * datasets) and the impact of a change to it; a tab of the Dataset page.
 * @public
 */
export const EntityDatasetLineageContent: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityDatasetLineageContent',
      component: {
        lazy: () =>
          import('./components/LineageView').then(
            m => m.EntityDatasetLineageContent,
          ),
      },
    }),
  );

/**
 * What a change to a Dataset affects downstream, by organization: datasets,
 * owners, agreements and active grants.
 * @public
 */
export const EntityDatasetImpactCard: () => JSX.Element | null =
  datapactPlugin.provide(
    createComponentExtension({
      name: 'EntityDatasetImpactCard',
      component: {
        lazy: () =>
          import('./components/ImpactCard').then(
            m => m.EntityDatasetImpactCard,
          ),
      },
    }),
  );
