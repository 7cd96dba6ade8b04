export { GrantEnding } from './GrantEnding';
