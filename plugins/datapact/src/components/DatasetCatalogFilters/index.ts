export {
  DatasetLicensePicker,
  DatasetTierPicker,
} from './DatasetCatalogFilters';
