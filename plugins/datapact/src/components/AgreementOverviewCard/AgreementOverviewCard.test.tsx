import { screen, within } from '@testing-library/react';
import { agreement, expiredAgreement } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { unsafeHrefs, unsafeUrls } from '../../__testUtils__/urls';
import { EntityAgreementOverviewCard } from './AgreementOverviewCard';

const field = (label: string) => screen.getByText(label).parentElement!;

describe('AgreementOverviewCard', () => {
  it('shows the parties with their roles and the datasets covered', async () => {
    await renderWithApis(<EntityAgreementOverviewCard />, {
      entity: agreement,
    });
    const parties = field('Parties');
    expect(within(parties).getByText('provider')).toBeInTheDocument();
    expect(within(parties).getByText('recipient')).toBeInTheDocument();
    expect(within(parties).getAllByRole('link')).toHaveLength(2);
    expect(
      within(field('Datasets covered')).getByRole('link'),
    ).toBeInTheDocument();
    expect(
      within(field('Purposes')).getByText('public health'),
    ).toBeInTheDocument();
  });

  it('shows when it is in force, its status and the countdown', async () => {
    await renderWithApis(<EntityAgreementOverviewCard />, {
      entity: agreement,
    });
    const inForce = field('In force');
    expect(inForce).toHaveTextContent(
      `${agreement.spec.effective.from} → ${agreement.spec.effective.until}`,
    );
    expect(inForce).toHaveTextContent('active, 10 days left');
  });

  it('says an expired agreement is expired', async () => {
    await renderWithApis(<EntityAgreementOverviewCard />, {
      entity: expiredAgreement,
    });
    expect(field('In force')).toHaveTextContent('expired 30 days ago');
  });

  it('shows the retention and IP terms and the document', async () => {
    await renderWithApis(<EntityAgreementOverviewCard />, {
      entity: agreement,
    });
    const terms = field('Data terms');
    expect(terms).toHaveTextContent('Retention: 3 years');
    expect(terms).toHaveTextContent(
      'Onward transfer: only with the provider’s approval',
    );
    expect(terms).toHaveTextContent('Breach notification: within 72 hours');
    const ip = field('Derived works (IP)');
    expect(ip).toHaveTextContent('Owned by: joint');
    expect(ip).toHaveTextContent('Commercialization: with revenue share');
    expect(
      screen.getByRole('link', { name: /Signed document/ }),
    ).toHaveAttribute(
      'href',
      'https://example.org/agreements/hospital-uni-dsa.pdf',
    );
  });

  it.each(unsafeUrls)(
    'shows a document URL that is %s as plain text, not as a link',
    async (_, url) => {
      await renderWithApis(<EntityAgreementOverviewCard />, {
        entity: { ...agreement, spec: { ...agreement.spec, document: url } },
      });
      expect(
        screen.queryByRole('link', { name: /Signed document/ }),
      ).not.toBeInTheDocument();
      expect(unsafeHrefs(document.body)).toEqual([]);
      const type = field('Type');
      expect(type).toHaveTextContent('Signed document');
      expect(type.textContent).toContain(url.trim());
      expect(within(field('Parties')).getAllByRole('link')).toHaveLength(2);
    },
  );
});
