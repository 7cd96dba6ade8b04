/*
 * The demo backend as benchmarks run it: started from the TypeScript sources
 * on a free port with a config overlay (PostgreSQL at 127.0.0.1:5432, user
 * postgres, fresh databases under a unique prefix, dropped at the end), its
 * catalog loaded from the given locations, and users signed in through the
 * demo persona provider.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { stringify } from 'yaml';

export const ROOT = resolve(__dirname, '..');

export const PG = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: 'postgres',
};

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

export interface CallResult {
  status: number;
  body: any;
  ms: number;
  /** The response's headers. */
  headers: http.IncomingHttpHeaders;
  /** The size of the response body in bytes. */
  bytes: number;
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  seconds = 180,
) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** The count, p50 and p99 of a list of latencies. */
export function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** A running demo backend. */
export interface RunningBackend {
  port: number;
  /** The databases of this run share this prefix (`<prefix>catalog`, ...). */
  prefix: string;
  /** One HTTP call: status, parsed body and milliseconds. */
  call(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: object;
      headers?: Record<string, string>;
    },
  ): Promise<CallResult>;
  /** A user token from the demo persona provider. */
  token(user: string): Promise<string>;
  /** The tail of the backend's stderr, for error reports. */
  stderr(): string;
  /** The backend's Node process (signals: kill -9, SIGSTOP, SIGCONT). */
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the demo backend with the given catalog locations (file targets,
 * replacing the example world's) and waits until it answers.
 */
export async function startDemoBackend(options: {
  locations: string[];
  processingIntervalSeconds?: number;
  /** Another replica of this backend: same databases, left to it to drop. */
  replicaOf?: RunningBackend;
  /** The PostgreSQL to use instead of {@link PG} (e.g. a private cluster). */
  pg?: typeof PG & { application_name?: string };
  /** Further configuration, merged over the overlay (e.g. `datapact` settings). */
  config?: object;
}): Promise<RunningBackend> {
  const pg = options.pg ?? PG;
  const port = await freePort();
  const prefix = options.replicaOf?.prefix ?? `datapact_bench_${Date.now()}_`;
  const dir = mkdtempSync(join(tmpdir(), 'datapact-bench-'));
  writeFileSync(
    join(dir, 'overlay.yaml'),
    stringify({
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: { client: 'pg', prefix, connection: pg },
      },
      auth: {
        providers: { demo: { dangerouslyAllowOutsideDevelopment: true } },
      },
      catalog: {
        processingInterval: { seconds: options.processingIntervalSeconds ?? 5 },
        locations: options.locations.map(target => ({ type: 'file', target })),
      },
    }),
  );
  if (options.config) {
    writeFileSync(join(dir, 'extra.yaml'), stringify(options.config));
  }

  // Started without the CLI's file watching, so that edits elsewhere in the
  // repository do not restart it mid-run.
  const backend: ChildProcess = spawn(
    process.execPath,
    [
      // e.g. BENCH_BACKEND_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
      ...(process.env.BENCH_BACKEND_NODE_ARGS?.split(' ').filter(Boolean) ??
        []),
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      join(ROOT, 'app-config.yaml'),
      // The demo persona provider, as ./scripts/demo.sh loads it.
      '--config',
      join(ROOT, 'app-config.demo.yaml'),
      '--config',
      join(dir, 'overlay.yaml'),
      ...(options.config ? ['--config', join(dir, 'extra.yaml')] : []),
    ],
    {
      cwd: join(ROOT, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  backend.stderr!.on('data', d => {
    stderr = (stderr + d).slice(-4000);
  });

  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const call: RunningBackend['call'] = (method, path, callOptions = {}) => {
    const payload = callOptions.body
      ? JSON.stringify(callOptions.body)
      : undefined;
    const started = process.hrtime.bigint();
    return new Promise((done, fail) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          agent,
          headers: {
            ...callOptions.headers,
            ...(callOptions.token && {
              Authorization: `Bearer ${callOptions.token}`,
            }),
            ...(payload && {
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(payload),
            }),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const raw = Buffer.concat(chunks);
            const text = raw.toString('utf8');
            let body: any = text;
            try {
              body = JSON.parse(text);
            } catch {
              // not JSON: keep the text
            }
            done({
              status: res.statusCode ?? 0,
              body,
              ms,
              headers: res.headers,
              bytes: raw.length,
            });
          });
        },
      );
      req.on('error', fail);
      if (payload) req.write(payload);
      req.end();
    });
  };

  const token = async (user: string) => {
    const res = await call('GET', `/api/auth/demo/refresh?user=${user}`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    if (res.status !== 200)
      throw new Error(`no token for ${user}: ${res.status}`);
    return res.body.backstageIdentity.token as string;
  };

  const stop = async () => {
    agent.destroy();
    try {
      backend.kill('SIGTERM');
    } catch {
      // already gone
    }
    await sleep(3000);
    rmSync(dir, { recursive: true, force: true });
    if (options.replicaOf) return;
    const admin = new Client({ ...pg, database: 'postgres' });
    await admin.connect();
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
  };

  try {
    await waitFor(
      'the backend',
      async () =>
        (await call('GET', '/api/datapact/audit/verify')).status === 401,
    );
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- backend stderr (tail) ---\n${stderr}`);
  }
  return {
    port,
    prefix,
    call,
    token,
    stderr: () => stderr,
    child: backend,
    stop,
  };
}
