import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  accessRequest,
  dataset,
  fakeDatapactApi,
  grant,
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
      screen.getByRole('button', { name: 'Request access' }),
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

  it('tells an approver where to decide', async () => {
    await renderWithApis(<EntityDatasetAccessCard />, {
      entity: dataset,
      user: 'user:default/ana.ruiz',
    });
    expect(
      await screen.findByText(/You are an approver of this dataset/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Data access' })).toHaveAttribute(
      'href',
      '/data-access',
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
    await renderWithApis(<EntityDatasetAccessCard />, {
      entity: { ...dataset, spec: { ...dataset.spec, access: undefined } },
    });
    expect(screen.getByText(/not requestable/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request access' }),
    ).not.toBeInTheDocument();
  });
});
