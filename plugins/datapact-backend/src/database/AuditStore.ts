import { AuditEntry, Page } from '@datapact/backstage-plugin-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { applyAccessRequestCriteria } from '../permissions/queryFilter';
import { AccessRequestQuery } from '../permissions/resource';
import { auditHash } from './auditHash';
import { decodeCursor, encodeCursor, isPostgres } from './queryHelpers';

/** An audit entry before the log gives it a sequence number and hashes. */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

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
  constructor(private readonly db: Knex) {}

  /**
   * Appends an entry to the chain. Call it inside the transaction of the
   * change it records: it locks the chain head (PostgreSQL) or relies on
   * SQLite's single writer, so concurrent appends from any replica chain
   * one after another, and the change and its entry commit together.
   */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const headQuery = this.db('datapact_audit_head').where({ id: 1 });
    const head: { seq: number; hash: string } = await (isPostgres(this.db)
      ? headQuery.forUpdate()
      : headQuery
    ).first();
    const seq = Number(head.seq) + 1;
    const chained = { ...entry, seq, prevHash: head.hash };
    const stored: AuditEntry = { ...chained, hash: auditHash(chained) };
    await this.db<AuditRow>('datapact_audit_log').insert(toRow(stored));
    await this.db('datapact_audit_head')
      .where({ id: 1 })
      .update({ seq, hash: stored.hash });
    return stored;
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

  /** The last sequence number and hash the log has appended. */
  async head(): Promise<{ seq: number; hash: string }> {
    const head = await this.db('datapact_audit_head').where({ id: 1 }).first();
    return { seq: Number(head.seq), hash: head.hash };
  }
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
