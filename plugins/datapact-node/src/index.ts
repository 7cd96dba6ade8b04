/**
 * Extension points of the Datapact backend for other backend modules.
 *
 * @packageDocumentation
 */
export {
  datapactGrantProvisionersExtensionPoint,
  type DatapactGrantProvisionersExtensionPoint,
  type GrantProvisioner,
  type InspectInput,
  type InspectResult,
  type ObservedPrivilege,
  type ProvisioningInput,
  type ProvisioningOutcome,
} from './grantProvisioners';
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
