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
