import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  accessRequest,
  communityDataset,
  dataset,
  eligibility,
  fakeDatapactApi,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { DatapactApiError } from '../../api';
import { AccessRequestDialog } from './AccessRequestDialog';

const researcher = { ownership: ['group:default/uni-epidemiology'] };

async function renderDialog(
  api = fakeDatapactApi(),
  entity = dataset,
  options: { ownership?: string[] } = researcher,
) {
  const onCreated = jest.fn();
  await renderWithApis(
    <AccessRequestDialog
      dataset={entity}
      open
      onClose={jest.fn()}
      onCreated={onCreated}
    />,
    { api, ...options },
  );
  return { api, onCreated };
}

const submit = () => screen.getByRole('button', { name: 'Submit request' });

describe('AccessRequestDialog', () => {
  it("offers the dataset's allowed purposes", async () => {
    await renderDialog();
    await userEvent.click(screen.getByRole('button', { name: /research/ }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'research',
      'public health',
    ]);
  });

  it('for another organization, chooses the agreement the server says covers the data', async () => {
    const { api } = await renderDialog();
    expect(
      await screen.findByRole('button', {
        name: /Hospital–University data-sharing agreement/,
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getAccessEligibility).toHaveBeenLastCalledWith({
        dataset: 'dataset:default/clinic-visits-2024',
        purpose: 'research',
        duration: 'P30D',
        agreement: 'agreement:default/hospital-uni-dsa',
      }),
    );
  });

  it('needs no agreement for data of the viewer’s own organization', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          needsAgreement: false,
          agreements: [],
          organization: 'group:default/st-mary-hospital',
        }),
      ),
    });
    await renderDialog(api, dataset, {
      ownership: ['group:default/health-analytics'],
    });
    expect(
      await screen.findByText(/This data belongs to your organization/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Agreement')).not.toBeInTheDocument();
  });

  it('says when access would end and that the agreement’s last day bounds it', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          expiry: {
            expiresAt: '2026-12-15T23:59:59.999Z',
            expiresBecause: 'agreement',
            agreement: 'agreement:default/hospital-uni-dsa',
          },
        }),
      ),
    });
    await renderDialog(api);
    expect(await screen.findByTestId('expiry')).toHaveTextContent(
      'Access would end on 15 Dec 2026 — the end of agreement Hospital–University data-sharing agreement, sooner than the duration asked.',
    );
  });

  it('asks again when the duration changes, and names the duration that bounds access', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn(async query =>
        eligibility({
          expiry: {
            expiresAt:
              query.duration === 'P60D'
                ? '2027-01-28T10:00:00.000Z'
                : '2026-12-29T10:00:00.000Z',
            expiresBecause: 'duration',
          },
        }),
      ),
    });
    await renderDialog(api);
    fireEvent.change(screen.getByLabelText(/Duration \(days\)/), {
      target: { value: '60' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('expiry')).toHaveTextContent(
        'Access would end on 28 Jan 2027 — the requested duration (60 days).',
      ),
    );
  });

  it('shows who must approve, a required stewardship among them', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          approvalsRequired: 1,
          approvers: ['steward:default/ana-ruiz'],
          requiredStewardships: ['steward:default/community-council'],
        }),
      ),
    });
    await renderDialog(api);
    expect(await screen.findByTestId('approvers')).toHaveTextContent(
      '1 approval needed',
    );
    expect(screen.getByTestId('required-stewardships')).toHaveTextContent(
      /community-council.* must also approve: their consent is required/,
    );
  });

  it('lists what would refuse the request before sending, and does not send it', async () => {
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          allowed: false,
          vetoedPurposes: ['public-health'],
          refusals: [
            {
              rule: 'community-veto',
              message:
                'Ngāti Example vetoes commercial use of data derived from the whānau wellbeing survey.',
              entities: ['dataset:default/whanau-survey'],
            },
          ],
        }),
      ),
    });
    await renderDialog(api, communityDataset);
    const refusals = await screen.findByTestId('refusals');
    expect(refusals).toHaveTextContent('This request would be refused:');
    expect(refusals).toHaveTextContent(
      'Ngāti Example vetoes commercial use of data derived from the whānau wellbeing survey. (community-veto)',
    );
    await waitFor(() => expect(submit()).toBeDisabled());
    await userEvent.click(screen.getByRole('button', { name: /research/ }));
    expect(
      screen.getByRole('option', {
        name: 'public health (vetoed by the community)',
      }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(api.createAccessRequest).not.toHaveBeenCalled();
  });

  it('requires a justification and bounds the duration by the maximum', async () => {
    const { api } = await renderDialog();
    fireEvent.change(screen.getByLabelText(/Duration \(days\)/), {
      target: { value: '120' },
    });
    expect(screen.getByText('At most 90 days')).toBeInTheDocument();
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());
    expect(screen.getByText('Say why you need the data')).toBeInTheDocument();
    expect(api.createAccessRequest).not.toHaveBeenCalled();
  });

  it('sends the request with the chosen agreement', async () => {
    const api = fakeDatapactApi({
      createAccessRequest: jest.fn().mockResolvedValue(accessRequest()),
    });
    const { onCreated } = await renderDialog(api);
    await screen.findByRole('button', {
      name: /Hospital–University data-sharing agreement/,
    });
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Respiratory admissions study' },
    });
    fireEvent.change(screen.getByLabelText(/Duration \(days\)/), {
      target: { value: '60' },
    });
    // Sending waits until the server has checked the form as it is.
    expect(submit()).toBeDisabled();
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createAccessRequest).toHaveBeenCalledWith({
      dataset: 'dataset:default/clinic-visits-2024',
      purpose: 'research',
      justification: 'Respiratory admissions study',
      duration: 'P60D',
      agreement: 'agreement:default/hospital-uni-dsa',
    });
  });

  it("shows the server's refusal as it is", async () => {
    const api = fakeDatapactApi({
      createAccessRequest: jest
        .fn()
        .mockRejectedValue(
          new DatapactApiError(
            '`clinic-visits-2024` may only be requested for `research`, `public-health`, not `marketing`.',
            403,
            'NotAllowedError',
          ),
        ),
    });
    await renderDialog(api);
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'why' },
    });
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());
    expect(await screen.findByTestId('request-error')).toHaveTextContent(
      '`clinic-visits-2024` may only be requested for `research`, `public-health`, not `marketing`.',
    );
  });
});
