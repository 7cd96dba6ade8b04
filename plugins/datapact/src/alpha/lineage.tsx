import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';

/** A Dataset's lineage (graph or table) and the impact of a change, a tab of its page. */
export const datasetLineageContent = EntityContentBlueprint.make({
  name: 'dataset-lineage',
  params: {
    path: 'lineage',
    title: 'Lineage',
    filter: 'kind:dataset',
    loader: () =>
      import('../components/LineageView').then(m => (
        <m.EntityDatasetLineageContent />
      )),
  },
});

/**
 * The impact of a change as a card of its own, for apps that want it on the
 * Dataset's overview too. Disabled by default: the Lineage tab shows it.
 */
export const datasetImpactCard = EntityCardBlueprint.make({
  name: 'dataset-impact',
  disabled: true,
  params: {
    filter: 'kind:dataset',
    type: 'content',
    loader: () =>
      import('../components/ImpactCard').then(m => (
        <m.EntityDatasetImpactCard />
      )),
  },
});
