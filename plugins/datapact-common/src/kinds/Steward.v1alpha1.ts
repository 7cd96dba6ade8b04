import { Entity } from '@backstage/catalog-model';
import schema from './Steward.v1alpha1.schema.json';
import { DATAPACT_API_VERSION } from './Dataset.v1alpha1';

/**
 * A Steward: the role that answers for how data is used, held by a User or
 * by a Group whose members act as the steward.
 * @public
 */
export interface StewardEntityV1alpha1 extends Entity {
  apiVersion: typeof DATAPACT_API_VERSION;
  kind: 'Steward';
  spec: {
    holder: string;
    organization?: string;
    domains?: string[];
    delegates?: string[];
    contact?: { email?: string };
  };
}

/** @public */
export const stewardEntityV1alpha1Schema = schema;

/** @public */
export function isStewardEntity(
  entity: Entity,
): entity is StewardEntityV1alpha1 {
  return (
    entity.apiVersion === DATAPACT_API_VERSION && entity.kind === 'Steward'
  );
}
