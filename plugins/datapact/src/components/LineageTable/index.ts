export { LineageTable } from './LineageTable';
export type { LineageTableProps } from './LineageTable';
