import { screen, waitFor } from '@testing-library/react';
import {
  accessRequest,
  anaRuiz,
  fakeDatapactApi,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityStewardDecisionsCard } from './StewardDecisionsCard';

describe('StewardDecisionsCard', () => {
  it('lists the pending requests for its datasets that it has not decided yet', async () => {
    const api = fakeDatapactApi({
      listAccessRequests: jest.fn().mockResolvedValue({
        items: [
          accessRequest({ id: 'waiting', justification: 'Waits for Ana' }),
          accessRequest({
            id: 'done',
            justification: 'Ana already approved',
            decisions: [
              {
                approver: 'user:default/ana.ruiz',
                onBehalfOf: 'steward:default/ana-ruiz',
                decision: 'approve',
                decidedAt: '2026-11-21T10:00:00Z',
              },
            ],
          }),
        ],
      }),
    });
    await renderWithApis(<EntityStewardDecisionsCard />, {
      entity: anaRuiz,
      api,
      user: 'user:default/ana.ruiz',
    });
    await waitFor(() =>
      expect(api.listAccessRequests).toHaveBeenCalledWith({
        dataset: 'dataset:default/clinic-visits-2024',
        state: 'pending',
        limit: 50,
      }),
    );
    expect(await screen.findByText('Waits for Ana')).toBeInTheDocument();
    expect(screen.queryByText('Ana already approved')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
  });

  it('says when nothing waits', async () => {
    await renderWithApis(<EntityStewardDecisionsCard />, { entity: anaRuiz });
    expect(
      await screen.findByText(/No request for its datasets waits/),
    ).toBeInTheDocument();
  });
});
