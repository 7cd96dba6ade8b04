export { GovernanceCountsTable } from './GovernanceCountsTable';
export type { GovernanceCountsRow } from './GovernanceCountsTable';
