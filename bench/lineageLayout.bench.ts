/*
 * Browser layout time of the lineage view for 100, 500 and 1,000 nodes, in
 * Debian's Chromium (/usr/bin/chromium, never a downloaded browser), in one
 * run:
 * - the lineage graphs are real answers of the lineage walk: the common
 *   package's `traverseLineage` (what GET /lineage runs) over the synthetic
 *   catalog of bench/generateWorld.ts (10,000 datasets, 8 upstreams each),
 *   from one dataset in the middle, both directions, with the node limit set
 *   to the size;
 * - bench/lineageLayoutPage.tsx, bundled with esbuild (production React),
 *   draws each graph with the plugin's LineageGraph component and, for
 *   comparison, with Backstage's DependencyGraph and the same node shapes;
 * - the time is from the data in hand (just before React renders) to the
 *   frame after the one in which every node is in place: layout, React
 *   render, style, paint; the layout alone (folding and dagre) is timed
 *   separately in the same page.
 * One warm-up draw per size and variant, then the median of RUNS draws.
 * Run with `yarn bench:lineage-layout`.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DatasetEntityV1alpha1,
  LineageGraph,
  traverseLineage,
} from '@datapact/backstage-plugin-common';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorld } from './generateWorld';
import type { Variant } from './lineageLayoutPage';

const SIZES = [100, 500, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DATASETS = 10_000;
const ROOT = `dataset:default/ds-${DATASETS / 2}`;
const VARIANTS: Variant[] = ['datapact', 'dependency-graph'];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Lineage graphs of about `sizes` nodes, walked as the endpoint walks them. */
async function lineageGraphs(sizes: number[]) {
  const entities = generateWorld({
    datasets: DATASETS,
    upstreams: 8,
    window: 1200,
  });
  // The catalog module emits `sourceOf` for each declared upstream; do the same.
  const byRef = new Map<string, Entity>();
  for (const e of entities) byRef.set(stringifyEntityRef(e), e);
  for (const e of entities) {
    for (const u of (e as DatasetEntityV1alpha1).spec?.lineage?.upstream ??
      []) {
      const upstream = byRef.get(u.dataset);
      if (upstream) {
        upstream.relations = [
          ...(upstream.relations ?? []),
          { type: 'sourceOf', targetRef: stringifyEntityRef(e) },
        ];
      }
    }
  }
  const graphs: LineageGraph[] = [];
  for (const limit of sizes) {
    graphs.push(
      await traverseLineage(
        {
          getDatasets: async refs =>
            refs.map(r => byRef.get(r)).filter((e): e is Entity => !!e),
          organizationOf: d =>
            `group:default/org-${d.spec.owner.replace(/^.*team-/, '')}`,
        },
        { root: ROOT, direction: 'both', depth: 5, limit },
      ),
    );
  }
  return graphs;
}

async function bundlePage(dir: string) {
  await build({
    entryPoints: [resolve(__dirname, 'lineageLayoutPage.tsx')],
    bundle: true,
    outfile: join(dir, 'page.js'),
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.css': 'empty' },
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head>' +
      '<body style="margin:0"><script src="page.js"></script></body></html>',
  );
}

async function main() {
  const graphs = await lineageGraphs(SIZES);
  const dir = mkdtempSync(join(tmpdir(), 'datapact-lineage-layout-'));
  await bundlePage(dir);
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
    });
    page.on('pageerror', e => console.error('page error:', e));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    console.log(
      `Chromium ${browser.version()}; ${RUNS} draws per size after a warm-up; median, min-max in ms\n`,
    );
    console.log(
      '| nodes (edges) | drawn | Datapact LineageGraph | of which layout | DependencyGraph (core-components) |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: |');
    const cell = (times: number[]) =>
      `${median(times).toFixed(0)} (${Math.min(...times).toFixed(0)}-${Math.max(
        ...times,
      ).toFixed(0)})`;
    for (const graph of graphs) {
      const cells: string[] = [];
      let drawn = 0;
      for (const variant of VARIANTS) {
        const times: number[] = [];
        for (let run = 0; run <= RUNS; run++) {
          const result = await page.evaluate(
            ([v, g]) => window.lineageBench.draw(v, g),
            [variant, graph] as const,
          );
          drawn = result.drawn;
          if (run > 0) times.push(result.ms);
        }
        cells.push(cell(times));
        if (variant === 'datapact') {
          const layout: number[] = [];
          for (let run = 0; run < RUNS; run++) {
            layout.push(
              await page.evaluate(
                g => window.lineageBench.layoutOnly(g),
                graph,
              ),
            );
          }
          cells.push(cell(layout));
        }
      }
      console.log(
        `| ${graph.nodes.length} (${
          graph.edges.length
        }) | ${drawn} | ${cells.join(' | ')} |`,
      );
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
