import { DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE } from '@datapact/backstage-plugin-common';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';

/**
 * An access request as permission rules see it.
 * @public
 */
export interface AccessRequestResource {
  id: string;
  dataset: string;
  requester: string;
  tier: string;
  /**
   * Users and groups that could decide the request when it was made: the
   * holders of the dataset's approver stewards and of their delegates.
   */
  deciders: string[];
}

/**
 * A filter on stored access requests that a rule translates to.
 * @public
 */
export interface AccessRequestQuery {
  key: 'requester' | 'decider' | 'tier';
  values: string[];
}

/**
 * The resource ref of Datapact access requests, for conditional permissions.
 * @public
 */
export const accessRequestResourceRef = createPermissionResourceRef<
  AccessRequestResource,
  AccessRequestQuery
>().with({
  pluginId: 'datapact',
  resourceType: DATAPACT_ACCESS_REQUEST_RESOURCE_TYPE,
});
