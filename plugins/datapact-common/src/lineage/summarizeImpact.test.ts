import { Entity } from '@backstage/catalog-model';
import { summarizeImpact } from './summarizeImpact';

const graph = {
  root: 'dataset:default/raw',
  truncated: false,
  nodes: [
    {
      ref: 'dataset:default/raw',
      owner: 'group:default/team-a',
      organization: 'group:default/org-a',
    },
    {
      ref: 'dataset:default/clean',
      owner: 'group:default/team-a',
      organization: 'group:default/org-a',
    },
    {
      ref: 'dataset:default/linked',
      owner: 'group:default/team-b',
      organization: 'group:default/org-b',
    },
  ],
  edges: [
    { from: 'dataset:default/raw', to: 'dataset:default/clean' },
    { from: 'dataset:default/clean', to: 'dataset:default/linked' },
  ],
};

const agreement = (
  name: string,
  datasets: string[],
  governs: string[] = [],
): Entity => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Agreement',
  metadata: { name, title: name.toUpperCase() },
  spec: {
    type: 'data-sharing',
    owner: 'legal',
    parties: [],
    datasets,
    effective: { from: '2025-01-01' },
  },
  relations: governs.map(targetRef => ({ type: 'governs', targetRef })),
});

describe('summarizeImpact', () => {
  it('lists downstream datasets, their owners and organizations, and the agreements involved', () => {
    const summary = summarizeImpact(graph, [
      agreement('dsa', ['clean']),
      agreement('linked-by-dataset-side', [], ['dataset:default/linked']),
      agreement('unrelated', ['elsewhere']),
    ]);
    expect(summary.datasets.map(d => d.ref)).toEqual([
      'dataset:default/clean',
      'dataset:default/linked',
    ]);
    expect(summary.owners).toEqual([
      'group:default/team-a',
      'group:default/team-b',
    ]);
    expect(summary.organizations).toEqual([
      'group:default/org-a',
      'group:default/org-b',
    ]);
    expect(summary.agreements).toEqual([
      {
        ref: 'agreement:default/dsa',
        title: 'DSA',
        datasets: ['dataset:default/clean'],
      },
      {
        ref: 'agreement:default/linked-by-dataset-side',
        title: 'LINKED-BY-DATASET-SIDE',
        datasets: ['dataset:default/linked'],
      },
    ]);
  });

  it('includes agreements that govern the root itself', () => {
    expect(
      summarizeImpact(graph, [agreement('root-dsa', ['raw'])]).agreements[0]
        .datasets,
    ).toEqual(['dataset:default/raw']);
  });
});
