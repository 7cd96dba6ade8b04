import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  AuditEntry,
  AuditVerification,
  SignedAuditCheckpoint,
} from '@datapact/backstage-plugin-common';
import { Clock } from '../clock';
import { auditHash, GENESIS_HASH } from '../database/auditHash';
import { AuditHead, HEAD_RECREATED } from '../database/AuditStore';
import { DatapactStores } from '../database/DatapactStores';
import { CheckpointSigner } from './checkpointSignature';
import { grantsDisagreeing } from './grantsAgainstChain';

const BATCH = 1000;

/** Where a re-hash starts: an entry whose hash is known good. */
interface Anchor {
  seq: number;
  hash: string;
}

/** A verification that found the chain broken. */
class Broken {
  constructor(readonly seq: number, readonly problem: string) {}
}

/** What `verify` checks the chain against. */
export interface VerifyOptions {
  /**
   * A checkpoint the backend keeps (its sequence number) or one the caller
   * kept; by default the newest checkpoint the backend keeps.
   */
  checkpoint?: number | SignedAuditCheckpoint;
  /** Re-hash the whole chain rather than from the newest anchor. */
  full?: boolean;
}

/**
 * Reading and verifying the hash-chained audit log: the chain re-hashed from
 * a signed checkpoint (or from where this backend's last verification ended)
 * to the head, and the grants table compared with what the chain says of
 * each grant.
 */
export class Audit {
  /** Where this replica's last good verification ended. */
  private lastVerified?: Anchor;

  constructor(
    private readonly deps: {
      stores: DatapactStores;
      clock: Clock;
      /** The checkpoint key; without it checkpoints are not configured. */
      signer?: CheckpointSigner;
      logger?: LoggerService;
    },
  ) {}

  list(options: Parameters<DatapactStores['audit']['list']>[0]) {
    return this.deps.stores.audit.list(options);
  }

  /**
   * Verifies the chain: the checkpoint must be signed by the configured
   * key and the entry at its sequence number must still hash to its hash;
   * then each entry from the anchor (the later of that checkpoint and this
   * replica's last good verification, or the first entry when `full`) to
   * the head must have the next sequence number, name the hash of the
   * entry before and hash to its own hash, and the last must be the head.
   * Entries appended while it runs are left for the next verification.
   */
  async verify(options: VerifyOptions = {}): Promise<AuditVerification> {
    const { stores, signer } = this.deps;
    const head = await stores.audit.head();
    let checkpoint: AuditVerification['checkpoint'] = signer
      ? 'none'
      : 'not configured';
    const anchors: Anchor[] = [];
    const notices: string[] = [];
    let rehashed = 0;
    let from = 0;
    try {
      const signed = await this.checkpointFor(options.checkpoint);
      if (signed) {
        checkpoint = { ...(await this.extends(signed, head)), extended: true };
        anchors.push(signed);
      }
      if (this.lastVerified && !options.full) {
        await this.stillHolds(this.lastVerified, head);
        anchors.push(this.lastVerified);
      }
      const anchor = options.full
        ? undefined
        : anchors.sort((a, b) => b.seq - a.seq)[0];
      from = anchor?.seq ?? 0;
      rehashed = await this.rehash(anchor, head, entry => {
        if (entry.action === HEAD_RECREATED) {
          notices.push(
            `entry ${entry.seq}: the chain head row was missing and was recreated from entry ${entry.details.lastSeq}`,
          );
        }
      });
      // The entries after the head are not re-hashed, so a head moved back
      // would hide them.
      const now = await stores.audit.lastAndHead();
      if (now.head !== undefined && now.last > now.head) {
        throw new Broken(
          now.head + 1,
          `entries ${now.head + 1} to ${
            now.last
          } are after the chain head: the head was moved back`,
        );
      }
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      if (typeof checkpoint === 'object') checkpoint.extended = false;
      return {
        ok: false,
        entries: head.seq,
        headHash: head.hash,
        firstBadSeq: error.seq,
        problem: error.problem,
        from,
        rehashed,
        checkpoint,
      };
    }
    this.lastVerified = { seq: head.seq, hash: head.hash };
    const grants = await grantsDisagreeing(stores, this.deps.clock.now());
    for (const notice of notices) this.deps.logger?.warn(notice);
    return {
      ok: grants.disagreeing.length === 0,
      entries: head.seq,
      headHash: head.hash,
      from,
      rehashed,
      checkpoint,
      grantsChecked: grants.checked,
      ...(grants.disagreeing.length > 0 && {
        grantsDisagreeing: grants.disagreeing,
      }),
      ...(notices.length > 0 && { notices }),
    };
  }

  /** The checkpoint to verify against: the caller's, one kept by its number, or the newest kept. */
  private async checkpointFor(
    wanted: VerifyOptions['checkpoint'],
  ): Promise<SignedAuditCheckpoint | undefined> {
    const { stores, signer } = this.deps;
    if (typeof wanted === 'object') {
      if (!signer) {
        throw new Broken(
          wanted.seq,
          'checkpoints are not configured (datapact.audit.checkpoints.privateKey): there is no key to check the signature with',
        );
      }
      return wanted;
    }
    if (!signer) return undefined;
    const kept = await stores.audit.checkpoint(wanted);
    if (!kept && wanted !== undefined) {
      throw new NotFoundError(`No checkpoint of entry ${wanted}`);
    }
    return kept;
  }

  /** Throws unless the checkpoint is signed by the configured key and the chain still holds its entry. */
  private async extends(
    checkpoint: SignedAuditCheckpoint,
    head: AuditHead,
  ): Promise<Omit<SignedAuditCheckpoint, 'signature'>> {
    const signer = this.deps.signer!;
    if (!signer.signed(checkpoint)) {
      throw new Broken(
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} is not signed by the configured key ${signer.keyId}`,
      );
    }
    if (checkpoint.seq > head.seq) {
      throw new Broken(
        head.seq + 1,
        `the chain ends at entry ${head.seq}, before checkpoint ${checkpoint.seq}: entries were removed`,
      );
    }
    const entry = await this.deps.stores.audit.entry(checkpoint.seq);
    const hash = checkpoint.seq === 0 ? GENESIS_HASH : entry?.hash;
    if (hash !== checkpoint.hash) {
      throw new Broken(
        checkpoint.seq,
        `entry ${checkpoint.seq} does not match checkpoint ${checkpoint.seq}`,
      );
    }
    const { seq, hash: checkpointHash, at, keyId } = checkpoint;
    return { seq, hash: checkpointHash, at, keyId };
  }

  /** Throws unless the entry where the last verification ended is still there, unchanged. */
  private async stillHolds(anchor: Anchor, head: AuditHead): Promise<void> {
    if (anchor.seq > head.seq) {
      throw new Broken(
        head.seq + 1,
        `the chain ends at entry ${head.seq}, before entry ${anchor.seq} verified earlier: entries were removed`,
      );
    }
    const entry = await this.deps.stores.audit.entry(anchor.seq);
    if (anchor.seq > 0 && entry?.hash !== anchor.hash) {
      throw new Broken(
        anchor.seq,
        `entry ${anchor.seq} changed since it was verified`,
      );
    }
  }

  /**
   * Re-hashes the entries from the anchor's (included) to the head; returns
   * how many it re-hashed, throws where the chain breaks.
   */
  private async rehash(
    anchor: Anchor | undefined,
    head: AuditHead,
    visit: (entry: AuditEntry) => void,
  ): Promise<number> {
    const start = anchor && anchor.seq > 0 ? anchor.seq : 1;
    let expected = start;
    let prevHash: string | undefined = anchor?.seq ? undefined : GENESIS_HASH;
    while (expected <= head.seq) {
      const batch = await this.deps.stores.audit.after(expected - 1, BATCH);
      const entries = batch.filter(e => e.seq <= head.seq);
      if (entries.length === 0) break;
      for (const entry of entries) {
        if (entry.seq !== expected) {
          throw new Broken(expected, `entry ${expected} is missing`);
        }
        if (prevHash !== undefined && entry.prevHash !== prevHash) {
          throw new Broken(
            entry.seq,
            `entry ${entry.seq} does not follow the entry before it`,
          );
        }
        const { hash, ...content } = entry;
        if (auditHash(content) !== hash) {
          throw new Broken(entry.seq, `entry ${entry.seq} was altered`);
        }
        visit(entry);
        prevHash = hash;
        expected++;
      }
    }
    if (expected <= head.seq) {
      throw new Broken(
        expected,
        `entries ${expected} to ${head.seq} are missing`,
      );
    }
    if ((prevHash ?? anchor?.hash) !== head.hash) {
      throw new Broken(
        head.seq,
        `entry ${head.seq} does not match the chain head`,
      );
    }
    return expected - start;
  }
}
