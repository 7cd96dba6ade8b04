// The adopter test's one browser check: Debian's Chromium (never a downloaded
// browser) signs in to the adopter app as the guest (the catalog User the
// overlay names), opens a dataset's Lineage tab and asserts the legend lists
// the configured tiers, in order, then saves a screenshot.
//
// usage: node adopter/screenshot.mjs <base url> <dataset path> <out.png> <tier>...
// Run from the Datapact checkout: playwright is its dev dependency.
import { chromium } from 'playwright';

const [baseUrl, datasetPath, out, ...tiers] = process.argv.slice(2);
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.setDefaultTimeout(60_000);
  await page.goto(`${baseUrl}/`);
  // The generated app's sign-in page offers the guest provider.
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await enter.waitFor({ state: 'detached' });
  await page.goto(`${baseUrl}${datasetPath}/lineage`);
  const legend = page.getByRole('list', { name: 'Legend' });
  try {
    await page.getByTestId('lineage-graph').waitFor();
    await legend.waitFor();
  } catch (error) {
    await page.screenshot({ path: out, fullPage: true });
    console.error(
      `no lineage graph with a legend at ${page.url()}; see ${out}`,
    );
    throw error;
  }
  const items = (await legend.getByRole('listitem').allInnerTexts()).map(t =>
    t.trim(),
  );
  // The legend: the flow arrow, one swatch per tier (lowest first), then
  // "this dataset": exactly the configured tiers, none of the default scale.
  const shown = items.slice(1, items.indexOf('this dataset'));
  await page.screenshot({ path: out, fullPage: true });
  if (JSON.stringify(shown) !== JSON.stringify(tiers)) {
    console.error(
      `the lineage legend lists [${items.join(
        ' | ',
      )}], expected the tiers [${tiers.join(', ')}]`,
    );
    process.exit(1);
  }
  console.log(`lineage legend tiers: ${shown.join(', ')}`);
} finally {
  await browser.close();
}
