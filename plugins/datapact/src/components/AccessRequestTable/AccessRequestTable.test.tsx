import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  accessRequest,
  accessTerms,
  clinicTerms,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { AccessRequestTable } from './AccessRequestTable';

const ANA = 'user:default/ana.ruiz';

async function renderTable(requests: ReturnType<typeof accessRequest>[]) {
  await renderWithApis(
    <AccessRequestTable
      title="Requests waiting for your decision"
      requests={requests}
      viewerRef={ANA}
      onChanged={jest.fn()}
      emptyText="Nothing to decide"
    />,
    { user: ANA },
  );
}

const rowOf = (justification: string) =>
  screen.getByText(justification).closest('tr')!;

describe('AccessRequestTable', () => {
  it('shows the steward the terms the requester accepted, behind a disclosure', async () => {
    await renderTable([
      accessRequest({
        acceptedTerms: accessTerms().sha256,
        terms: clinicTerms,
      }),
    ]);
    const row = rowOf('Respiratory admissions study');
    const disclosure = within(row).getByRole('button', {
      name: 'Accepted terms (5)',
    });
    expect(disclosure).toHaveAttribute('aria-expanded', 'false');
    expect(
      within(row).queryByText('You must credit the provider.'),
    ).not.toBeInTheDocument();

    await userEvent.click(disclosure);
    expect(disclosure).toHaveAttribute('aria-expanded', 'true');
    const terms = within(row).getByTestId('access-terms');
    expect(terms).toHaveTextContent('You must credit the provider.');
    expect(terms).toHaveTextContent(
      'Store and process the data, and data derived from it, only in NZ.',
    );
  });

  it('says when no terms were asked, for requests made before terms existed', async () => {
    await renderTable([
      accessRequest({ id: 'old', justification: 'An older request' }),
    ]);
    const row = rowOf('An older request');
    expect(within(row).getByTestId('accepted-terms')).toHaveTextContent(
      'No terms were asked when this request was made.',
    );
    expect(
      within(row).queryByRole('button', { name: /Accepted terms/ }),
    ).not.toBeInTheDocument();
  });

  it('lists the accepted terms in the decision dialog', async () => {
    await renderTable([
      accessRequest({
        acceptedTerms: accessTerms().sha256,
        terms: clinicTerms,
      }),
    ]);
    const row = rowOf('Respiratory admissions study');
    await userEvent.click(
      await within(row).findByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('The terms the requester accepted');
    expect(within(dialog).getByTestId('access-terms')).toHaveTextContent(
      'You may not try to re-identify people.',
    );
  });
});
