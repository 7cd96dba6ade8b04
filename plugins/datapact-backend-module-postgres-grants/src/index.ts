/**
 * A Datapact backend module that turns access grants into real `SELECT`
 * privileges on PostgreSQL tables, takes them back when grants end, and
 * reports the privileges the tables really hold for reconciliation.
 *
 * @packageDocumentation
 */
export { datapactModulePostgresGrants as default } from './module';
export { PostgresGrantProvisioner } from './PostgresGrantProvisioner';
export type { PostgresGrantsOptions, TargetConnection } from './config';
export {
  POSTGRES_COLUMNS_ANNOTATION,
  POSTGRES_TABLE_ANNOTATION,
} from './tableLocation';
export { POSTGRES_ROLE_ANNOTATION } from './roleMapping';
