import { Entity } from '@backstage/catalog-model';
import { Grant } from '@datapact/backstage-plugin-common';

/** A Dataset entity with the given annotations. */
export function datasetEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'datapact.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

/** A User entity with the given annotations. */
export function userEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

let grants = 0;

/** An active grant of a dataset to a user. */
export function grantOf(dataset: Entity, user: Entity): Grant {
  grants += 1;
  return {
    id: `grant-${grants}`,
    requestId: `request-${grants}`,
    dataset: `dataset:default/${dataset.metadata.name}`,
    user: `user:default/${user.metadata.name}`,
    purpose: 'research',
    grantedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-04-01T00:00:00.000Z',
    expiresBecause: 'duration',
    state: 'active',
  };
}
