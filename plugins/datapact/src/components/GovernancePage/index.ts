export { GovernanceContent, GovernancePage } from './GovernancePage';
