import { screen, within } from '@testing-library/react';
import { AccessTerm } from '@datapact/backstage-plugin-common';
import { clinicTerms } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { AccessTermsList } from './AccessTermsList';

const communityTerm: AccessTerm = {
  source: 'community',
  entity: 'dataset:default/whanau-survey',
  kind: 'label',
  id: 'tk-non-commercial',
  text: 'TK Non-Commercial: a label of the Ngāti Example community on this data.',
};

describe('AccessTermsList', () => {
  it('groups the terms by the licence, the agreement and the community that set them, each with its kind', async () => {
    await renderWithApis(
      <AccessTermsList terms={[...clinicTerms, communityTerm]} />,
    );
    const licence = screen.getByTestId('access-terms-license');
    expect(within(licence).getByText(/^Licence of/).textContent).toMatch(
      /Licence of .*clinic-visits-2024/i,
    );
    expect(
      within(licence)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'termThe data is licensed under LicenseRef-StMary-Research-Terms (https://example.org/st-mary/research-terms).',
      'dutyYou must credit the provider.',
      'prohibitedYou may not try to re-identify people.',
    ]);

    const agreement = screen.getByTestId('access-terms-agreement');
    expect(within(agreement).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/agreement/hospital-uni-dsa',
    );
    expect(
      within(agreement)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'termKeep the data no longer than 3 years (P3Y).',
      'termStore and process the data, and data derived from it, only in NZ.',
    ]);

    const community = screen.getByTestId('access-terms-community');
    expect(community).toHaveTextContent(/^Community rights over/);
    expect(within(community).getByRole('listitem')).toHaveTextContent(
      'labelTK Non-Commercial: a label of the Ngāti Example community on this data.',
    );
  });

  it('lists each agreement under its own heading', async () => {
    const other: AccessTerm = {
      ...clinicTerms[3],
      entity: 'agreement:default/hospital-uni-flu-study',
      text: 'Keep the data no longer than 1 year (P1Y).',
    };
    await renderWithApis(<AccessTermsList terms={[clinicTerms[3], other]} />);
    const headings = screen
      .getAllByTestId('access-terms-agreement')
      .map(group => within(group).getByRole('link').getAttribute('href'));
    expect(headings).toEqual([
      '/catalog/default/agreement/hospital-uni-dsa',
      '/catalog/default/agreement/hospital-uni-flu-study',
    ]);
  });

  it('says when nothing sets terms', async () => {
    await renderWithApis(<AccessTermsList terms={[]} />);
    expect(
      screen.getByText(
        'No licence, agreement or community sets terms on this data.',
      ),
    ).toBeInTheDocument();
  });
});
