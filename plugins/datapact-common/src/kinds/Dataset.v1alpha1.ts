import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import schema from './Dataset.v1alpha1.schema.json';

/** @public */
export const DATAPACT_API_VERSION = 'datapact.io/v1alpha1';

/** @public */
export type DatasetType =
  | 'table'
  | 'file'
  | 'stream'
  | 'api'
  | 'model'
  | 'document'
  | 'other';

/** @public */
export type PersonalDataClass =
  | 'none'
  | 'aggregated'
  | 'pseudonymized'
  | 'identified';

/** @public */
export type LegalBasis =
  | 'consent'
  | 'contract'
  | 'legal-obligation'
  | 'vital-interest'
  | 'public-task'
  | 'legitimate-interest';

/** @public */
export type LicenseTerms = {
  permissions?: string[];
  prohibitions?: string[];
  duties?: string[];
};

/**
 * A Dataset: data an organization registers so others can find, understand
 * and request it.
 * @public
 */
export interface DatasetEntityV1alpha1 extends Entity {
  apiVersion: typeof DATAPACT_API_VERSION;
  kind: 'Dataset';
  spec: {
    type: DatasetType;
    lifecycle?: 'experimental' | 'production' | 'deprecated';
    owner: string;
    stewards?: string[];
    system?: string;
    sensitivity: {
      /** A tier of the configured scale; by default public, internal, confidential or restricted. */
      tier: string;
      personalData?: PersonalDataClass;
      specialCategories?: string[];
      deidentification?: {
        method: string;
        parameters?: JsonObject;
      };
    };
    schema?: {
      format?: string;
      fields?: Array<{
        name: string;
        type?: string;
        description?: string;
        classification?: string[];
      }>;
    };
    license?: {
      spdx: string;
      url?: string;
      attribution?: string;
      terms?: LicenseTerms;
    };
    lineage?: {
      upstream?: Array<{ dataset: string; transformation?: string }>;
    };
    agreements?: string[];
    access?: {
      requestable?: boolean;
      approvers?: string[];
      approvalsRequired?: number;
      maxDuration?: string;
      allowedPurposes?: string[];
    };
    retention?: { period: string; disposal?: string };
    provenance?: {
      organization?: string;
      legalBasis?: LegalBasis;
      collectedFrom?: string;
    };
    community?: {
      name: string;
      steward?: string;
      labels?: string[];
      vetoOn?: string[];
      /** `required`: requests for this data, or data derived from it, need the community steward's approval. */
      consent?: 'required' | 'not-required';
    };
    location?: {
      /** Where the data is stored and processed: an ISO 3166-1 alpha-2 code, or `EU` or `EEA`. */
      jurisdiction?: string;
    };
  };
}

/** The Dataset JSON schema, with the default sensitivity scale. @public */
export const datasetEntityV1alpha1Schema = schema;

/** @public */
export function isDatasetEntity(
  entity: Entity,
): entity is DatasetEntityV1alpha1 {
  return (
    entity.apiVersion === DATAPACT_API_VERSION && entity.kind === 'Dataset'
  );
}
