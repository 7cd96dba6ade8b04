export { GrantTable } from './GrantTable';
