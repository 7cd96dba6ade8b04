import { screen, within } from '@testing-library/react';
import { communityDataset, dataset } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { unsafeHrefs, unsafeUrls } from '../../__testUtils__/urls';
import { EntityDatasetOverviewCard } from './DatasetOverviewCard';

describe('DatasetOverviewCard', () => {
  it('shows the tier, personal data and special categories', async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, { entity: dataset });
    expect(screen.getByTestId('tier-chip')).toHaveTextContent('restricted');
    expect(screen.getByText('pseudonymised personal data')).toBeInTheDocument();
    expect(screen.getByText('health')).toBeInTheDocument();
    expect(
      screen.getByText('De-identified by pseudonymisation'),
    ).toBeInTheDocument();
  });

  it('links the licence and says its terms in plain words', async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, { entity: dataset });
    expect(
      screen.getByRole('link', { name: /LicenseRef-StMary-Research-Terms/ }),
    ).toHaveAttribute('href', 'https://example.org/st-mary/research-terms');
    expect(
      screen.getByText(/use the data; make derived datasets/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/try to re-identify people; use it commercially/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /credit the provider; tell the provider how the data is used/,
      ),
    ).toBeInTheDocument();
  });

  it.each(unsafeUrls)(
    'shows a licence URL that is %s as plain text, not as a link',
    async (_, url) => {
      await renderWithApis(<EntityDatasetOverviewCard />, {
        entity: {
          ...dataset,
          spec: { ...dataset.spec, license: { ...dataset.spec.license!, url } },
        },
      });
      expect(
        screen.queryByRole('link', {
          name: /LicenseRef-StMary-Research-Terms/,
        }),
      ).not.toBeInTheDocument();
      expect(unsafeHrefs(document.body)).toEqual([]);
      const licence = screen.getByText(/LicenseRef-StMary-Research-Terms/);
      expect(licence.textContent).toContain(url.trim());
      expect(
        screen.getByText(/use the data; make derived datasets/),
      ).toBeInTheDocument();
    },
  );

  it('links a licence without a URL to its page on the SPDX list', async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, {
      entity: {
        ...dataset,
        spec: { ...dataset.spec, license: { spdx: 'CC-BY-4.0' } },
      },
    });
    expect(screen.getByRole('link', { name: /CC-BY-4.0/ })).toHaveAttribute(
      'href',
      'https://spdx.org/licenses/CC-BY-4.0.html',
    );
  });

  it('shows the agreements with their status and days left', async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, { entity: dataset });
    expect(await screen.findByText('active, 10 days left')).toBeInTheDocument();
    expect(screen.getByText('expired 30 days ago')).toBeInTheDocument();
  });

  it('names the organization, owner, stewards, retention and provenance', async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, { entity: dataset });
    const organization = (await screen.findByText('Organization'))
      .parentElement!;
    expect(
      await within(organization).findByText(/st-mary-hospital/i),
    ).toBeInTheDocument();
    expect(screen.getByText('3 years, then delete')).toBeInTheDocument();
    expect(screen.getByText('Legal basis: public task')).toBeInTheDocument();
    const stewards = screen.getByText('Stewards').parentElement!;
    expect(within(stewards).getAllByRole('link')).toHaveLength(2);
  });

  it("puts a community's rights and veto first, and strikes the vetoed permission", async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, {
      entity: communityDataset,
    });
    const notice = screen.getByTestId('community-notice');
    expect(notice).toHaveTextContent('Community-governed data: Ngāti Example');
    expect(notice).toHaveTextContent('The community vetoes commercial use');
    expect(within(notice).getByText('TK Non-Commercial')).toBeInTheDocument();
    expect(screen.getByText('use it commercially').tagName).toBe('S');
    expect(screen.getByText(/vetoed by the community/)).toBeInTheDocument();
  });
});
