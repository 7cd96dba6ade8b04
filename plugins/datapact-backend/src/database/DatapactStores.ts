import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Clock } from '../clock';
import { AccessRequestStore } from './AccessRequestStore';
import { AuditStore } from './AuditStore';
import { GrantStore } from './GrantStore';
import { idempotencyContext, IdempotencyStore } from './IdempotencyStore';
import { ProvisioningJobStore } from './ProvisioningJobStore';
import {
  DEFAULT_TRANSACTION_LIMITS,
  limitTransaction,
  TransactionLimits,
} from './queryHelpers';

const migrationsDir = resolvePackagePath(
  '@datapact/backstage-plugin-backend',
  'migrations',
);

/**
 * Whether a migration failed because another replica was creating knex's own
 * bookkeeping tables at the same moment (PostgreSQL reports a duplicate type
 * or relation), or held knex's migration lock. Trying again is safe: knex
 * runs each migration once, under its lock.
 */
function isConcurrentSetup(error: unknown): boolean {
  const message = String((error as Error)?.message ?? error);
  return (
    /Migration table is already locked/.test(message) ||
    (/knex_migrations/.test(message) &&
      /duplicate key value|already exists/.test(message))
  );
}

/**
 * Repairs knex's migration lock table when replicas racing to create it each
 * inserted its row: knex locks by updating the one row whose `is_locked` is 0
 * and takes any other count as "already locked", so with two rows nobody can
 * ever lock it (and nobody holds it). Keeps the first row.
 */
async function removeDuplicateLockRows(client: Knex): Promise<boolean> {
  const table = 'knex_migrations_lock';
  if (!(await client.schema.hasTable(table))) return false;
  const rows: Array<{ index: number }> = await client(table)
    .select('index')
    .orderBy('index');
  if (rows.length < 2) return false;
  await client(table)
    .whereIn(
      'index',
      rows.slice(1).map(r => r.index),
    )
    .delete();
  return true;
}

/** How long a replica waits for another one's migrations before giving up. */
const MIGRATION_WAIT_MS = 120_000;

/**
 * Brings the plugin's tables up to date, unless `database.migrations.skip` is
 * set. Replicas starting together on a fresh database may race to create
 * knex's migration tables or its lock; the loser tries again while the other
 * migrates (up to two minutes), repairing the lock table when the race left
 * it with two rows (which knex reads as locked for ever: seen as
 * `MigrationLocked` in a CI run), then fails with a sentence that says what
 * to do about a lock left by a replica that died migrating.
 */
export async function migrateDatapactDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    const deadline = Date.now() + MIGRATION_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await client.migrate.latest({ directory: migrationsDir });
        break;
      } catch (error) {
        if (!isConcurrentSetup(error)) throw error;
        if (await removeDuplicateLockRows(client)) continue;
        if (Date.now() >= deadline) {
          throw new Error(
            `Datapact's migrations waited ${
              MIGRATION_WAIT_MS / 1000
            } s for knex's migration lock, held by another replica (${
              (error as Error).message
            }); if no replica is migrating, one died holding it: clear it with \`UPDATE knex_migrations_lock SET is_locked = 0\` in the plugin's database`,
          );
        }
        await new Promise(r => setTimeout(r, Math.min(200 * attempt, 2000)));
      }
    }
  }
  return client;
}

export type { TransactionLimits } from './queryHelpers';
export { DEFAULT_TRANSACTION_LIMITS } from './queryHelpers';

/**
 * The plugin's stores over one connection or one transaction; a change and
 * its audit entry go through the same instance inside `transaction`.
 */
export class DatapactStores {
  readonly grants: GrantStore;
  readonly requests: AccessRequestStore;
  readonly audit: AuditStore;
  readonly jobs: ProvisioningJobStore;
  readonly idempotency: IdempotencyStore;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly limits: TransactionLimits = DEFAULT_TRANSACTION_LIMITS,
  ) {
    this.jobs = new ProvisioningJobStore(db, clock);
    this.grants = new GrantStore(db, clock, this.jobs);
    this.requests = new AccessRequestStore(db, clock, this.grants);
    this.audit = new AuditStore(db, clock, limits);
    this.idempotency = new IdempotencyStore(db, () => clock.now());
  }

  /**
   * Runs `fn` in one transaction: everything it writes commits together or
   * not at all. On PostgreSQL the transaction first sets its lock and
   * idle-in-transaction timeouts (`SET LOCAL`, so pooled connections keep
   * their defaults).
   */
  transaction<T>(fn: (stores: DatapactStores) => Promise<T>): Promise<T> {
    return this.db.transaction(async trx => {
      await limitTransaction(trx, this.limits);
      return fn(new DatapactStores(trx, this.clock, this.limits));
    });
  }

  /**
   * The transaction whose result is a POST's answer: when the request sent
   * an `Idempotency-Key`, the key is taken first thing in the transaction
   * and the answer stored with the change, so that sending the request
   * again returns this answer and changes nothing.
   */
  answer<T>(fn: (stores: DatapactStores) => Promise<T>): Promise<T> {
    const claim = idempotencyContext.getStore();
    if (!claim) return this.transaction(fn);
    return this.transaction(async tx => {
      await tx.idempotency.claim(claim);
      const result = await fn(tx);
      await tx.idempotency.complete(claim, result);
      return result;
    });
  }
}
