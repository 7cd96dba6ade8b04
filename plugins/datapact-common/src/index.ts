/**
 * Datapact's entity kinds (Dataset, Agreement, Steward): JSON schemas, types,
 * validators, type guards and relations, shared by the catalog module, the
 * backend, the frontend and the command line.
 *
 * @packageDocumentation
 */
export * from './kinds/Dataset.v1alpha1';
export * from './kinds/Agreement.v1alpha1';
export * from './kinds/Steward.v1alpha1';
export * from './kinds/validator';
export type { EntityValidationProblem } from './kinds/validation';
export { isSpdxLicense } from './kinds/formats';
export {
  cappedMaxDuration,
  compareDurations,
  durationMillis,
  grantDurationProblem,
  isIsoDuration,
  MAX_DURATION_LENGTH,
  MAX_GRANT_DURATION,
} from './durations';
export * from './relations';
export * from './tiers';
export { buildEditorSchema } from './kinds/editorSchema';
export * from './governance/types';
export { evaluateGovernance } from './governance/evaluateGovernance';
export { EXPIRY_WARNING_DAYS, GovernanceWorld } from './governance/world';
export type { AgreementStatus } from './governance/world';
export { licenseProfile } from './governance/licenses';
export type { LicenseProfile } from './governance/licenses';
export {
  AgreementCoverage,
  CoveredDatasets,
  coverageOf,
  endsCoverage,
  termsCoverage,
} from './governance/coveredData';
export { accessTermsOf, bindingAgreements } from './governance/accessTerms';
export { onwardTransferOfRequest } from './governance/onwardTransfer';
export type { TransferApproval } from './governance/onwardTransfer';
export {
  communityLabelWords,
  licenseActionWords,
  onwardTransferWords,
  words,
} from './governance/vocabulary';
export {
  EEA_MEMBER_STATES,
  EU_MEMBER_STATES,
  isWithinJurisdictions,
} from './governance/regions';
export { checkAccessRequest } from './governance/accessRequest';
export type { AccessRequestCheck } from './governance/accessRequest';
export {
  checkAccessBasis,
  communitySources,
  consentStewardships,
  grantExpiry,
  vetoedPurposes,
} from './governance/accessBasis';
export type {
  AccessBasisCheck,
  AccessBasisProblem,
} from './governance/accessBasis';
export {
  approvalsRequired,
  approverRefs,
  isSensitiveTier,
} from './governance/stewardship';
export * from './permissions';
export * from './api';
export type {
  components as DatapactApiComponents,
  operations as DatapactApiOperations,
  paths as DatapactApiPaths,
} from './schema/openapi.generated';
export * from './lineage/types';
export { traverseLineage } from './lineage/traverseLineage';
export type { LineageSource, LineageOptions } from './lineage/traverseLineage';
export { summarizeImpact } from './lineage/summarizeImpact';
export type {
  DatasetImpact,
  ImpactGrant,
  ImpactSummary,
} from './lineage/summarizeImpact';
