import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  accessRequest,
  accessTerms,
  clinicTerms,
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
const acceptance = () =>
  screen.findByRole('checkbox', { name: 'I accept these terms' });
const accept = async () => userEvent.click(await acceptance());

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
    expect(
      screen.queryByRole('button', { name: /^Agreement/ }),
    ).not.toBeInTheDocument();
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
      /community-council.* must also approve, besides the approvers: a community's consent or an agreement's terms require their approval\./,
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
    await accept();
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
    await accept();
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createAccessRequest).toHaveBeenCalledWith({
      dataset: 'dataset:default/clinic-visits-2024',
      purpose: 'research',
      justification: 'Respiratory admissions study',
      duration: 'P60D',
      agreement: 'agreement:default/hospital-uni-dsa',
      acceptedTerms: accessTerms().sha256,
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
    await accept();
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());
    expect(await screen.findByTestId('request-error')).toHaveTextContent(
      '`clinic-visits-2024` may only be requested for `research`, `public-health`, not `marketing`.',
    );
  });

  it('shows another conflict as it is, without reading the terms again', async () => {
    const api = fakeDatapactApi({
      createAccessRequest: jest
        .fn()
        .mockRejectedValue(
          new DatapactApiError(
            'user:default/tomas.novak already has a pending request for dataset:default/clinic-visits-2024',
            409,
            'ConflictError',
          ),
        ),
    });
    await renderDialog(api);
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'why' },
    });
    await accept();
    await waitFor(() => expect(submit()).toBeEnabled());
    const reads = (api.getAccessTerms as jest.Mock).mock.calls.length;
    await userEvent.click(submit());
    expect(await screen.findByTestId('request-error')).toHaveTextContent(
      'already has a pending request',
    );
    expect((api.getAccessTerms as jest.Mock).mock.calls.length).toBe(reads);
  });

  it('lists the terms of the dataset under the chosen agreement, as the server words them', async () => {
    const { api } = await renderDialog();
    const terms = await screen.findByTestId('access-terms');
    expect(terms).toHaveTextContent('You must credit the provider.');
    expect(terms).toHaveTextContent('You may not try to re-identify people.');
    expect(terms).toHaveTextContent(
      'Store and process the data, and data derived from it, only in NZ.',
    );
    expect(
      screen.getByTestId('access-terms-agreement').querySelector('a'),
    ).toHaveAttribute('href', '/catalog/default/agreement/hospital-uni-dsa');
    expect(api.getAccessTerms).toHaveBeenLastCalledWith({
      dataset: 'dataset:default/clinic-visits-2024',
      agreement: 'agreement:default/hospital-uni-dsa',
    });
  });

  it('refuses to send until the terms are accepted', async () => {
    const api = fakeDatapactApi({
      createAccessRequest: jest.fn().mockResolvedValue(accessRequest()),
    });
    await renderDialog(api);
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Respiratory admissions study' },
    });
    const checkbox = await acceptance();
    expect(checkbox).not.toBeChecked();
    // The form is checked and allowed: only the acceptance is missing.
    await waitFor(() => expect(api.getAccessEligibility).toHaveBeenCalled());
    await screen.findByTestId('approvers');
    expect(submit()).toBeDisabled();
    fireEvent.submit(submit().closest('form')!);
    await userEvent.click(checkbox);
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(checkbox);
    expect(submit()).toBeDisabled();
    expect(api.createAccessRequest).not.toHaveBeenCalled();
  });

  it('reads the terms again when the agreement changes, and the acceptance does not carry over', async () => {
    const flu = 'agreement:default/hospital-uni-flu-study';
    const api = fakeDatapactApi({
      getAccessEligibility: jest.fn().mockResolvedValue(
        eligibility({
          agreements: [
            {
              ref: 'agreement:default/hospital-uni-dsa',
              title: 'Hospital–University data-sharing agreement',
            },
            { ref: flu, title: 'Flu study agreement' },
          ],
        }),
      ),
      getAccessTerms: jest.fn(async query =>
        query.agreement === flu
          ? accessTerms({
              agreement: flu,
              terms: [
                {
                  ...clinicTerms[3],
                  entity: flu,
                  text: 'Keep the data no longer than 1 year (P1Y).',
                },
              ],
              sha256: 'f'.repeat(64),
            })
          : accessTerms({ agreement: query.agreement }),
      ),
    });
    await renderDialog(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /Agreement/ }),
    );
    await userEvent.click(
      screen.getByRole('option', {
        name: /Hospital–University data-sharing agreement/,
      }),
    );
    await accept();
    expect(await acceptance()).toBeChecked();

    await userEvent.click(
      screen.getByRole('button', {
        name: /Hospital–University data-sharing agreement/,
      }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: /Flu study agreement/ }),
    );
    expect(
      await screen.findByText('Keep the data no longer than 1 year (P1Y).'),
    ).toBeInTheDocument();
    expect(api.getAccessTerms).toHaveBeenLastCalledWith({
      dataset: 'dataset:default/clinic-visits-2024',
      agreement: flu,
    });
    expect(await acceptance()).not.toBeChecked();
    expect(submit()).toBeDisabled();
  });

  it('when the server says the terms changed, reads them again and asks for a new acceptance', async () => {
    const changed = accessTerms({
      terms: [
        ...clinicTerms,
        {
          source: 'agreement',
          entity: 'agreement:default/hospital-uni-dsa',
          kind: 'term',
          id: 'breachNotificationHours',
          text: 'Report a breach involving the data to the provider within 24 hours.',
        },
      ],
      sha256: 'd'.repeat(64),
    });
    const api = fakeDatapactApi({
      getAccessTerms: jest
        .fn()
        .mockResolvedValueOnce(accessTerms())
        .mockResolvedValue(changed),
      createAccessRequest: jest
        .fn()
        .mockRejectedValueOnce(
          new DatapactApiError(
            '`acceptedTerms` are not the terms that now bind the dataset: read them again.',
            409,
            'ConflictError',
            'accepted-terms',
          ),
        )
        .mockResolvedValue(accessRequest()),
    });
    const { onCreated } = await renderDialog(api);
    await screen.findByRole('button', {
      name: /Hospital–University data-sharing agreement/,
    });
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'why' },
    });
    await accept();
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());

    expect(await screen.findByTestId('terms-changed')).toHaveTextContent(
      'The terms changed since you read them',
    );
    expect(
      await screen.findByText(
        'Report a breach involving the data to the provider within 24 hours.',
      ),
    ).toBeInTheDocument();
    expect(await acceptance()).not.toBeChecked();
    expect(submit()).toBeDisabled();
    expect(onCreated).not.toHaveBeenCalled();

    await accept();
    await waitFor(() => expect(submit()).toBeEnabled());
    await userEvent.click(submit());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createAccessRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({ acceptedTerms: 'd'.repeat(64) }),
    );
  });

  it('says when the terms cannot be read, and cannot send until they are', async () => {
    const api = fakeDatapactApi({
      getAccessTerms: jest
        .fn()
        .mockRejectedValue(new Error('backend unavailable')),
    });
    await renderDialog(api);
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'why' },
    });
    expect(
      await screen.findByText(
        /Could not read the terms of this request: backend unavailable/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('checkbox', { name: 'I accept these terms' }),
    ).not.toBeInTheDocument();
    expect(submit()).toBeDisabled();
    api.getAccessTerms.mockResolvedValue(accessTerms());
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await accept();
    await waitFor(() => expect(submit()).toBeEnabled());
  });
});
