/*
 * The lineage of a dataset, 3 hops upstream (about 500 nodes) in a catalog of
 * 10,000 generated datasets, fetched three ways against the same running demo
 * backend on PostgreSQL, in one run:
 *   (a) our endpoint, GET /api/datapact/lineage (one request, answered
 *       from the backend's lineage index once it has loaded);
 *   (b) entity by entity through the catalog API, one request per dataset
 *       hop by hop, as Backstage's catalog graph does (sequential, and with
 *       8 requests in flight);
 *   (c) a raw SQL read of the same rows from the catalog's database (a
 *       recursive query over `relations`, then the entities' JSON).
 * Then it measures what keeps the index fresh: the poll the index makes every
 * few seconds, and how long a lineage change made in a catalog-info file takes
 * to show in the catalog and in our endpoint.
 * Run with `yarn bench:lineage`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { stringify } from 'yaml';
import { writeCatalogInfo } from './datapactCheck';
import { generateWorld } from './generateWorld';
import { PG, startDemoBackend, waitFor } from './runningBackend';

const DATASETS = 10_000;
const ROOT_DATASET = `ds-${DATASETS - 1}`;
const DEPTH = 3;
const RUNS = 10;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The generated world as catalog-info files and one Location over them. */
function writeWorld() {
  const entities = generateWorld({
    datasets: DATASETS,
    upstreams: 8,
    window: 1200,
  });
  const { dir, files } = writeCatalogInfo(entities, 'lineage-bench');
  writeFileSync(
    join(dir, 'all.yaml'),
    stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'lineage-bench' },
      spec: { targets: files.map(f => `./${f}`) },
    }),
  );
  return { dir, files, entities };
}

/** The source (`index` or `catalog`) and duration the endpoint reports. */
function serverTiming(headers: Record<string, unknown>) {
  const match = /desc="(\w+)";dur=([\d.]+)/.exec(
    String(headers['server-timing'] ?? ''),
  );
  return match ? { source: match[1], ms: Number(match[2]) } : undefined;
}

async function main() {
  const { dir, files, entities } = writeWorld();
  const count = entities.length;
  console.log(
    `Generated ${count} entities; starting the demo backend (PostgreSQL) ...`,
  );
  const backend = await startDemoBackend({
    locations: [join(dir, 'all.yaml')],
    processingIntervalSeconds: 600,
  });
  const pg = new Client({ ...PG, database: `${backend.prefix}catalog` });
  try {
    const started = Date.now();
    let token = '';
    await waitFor(
      'the generated users',
      async () => Boolean((token = await backend.token('steward-0-0'))),
      900,
    );
    const lineagePath = `/api/datapact/lineage?entity=dataset:default/${ROOT_DATASET}&direction=upstream&depth=${DEPTH}&limit=5000`;
    // Ingestion and stitching are done when the lineage stops growing.
    let nodes = -1;
    await waitFor(
      'the catalog to ingest and stitch the generated world',
      async () => {
        const res = await backend.call('GET', lineagePath, { token });
        const now = res.body?.nodes?.length ?? -1;
        const facets = await backend.call(
          'GET',
          '/api/catalog/entity-facets?facet=kind',
          { token },
        );
        const datasets = facets.body?.facets?.kind?.find(
          (f: any) => f.value === 'Dataset',
        )?.count;
        const done = datasets === DATASETS && now === nodes && now > 1;
        nodes = now;
        if (!done) await new Promise(r => setTimeout(r, 4000));
        return done;
      },
      1800,
    );
    console.log(
      `Catalog ready after ${((Date.now() - started) / 1000).toFixed(
        0,
      )} s; the lineage has ${nodes} nodes.\n`,
    );

    // (a) our endpoint, once the lineage index has taken in the catalog
    const indexWait = Date.now();
    await waitFor(
      'the lineage index',
      async () =>
        serverTiming(
          (
            await backend.call('GET', lineagePath, { token })
          ).headers,
        )?.source === 'index',
      300,
    );
    console.log(
      `Lineage index answering ${((Date.now() - indexWait) / 1000).toFixed(
        1,
      )} s after that.\n`,
    );
    const endpoint: number[] = [];
    const inside: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const res = await backend.call('GET', lineagePath, { token });
      if (res.body.nodes.length !== nodes)
        throw new Error('the lineage changed under the benchmark');
      const timing = serverTiming(res.headers);
      if (timing?.source !== 'index')
        throw new Error(`answered from ${timing?.source}, not the index`);
      endpoint.push(res.ms);
      inside.push(timing.ms);
      bytes = res.bytes;
    }

    // (b) entity by entity through the catalog API
    const perEntity = async (inFlight: number) => {
      const start = process.hrtime.bigint();
      const seen = new Set([ROOT_DATASET]);
      let frontier = [ROOT_DATASET];
      let requests = 0;
      for (let hop = 0; hop <= DEPTH && frontier.length > 0; hop++) {
        const next: string[] = [];
        for (let i = 0; i < frontier.length; i += inFlight) {
          const batch = frontier.slice(i, i + inFlight);
          const answers = await Promise.all(
            batch.map(name =>
              backend.call(
                'GET',
                `/api/catalog/entities/by-name/dataset/default/${name}`,
                { token },
              ),
            ),
          );
          requests += batch.length;
          if (hop === DEPTH) continue;
          for (const res of answers) {
            for (const r of res.body.relations ?? []) {
              const name = r.targetRef.split('/')[1];
              if (r.type === 'derivedFrom' && !seen.has(name)) {
                seen.add(name);
                next.push(name);
              }
            }
          }
        }
        frontier = next;
      }
      if (seen.size !== nodes)
        throw new Error(
          `per-entity walk found ${seen.size} nodes, not ${nodes}`,
        );
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, requests };
    };
    const sequential = [
      await perEntity(1),
      await perEntity(1),
      await perEntity(1),
    ];
    const parallel = [
      await perEntity(8),
      await perEntity(8),
      await perEntity(8),
    ];

    // (c) raw SQL on the catalog's database
    await pg.connect();
    const sql = `
      WITH RECURSIVE walk(ref, depth) AS (
        SELECT $1::text, 0
        UNION
        SELECT r.target_entity_ref, w.depth + 1
        FROM walk w JOIN relations r
          ON r.source_entity_ref = w.ref AND r.type = 'derivedFrom'
        WHERE w.depth < $2
      )
      SELECT f.final_entity FROM (SELECT DISTINCT ref FROM walk) w
      JOIN final_entities f ON f.entity_ref = w.ref`;
    const raw: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const start = process.hrtime.bigint();
      const { rows } = await pg.query(sql, [
        `dataset:default/${ROOT_DATASET}`,
        DEPTH,
      ]);
      rows.forEach(r => JSON.parse(r.final_entity));
      if (rows.length !== nodes)
        throw new Error(`SQL found ${rows.length} rows, not ${nodes}`);
      if (i > 0) raw.push(Number(process.hrtime.bigint() - start) / 1e6);
    }

    const a = median(endpoint);
    const b1 = median(sequential.map(r => r.ms));
    const b8 = median(parallel.map(r => r.ms));
    const c = median(raw);
    console.log(
      `node ${process.version}; lineage of ${ROOT_DATASET}, ${DEPTH} hops upstream, ${nodes} nodes, among ${DATASETS} datasets`,
    );
    console.log('| way | requests | median ms | vs endpoint |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| (a) GET /api/datapact/lineage | 1 | ${a.toFixed(1)} | 1.00x |`,
    );
    console.log(
      `| (b) catalog API entity by entity, sequential | ${
        sequential[0].requests
      } | ${b1.toFixed(1)} | ${(b1 / a).toFixed(1)}x slower |`,
    );
    console.log(
      `| (b) catalog API entity by entity, 8 in flight | ${
        parallel[0].requests
      } | ${b8.toFixed(1)} | ${(b8 / a).toFixed(1)}x slower |`,
    );
    console.log(
      `| (c) raw SQL on the catalog database | 1 query | ${c.toFixed(
        1,
      )} | endpoint is ${(a / c).toFixed(2)}x of it |`,
    );
    console.log(
      `\nendpoint runs (ms): ${endpoint
        .map(v => v.toFixed(1))
        .join(', ')}; inside the backend (Server-Timing, median): ${median(
        inside,
      ).toFixed(1)} ms; response ${(bytes / 1024).toFixed(0)} KiB`,
    );

    // What the index costs to keep fresh: the poll it makes every
    // datapact.lineage.indexRefreshFrequency (default 5 s) when nothing changed.
    const poll: number[] = [];
    let pollBytes = 0;
    for (let i = 0; i < 5; i++) {
      const res = await backend.call(
        'GET',
        '/api/catalog/entities?filter=kind=dataset&filter=kind=group&filter=kind=agreement&fields=kind,metadata.namespace,metadata.name,metadata.etag',
        { token },
      );
      poll.push(res.ms);
      pollBytes = res.bytes;
    }
    console.log(
      `index poll (the etags of every dataset, group and agreement): median ${median(
        poll,
      ).toFixed(0)} ms, ${(pollBytes / 1024).toFixed(0)} KiB`,
    );

    // What the index holds: the fields it keeps of every dataset.
    const slim = await backend.call(
      'GET',
      '/api/catalog/entities?filter=kind=dataset&fields=apiVersion,kind,metadata.name,metadata.namespace,metadata.title,metadata.etag,spec.type,spec.parent,spec.owner,spec.lifecycle,spec.sensitivity.tier,spec.license.spdx,spec.lineage,spec.provenance.organization,relations',
      { token },
    );
    console.log(
      `index contents: ${slim.body.length} datasets, ${(
        slim.bytes /
        1024 /
        1024
      ).toFixed(1)} MiB as JSON (${(
        slim.bytes /
        slim.body.length /
        1024
      ).toFixed(2)} KiB per dataset)`,
    );

    // Freshness: the root keeps only its first upstream; the catalog is
    // asked to refresh it (as an edit would be picked up on the next
    // processing interval), then both the catalog and our endpoint are
    // polled until they show it.
    const at = entities.findIndex(e => e.metadata.name === ROOT_DATASET);
    const spec = entities[at].spec as any;
    spec.lineage.upstream = spec.lineage.upstream.slice(0, 1);
    const part = Math.floor(at / 1000);
    writeFileSync(
      join(dir, files[part]),
      entities
        .slice(part * 1000, part * 1000 + 1000)
        .map(e => stringify(e))
        .join('---\n'),
    );
    const edited = Date.now();
    const refresh = await backend.call('POST', '/api/catalog/refresh', {
      token,
      body: { entityRef: `dataset:default/${ROOT_DATASET}` },
    });
    if (refresh.status >= 300)
      throw new Error(`catalog refresh answered ${refresh.status}`);
    let inCatalog = 0;
    let inLineage = 0;
    await waitFor(
      'the lineage change',
      async () => {
        if (!inCatalog) {
          const entity = await backend.call(
            'GET',
            `/api/catalog/entities/by-name/dataset/default/${ROOT_DATASET}`,
            { token },
          );
          const upstreams = (entity.body.relations ?? []).filter(
            (r: any) => r.type === 'derivedFrom',
          );
          if (upstreams.length === 1) inCatalog = Date.now() - edited;
        }
        if (!inLineage) {
          const res = await backend.call(
            'GET',
            `/api/datapact/lineage?entity=dataset:default/${ROOT_DATASET}&direction=upstream&depth=1`,
            { token },
          );
          if (res.body.nodes?.length === 2) inLineage = Date.now() - edited;
        }
        return Boolean(inCatalog && inLineage);
      },
      300,
    );
    console.log(
      `freshness: a lineage edit showed in the catalog after ${(
        inCatalog / 1000
      ).toFixed(1)} s and in GET /api/datapact/lineage after ${(
        inLineage / 1000
      ).toFixed(1)} s (refresh requested at once; index poll every 5 s)`,
    );
  } catch (error) {
    console.error(
      `${error}\n--- backend stderr (tail) ---\n${backend.stderr()}`,
    );
    process.exitCode = 1;
  } finally {
    await pg.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    await backend.stop();
  }
}

main();
