/** The fields lineage reads of a group: what names a dataset's organization. */
export const GROUP_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.type',
  'spec.parent',
];

/** The fields lineage reads of a dataset: only what a node shows and the walk follows. */
export const DATASET_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
  'spec.lifecycle',
  'spec.sensitivity.tier',
  'spec.license.spdx',
  'spec.lineage',
  'spec.provenance.organization',
  'relations',
];
