export { GovernanceSweptGrants } from './GovernanceSweptGrants';
