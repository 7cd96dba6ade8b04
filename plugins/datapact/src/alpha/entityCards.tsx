import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/*
 * Entity page cards, each shown for one kind only. The components are the
 * ones the legacy wiring (../plugin.ts) lazy-loads too.
 */

export const datasetOverviewCard = EntityCardBlueprint.make({
  name: 'dataset-overview',
  params: {
    filter: 'kind:dataset',
    type: 'content',
    loader: () =>
      import('../components/DatasetOverviewCard').then(m => (
        <m.EntityDatasetOverviewCard />
      )),
  },
});

export const datasetAccessCard = EntityCardBlueprint.make({
  name: 'dataset-access',
  params: {
    filter: 'kind:dataset',
    type: 'content',
    loader: () =>
      import('../components/DatasetAccessCard').then(m => (
        <m.EntityDatasetAccessCard />
      )),
  },
});

export const datasetSchemaCard = EntityCardBlueprint.make({
  name: 'dataset-schema',
  params: {
    filter: 'kind:dataset',
    type: 'content',
    loader: () =>
      import('../components/DatasetSchemaCard').then(m => (
        <m.EntityDatasetSchemaCard />
      )),
  },
});

export const agreementOverviewCard = EntityCardBlueprint.make({
  name: 'agreement-overview',
  params: {
    filter: 'kind:agreement',
    type: 'content',
    loader: () =>
      import('../components/AgreementOverviewCard').then(m => (
        <m.EntityAgreementOverviewCard />
      )),
  },
});

export const stewardOverviewCard = EntityCardBlueprint.make({
  name: 'steward-overview',
  params: {
    filter: 'kind:steward',
    type: 'content',
    loader: () =>
      import('../components/StewardOverviewCard').then(m => (
        <m.EntityStewardOverviewCard />
      )),
  },
});

export const stewardDecisionsCard = EntityCardBlueprint.make({
  name: 'steward-decisions',
  params: {
    filter: 'kind:steward',
    type: 'content',
    loader: () =>
      import('../components/StewardDecisionsCard').then(m => (
        <m.EntityStewardDecisionsCard />
      )),
  },
});
