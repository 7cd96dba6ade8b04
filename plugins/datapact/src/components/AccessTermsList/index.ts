export { AccessTermsList } from './AccessTermsList';
