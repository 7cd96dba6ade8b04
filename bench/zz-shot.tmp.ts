import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DatasetEntityV1alpha1, traverseLineage } from '@datapact/backstage-plugin-common';
import { chromium } from '@playwright/test';
import { generateWorld } from './generateWorld';
async function main() {
  const size = Number(process.argv[2] ?? 500);
  const entities = generateWorld({ datasets: 10000, upstreams: 8, window: 1200 });
  const byRef = new Map<string, Entity>();
  for (const e of entities) byRef.set(stringifyEntityRef(e), e);
  for (const e of entities) for (const u of (e as DatasetEntityV1alpha1).spec?.lineage?.upstream ?? []) { const up = byRef.get(u.dataset); if (up) up.relations = [...(up.relations ?? []), { type: 'sourceOf', targetRef: stringifyEntityRef(e) }]; }
  const graph = await traverseLineage({ getDatasets: async refs => refs.map(r => byRef.get(r)).filter((e): e is Entity => !!e), organizationOf: d => `group:default/org-${d.spec.owner.replace(/^.*team-/, '')}` }, { root: 'dataset:default/ds-5000', direction: 'both', depth: 5, limit: size });
  // Present it as the atlas's lineage.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.route('**/api/datapact/lineage?*', route => route.fulfill({ json: graph }));
  await page.goto('http://localhost:3000/');
  await page.getByRole('button', { name: 'Sign in as Amara Nwosu' }).click();
  await page.waitForTimeout(2000);
  await page.goto('http://localhost:3000/catalog/default/dataset/northbridge-respiratory-atlas/lineage');
  await page.getByTestId('lineage-graph').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/lineage-${size}.png` });
  await page.getByRole('button', { name: 'Fit the whole graph' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/lineage-${size}-fit.png` });
  await page.getByRole('button', { name: 'Table' }).click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `/tmp/lineage-${size}-table.png`, fullPage: true });
  await browser.close();
}
main().catch(e => { console.error(e); process.exit(1); });
