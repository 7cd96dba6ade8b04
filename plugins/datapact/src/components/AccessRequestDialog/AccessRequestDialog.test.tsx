import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  accessRequest,
  dataset,
  fakeDatapactApi,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { DatapactApiError } from '../../api';
import { AccessRequestDialog } from './AccessRequestDialog';

const researcher = { ownership: ['group:default/uni-epidemiology'] };

async function renderDialog(
  options: { ownership?: string[] } = researcher,
  api = fakeDatapactApi(),
) {
  const onCreated = jest.fn();
  await renderWithApis(
    <AccessRequestDialog
      dataset={dataset}
      open
      onClose={jest.fn()}
      onCreated={onCreated}
    />,
    { api, ...options },
  );
  return { api, onCreated };
}

describe('AccessRequestDialog', () => {
  it("offers the dataset's allowed purposes", async () => {
    await renderDialog();
    await userEvent.click(screen.getByRole('button', { name: /research/ }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'research',
      'public health',
    ]);
  });

  it('for another organization, offers the agreements that cover the data, the expired one disabled', async () => {
    await renderDialog();
    const agreement = await screen.findByRole('button', {
      name: /Hospital–University data-sharing agreement/,
    });
    await userEvent.click(agreement);
    const options = screen.getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Hospital–University data-sharing agreement',
      'Flu study agreement (expired)',
    ]);
    expect(options[1]).toHaveAttribute('aria-disabled', 'true');
  });

  it('needs no agreement for data of the viewer’s own organization', async () => {
    await renderDialog({ ownership: ['group:default/health-analytics'] });
    expect(
      await screen.findByText(/This data belongs to your organization/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Agreement')).not.toBeInTheDocument();
  });

  it('requires a justification and bounds the duration by the maximum', async () => {
    const { api } = await renderDialog();
    fireEvent.change(screen.getByLabelText(/Duration \(days\)/), {
      target: { value: '120' },
    });
    expect(screen.getByText('At most 90 days')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit request' }),
    );
    expect(screen.getByText('Say why you need the data')).toBeInTheDocument();
    expect(api.createAccessRequest).not.toHaveBeenCalled();
  });

  it('sends the request with the chosen agreement', async () => {
    const api = fakeDatapactApi({
      createAccessRequest: jest.fn().mockResolvedValue(accessRequest()),
    });
    const { onCreated } = await renderDialog(researcher, api);
    await screen.findByRole('button', {
      name: /Hospital–University data-sharing agreement/,
    });
    await userEvent.type(
      screen.getByLabelText(/Justification/),
      'Respiratory admissions study',
    );
    fireEvent.change(screen.getByLabelText(/Duration \(days\)/), {
      target: { value: '60' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit request' }),
    );
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
    await renderDialog(researcher, api);
    await userEvent.type(screen.getByLabelText(/Justification/), 'why');
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit request' }),
    );
    expect(await screen.findByTestId('request-error')).toHaveTextContent(
      '`clinic-visits-2024` may only be requested for `research`, `public-health`, not `marketing`.',
    );
  });
});
