import { screen, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import { fakeDatapactApi } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { DatasetImpact } from '../../api';
import { groupImpactByOrganization, ImpactCard } from './ImpactCard';

const ds = (name: string) => `dataset:default/${name}`;
const group = (name: string) => `group:default/${name}`;
const inDays = (days: number) => DateTime.utc().plus({ days }).toISO()!;

/** Downstream of the cooperative's trips by area: three datasets, two organizations. */
const impact: DatasetImpact = {
  root: ds('riverside-trips-by-area-daily'),
  datasets: [
    {
      ref: ds('riverside-mobility-dashboard-public'),
      title: 'Mobility dashboard',
      tier: 'public',
      license: 'CC-BY-4.0',
      owner: group('coop-data-platform'),
      organization: group('riverside-mobility-cooperative'),
    },
    {
      ref: ds('uni-mobility-health-panel'),
      title: 'Mobility and health panel',
      tier: 'confidential',
      license: 'CC-BY-NC-4.0',
      owner: group('population-health-lab'),
      organization: group('northbridge-university'),
    },
    {
      ref: ds('ed-respiratory-traffic-linked'),
      title: 'ED respiratory and traffic, linked',
      tier: 'restricted',
      owner: group('uni-epidemiology'),
      organization: group('northbridge-university'),
    },
  ],
  owners: [
    group('coop-data-platform'),
    group('population-health-lab'),
    group('uni-epidemiology'),
  ],
  organizations: [
    group('northbridge-university'),
    group('riverside-mobility-cooperative'),
  ],
  agreements: [
    {
      ref: 'agreement:default/coop-uni-dua',
      title: 'Cooperative–University data-use agreement',
      datasets: [
        ds('riverside-trips-by-area-daily'),
        ds('ed-respiratory-traffic-linked'),
      ],
    },
    {
      ref: 'agreement:default/coop-members-terms',
      title: 'Members terms',
      datasets: [ds('riverside-trips-by-area-daily')],
    },
  ],
  grants: [
    {
      id: 'g1',
      dataset: ds('uni-mobility-health-panel'),
      user: 'user:default/tomas.novak',
      expiresAt: inDays(20),
    },
  ],
  truncated: false,
};

describe('groupImpactByOrganization', () => {
  it('puts datasets, owners, agreements and grants under their organization', () => {
    const groups = groupImpactByOrganization(impact);
    expect(groups.map(g => g.organization)).toEqual([
      group('northbridge-university'),
      group('riverside-mobility-cooperative'),
    ]);
    const [university, coop] = groups;
    expect(university.datasets.map(d => d.title)).toEqual([
      'ED respiratory and traffic, linked',
      'Mobility and health panel',
    ]);
    expect(university.owners).toEqual([
      group('population-health-lab'),
      group('uni-epidemiology'),
    ]);
    expect(university.agreements.map(a => a.ref)).toEqual([
      'agreement:default/coop-uni-dua',
    ]);
    expect(university.grants.map(g => g.id)).toEqual(['g1']);
    expect(coop.datasets).toHaveLength(1);
    expect(coop.agreements).toEqual([]);
    expect(coop.grants).toEqual([]);
  });
});

describe('ImpactCard', () => {
  it('lists what a change affects, grouped by organization', async () => {
    const api = fakeDatapactApi({
      getImpact: jest.fn().mockResolvedValue(impact),
    });
    await renderWithApis(<ImpactCard entityRef={impact.root} />, { api });
    expect(await screen.findByTestId('impact-summary')).toHaveTextContent(
      'Changing or withdrawing this dataset affects 3 datasets downstream in 2 organizations, owned by 3 owners, under 2 agreements, with 1 active grant.',
    );
    expect(api.getImpact).toHaveBeenCalledWith(impact.root);

    const sections = screen.getAllByTestId('impact-organization');
    expect(sections).toHaveLength(2);
    const university = screen.getByRole('region', {
      name: 'Affected in northbridge-university',
    });
    expect(within(university).getByText('2 datasets')).toBeInTheDocument();
    expect(
      within(university).getByRole('link', {
        name: /Mobility and health panel/,
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataset/uni-mobility-health-panel',
    );
    expect(
      within(university).getByText('Cooperative–University data-use agreement'),
    ).toBeInTheDocument();
    const grants = within(university).getByRole('table', {
      name: 'Active grants on affected datasets',
    });
    expect(within(grants).getByText(/tomas\.novak/)).toBeInTheDocument();
    expect(
      within(grants).getByText(/in 2\d days|in 19 days/),
    ).toBeInTheDocument();

    const coop = screen.getByRole('region', {
      name: 'Affected in riverside-mobility-cooperative',
    });
    expect(within(coop).getByText('1 dataset')).toBeInTheDocument();
    expect(within(coop).getByText('Mobility dashboard')).toBeInTheDocument();
    expect(
      within(coop).queryByRole('table', {
        name: 'Active grants on affected datasets',
      }),
    ).not.toBeInTheDocument();
    // The root's own agreement, which no affected dataset shares.
    expect(screen.getByText('Members terms')).toBeInTheDocument();
  });

  it('says so when nothing is derived from the dataset', async () => {
    const api = fakeDatapactApi({
      getImpact: jest.fn().mockResolvedValue({
        ...impact,
        datasets: [],
        owners: [],
        organizations: [],
        agreements: [],
        grants: [],
        truncated: true,
      }),
    });
    await renderWithApis(<ImpactCard entityRef={impact.root} />, { api });
    expect(
      await screen.findByText(/Nothing is derived from this dataset/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('impact-organization')).not.toBeInTheDocument();
    expect(screen.getByText(/the lists below are/)).toBeInTheDocument();
  });
});
