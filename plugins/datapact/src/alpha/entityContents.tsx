import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** A Dataset's access history (the audit log), a tab of its page. */
export const datasetAccessHistoryContent = EntityContentBlueprint.make({
  name: 'dataset-access-history',
  params: {
    path: 'access-history',
    title: 'Access history',
    filter: 'kind:dataset',
    loader: () =>
      import('../components/DatasetAuditCard').then(m => (
        <m.EntityDatasetAuditCard />
      )),
  },
});
