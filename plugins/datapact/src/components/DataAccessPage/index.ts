export { DataAccessContent, DataAccessPage } from './DataAccessPage';
