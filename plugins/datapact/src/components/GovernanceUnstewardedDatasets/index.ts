export { GovernanceUnstewardedDatasets } from './GovernanceUnstewardedDatasets';
