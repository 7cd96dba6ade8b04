export { GovernanceSensitiveGrants } from './GovernanceSensitiveGrants';
