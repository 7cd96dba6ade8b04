/**
 * The Datapact backend plugin: access requests, decisions, time-bound grants
 * and a hash-chained audit log, under /api/datapact.
 *
 * @packageDocumentation
 */
export { datapactPlugin as default } from './plugin';
export { datapactClockServiceRef, type Clock } from './clock';
export * from './deprecated';
