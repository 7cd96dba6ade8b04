/**
 * The Datapact backend plugin: access requests, decisions, time-bound grants
 * and a hash-chained audit log, under /api/datapact.
 *
 * @packageDocumentation
 */
export { datapactPlugin as default } from './plugin';
export { datapactClockServiceRef, type Clock } from './clock';
export {
  accessRequestResourceRef,
  type AccessRequestQuery,
  type AccessRequestResource,
} from './permissions/resource';
export { accessRequestRules } from './permissions/rules';
export {
  createDatapactAccessRequestConditionalDecision,
  datapactAccessRequestConditions,
} from './permissions/conditions';
export {
  DatapactPermissionPolicy,
  isDatapactPermission,
  type DatapactPermissionPolicyOptions,
} from './permissions/DatapactPermissionPolicy';
