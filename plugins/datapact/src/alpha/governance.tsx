import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import PolicyIcon from '@material-ui/icons/Policy';
import { governanceRouteRef } from '../routes';

/** The governance findings of a Dataset or an Agreement, on its page. */
export const findingsCard = EntityCardBlueprint.make({
  name: 'findings',
  params: {
    filter: { kind: { $in: ['dataset', 'agreement'] } },
    type: 'content',
    loader: () =>
      import('../components/FindingsCard').then(m => <m.EntityFindingsCard />),
  },
});

/**
 * The governance dashboard, "Governance", in the sidebar: its title and icon
 * make its navigation item.
 */
export const governancePage = PageBlueprint.make({
  name: 'governance',
  params: {
    path: '/governance',
    title: 'Governance',
    icon: <PolicyIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(governanceRouteRef),
    loader: () =>
      import('../components/GovernancePage').then(m => (
        <m.GovernancePage header={false} />
      )),
  },
});
