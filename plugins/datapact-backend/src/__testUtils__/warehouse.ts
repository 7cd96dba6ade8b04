/* eslint-disable jest/no-export -- shared helpers for the provisioning tests on PostgreSQL */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { loadExampleWorld } from './exampleWorld';

const ADMIN = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/**
 * A scratch "warehouse" on the test PostgreSQL: a database of its own with
 * `analytics.travel_times`, and login roles named with a random prefix (roles
 * are global to the server); `drop` removes both.
 */
export class ScratchWarehouse {
  readonly suffix = randomBytes(4).toString('hex');
  readonly name = `datapact_warehouse_${this.suffix}`;
  readonly admin = knexFactory({ client: 'pg', connection: ADMIN });
  db?: Knex;
  private readonly roles: string[] = [];

  /** The role of an example user in this warehouse. */
  role(who: string): string {
    return `dpw_${this.suffix}_${who}`;
  }

  url(): string {
    const url = new URL(ADMIN!);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  async create(users: string[]): Promise<void> {
    await this.admin.raw('CREATE DATABASE ??', [this.name]);
    this.db = knexFactory({ client: 'pg', connection: this.url() });
    await this.db.raw('CREATE SCHEMA analytics');
    await this.db.raw(
      'CREATE TABLE analytics.travel_times (origin text, minutes int)',
    );
    await this.db.raw(
      "INSERT INTO analytics.travel_times VALUES ('north', 22), ('south', 35)",
    );
    for (const user of users) await this.addRole(user);
  }

  async addRole(who: string): Promise<string> {
    const role = this.role(who);
    await this.admin.raw('CREATE ROLE ?? LOGIN', [role]);
    this.roles.push(role);
    await this.db!.raw('GRANT USAGE ON SCHEMA analytics TO ??', [role]);
    return role;
  }

  /** A GRANT made behind Datapact's back. */
  async grantOutOfBand(role: string): Promise<void> {
    await this.db!.raw('GRANT SELECT ON analytics.travel_times TO ??', [role]);
  }

  async can(role: string, table = 'analytics.travel_times'): Promise<boolean> {
    const { rows } = await this.db!.raw(
      "SELECT has_table_privilege(?, ?, 'SELECT') AS ok",
      [role, table],
    );
    return rows[0].ok;
  }

  async drop(): Promise<void> {
    await this.db?.destroy();
    await this.admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      this.name,
    ]);
    for (const role of this.roles) {
      // A privilege on a shared catalog survives the database.
      await this.admin
        .raw('REVOKE ALL ON pg_catalog.pg_authid FROM ??', [role])
        .catch(() => undefined);
      await this.admin.raw('DROP ROLE IF EXISTS ??', [role]);
    }
    await this.admin.destroy();
  }
}

/**
 * The example world with annotations set (or removed, with `undefined`) on
 * some entities; `first` moves entities to the front of the catalog.
 */
export function annotatedWorld(
  annotations: Record<string, Record<string, string | undefined>>,
  first: string[] = [],
): Entity[] {
  const all = loadExampleWorld().map(e => {
    const extra = annotations[stringifyEntityRef(e)];
    if (!extra) return e;
    const merged: Record<string, string> = { ...e.metadata.annotations };
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete merged[k];
      else merged[k] = v;
    }
    return { ...e, metadata: { ...e.metadata, annotations: merged } };
  });
  const front = all.filter(e => first.includes(stringifyEntityRef(e)));
  return [...front, ...all.filter(e => !front.includes(e))];
}
