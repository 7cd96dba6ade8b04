/**
 * The permission backend module for Datapact: a policy that decides Datapact
 * permissions with Datapact's rules and every other permission with a
 * fallback policy an app may set (allow by default).
 *
 * @packageDocumentation
 */
export { permissionModuleDatapactPolicy as default } from './module';
export {
  datapactPolicyExtensionPoint,
  type DatapactPolicyExtensionPoint,
} from './extensionPoint';
