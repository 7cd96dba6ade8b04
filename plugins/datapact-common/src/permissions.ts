import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of access requests. A grant belongs to the request that
 * produced it, so permissions on grants use this resource type too.
 * @public
 */
export const DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE = 'datapact-access-request';

/**
 * Create an access request. The server still applies the rules of DESIGN.md
 * (requestable, purpose, agreement, duration) whatever the policy says.
 * @public
 */
export const accessRequestCreatePermission = createPermission({
  name: 'datapact.access-request.create',
  attributes: { action: 'create' },
});

/**
 * Read an access request, its decisions and its grant; also filters the
 * lists of requests and grants.
 * @public
 */
export const accessRequestReadPermission = createPermission({
  name: 'datapact.access-request.read',
  attributes: { action: 'read' },
  resourceType: DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE,
});

/**
 * Approve or deny an access request. The server also requires the user to be
 * an approver of the dataset (or a delegate) and not the requester.
 * @public
 */
export const accessRequestDecidePermission = createPermission({
  name: 'datapact.access-request.decide',
  attributes: { action: 'update' },
  resourceType: DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE,
});

/**
 * Cancel a pending access request. The server also requires the user to be
 * the requester.
 * @public
 */
export const accessRequestCancelPermission = createPermission({
  name: 'datapact.access-request.cancel',
  attributes: { action: 'update' },
  resourceType: DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE,
});

/**
 * Revoke the grant of an access request. The server also requires the user to
 * be an approver of the dataset (or a delegate).
 * @public
 */
export const grantRevokePermission = createPermission({
  name: 'datapact.grant.revoke',
  attributes: { action: 'update' },
  resourceType: DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE,
});

/**
 * Read the audit entries of an access request and of its grant; filters
 * `GET /audit`. Verifying the hash chain (counts and head hash, no contents)
 * needs no permission.
 * @public
 */
export const auditReadPermission = createPermission({
  name: 'datapact.audit.read',
  attributes: { action: 'read' },
  resourceType: DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE,
});

/**
 * Read governance findings over the whole catalog (they name datasets across
 * organizations, as evaluated with the plugin's own credentials).
 * @public
 */
export const findingsReadPermission = createPermission({
  name: 'datapact.findings.read',
  attributes: { action: 'read' },
});

/**
 * Every Datapact permission, for registration and for policies.
 * @public
 */
export const datapactPermissions = [
  accessRequestCreatePermission,
  accessRequestReadPermission,
  accessRequestDecidePermission,
  accessRequestCancelPermission,
  grantRevokePermission,
  auditReadPermission,
  findingsReadPermission,
];
