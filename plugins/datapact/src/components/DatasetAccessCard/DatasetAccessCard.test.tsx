import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListAccessRequestsQuery } from '@datapact/backstage-plugin-common';
import {
  accessRequest,
  communityDataset,
  dataset,
  eligibility,
  fakeDatapactApi,
  grant,
  provisioning,
  provisioningStep,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { DatapactApiError } from '../../api';
import { formatDateTime } from '../../lib/time';
import { EntityDatasetAccessCard } from './DatasetAccessCard';

describe('DatasetAccessCard', () => {
  it('says who approves and how many approvals are needed', async () => {
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset });
    const approvers = await screen.findByTestId('approvers');
    expect(approvers).toHaveTextContent(
      '2 approvals needed from different approvers',
    );
    expect(
      screen.getAllByRole('link', { name: /ana-ruiz|Ana Ruiz/i }),
    ).not.toHaveLength(0);
    expect(
      screen.getByText('For research, public health. For at most 90 days.'),
    ).toBeInTheDocument();
  });

  it("asks the viewer's own requests and grants for this dataset", async () => {
    const { api } = await renderWithApis(<EntityDatasetAccessCard />, {
      entity: dataset,
    });
    await waitFor(() =>
      expect(api.listGrants).toHaveBeenCalledWith({
        dataset: 'dataset:default/clinic-visits-2024',
        user: 'user:default/tomas.novak',
        limit: 20,
      }),
    );
    expect(api.listAccessRequests).toHaveBeenCalledWith({
      dataset: 'dataset:default/clinic-visits-2024',
      mine: true,
      limit: 20,
    });
    expect(
      await screen.findByText('You have not requested this dataset.'),
    ).toBeInTheDocument();
  });

  it('opens the request dialog', async () => {
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    expect(
      screen.getByText('Request access to Clinic visits 2024'),
    ).toBeInTheDocument();
  });

  it('shows a pending request with its approvals and blocks a second one', async () => {
    const api = fakeDatapactApi({
      listAccessRequests: jest.fn().mockResolvedValue({
        items: [accessRequest()],
      }),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(
      await screen.findByText('Your request is pending (0 of 2 approvals).'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toBeDisabled();
    expect(screen.getByTestId('my-requests')).toHaveTextContent('pending');
  });

  it('shows an active grant with its expiry', async () => {
    const api = fakeDatapactApi({
      listAccessRequests: jest.fn().mockResolvedValue({
        items: [accessRequest({ state: 'approved', grant: grant() })],
      }),
      listGrants: jest.fn().mockResolvedValue({ items: [grant()] }),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(await screen.findByTestId('active-grant')).toHaveTextContent(
      `You have access for research until ${formatDateTime(grant().expiresAt)}`,
    );
    expect(screen.getByTestId('my-grants')).toHaveTextContent('active');
  });

  it('tells the holder their access is ready once the data platform opened it', async () => {
    const ready = grant({ provisioning: provisioning() });
    const api = fakeDatapactApi({
      listGrants: jest.fn().mockResolvedValue({ items: [ready] }),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(await screen.findByTestId('access-headline')).toHaveTextContent(
      'Your access is ready',
    );
    expect(
      within(screen.getByTestId('my-grants')).getByTestId('grant-provisioning'),
    ).toHaveTextContent('Access is ready');
  });

  it('says the access is not open yet while opening it fails, with the error', async () => {
    const failing = grant({
      provisioning: provisioning({
        state: 'failed',
        steps: [
          provisioningStep({
            state: 'failed',
            lastError: 'connection refused',
            nextAttemptAt: '2026-11-21T10:05:00.000Z',
          }),
        ],
      }),
    });
    const api = fakeDatapactApi({
      listGrants: jest.fn().mockResolvedValue({ items: [failing] }),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(await screen.findByTestId('access-headline')).toHaveTextContent(
      'Your access is not open yet',
    );
    expect(screen.getByTestId('grant-provisioning')).toHaveTextContent(
      /Opening access failed .*: connection refused$/,
    );
  });

  it('says nothing of provisioning when the server reports none', async () => {
    const api = fakeDatapactApi({
      listGrants: jest.fn().mockResolvedValue({ items: [grant()] }),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(await screen.findByTestId('active-grant')).toBeInTheDocument();
    expect(screen.queryByTestId('access-headline')).not.toBeInTheDocument();
    expect(screen.queryByTestId('grant-provisioning')).not.toBeInTheDocument();
  });

  it('tells a steward with requests to decide where to decide them', async () => {
    const api = fakeDatapactApi({
      listAccessRequests: jest.fn(async (query?: ListAccessRequestsQuery) => ({
        items: query?.toDecide ? [accessRequest()] : [],
      })),
    });
    await renderWithApis(<EntityDatasetAccessCard />, {
      entity: dataset,
      api,
      user: 'user:default/ana.ruiz',
    });
    expect(await screen.findByTestId('to-decide')).toHaveTextContent(
      '1 request for this dataset waits for your decision in Data access.',
    );
    expect(screen.getByRole('link', { name: 'Data access' })).toHaveAttribute(
      'href',
      '/data-access',
    );
  });

  it('says why a dataset cannot be requested now instead of offering the button', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          dataset: 'dataset:default/whanau-survey',
          allowed: false,
          vetoedPurposes: ['commercial-analytics'],
          refusals: [
            {
              rule: 'community-veto',
              message:
                'Household energy retrofit leads is derived from community data and allows commercial analytics, which Ngāti Example vetoes.',
              entities: ['dataset:default/whanau-survey'],
            },
          ],
        }),
      ),
    });
    await renderWithApis(<EntityDatasetAccessCard />, {
      entity: communityDataset,
      api,
    });
    const refusals = await screen.findByTestId('refusals');
    expect(refusals).toHaveTextContent('You cannot request this dataset now:');
    expect(refusals).toHaveTextContent(
      'Household energy retrofit leads is derived from community data and allows commercial analytics, which Ngāti Example vetoes. (community-veto)',
    );
    expect(screen.getByTestId('vetoed-purposes')).toHaveTextContent(
      'The community vetoes its use for commercial analytics.',
    );
    expect(
      screen.queryByRole('button', { name: 'Request access' }),
    ).not.toBeInTheDocument();
    expect(api.getAccessEligibility).toHaveBeenCalledWith({
      dataset: 'dataset:default/whanau-survey',
    });
  });

  it('shows a grant the lifecycle sweep ended, with its cause', async () => {
    const api = fakeDatapactApi({
      listGrants: jest.fn().mockResolvedValue({
        items: [
          grant({
            state: 'revoked',
            revokedAt: '2026-12-16T00:05:00.000Z',
            revokedBy: 'plugin:datapact',
            revokeCause: 'agreement',
            revokeReason: 'Agreement hospital-uni-dsa ended on 2026-12-15.',
          }),
        ],
      }),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(await screen.findByTestId('grant-end-cause')).toHaveTextContent(
      'Ended by the lifecycle sweep: its agreement ended or no longer covers the data. Agreement hospital-uni-dsa ended on 2026-12-15.',
    );
  });

  it("shows the server's message when the API fails", async () => {
    const api = fakeDatapactApi({
      listGrants: jest
        .fn()
        .mockRejectedValue(
          new DatapactApiError(
            'Missing credentials',
            401,
            'AuthenticationError',
          ),
        ),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(await screen.findByText('Missing credentials')).toBeInTheDocument();
  });

  it('says when a dataset is not requestable', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          allowed: false,
          refusals: [
            {
              rule: 'access',
              message:
                'Clinic visits 2024 is not requestable through Datapact; ask its owner.',
              entities: ['dataset:default/clinic-visits-2024'],
            },
          ],
        }),
      ),
    });
    await renderWithApis(<EntityDatasetAccessCard />, {
      entity: { ...dataset, spec: { ...dataset.spec, access: undefined } },
      api,
    });
    expect(await screen.findByTestId('refusals')).toHaveTextContent(
      'not requestable through Datapact; ask its owner. (access)',
    );
    expect(
      screen.queryByRole('button', { name: 'Request access' }),
    ).not.toBeInTheDocument();
  });

  it('asks again under the covering agreement when a request must name one', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn(async query =>
        query.agreement
          ? eligibility()
          : eligibility({
              allowed: false,
              refusals: [
                {
                  rule: 'agreement-coverage',
                  message:
                    '`clinic-visits-2024` belongs to another organization: name the agreement the request relies on (`hospital-uni-dsa`).',
                  entities: [],
                },
              ],
            }),
      ),
    });
    await renderWithApis(<EntityDatasetAccessCard />, { entity: dataset, api });
    expect(
      await screen.findByRole('button', { name: 'Request access' }),
    ).toBeEnabled();
    expect(api.getAccessEligibility).toHaveBeenCalledWith({
      dataset: 'dataset:default/clinic-visits-2024',
      agreement: 'agreement:default/hospital-uni-dsa',
    });
    expect(screen.queryByTestId('refusals')).not.toBeInTheDocument();
  });
});
