import { AuditVerification } from '@datapact/backstage-plugin-common';
import { auditHash, GENESIS_HASH } from '../database/auditHash';
import { AuditStore } from '../database/AuditStore';

const BATCH = 1000;

/** Reading and verifying the hash-chained audit log. */
export class Audit {
  constructor(private readonly store: AuditStore) {}

  list(options: Parameters<AuditStore['list']>[0]) {
    return this.store.list(options);
  }

  /**
   * Recomputes the chain from the first entry to the chain head: each entry
   * must have the next sequence number, name the hash of the entry before
   * and hash to its own hash; the last must be the head. Entries appended
   * while it runs are left for the next verification.
   */
  async verify(): Promise<AuditVerification> {
    const head = await this.store.head();
    let expected = 1;
    let prevHash = GENESIS_HASH;
    const bad = (seq: number, problem: string): AuditVerification => ({
      ok: false,
      entries: expected - 1,
      headHash: head.hash,
      firstBadSeq: seq,
      problem,
    });
    while (expected <= head.seq) {
      const batch = await this.store.after(expected - 1, BATCH);
      const entries = batch.filter(e => e.seq <= head.seq);
      if (entries.length === 0) break;
      for (const entry of entries) {
        if (entry.seq !== expected) {
          return bad(expected, `entry ${expected} is missing`);
        }
        if (entry.prevHash !== prevHash) {
          return bad(
            entry.seq,
            `entry ${entry.seq} does not follow the entry before it`,
          );
        }
        const { hash, ...content } = entry;
        if (auditHash(content) !== hash) {
          return bad(entry.seq, `entry ${entry.seq} was altered`);
        }
        prevHash = hash;
        expected++;
      }
    }
    if (expected <= head.seq) {
      return bad(expected, `entries ${expected} to ${head.seq} are missing`);
    }
    if (prevHash !== head.hash) {
      return bad(head.seq, `entry ${head.seq} does not match the chain head`);
    }
    return { ok: true, entries: head.seq, headHash: head.hash };
  }
}
