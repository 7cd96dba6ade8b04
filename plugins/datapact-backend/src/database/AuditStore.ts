import {
  AuditEntry,
  Page,
  SignedAuditCheckpoint,
} from '@datapact/backstage-plugin-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { applyAccessRequestCriteria } from '../permissions/queryFilter';
import { AccessRequestQuery } from '@datapact/backstage-plugin-node';
import { Clock } from '../clock';
import { PLUGIN_ACTOR } from '../services/caller';
import { auditHash, GENESIS_HASH } from './auditHash';
import {
  decodeCursor,
  encodeCursor,
  DEFAULT_TRANSACTION_LIMITS,
  isPostgres,
  limitTransaction,
  MAX_INTEGER_COLUMN,
  TransactionLimits,
} from './queryHelpers';

/** An audit entry before the log gives it a sequence number and hashes. */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The action of the entry that records a chain head row recreated from the log. */
export const HEAD_RECREATED = 'audit.head-recreated';

/** The last sequence number and hash the log has appended. */
export interface AuditHead {
  seq: number;
  hash: string;
}

interface CheckpointRow {
  id: number;
  seq: number;
  hash: string;
  at: string;
  key_id: string;
  signature: string;
  created_by: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  entity: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The audit log's storage: `datapact_audit_log` and its one-row head. */
export class AuditStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly limits: TransactionLimits = DEFAULT_TRANSACTION_LIMITS,
  ) {}

  /**
   * Appends an entry to the chain. Call it inside the transaction of the
   * change it records: it locks the chain head (PostgreSQL) or relies on
   * SQLite's single writer, so concurrent appends from any replica chain
   * one after another, and the change and its entry commit together.
   */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.appendAfter(await this.lockedHead(), entry);
  }

  private async appendAfter(
    head: AuditHead,
    entry: NewAuditEntry,
  ): Promise<AuditEntry> {
    const seq = head.seq + 1;
    const chained = { ...entry, seq, prevHash: head.hash };
    const stored: AuditEntry = { ...chained, hash: auditHash(chained) };
    await this.db<AuditRow>('datapact_audit_log').insert(toRow(stored));
    await this.db('datapact_audit_head')
      .where({ id: 1 })
      .update({ seq, hash: stored.hash });
    return stored;
  }

  /** The chain head, locked for an append; recreated when its row is missing. */
  private async lockedHead(): Promise<AuditHead> {
    const headQuery = () => {
      const query = this.db('datapact_audit_head').where({ id: 1 });
      return isPostgres(this.db) ? query.forUpdate() : query;
    };
    const head = await headQuery().first();
    if (head) return { seq: Number(head.seq), hash: head.hash };
    return (await this.recreateHead()) ?? this.lockedHeadAgain(headQuery);
  }

  private async lockedHeadAgain(
    headQuery: () => Knex.QueryBuilder,
  ): Promise<AuditHead> {
    const head = await headQuery().first();
    return { seq: Number(head.seq), hash: head.hash };
  }

  /**
   * A missing head row (deleted by hand, or lost in a restore) would fail
   * every write: it is recreated from the log's last entry, and an entry
   * saying so is appended, so that the chain itself records it. A tail
   * deleted with the row is still caught by the checkpoints. Returns the
   * new head, or undefined when another transaction recreated it first.
   */
  private async recreateHead(): Promise<AuditHead | undefined> {
    const last: AuditRow | undefined = await this.db<AuditRow>(
      'datapact_audit_log',
    )
      .orderBy('seq', 'desc')
      .first();
    const head: AuditHead = {
      seq: last ? Number(last.seq) : 0,
      hash: last?.hash ?? GENESIS_HASH,
    };
    const inserted = await this.db('datapact_audit_head')
      .insert({ id: 1, ...head })
      .onConflict('id')
      .ignore()
      .returning('id');
    if (inserted.length === 0) return undefined;
    const recorded = await this.appendAfter(head, {
      at: this.clock.now().toISOString(),
      actor: PLUGIN_ACTOR,
      action: HEAD_RECREATED,
      subject: 'audit:head',
      entity: '',
      details: { lastSeq: head.seq, lastHash: head.hash },
    });
    return { seq: recorded.seq, hash: recorded.hash };
  }

  /**
   * Entries, newest first, optionally about one dataset or subject;
   * `permission` keeps the entries whose subject is a request it matches, or
   * the grant of one.
   */
  async list(options: {
    entity?: string;
    permission?: PermissionCriteria<AccessRequestQuery>;
    limit: number;
    cursor?: string;
  }): Promise<Page<AuditEntry>> {
    const query = this.db<AuditRow>('datapact_audit_log')
      .orderBy('seq', 'desc')
      .limit(options.limit + 1);
    if (options.entity) {
      const entity = options.entity;
      query.where(b => b.where('entity', entity).orWhere('subject', entity));
    }
    if (options.permission) {
      const criteria = options.permission;
      const matching = (b: Knex.QueryBuilder) =>
        applyAccessRequestCriteria(b, criteria, 'r', this.db);
      // `||` concatenates on both SQLite and PostgreSQL.
      query.where(b =>
        b
          .whereIn(
            'subject',
            this.db('datapact_access_requests as r')
              .select(this.db.raw(`'access-request:' || ??`, ['r.id']))
              .where(matching),
          )
          .orWhereIn(
            'subject',
            this.db('datapact_grants as g')
              .join('datapact_access_requests as r', 'r.id', 'g.request_id')
              .select(this.db.raw(`'grant:' || ??`, ['g.id']))
              .where(matching),
          ),
      );
    }
    if (options.cursor) {
      const [seq] = decodeCursor<[number]>(options.cursor, ['number']);
      query.where('seq', '<', seq);
    }
    const rows = await query;
    const items = rows.slice(0, options.limit).map(fromRow);
    return {
      items,
      nextCursor:
        rows.length > options.limit
          ? encodeCursor([items[items.length - 1].seq])
          : undefined,
    };
  }

  /** Up to `limit` entries with a sequence number above `afterSeq`, in order. */
  async after(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db<AuditRow>('datapact_audit_log')
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  /**
   * The last sequence number and hash the log has appended; a missing head
   * row is recreated first (see `append`).
   */
  async head(): Promise<AuditHead> {
    const head = await this.db('datapact_audit_head').where({ id: 1 }).first();
    if (head) return { seq: Number(head.seq), hash: head.hash };
    // Takes the head row's lock like a write: with the same timeouts.
    return this.db.transaction(async trx => {
      await limitTransaction(trx, this.limits);
      return new AuditStore(trx, this.clock, this.limits).lockedHead();
    });
  }

  /**
   * The log's last sequence number and the head's, read in one statement
   * (one snapshot): an append writes both in one transaction, so they differ
   * only when one of them was edited.
   */
  async lastAndHead(): Promise<{ last: number; head?: number }> {
    const row = await this.db
      .select(
        this.db('datapact_audit_log').max('seq').as('last'),
        this.db('datapact_audit_head')
          .where({ id: 1 })
          .select('seq')
          .as('head'),
      )
      .first();
    return {
      last: Number(row?.last ?? 0),
      head:
        row?.head === null || row?.head === undefined
          ? undefined
          : Number(row.head),
    };
  }

  /** The entry with sequence number `seq`. */
  async entry(seq: number): Promise<AuditEntry | undefined> {
    const row = await this.db<AuditRow>('datapact_audit_log')
      .where({ seq })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Up to `limit` entries with one of `actions` after `afterSeq`, in order. */
  async withActions(
    actions: string[],
    afterSeq: number,
    limit: number,
  ): Promise<AuditEntry[]> {
    const rows = await this.db<AuditRow>('datapact_audit_log')
      .whereIn('action', actions)
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  /** Keeps a signed checkpoint. */
  async addCheckpoint(
    checkpoint: SignedAuditCheckpoint,
    createdBy: string,
  ): Promise<void> {
    await this.db<CheckpointRow>('datapact_audit_checkpoints').insert({
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
      created_by: createdBy,
    });
  }

  /** Checkpoints, newest first. */
  async listCheckpoints(options: {
    limit: number;
    cursor?: string;
  }): Promise<Page<SignedAuditCheckpoint>> {
    const query = this.db<CheckpointRow>('datapact_audit_checkpoints')
      .orderBy('id', 'desc')
      .limit(options.limit + 1);
    if (options.cursor) {
      const [id] = decodeCursor<[number]>(options.cursor, ['number']);
      query.where('id', '<', id);
    }
    const rows = await query;
    const page = rows.slice(0, options.limit);
    return {
      items: page.map(checkpointFromRow),
      nextCursor:
        rows.length > options.limit
          ? encodeCursor([Number(page[page.length - 1].id)])
          : undefined,
    };
  }

  /** The newest checkpoint, or the newest of sequence number `seq`. */
  async checkpoint(seq?: number): Promise<SignedAuditCheckpoint | undefined> {
    // No entry has a number its column cannot hold (PostgreSQL would refuse the query).
    if (seq !== undefined && seq > MAX_INTEGER_COLUMN) return undefined;
    const query = this.db<CheckpointRow>('datapact_audit_checkpoints')
      .orderBy('id', 'desc')
      .first();
    if (seq !== undefined) query.where({ seq });
    const row = await query;
    return row ? checkpointFromRow(row) : undefined;
  }
}

function checkpointFromRow(row: CheckpointRow): SignedAuditCheckpoint {
  return {
    seq: Number(row.seq),
    hash: row.hash,
    at: row.at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

function toRow(entry: AuditEntry): AuditRow {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    entity: entry.entity,
    details: JSON.stringify(entry.details),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function fromRow(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    entity: row.entity,
    details: JSON.parse(row.details) as JsonObject,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
