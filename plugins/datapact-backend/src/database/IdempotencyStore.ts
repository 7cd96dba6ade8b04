import { Knex } from 'knex';
import { AsyncLocalStorage } from 'node:async_hooks';
import { isUniqueViolation } from './queryHelpers';

/**
 * A POST sent with an `Idempotency-Key` header, while its change runs: who
 * sent the key, a fingerprint of what was sent with it, and the status the
 * route answers with.
 */
export interface IdempotencyClaim {
  caller: string;
  key: string;
  fingerprint: string;
  status: number;
}

/** A stored answer to a key. */
export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
  createdAt: string;
}

/**
 * The claim of the request being handled, if it sent a key. The router sets
 * it around a POST; `DatapactStores.answer` records the answer of the
 * transaction that produced it.
 */
export const idempotencyContext = new AsyncLocalStorage<IdempotencyClaim>();

/** Thrown when another request with the same key committed first. */
export class IdempotencyKeyTakenError extends Error {
  name = 'IdempotencyKeyTakenError';
  constructor(readonly claim: IdempotencyClaim) {
    super(`Idempotency key ${claim.key} is already in use`);
  }
}

interface IdempotencyRow {
  caller: string;
  idempotency_key: string;
  fingerprint: string;
  status: number;
  response: string | null;
  created_at: string;
}

/** `datapact_idempotency_keys`: the stored answers of POSTs sent with a key. */
export class IdempotencyStore {
  constructor(private readonly db: Knex, private readonly now: () => Date) {}

  async find(caller: string, key: string): Promise<StoredAnswer | undefined> {
    const row = await this.db<IdempotencyRow>('datapact_idempotency_keys')
      .where({ caller, idempotency_key: key })
      .first();
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      status: Number(row.status),
      body: row.response === null ? null : JSON.parse(row.response),
      createdAt: row.created_at,
    };
  }

  /**
   * Takes the key, first thing in the change's transaction: a concurrent
   * request with the same key waits here (PostgreSQL) until this one commits
   * or rolls back, and then finds the key taken.
   */
  async claim(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.db<IdempotencyRow>('datapact_idempotency_keys').insert({
        caller: claim.caller,
        idempotency_key: claim.key,
        fingerprint: claim.fingerprint,
        status: claim.status,
        response: null,
        created_at: this.now().toISOString(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new IdempotencyKeyTakenError(claim);
      throw error;
    }
  }

  /** Stores the answer, in the same transaction as the change. */
  async complete(claim: IdempotencyClaim, body: unknown): Promise<void> {
    await this.db<IdempotencyRow>('datapact_idempotency_keys')
      .where({ caller: claim.caller, idempotency_key: claim.key })
      .update({ response: JSON.stringify(body ?? null) });
  }

  /** Forgets the keys stored before `before`; returns how many. */
  async purge(before: Date): Promise<number> {
    return this.db<IdempotencyRow>('datapact_idempotency_keys')
      .where('created_at', '<', before.toISOString())
      .delete();
  }
}
