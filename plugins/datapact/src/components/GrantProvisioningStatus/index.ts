export { GrantProvisioningStatus } from './GrantProvisioningStatus';
