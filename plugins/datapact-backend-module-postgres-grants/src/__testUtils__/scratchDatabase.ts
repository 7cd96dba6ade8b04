/* eslint-disable jest/no-export -- shared helpers for the tests on PostgreSQL */
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';

const ADMIN_CONNECTION =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/**
 * `describe` when PostgreSQL is configured or required (DATAPACT_REQUIRE_POSTGRES,
 * as scripts/test.sh and CI set), so that a missing server fails the tests
 * instead of skipping them; `describe.skip` otherwise.
 */
export const describeOnPostgres =
  ADMIN_CONNECTION || process.env.DATAPACT_REQUIRE_POSTGRES
    ? describe
    : describe.skip;

function adminUrl(): URL {
  if (!ADMIN_CONNECTION) {
    throw new Error(
      'PostgreSQL is required: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/env.sh does)',
    );
  }
  return new URL(ADMIN_CONNECTION);
}

/**
 * A database of its own for one test file, with cluster roles whose names
 * carry the same random prefix; `drop` removes both.
 */
export class ScratchDatabase {
  readonly name: string;
  /** Prefix of every role this scratch database creates. */
  readonly rolePrefix: string;
  private readonly roles = new Set<string>();
  private readonly clients: Client[] = [];
  private admin?: Client;

  constructor() {
    const suffix = randomBytes(4).toString('hex');
    this.name = `datapact_pg_grants_${suffix}`;
    this.rolePrefix = `dpg_${suffix}_`;
  }

  /** A connection string to the scratch database, as the admin or as `user`. */
  url(user?: { name: string; password: string }): string {
    const url = adminUrl();
    url.pathname = `/${this.name}`;
    if (user) {
      url.username = encodeURIComponent(user.name);
      url.password = encodeURIComponent(user.password);
    }
    return url.toString();
  }

  /** The admin connection's parts, pointing at the scratch database. */
  parts() {
    const url = adminUrl();
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: this.name,
    };
  }

  async create(): Promise<void> {
    const server = new Client({ connectionString: adminUrl().toString() });
    await server.connect();
    try {
      await server.query(`CREATE DATABASE ${escapeIdentifier(this.name)}`);
    } finally {
      await server.end();
    }
    this.admin = await this.connect();
  }

  /** Runs SQL as the admin on the scratch database. */
  async sql<T extends Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<T[]> {
    const { rows } = await this.admin!.query<T>(text, values);
    return rows;
  }

  /** Creates a login role (prefixed) and returns its name. */
  async createRole(name: string, password = 'secret'): Promise<string> {
    const role = `${this.rolePrefix}${name}`;
    await this.sql(
      `CREATE ROLE ${escapeIdentifier(role)} LOGIN PASSWORD '${password}'`,
    );
    this.roles.add(role);
    return role;
  }

  /** A connection to the scratch database, closed by `drop`. */
  async connect(user?: { name: string; password: string }): Promise<Client> {
    const client = new Client({ connectionString: this.url(user) });
    // A session ended by the server reports here; the test asserts on queries.
    client.on('error', () => undefined);
    await client.connect();
    this.clients.push(client);
    return client;
  }

  async drop(): Promise<void> {
    await Promise.all(this.clients.map(c => c.end().catch(() => undefined)));
    const server = new Client({ connectionString: adminUrl().toString() });
    await server.connect();
    try {
      await server.query(
        `DROP DATABASE IF EXISTS ${escapeIdentifier(this.name)} WITH (FORCE)`,
      );
      for (const role of this.roles) {
        await server.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
      }
    } finally {
      await server.end();
    }
  }
}
