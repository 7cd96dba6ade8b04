import { screen, within } from '@testing-library/react';
import { FindingsReport } from '@datapact/backstage-plugin-common';
import {
  agreement,
  anaRuiz,
  dataset,
  fakeDatapactApi,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityFindingsCard } from './FindingsCard';

const DATASET = 'dataset:default/clinic-visits-2024';
const AGREEMENT = 'agreement:default/hospital-uni-dsa';

/** Two findings as the server words them: an error about the dataset, a warning about its agreement. */
function report(problems: FindingsReport['problems']): FindingsReport {
  return {
    entities: 73,
    problems,
    computedAt: new Date().toISOString(),
    today: new Date().toISOString().slice(0, 10),
  };
}

const retention = {
  rule: 'retention' as const,
  severity: 'error' as const,
  entities: [DATASET, 'dataset:default/raw-visits', AGREEMENT],
  message:
    '`clinic-visits-2024` keeps data for P10Y, but `hospital-uni-dsa`, which covers `raw-visits`, allows P2Y; shorten `retention.period` to P2Y or less.',
  organization: 'group:default/st-mary-hospital',
};

const expiring = {
  rule: 'agreement-coverage' as const,
  severity: 'warning' as const,
  entities: [AGREEMENT, DATASET],
  message:
    '`hospital-uni-dsa` expires on 2026-12-15 (in 16 days); renew it or plan for the data it covers to stop flowing.',
  organization: 'group:default/st-mary-hospital',
};

describe('FindingsCard', () => {
  it("shows a dataset's findings: what is wrong and what to change, why it matters, and the entities involved", async () => {
    const api = fakeDatapactApi({
      getFindings: jest.fn().mockResolvedValue(report([expiring, retention])),
    });
    await renderWithApis(<EntityFindingsCard />, { entity: dataset, api });

    expect(await screen.findByText('Governance findings')).toBeInTheDocument();
    expect(api.getFindings).toHaveBeenCalledWith(DATASET);
    expect(screen.getByText('1 error, 1 warning')).toBeInTheDocument();

    const [first, second] = screen.getAllByTestId('finding');
    // Errors first.
    expect(first).toHaveTextContent('error');
    expect(within(first).getByText('Retention')).toBeInTheDocument();
    expect(first).toHaveTextContent(
      'clinic-visits-2024 keeps data for P10Y, but hospital-uni-dsa, which covers raw-visits, allows P2Y; shorten retention.period to P2Y or less.',
    );
    // The quoted names are set as code.
    expect(
      within(first).getByText('retention.period', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(first).toHaveTextContent(
      'Why it matters: Data must be deleted when the agreement it arrived under says so',
    );
    // The other entities involved are links; the dataset itself is not.
    const links = within(first)
      .getAllByRole('link')
      .map(a => a.getAttribute('href'));
    expect(links).toEqual([
      '/catalog/default/dataset/raw-visits',
      '/catalog/default/agreement/hospital-uni-dsa',
    ]);

    expect(second).toHaveTextContent('warning');
    expect(within(second).getByText('Agreement coverage')).toBeInTheDocument();
    expect(second).toHaveTextContent('renew it or plan for the data');
    expect(within(second).getByRole('link').getAttribute('href')).toBe(
      '/catalog/default/agreement/hospital-uni-dsa',
    );
    expect(
      screen.getByText(/Rules checked over 73 catalog entities/),
    ).toBeInTheDocument();
  });

  it('shows the findings that name an agreement on its page, linking to the dataset they are about', async () => {
    const api = fakeDatapactApi({
      getFindings: jest.fn().mockResolvedValue(report([retention])),
    });
    await renderWithApis(<EntityFindingsCard />, { entity: agreement, api });
    const finding = await screen.findByTestId('finding');
    expect(api.getFindings).toHaveBeenCalledWith(AGREEMENT);
    expect(
      within(finding)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/dataset/clinic-visits-2024',
      '/catalog/default/dataset/raw-visits',
    ]);
  });

  it('says "No findings" when the rules find nothing', async () => {
    const api = fakeDatapactApi({
      getFindings: jest.fn().mockResolvedValue(report([])),
    });
    await renderWithApis(<EntityFindingsCard />, { entity: dataset, api });
    expect(await screen.findByText('No findings')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The governance rules find nothing to change in this dataset.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('finding')).not.toBeInTheDocument();
  });

  it("shows the server's refusal", async () => {
    const api = fakeDatapactApi({
      getFindings: jest
        .fn()
        .mockRejectedValue(new Error('You may not read governance findings')),
    });
    await renderWithApis(<EntityFindingsCard />, { entity: dataset, api });
    expect(
      await screen.findByText('You may not read governance findings'),
    ).toBeInTheDocument();
  });

  it('is not shown on other kinds', async () => {
    const api = fakeDatapactApi({ getFindings: jest.fn() });
    const { rendered } = await renderWithApis(<EntityFindingsCard />, {
      entity: anaRuiz,
      api,
    });
    expect(rendered.queryByText('Governance findings')).not.toBeInTheDocument();
    expect(api.getFindings).not.toHaveBeenCalled();
  });
});
