import { test, expect, Page } from '@playwright/test';
import { signInAs } from './personas';

/*
 * Issue 6 in Chromium: the lineage of the deepest dataset of the example
 * world (the respiratory atlas, five levels from the raw hospital data), its
 * graph in one request, more lineage loaded from a node, the same datasets
 * as a table, and a click through to an upstream's page; then the impact of
 * a change to a source dataset, by organization. Screenshots of every step
 * land in e2e-test-results/; with UPDATE_DOCS_SCREENSHOTS=1 the expanded
 * graph also refreshes the README's image in docs/images/.
 */

const ATLAS = '/catalog/default/dataset/northbridge-respiratory-atlas';

const docsImages = process.env.UPDATE_DOCS_SCREENSHOTS
  ? `${__dirname}/../../../docs/images`
  : undefined;

async function shot(page: Page, name: string, docsName?: string) {
  await page.screenshot({
    path: `e2e-test-results/lineage-${name}.png`,
    fullPage: true,
  });
  if (docsImages && docsName) {
    await page.screenshot({ path: `${docsImages}/${docsName}.png` });
  }
}

const graphNode = (page: Page, title: string) =>
  page.getByRole('link', { name: new RegExp(`^${title}`) });

test('the lineage of the atlas, and a click through to an upstream', async ({
  browser,
}) => {
  const page = await signInAs(browser, 'Amara Nwosu');
  const lineageRequests: string[] = [];
  page.on('request', request => {
    if (request.url().includes('/api/datapact/lineage')) {
      lineageRequests.push(request.url());
    }
  });
  await page.goto(`${ATLAS}/lineage`);

  // Depth 3 upstream in one request: the weekly rates, the linked data and
  // the three sources of the join, from three organizations.
  const graph = page.getByTestId('lineage-graph');
  await expect(graph).toBeVisible();
  const root = page.locator('[data-testid=lineage-node][data-root=true]');
  await expect(root).toHaveAttribute(
    'data-ref',
    'dataset:default/northbridge-respiratory-atlas',
  );
  for (const title of [
    'Respiratory ED rates by area and week',
    'Respiratory ED attendances linked to traffic exposure',
    'ED attendances \\(cleaned, pseudonymised\\)',
    'Trips by small area and day',
    'Northbridge small areas \\(2023 boundaries\\)',
  ]) {
    await expect(graphNode(page, title)).toBeVisible();
  }
  expect(lineageRequests).toHaveLength(1);
  await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible();
  await shot(page, '01-atlas-graph');

  // The raw hospital data lies a fourth hop up: load it from the cleaned data.
  await page
    .getByRole('button', {
      name: 'Show more lineage upstream of ED attendances (cleaned, pseudonymised)',
    })
    .click();
  await expect(graphNode(page, 'ED attendances \\(raw\\)')).toBeVisible();
  await shot(page, '02-expanded', 'lineage');

  // The same datasets as a table.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByText(/\d+ datasets in the lineage/)).toBeVisible();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'ED attendances (raw)' })
      .getByText('upstream, 4 hops'),
  ).toBeVisible();
  await shot(page, '03-table');

  // Back to the graph, and through to an upstream's page.
  await page.getByRole('button', { name: 'Graph' }).click();
  await graphNode(page, 'Respiratory ED rates by area and week').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/dataset\/ed-respiratory-by-area-weekly$/,
  );
  await expect(
    page.getByRole('heading', {
      name: 'Respiratory ED rates by area and week',
    }),
  ).toBeVisible();
  await expect(page.getByText('Data governance')).toBeVisible();
  await shot(page, '04-upstream-page');
});

test('the impact of a change to a source dataset, by organization', async ({
  browser,
}) => {
  const page = await signInAs(browser, 'Fatima Haddad');
  await page.goto(
    '/catalog/default/dataset/riverside-member-trips-raw/lineage',
  );
  await expect(page.getByTestId('impact-summary')).toContainText(
    'Changing or withdrawing this dataset affects',
  );
  for (const organization of [
    'northbridge-university',
    'riverside-mobility-cooperative',
  ]) {
    await expect(
      page.getByRole('region', { name: `Affected in ${organization}` }),
    ).toBeVisible();
  }
  await page
    .getByRole('region', { name: 'Affected in riverside-mobility-cooperative' })
    .scrollIntoViewIfNeeded();
  await shot(page, '05-impact');
});
