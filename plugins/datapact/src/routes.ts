import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The steward inbox, "Data access".
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'datapact' });

/**
 * The governance dashboard.
 * @public
 */
export const governanceRouteRef = createRouteRef({
  id: 'datapact.governance',
});
