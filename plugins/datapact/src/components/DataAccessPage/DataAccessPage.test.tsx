import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListAccessRequestsQuery } from '@datapact/backstage-plugin-common';
import {
  accessRequest,
  approvalStatus,
  fakeDatapactApi,
  grant,
  provisioning,
  provisioningStep,
  REQUESTER,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { DatapactApiError } from '../../api';
import { formatDateTime } from '../../lib/time';
import { DataAccessContent } from './DataAccessPage';

const ANA = 'user:default/ana.ruiz';
const ANA_STEWARD = 'steward:default/ana-ruiz';
const approvedByAna = {
  approver: ANA,
  onBehalfOf: ANA_STEWARD,
  countsFor: ANA_STEWARD,
  decision: 'approve' as const,
  decidedAt: '2026-11-21T10:00:00Z',
};
const afterAna = approvalStatus({
  approved: [{ stewardship: ANA_STEWARD, approver: ANA }],
  stillNeeded: 1,
  viewer: { canDecide: false },
});

/** The lists the inbox asks for, by query. */
function inboxApi(lists: {
  toDecide?: ReturnType<typeof accessRequest>[];
  mine?: ReturnType<typeof accessRequest>[];
  visible?: ReturnType<typeof accessRequest>[];
  grants?: ReturnType<typeof grant>[];
}) {
  return fakeDatapactApi({
    listAccessRequests: jest.fn(async (query?: ListAccessRequestsQuery) => {
      if (query?.toDecide) return { items: lists.toDecide ?? [] };
      if (query?.mine) return { items: lists.mine ?? [] };
      return { items: lists.visible ?? [] };
    }),
    listGrants: jest.fn().mockResolvedValue({ items: lists.grants ?? [] }),
  });
}

describe('DataAccessContent', () => {
  it('lists requests to decide and records an approval with a comment', async () => {
    const request = accessRequest();
    const api = inboxApi({ toDecide: [request] });
    api.decideAccessRequest.mockResolvedValue(
      accessRequest({ decisions: [approvedByAna] }),
    );
    api.getApprovalStatus
      .mockResolvedValueOnce(approvalStatus())
      .mockResolvedValue(afterAna);
    await renderWithApis(<DataAccessContent />, { api, user: ANA });

    expect(
      await screen.findByRole('tab', { name: 'To decide (1)' }),
    ).toBeInTheDocument();
    const row = screen.getByText('Respiratory admissions study').closest('tr')!;
    expect(within(row).getByText('0 of 2')).toBeInTheDocument();
    await userEvent.click(
      await within(row).findByRole('button', { name: 'Approve' }),
    );

    const dialog = screen.getByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Comment'),
      'Covered by the agreement',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.decideAccessRequest).toHaveBeenCalledWith('req-1', {
        decision: 'approve',
        comment: 'Covered by the agreement',
      }),
    );
    expect(
      await screen.findByText('Recorded: 1 of 2 approvals so far.'),
    ).toBeInTheDocument();
    // Typing the comment is slow on a loaded machine.
  }, 20_000);

  it("shows the server's refusal of a decision as it is", async () => {
    const api = inboxApi({ toDecide: [accessRequest()] });
    api.decideAccessRequest.mockRejectedValue(
      new DatapactApiError(
        'The request is no longer pending (approved)',
        409,
        'ConflictError',
      ),
    );
    await renderWithApis(<DataAccessContent />, { api, user: ANA });
    await userEvent.click(await screen.findByRole('button', { name: 'Deny' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('One denial ends the request.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect(
      await within(dialog).findByText(
        'The request is no longer pending (approved)',
      ),
    ).toBeInTheDocument();
  });

  it('gives the requester no approve action on their own request, only the reason and cancel', async () => {
    const api = inboxApi({ mine: [accessRequest()] });
    api.cancelAccessRequest.mockResolvedValue(
      accessRequest({ state: 'cancelled' }),
    );
    await renderWithApis(<DataAccessContent />, { api, user: REQUESTER });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'My requests (1)' }),
    );
    const row = screen.getByText('Respiratory admissions study').closest('tr')!;
    expect(within(row).getByTestId('no-decision-reason')).toHaveTextContent(
      'Your own request: another approver must decide it (segregation of duties).',
    );
    expect(
      within(row).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(row).getByRole('button', { name: 'Cancel request' }),
    );
    expect(api.cancelAccessRequest).toHaveBeenCalledWith('req-1');
  });

  it('lists the viewer’s grants with their expiry', async () => {
    const api = inboxApi({ grants: [grant()] });
    await renderWithApis(<DataAccessContent />, { api, user: REQUESTER });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'My grants (1)' }),
    );
    expect(api.listGrants).toHaveBeenCalledWith({
      user: REQUESTER,
      limit: 100,
    });
    const row = screen
      .getByText(formatDateTime(grant().expiresAt))
      .closest('tr')!;
    expect(within(row).getByText('active')).toBeInTheDocument();
    expect(within(row).getByText('research')).toBeInTheDocument();
  });

  it('lists decided requests of others with why they cannot be decided again', async () => {
    const api = inboxApi({
      visible: [
        accessRequest({
          id: 'a',
          state: 'denied',
          justification: 'Denied one',
        }),
        accessRequest({ id: 'b', justification: 'Undecided one' }),
        accessRequest({
          id: 'c',
          justification: 'Waits for a second approver',
          decisions: [approvedByAna],
        }),
        accessRequest({ id: 'd', requester: ANA, state: 'approved' }),
      ],
    });
    api.getApprovalStatus.mockResolvedValue(afterAna);
    await renderWithApis(<DataAccessContent />, { api, user: ANA });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Decided (2)' }),
    );
    const reasonIn = (text: string) =>
      within(screen.getByText(text).closest('tr')!).getByTestId(
        'no-decision-reason',
      );
    expect(reasonIn('Denied one')).toHaveTextContent(
      'Already denied: nothing left to decide.',
    );
    await waitFor(() =>
      expect(reasonIn('Waits for a second approver')).toBeInTheDocument(),
    );
    expect(reasonIn('Waits for a second approver')).toHaveTextContent(
      'You approved it; it needs 1 more approval from another approver.',
    );
    expect(screen.queryByText('Undecided one')).not.toBeInTheDocument();
  });

  it('shows which stewardships have approved and which are still needed', async () => {
    const api = inboxApi({
      toDecide: [
        accessRequest({
          requiredStewardships: ['steward:default/community-council'],
          decisions: [approvedByAna],
        }),
      ],
    });
    api.getApprovalStatus.mockResolvedValue(
      approvalStatus({
        approved: [{ stewardship: ANA_STEWARD, approver: ANA }],
        eligible: [ANA_STEWARD, 'steward:default/ben-okafor'],
        stillNeeded: 1,
        stillRequired: ['steward:default/community-council'],
        viewer: {
          canDecide: true,
          stewardship: { onBehalfOf: 'steward:default/ben-okafor' },
        },
      }),
    );
    await renderWithApis(<DataAccessContent />, {
      api,
      user: 'user:default/ben.okafor',
    });
    const progress = await screen.findByTestId('approval-progress');
    expect(api.getApprovalStatus).toHaveBeenCalledWith('req-1');
    expect(progress).toHaveTextContent('1 of 2');
    expect(progress).toHaveTextContent(/ana-ruiz.*approved \(by.*ana\.ruiz/i);
    expect(progress).toHaveTextContent(
      /Still needed: 1 approval from.*ben-okafor/i,
    );
    expect(progress).toHaveTextContent(
      /Must also approve:.*community-council/i,
    );
  });

  it('says before the click when an approval would be refused, and still offers Deny', async () => {
    const api = inboxApi({ toDecide: [accessRequest()] });
    api.getApprovalStatus.mockResolvedValue(
      approvalStatus({
        viewer: {
          canDecide: true,
          stewardship: { onBehalfOf: ANA_STEWARD },
          approveRefusal: {
            rule: 'agreement-coverage',
            message:
              'Agreement hospital-uni-dsa ended on 2026-12-15: it no longer covers this request.',
            entities: ['agreement:default/hospital-uni-dsa'],
          },
        },
      }),
    );
    await renderWithApis(<DataAccessContent />, { api, user: ANA });
    const refusal = await screen.findByTestId('approve-refusal');
    expect(refusal).toHaveTextContent(
      'Your approval would be refused: Agreement hospital-uni-dsa ended on 2026-12-15: it no longer covers this request. (agreement-coverage). You may still deny it.',
    );
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Deny' })).toBeEnabled();
  });

  it('shows a grant the lifecycle sweep ended, with its cause, in My grants', async () => {
    const api = inboxApi({
      grants: [
        grant({
          state: 'revoked',
          revokedAt: '2026-12-16T00:05:00.000Z',
          revokedBy: 'plugin:datapact',
          revokeCause: 'purpose',
          revokeReason: 'Research is no longer an allowed purpose.',
        }),
        grant({
          id: 'grant-2',
          expiresBecause: 'agreement',
          expiresAgreement: 'agreement:default/hospital-uni-dsa',
        }),
      ],
    });
    await renderWithApis(<DataAccessContent />, { api, user: REQUESTER });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'My grants (2)' }),
    );
    expect(screen.getByTestId('grant-end-cause')).toHaveTextContent(
      'Ended by the lifecycle sweep: the purpose is no longer allowed. Research is no longer an allowed purpose.',
    );
    expect(screen.getByText(/ends with agreement/)).toHaveTextContent(
      /ends with agreement.*hospital-uni-dsa/i,
    );
  });

  it('shows where each grant stands in the data platform, in My grants and on an approved request', async () => {
    const retryAt = '2026-11-21T10:05:00.000Z';
    const failing = grant({
      provisioning: provisioning({
        state: 'failed',
        steps: [
          provisioningStep({
            state: 'failed',
            attempts: 2,
            lastError: 'role "tomas_novak" does not exist',
            nextAttemptAt: retryAt,
          }),
        ],
      }),
    });
    const api = inboxApi({
      grants: [
        failing,
        grant({
          id: 'grant-2',
          state: 'revoked',
          revokedAt: '2026-12-01T10:00:00.000Z',
          provisioning: provisioning({
            action: 'revoke',
            steps: [provisioningStep({ action: 'revoke' })],
          }),
        }),
      ],
      mine: [
        accessRequest({
          state: 'approved',
          grant: grant({ provisioning: provisioning() }),
        }),
      ],
    });
    await renderWithApis(<DataAccessContent />, { api, user: REQUESTER });

    await userEvent.click(
      await screen.findByRole('tab', { name: 'My requests (1)' }),
    );
    expect(screen.getByTestId('grant-provisioning')).toHaveTextContent(
      'Access is ready',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'My grants (2)' }));
    const [failed, closed] = screen.getAllByTestId('grant-provisioning');
    expect(failed).toHaveTextContent(
      `Opening access failed in postgres-grants after 2 attempts — retrying at ${formatDateTime(
        retryAt,
      )}`,
    );
    expect(failed).toHaveTextContent('role "tomas_novak" does not exist');
    expect(closed).toHaveTextContent('Access closed in the data platform');
  });
});
