/*
 * Access requests against the running demo backend on PostgreSQL: starts the
 * backend on a free port with a config overlay (PostgreSQL at 127.0.0.1:5432,
 * user postgres, fresh databases under a unique prefix, dropped afterwards),
 * adds a generated bench world to the example world, signs personas in
 * through the demo persona provider, and measures over HTTP:
 * - create-and-approve: closed-loop clients that each create a request and
 *   have it approved (one approval, including its audit entry), at 1, 10 and
 *   50 concurrent clients: cycles per second and p50/p99 of each call;
 * - reads: one request, a page of requests, a page of active grants, at 1, 10
 *   and 50 concurrent clients;
 * - the audit chain verification at the end.
 * Run with `yarn bench:access` (BENCH_SECONDS sets each phase's length;
 * BENCH_REPLICAS=2 starts a second backend on the same databases, and client
 * c talks to replica c mod 2, as behind a load balancer).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT, startDemoBackend, summary, waitFor } from './runningBackend';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Backend replicas on the same databases; client c talks to replica c mod REPLICAS. */
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const CONCURRENCY = [1, 10, 50];
const REQUESTERS = 50;
const DATASETS = 10;

/** The bench world: one organization, 50 requesters, an approver, 10 requestable datasets. */
function benchWorld(): object[] {
  const entities: object[] = [
    group('bench-org', 'organization'),
    {
      ...group('bench-team', 'team'),
      spec: { type: 'team', parent: 'group:default/bench-org', children: [] },
    },
    user('bench-approver'),
    {
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Steward',
      metadata: {
        name: 'bench-steward',
        description: 'Approves bench requests',
      },
      spec: {
        holder: 'user:default/bench-approver',
        organization: 'group:default/bench-org',
      },
    },
  ];
  for (let i = 0; i < REQUESTERS; i++) entities.push(user(requester(i)));
  for (let i = 0; i < DATASETS; i++) {
    entities.push({
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Dataset',
      metadata: { name: dataset(i), description: 'A bench dataset' },
      spec: {
        type: 'table',
        lifecycle: 'production',
        owner: 'group:default/bench-team',
        stewards: ['steward:default/bench-steward'],
        sensitivity: { tier: 'internal' },
        provenance: { organization: 'group:default/bench-org' },
        access: {
          requestable: true,
          maxDuration: 'P90D',
          allowedPurposes: ['research'],
        },
      },
    });
  }
  return entities;
}

function group(name: string, type: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, description: `Bench ${type}` },
    spec: { type, children: [] },
  };
}

function user(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: { memberOf: ['group:default/bench-team'] },
  };
}

const requester = (i: number) =>
  `bench-requester-${String(i).padStart(2, '0')}`;
const dataset = (i: number) => `bench-dataset-${String(i).padStart(2, '0')}`;

/** Runs `clients` loops of `step` for SECONDS; returns how many steps finished. */
async function closedLoop(
  clients: number,
  step: (client: number) => Promise<void>,
) {
  const end = Date.now() + SECONDS * 1000;
  let steps = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (Date.now() < end) {
        await step(client);
        steps++;
      }
    }),
  );
  return steps;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-access-bench-'));
  writeFileSync(
    join(dir, 'bench-world.yaml'),
    benchWorld()
      .map(e => stringify(e))
      .join('---\n'),
  );
  console.log('Starting the demo backend (PostgreSQL) ...');
  const backend = await startDemoBackend({
    locations: [
      join(ROOT, 'catalog-info/all.yaml'),
      join(dir, 'bench-world.yaml'),
    ],
  });
  const { token } = backend;
  const replicas = [backend];
  // The first argument is the client's index: it picks the replica.
  const call = (
    client: number,
    method: string,
    path: string,
    options?: Parameters<typeof backend.call>[2],
  ) => replicas[client % replicas.length].call(method, path, options);

  try {
    await waitFor('the bench world in the catalog', async () => {
      const t = await token(requester(REQUESTERS - 1));
      const res = await call(
        0,
        'GET',
        `/api/catalog/entities/by-name/dataset/default/${dataset(
          DATASETS - 1,
        )}`,
        { token: t },
      );
      return res.status === 200;
    });
    // Further replicas start once the first has set up the databases.
    for (let i = 1; i < REPLICAS; i++) {
      replicas.push(
        await startDemoBackend({
          locations: [
            join(ROOT, 'catalog-info/all.yaml'),
            join(dir, 'bench-world.yaml'),
          ],
          replicaOf: backend,
        }),
      );
    }
    const approver = await token('bench-approver');
    const requesters = await Promise.all(
      Array.from({ length: REQUESTERS }, (_, i) => token(requester(i))),
    );
    console.log(`Ready; ${SECONDS} s per phase.\n`);

    const api = (
      client: number,
      t: string,
      method: string,
      path: string,
      body?: object,
    ) => call(client, method, `/api/datapact${path}`, { token: t, body });
    const iterations = new Map<number, number>();
    let failures = 0;
    // What a requester accepts, read once per dataset as the portal's
    // dialog would before sending (the terms do not change during a run).
    const terms = new Map<string, Promise<string>>();
    const termsOf = (client: number, ref: string) => {
      let known = terms.get(ref);
      if (!known) {
        known = api(
          client,
          requesters[client],
          'GET',
          `/access-requests/terms?dataset=${encodeURIComponent(ref)}`,
        ).then(res => {
          if (res.status !== 200) {
            throw new Error(`terms of ${ref}: ${res.status}`);
          }
          return res.body.sha256 as string;
        });
        terms.set(ref, known);
      }
      return known;
    };
    const createAndApprove = async (
      client: number,
      record?: { create: number[]; approve: number[] },
    ) => {
      const n = iterations.get(client) ?? 0;
      iterations.set(client, n + 1);
      const ref = `dataset:default/${dataset((client + n) % DATASETS)}`;
      const created = await api(
        client,
        requesters[client],
        'POST',
        '/access-requests',
        {
          dataset: ref,
          purpose: 'research',
          justification: 'bench',
          duration: 'P30D',
          acceptedTerms: await termsOf(client, ref),
        },
      );
      if (created.status !== 201) {
        failures++;
        return;
      }
      const approved = await api(
        client,
        approver,
        'POST',
        `/access-requests/${created.body.id}/decisions`,
        {
          decision: 'approve',
        },
      );
      if (approved.status !== 201 || approved.body.state !== 'approved')
        failures++;
      record?.create.push(created.ms);
      record?.approve.push(approved.ms);
    };

    // Warm up the JIT, the connection pools and the caches.
    await closedLoop(10, async c => createAndApprove(c)).catch(() => undefined);

    const rows: string[] = [];
    const fmt = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(1));
    for (const clients of CONCURRENCY) {
      const record = { create: [] as number[], approve: [] as number[] };
      const started = Date.now();
      const cycles = await closedLoop(clients, c =>
        createAndApprove(c, record),
      );
      const seconds = (Date.now() - started) / 1000;
      const create = summary(record.create);
      const approve = summary(record.approve);
      rows.push(
        `| create + approve | ${clients} | ${(cycles / seconds).toFixed(
          0,
        )} cycles/s | ${fmt(create.p50)} / ${fmt(create.p99)} | ${fmt(
          approve.p50,
        )} / ${fmt(approve.p99)} | ${cycles} |`,
      );
      console.log(rows[rows.length - 1]);
    }

    const sample = (await api(0, approver, 'GET', '/access-requests?limit=1'))
      .body.items[0];
    const reads: Array<[string, string, string]> = [
      [
        'read one request',
        approver,
        `/api/datapact/access-requests/${sample.id}`,
      ],
      [
        'list requests (page of 20)',
        approver,
        '/api/datapact/access-requests?limit=20',
      ],
      [
        'list active grants (page of 20)',
        requesters[0],
        '/api/datapact/grants?active=true&limit=20',
      ],
      // The framework's floor on the same backend: one catalog entity by name.
      [
        'baseline: catalog entity by name',
        requesters[0],
        `/api/catalog/entities/by-name/dataset/default/${dataset(0)}`,
      ],
    ];
    for (const [label, t, path] of reads) {
      for (const clients of CONCURRENCY) {
        const latencies: number[] = [];
        const started = Date.now();
        const count = await closedLoop(clients, async client => {
          const res = await call(client, 'GET', path, { token: t });
          if (res.status !== 200) failures++;
          latencies.push(res.ms);
        });
        const seconds = (Date.now() - started) / 1000;
        const s = summary(latencies);
        rows.push(
          `| ${label} | ${clients} | ${(count / seconds).toFixed(
            0,
          )} req/s | ${fmt(s.p50)} / ${fmt(s.p99)} | | ${count} |`,
        );
        console.log(rows[rows.length - 1]);
      }
    }

    const verify = await api(0, approver, 'GET', '/audit/verify');
    console.log(
      `\nDemo backend on PostgreSQL 15 (${replicas.length} replica${
        replicas.length > 1 ? 's' : ''
      }), ${SECONDS} s per phase, closed-loop clients on the same machine.`,
    );
    console.log(
      '| operation | clients | throughput | p50 / p99 ms (create or read) | p50 / p99 ms (approve incl. audit) | completed |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    console.log(
      `\nGET /audit/verify over ${verify.body.entries} entries: ${
        verify.body.ok ? 'ok' : `BROKEN at ${verify.body.firstBadSeq}`
      } in ${verify.ms.toFixed(0)} ms; failed calls: ${failures}.`,
    );
  } catch (error) {
    console.error(
      `${error}\n--- backend stderr (tail) ---\n${backend.stderr()}`,
    );
    process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const replica of replicas.slice(1)) await replica.stop();
    await backend.stop();
  }
}

main();
