import { createRouteRef } from '@backstage/core-plugin-api';

/** The steward inbox, "Data access". */
export const rootRouteRef = createRouteRef({ id: 'datapact' });

/** The governance dashboard. */
export const governanceRouteRef = createRouteRef({
  id: 'datapact.governance',
});
