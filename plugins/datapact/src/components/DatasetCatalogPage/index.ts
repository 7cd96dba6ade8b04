export { DatasetCatalogPage } from './DatasetCatalogPage';
