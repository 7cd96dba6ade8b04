import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/** Whether the database is PostgreSQL (row locks) rather than SQLite (one writer at a time). */
export function isPostgres(db: Knex): boolean {
  return String(db.client.config.client).includes('pg');
}

/**
 * How long a transaction may wait for a row lock, and stay idle between two
 * statements, before PostgreSQL gives up on it. Every write takes the audit
 * chain's head row, so without these a replica that stalls inside a
 * transaction (a long GC pause, SIGSTOP, a lost network) would hold every
 * write of every replica for as long as it stalls.
 */
export interface TransactionLimits {
  /** `lock_timeout`: a wait for a lock longer than this fails the transaction (retried by the client on 503). */
  lockTimeoutMs: number;
  /** `idle_in_transaction_session_timeout`: a session idle this long inside a transaction is ended, and its locks released. */
  idleInTransactionTimeoutMs: number;
}

/**
 * The defaults. A replica frozen inside a transaction is ended after 2 s; its
 * other transactions queued for the same lock may each take it in turn and be
 * ended 2 s later, so a waiter gives up after 3 s (503, retried by the client)
 * rather than wait through that queue.
 */
export const DEFAULT_TRANSACTION_LIMITS: TransactionLimits = {
  lockTimeoutMs: 3_000,
  idleInTransactionTimeoutMs: 2_000,
};

/**
 * Sets a transaction's lock and idle-in-transaction timeouts on PostgreSQL
 * (`SET LOCAL`, so pooled connections keep their defaults); see
 * `TransactionLimits`. Every transaction of the plugin that takes a lock
 * starts with it.
 */
export async function limitTransaction(
  trx: Knex.Transaction,
  limits: TransactionLimits,
): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx.raw(
    `SET LOCAL lock_timeout = ${Math.round(limits.lockTimeoutMs)}; ` +
      `SET LOCAL idle_in_transaction_session_timeout = ${Math.round(
        limits.idleInTransactionTimeoutMs,
      )}`,
  );
}

/** Whether an error is a unique-constraint violation, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** Encodes the position after the last item of a page. */
export function encodeCursor(position: Array<string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The largest value of an `integer` column (PostgreSQL's int4). */
export const MAX_INTEGER_COLUMN = 2_147_483_647;

/**
 * What a cursor's position may hold: whole numbers an `integer` column
 * holds, and strings of at most 255 characters without control characters
 * (what a `string` column holds), so that a forged cursor is a 400 on
 * PostgreSQL too, not a 500.
 */
function fitsColumn(value: unknown, type: 'string' | 'number'): boolean {
  if (type === 'number') {
    return (
      Number.isInteger(value) &&
      (value as number) >= 0 &&
      (value as number) <= MAX_INTEGER_COLUMN
    );
  }
  return (
    typeof value === 'string' &&
    value.length <= 255 &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}

/** Decodes a cursor made by {@link encodeCursor}; a cursor it did not make is a 400. */
export function decodeCursor<T extends Array<string | number>>(
  cursor: string,
  shape: Array<'string' | 'number'>,
): T {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (
    !Array.isArray(position) ||
    position.length !== shape.length ||
    position.some((value, i) => !fitsColumn(value, shape[i]))
  ) {
    throw new InputError(
      'Invalid query: `cursor` is not a cursor of this list',
    );
  }
  return position as T;
}
