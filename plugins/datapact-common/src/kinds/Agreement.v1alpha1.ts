import { Entity } from '@backstage/catalog-model';
import schema from './Agreement.v1alpha1.schema.json';
import { DATAPACT_API_VERSION } from './Dataset.v1alpha1';

/** @public */
export type AgreementType =
  | 'data-sharing'
  | 'data-use'
  | 'data-processing'
  | 'licence'
  | 'memorandum';

/**
 * An Agreement: the terms under which organizations share data.
 * @public
 */
export interface AgreementEntityV1alpha1 extends Entity {
  apiVersion: typeof DATAPACT_API_VERSION;
  kind: 'Agreement';
  spec: {
    type: AgreementType;
    owner: string;
    parties: Array<{ party: string; role: string }>;
    datasets?: string[];
    purposes?: string[];
    effective: { from: string; until?: string };
    terms?: {
      retention?: string;
      onwardTransfer?: 'prohibited' | 'with-approval' | 'allowed';
      deidentificationRequired?: boolean;
      breachNotificationHours?: number;
      jurisdictions?: string[];
      derivedWorks?: { owner?: string; commercialization?: string };
    };
    document?: string;
    stewards?: string[];
  };
}

/** @public */
export const agreementEntityV1alpha1Schema = schema;

/** @public */
export function isAgreementEntity(
  entity: Entity,
): entity is AgreementEntityV1alpha1 {
  return (
    entity.apiVersion === DATAPACT_API_VERSION && entity.kind === 'Agreement'
  );
}
