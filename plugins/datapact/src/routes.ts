import { createRouteRef } from '@backstage/core-plugin-api';

/** The steward inbox, "Data access". */
export const rootRouteRef = createRouteRef({ id: 'datapact' });
