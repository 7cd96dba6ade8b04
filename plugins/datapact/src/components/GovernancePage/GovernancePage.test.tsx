import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  AgreementEntityV1alpha1,
  DatasetEntityV1alpha1,
  FindingsReport,
  FindingsSummary,
  ListGrantsQuery,
} from '@datapact/backstage-plugin-common';
import { DateTime } from 'luxon';
import {
  agreement,
  catalogEntities,
  DATASET_REF,
  fakeDatapactApi,
  grant,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { GovernancePage } from './GovernancePage';

const day = (offset: number) =>
  DateTime.utc().plus({ days: offset }).toISODate()!;

const universityDataset = (
  name: string,
  tier: string,
): DatasetEntityV1alpha1 => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'table',
    owner: 'group:default/uni-epidemiology',
    sensitivity: { tier },
  },
});

const endingIn = (name: string, days: number): AgreementEntityV1alpha1 => ({
  ...agreement,
  metadata: { name, namespace: 'default' },
  spec: { ...agreement.spec, effective: { from: day(-100), until: day(days) } },
});

// The test slice (clinic-visits-2024 with two stewards; hospital-uni-dsa
// ending in 10 days; an agreement expired 30 days ago) plus two university
// datasets without stewards and two agreements ending later.
const catalog: Entity[] = [
  ...catalogEntities,
  universityDataset('uni-cohort-contacts', 'confidential'),
  universityDataset('uni-open-statistics', 'public'),
  endingIn('coop-uni-dua', 45),
  endingIn('hospital-uni-genomics', 80),
];

const UNI = 'group:default/northbridge-university';
const HOSPITAL = 'group:default/st-mary-hospital';

const problems: FindingsReport['problems'] = [
  {
    rule: 'agreement-coverage',
    severity: 'warning',
    entities: ['agreement:default/hospital-uni-dsa', DATASET_REF],
    message:
      '`hospital-uni-dsa` expires in 10 days; renew it or plan for the data it covers to stop flowing.',
    organization: HOSPITAL,
  },
  {
    rule: 'retention',
    severity: 'error',
    entities: [
      'dataset:default/uni-mobility-health-panel',
      'dataset:default/riverside-trips-by-area-daily',
      'agreement:default/coop-uni-dua',
    ],
    message:
      '`uni-mobility-health-panel` keeps data for P10Y, but `coop-uni-dua`, which covers `riverside-trips-by-area-daily`, allows P2Y; shorten `retention.period` to P2Y or less.',
    organization: UNI,
  },
  {
    rule: 'stewardship',
    severity: 'error',
    entities: ['dataset:default/uni-cohort-contacts'],
    message:
      '`uni-cohort-contacts` is `confidential` but has no steward; name at least one in `spec.stewards`.',
    organization: UNI,
  },
];

const computedAt = new Date().toISOString();
const today = computedAt.slice(0, 10);

const summary: FindingsSummary = {
  computedAt,
  today,
  entities: 73,
  total: 3,
  bySeverity: { error: 2, warning: 1 },
  byRule: {
    retention: { error: 1 },
    stewardship: { error: 1 },
    'agreement-coverage': { warning: 1 },
  },
  byOrganization: { [UNI]: { error: 2 }, [HOSPITAL]: { warning: 1 } },
};

const sweptGrant = grant({
  id: 'g4',
  dataset: 'dataset:default/riverside-od-travel-times',
  user: 'user:default/mei.tanaka',
  purpose: 'service-planning',
  state: 'revoked',
  revokedAt: '2026-12-16T00:05:00.000Z',
  revokedBy: 'plugin:datapact',
  revokeCause: 'agreement',
  revokeReason: 'Agreement riverside-hospital-travel-dua ended on 2026-12-15.',
});

function api() {
  return fakeDatapactApi({
    getFindingsSummary: jest.fn().mockResolvedValue(summary),
    getFindings: jest
      .fn()
      .mockResolvedValue({ entities: 73, problems, computedAt, today }),
    listGrants: jest.fn(async (query?: ListGrantsQuery) => ({
      items: query?.endedBySweep
        ? [sweptGrant]
        : [
            grant({ id: 'g1', user: 'user:default/tomas.novak' }),
            grant({
              id: 'g2',
              user: 'user:default/priya.raman',
              expiresAt: '2026-12-20T10:00:00.000Z',
            }),
            grant({
              id: 'g3',
              dataset: 'dataset:default/uni-open-statistics',
              user: 'user:default/priya.raman',
            }),
          ],
    })),
  });
}

/** The table whose toolbar says `title`, with its toolbar. */
async function table(title: RegExp) {
  let element = (await screen.findByText(title)).parentElement;
  while (element && !element.querySelector('table')) {
    element = element.parentElement;
  }
  return element!;
}

const rowOf = (container: HTMLElement, text: string | RegExp) =>
  within(container)
    .getAllByRole('row')
    .find(r => within(r).queryByText(text)) as HTMLElement;

describe('GovernancePage', () => {
  it('counts the findings by rule and by organization', async () => {
    const fake = api();
    await renderWithApis(<GovernancePage />, { api: fake, catalog });
    expect(await screen.findByTestId('findings-summary')).toHaveTextContent(
      '3 findings (2 errors, 1 warning) over 73 catalog entities',
    );
    const byRule = await table(/^Findings by rule$/);
    expect(rowOf(byRule, 'Retention')).toHaveTextContent(/Retention.*10/);
    expect(rowOf(byRule, 'Agreement coverage')).toHaveTextContent(
      /Agreement coverage.*01/,
    );
    const byOrganization = await table(/^Findings by organization$/);
    expect(within(byOrganization).getAllByRole('link')).toHaveLength(2);
    expect(
      within(byOrganization)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/group/northbridge-university',
      '/catalog/default/group/st-mary-hospital',
    ]);
    expect(
      rowOf(byOrganization, /northbridge-university|Northbridge/),
    ).toHaveTextContent(/20/);
  });

  it('lists the agreements ending within 30, 60 and 90 days', async () => {
    await renderWithApis(<GovernancePage />, { api: api(), catalog });
    const horizons = await screen.findByRole('group', {
      name: 'Ending within',
    });
    expect(
      within(horizons).getByRole('button', { name: '30 days (1)' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      within(horizons).getByRole('button', { name: '60 days (2)' }),
    ).toBeInTheDocument();
    let agreements = await table(/^Agreements ending within 30 days$/);
    const hrefs = () =>
      within(agreements)
        .getAllByRole('link')
        .map(a => a.getAttribute('href'))
        .filter(h => h!.includes('/agreement/'));
    expect(hrefs()).toEqual(['/catalog/default/agreement/hospital-uni-dsa']);
    expect(within(agreements).getByText('active, 10 days left')).toBeVisible();

    await userEvent.click(
      within(horizons).getByRole('button', { name: '90 days (3)' }),
    );
    agreements = await table(/^Agreements ending within 90 days$/);
    expect(hrefs()).toEqual([
      '/catalog/default/agreement/hospital-uni-dsa',
      '/catalog/default/agreement/coop-uni-dua',
      '/catalog/default/agreement/hospital-uni-genomics',
    ]);
    // The expired agreement is not "ending"; it is mentioned apart.
    expect(
      screen.getByText(/1 agreement in the catalog has already expired/),
    ).toBeInTheDocument();
  });

  it('lists the datasets without stewards, those that break the rule first', async () => {
    await renderWithApis(<GovernancePage />, { api: api(), catalog });
    const unstewarded = await table(/^Datasets without stewards \(2\)$/);
    expect(
      within(unstewarded).getByText(
        '1 of them sensitive: the stewardship rule requires one',
      ),
    ).toBeInTheDocument();
    const [, first, second] = within(unstewarded).getAllByRole('row');
    expect(first).toHaveTextContent(/uni-cohort-contacts.*confidential.*error/);
    expect(second).toHaveTextContent(/uni-open-statistics.*public.*advised/);
    expect(
      within(unstewarded).queryByText(/clinic-visits-2024/),
    ).not.toBeInTheDocument();
  });

  it('lists the sensitive datasets with open grants that the viewer may see', async () => {
    const fake = api();
    await renderWithApis(<GovernancePage />, { api: fake, catalog });
    const grants = await table(/^Sensitive datasets with open grants \(1\)$/);
    expect(fake.listGrants).toHaveBeenCalledWith({
      active: true,
      limit: 200,
      cursor: undefined,
    });
    const [, row] = within(grants).getAllByRole('row');
    expect(row).toHaveTextContent(/clinic-visits-2024.*restricted.*2/);
    expect(
      within(row)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/dataset/clinic-visits-2024',
      '/catalog/default/user/tomas.novak',
      '/catalog/default/user/priya.raman',
    ]);
    // A grant on public data is not listed.
    expect(
      within(grants).queryByText(/uni-open-statistics/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/Only the grants you may read are counted/),
    ).toBeInTheDocument();
  });

  it('lists the grants the lifecycle sweep ended, with their cause', async () => {
    const fake = api();
    await renderWithApis(<GovernancePage />, { api: fake, catalog });
    const swept = await table(/^Access ended by the lifecycle sweep \(1\)$/);
    expect(fake.listGrants).toHaveBeenCalledWith({
      endedBySweep: true,
      limit: 50,
    });
    const row = rowOf(swept, /riverside-od-travel-times/);
    expect(row).toHaveTextContent(
      'its agreement ended or no longer covers the data',
    );
    expect(row).toHaveTextContent(
      'Agreement riverside-hospital-travel-dua ended on 2026-12-15.',
    );
  });

  it('lists every finding, errors first, with filters by rule, severity and organization', async () => {
    await renderWithApis(<GovernancePage />, { api: api(), catalog });
    const list = await table(/^All findings \(3\)$/);
    const messages = () =>
      within(list)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent);
    expect(messages()).toEqual([
      expect.stringMatching(/^error.*Retention.*uni-mobility-health-panel/),
      expect.stringMatching(/^error.*Stewardship.*uni-cohort-contacts/),
      expect.stringMatching(/^warning.*Agreement coverage.*hospital-uni-dsa/),
    ]);

    await userEvent.selectOptions(screen.getByLabelText('Rule'), 'retention');
    expect(screen.getByText('Findings (1 of 3)')).toBeInTheDocument();
    expect(messages()).toEqual([
      expect.stringContaining(
        'keeps data for P10Y, but coop-uni-dua, which covers riverside-trips-by-area-daily, allows P2Y; shorten retention.period to P2Y or less.',
      ),
    ]);

    await userEvent.selectOptions(screen.getByLabelText('Rule'), '');
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'warning');
    expect(messages()).toEqual([
      expect.stringMatching(/^warning.*hospital-uni-dsa/),
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'error');
    await userEvent.selectOptions(
      screen.getByLabelText('Organization'),
      HOSPITAL,
    );
    expect(
      within(list).getByText('No finding matches these filters.'),
    ).toBeInTheDocument();
    // Four filter changes re-render the whole dashboard: slow on a loaded machine.
  }, 20_000);

  it("filters the list to a rule or an organization from the counts' rows", async () => {
    await renderWithApis(<GovernancePage />, { api: api(), catalog });
    const byOrganization = await table(/^Findings by organization$/);
    await userEvent.click(
      within(byOrganization).getByRole('button', {
        name: `Show the findings of ${HOSPITAL}`,
      }),
    );
    expect(await screen.findByText('Findings (1 of 3)')).toBeInTheDocument();
    const byRule = await table(/^Findings by rule$/);
    await userEvent.click(
      within(byRule).getByRole('button', {
        name: 'Show the findings of stewardship',
      }),
    );
    // Choosing a rule starts a new selection: the organization filter goes.
    await waitFor(() =>
      expect(screen.getByText('Findings (1 of 3)')).toBeInTheDocument(),
    );
    const list = await table(/^Findings \(1 of 3\)$/);
    expect(list).toHaveTextContent('uni-cohort-contacts');
  }, 20_000);

  it("shows the server's refusal of the findings, and the catalog sections still", async () => {
    const fake = api();
    fake.getFindings.mockRejectedValue(
      new Error('Not allowed to read findings'),
    );
    await renderWithApis(<GovernancePage />, { api: fake, catalog });
    expect(
      await screen.findByText('Findings: Not allowed to read findings'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/^Datasets without stewards/),
    ).toBeInTheDocument();
  });
});
