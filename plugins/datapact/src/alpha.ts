/**
 * Datapact's portal for Backstage's new frontend system: the plugin (the
 * default export, found by `app.packages: all`) and a catalog module that adds
 * Dataset columns to the catalog list.
 *
 * @packageDocumentation
 */
import { datapactPlugin } from './alpha/plugin';

export { datapactPlugin };
export { datapactCatalogModule } from './alpha/catalogModule';
export default datapactPlugin;
