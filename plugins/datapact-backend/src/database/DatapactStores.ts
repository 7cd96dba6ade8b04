import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Clock } from '../clock';
import { AccessRequestStore } from './AccessRequestStore';
import { AuditStore } from './AuditStore';
import { GrantStore } from './GrantStore';

const migrationsDir = resolvePackagePath(
  '@datapact/backstage-plugin-backend',
  'migrations',
);

/** Brings the plugin's tables up to date, unless `database.migrations.skip` is set. */
export async function migrateDatapactDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/**
 * The plugin's stores over one connection or one transaction; a change and
 * its audit entry go through the same instance inside `transaction`.
 */
export class DatapactStores {
  readonly grants: GrantStore;
  readonly requests: AccessRequestStore;
  readonly audit: AuditStore;

  constructor(private readonly db: Knex, private readonly clock: Clock) {
    this.grants = new GrantStore(db, clock);
    this.requests = new AccessRequestStore(db, clock, this.grants);
    this.audit = new AuditStore(db);
  }

  /** Runs `fn` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(fn: (stores: DatapactStores) => Promise<T>): Promise<T> {
    return this.db.transaction(trx => fn(new DatapactStores(trx, this.clock)));
  }
}
