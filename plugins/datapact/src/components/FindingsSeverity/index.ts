export { FindingsSeverity } from './FindingsSeverity';
