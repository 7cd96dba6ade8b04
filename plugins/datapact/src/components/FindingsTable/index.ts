export { FindingsTable, matchesFindingsFilters } from './FindingsTable';
export type { FindingsFilters } from './FindingsTable';
