import { screen, within } from '@testing-library/react';
import {
  accessRequest,
  accessTerms,
  approvalStatus,
  clinicTerms,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { DecisionDialog } from './DecisionDialog';

async function renderDecision(request = accessRequest()) {
  await renderWithApis(
    <DecisionDialog
      request={request}
      decision="deny"
      status={approvalStatus()}
      onClose={jest.fn()}
      onDecided={jest.fn()}
    />,
    { user: 'user:default/ana.ruiz' },
  );
  return screen.getByRole('dialog');
}

describe('DecisionDialog', () => {
  it('lists the terms the requester accepted, grouped by where they come from', async () => {
    const dialog = await renderDecision(
      accessRequest({
        acceptedTerms: accessTerms().sha256,
        terms: clinicTerms,
      }),
    );
    expect(
      within(dialog).getByTestId('access-terms-license').querySelectorAll('li'),
    ).toHaveLength(3);
    expect(
      within(dialog).getByTestId('access-terms-agreement'),
    ).toHaveTextContent('Keep the data no longer than 3 years (P3Y).');
  });

  it('says when no terms were asked when the request was made', async () => {
    const dialog = await renderDecision();
    expect(within(dialog).getByTestId('accepted-terms')).toHaveTextContent(
      'No terms were asked when this request was made.',
    );
    expect(screen.queryByTestId('access-terms')).not.toBeInTheDocument();
  });
});
