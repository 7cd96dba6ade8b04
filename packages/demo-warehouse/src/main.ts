/*
 * The demo warehouse: `yarn demo:warehouse` (started by ./scripts/demo.sh and
 * by the end-to-end tests). Serves a PostgreSQL warehouse at
 * 127.0.0.1:5433 (DATAPACT_DEMO_WAREHOUSE_PORT), database
 * datapact_demo_warehouse, built afresh at every start: schema `analytics`
 * with the example tables, a login role (password `demo`) for every example
 * User and one for Datapact's provisioner. It runs until stopped.
 *
 * DATAPACT_DEMO_WAREHOUSE chooses what serves it:
 * - `auto` (default): the local PostgreSQL at DATAPACT_DEMO_WAREHOUSE_POSTGRES
 *   (default postgresql://postgres:postgres@127.0.0.1:5432/postgres) when it
 *   answers, else PGlite;
 * - `postgres`: that PostgreSQL, or fail;
 * - `pglite`: PGlite in memory, nothing to install.
 * With PostgreSQL, port 5433 forwards to it, so the address is the same.
 */
import { createConnection, createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { startPgliteServer } from './pgliteServer';
import {
  DEMO_PASSWORD,
  PROVISIONER_ROLE,
  exampleUsers,
  roleStatements,
  warehouseStatements,
} from './seed';

export const DATABASE = 'datapact_demo_warehouse';

const host = '127.0.0.1';
const port = Number(process.env.DATAPACT_DEMO_WAREHOUSE_PORT ?? 5433);
const mode = process.env.DATAPACT_DEMO_WAREHOUSE ?? 'auto';
const adminUrl =
  process.env.DATAPACT_DEMO_WAREHOUSE_POSTGRES ??
  'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
// Run from source (never built), so __dirname is this folder.
// eslint-disable-next-line no-restricted-syntax
const catalogDir = resolve(__dirname, '../../../catalog-info');

function log(line: string) {
  process.stdout.write(`[demo-warehouse] ${line}\n`);
}

async function reachable(url: string): Promise<string | undefined> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function setupStatements(users: string[]): string[] {
  return [
    ...[PROVISIONER_ROLE, ...users].flatMap(roleStatements),
    // To end the sessions of a role whose access ended.
    `GRANT pg_signal_backend TO ${PROVISIONER_ROLE}`,
  ];
}

async function onPostgres(users: string[]): Promise<Server> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    for (const statement of setupStatements(users)) {
      await admin.query(statement);
    }
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const warehouse = new Client({ connectionString: url.toString() });
  await warehouse.connect();
  try {
    for (const statement of warehouseStatements(users)) {
      await warehouse.query(statement);
    }
  } finally {
    await warehouse.end();
  }
  // One address whatever serves the warehouse: forward to PostgreSQL.
  const upstream = { host: url.hostname, port: Number(url.port || 5432) };
  const server = createServer(client => {
    const target = createConnection(upstream);
    client.pipe(target).pipe(client);
    const end = () => {
      client.destroy();
      target.destroy();
    };
    client.on('error', end).on('close', end);
    target.on('error', end).on('close', end);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  log(
    `PostgreSQL at ${upstream.host}:${upstream.port}, database ${DATABASE} (rebuilt), forwarded from ${host}:${port}`,
  );
  return server;
}

async function onPglite(users: string[]): Promise<Server> {
  const db = await PGlite.create();
  for (const statement of [
    ...setupStatements(users),
    ...warehouseStatements(users),
  ]) {
    await db.exec(statement);
  }
  const server = await startPgliteServer({ db, host, port });
  server.on('close', () => {
    db.close().catch(() => undefined);
  });
  log(`PGlite (in memory, nothing installed) at ${host}:${port}`);
  return server;
}

async function main() {
  const users = exampleUsers(catalogDir);
  let server: Server;
  if (mode === 'pglite') {
    server = await onPglite(users);
  } else if (mode === 'postgres') {
    server = await onPostgres(users);
  } else {
    const why = await reachable(adminUrl);
    if (why === undefined) {
      server = await onPostgres(users);
    } else {
      log(`no local PostgreSQL (${why}); using PGlite`);
      server = await onPglite(users);
    }
  }
  log(
    `ready: postgresql://<role>:${DEMO_PASSWORD}@${host}:${port}/${DATABASE} — roles ${PROVISIONER_ROLE} (owns analytics.*) and ${users.join(
      ', ',
    )}`,
  );
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
