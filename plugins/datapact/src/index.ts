/**
 * Datapact's portal: Dataset, Agreement and Steward pages, the access-request
 * dialog, the steward inbox, and Dataset columns and filters for the
 * catalog. This entry point wires them for the legacy frontend system; the
 * new frontend system's plugin is the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export {
  datapactPlugin,
  DataAccessPage,
  GovernancePage,
  EntityAgreementOverviewCard,
  EntityDatasetAccessCard,
  EntityDatasetAuditContent,
  EntityDatasetImpactCard,
  EntityDatasetLineageContent,
  EntityDatasetOverviewCard,
  EntityDatasetSchemaCard,
  EntityFindingsCard,
  EntityStewardDecisionsCard,
  EntityStewardOverviewCard,
} from './plugin';
export {
  governanceRouteRef as datapactGovernanceRouteRef,
  rootRouteRef as datapactRouteRef,
} from './routes';
export * from './api';
export {
  createDatapactCatalogColumns,
  datapactCatalogColumns,
  datasetCatalogColumns,
} from './catalog/columns';
export {
  DatasetFieldFilter,
  DatasetLicenseFilter,
  DatasetTierFilter,
} from './catalog/filters';
export type { DatapactEntityFilters } from './catalog/filters';
export {
  DatasetLicensePicker,
  DatasetTierPicker,
} from './components/DatasetCatalogFilters';
