/**
 * The catalog backend module for Datapact: validates Dataset, Agreement and
 * Steward entities and emits their relations.
 *
 * @packageDocumentation
 */
export { catalogModuleDatapact as default } from './module';
export { DatapactEntitiesProcessor } from './DatapactEntitiesProcessor';
