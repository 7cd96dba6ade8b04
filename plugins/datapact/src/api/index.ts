export { datapactApiRef } from './DatapactApi';
export type { DatapactApi } from './DatapactApi';
export type {
  AccessTermsQuery,
  DatasetImpact,
  EligibilityQuery,
  ImpactGrant,
  LineageQuery,
} from './DatapactApi';
export { DatapactClient } from './DatapactClient';
export { DatapactApiError } from './DatapactApiError';
