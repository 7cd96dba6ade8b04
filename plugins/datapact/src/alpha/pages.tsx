import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { rootRouteRef } from '../routes';

/**
 * The steward inbox, "Data access", in the sidebar: its title and icon make
 * its navigation item.
 */
export const dataAccessPage = PageBlueprint.make({
  params: {
    path: '/data-access',
    title: 'Data access',
    icon: <LockOpenIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/DataAccessPage').then(m => (
        <m.DataAccessPage header={false} />
      )),
  },
});
