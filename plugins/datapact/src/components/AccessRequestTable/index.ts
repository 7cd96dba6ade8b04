export { AccessRequestTable } from './AccessRequestTable';
export type { AccessRequestTableProps } from './AccessRequestTable';
