// The permission surface moved to @datapact/backstage-plugin-node, where other
// backend modules (an app's permission policy) import it without the backend
// plugin; these aliases keep the old imports working.
import {
  accessRequestResourceRef as nodeAccessRequestResourceRef,
  accessRequestRules as nodeAccessRequestRules,
  createDatapactAccessRequestConditionalDecision as nodeCreateDatapactAccessRequestConditionalDecision,
  datapactAccessRequestConditions as nodeDatapactAccessRequestConditions,
  DatapactPermissionPolicy as NodeDatapactPermissionPolicy,
  isDatapactPermission as nodeIsDatapactPermission,
  type AccessRequestQuery as NodeAccessRequestQuery,
  type AccessRequestResource as NodeAccessRequestResource,
  type DatapactPermissionPolicyOptions as NodeDatapactPermissionPolicyOptions,
} from '@datapact/backstage-plugin-node';

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export type AccessRequestResource = NodeAccessRequestResource;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export type AccessRequestQuery = NodeAccessRequestQuery;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export const accessRequestResourceRef = nodeAccessRequestResourceRef;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export const accessRequestRules = nodeAccessRequestRules;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export const datapactAccessRequestConditions =
  nodeDatapactAccessRequestConditions;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export const createDatapactAccessRequestConditionalDecision =
  nodeCreateDatapactAccessRequestConditionalDecision;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export type DatapactPermissionPolicyOptions =
  NodeDatapactPermissionPolicyOptions;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export const DatapactPermissionPolicy = NodeDatapactPermissionPolicy;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
// A class is a value and a type: the alias keeps both.
// eslint-disable-next-line @typescript-eslint/no-redeclare
export type DatapactPermissionPolicy = NodeDatapactPermissionPolicy;

/**
 * @public
 * @deprecated Import from `@datapact/backstage-plugin-node` instead.
 */
export const isDatapactPermission = nodeIsDatapactPermission;
