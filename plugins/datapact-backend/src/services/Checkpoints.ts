import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { SignedAuditCheckpoint } from '@datapact/backstage-plugin-common';
import { Request } from 'express';
import { appendFile, open } from 'node:fs/promises';
import { Clock } from '../clock';
import { AuditStore } from '../database/AuditStore';
import { DatapactStores } from '../database/DatapactStores';
import { Audit } from './Audit';
import { PLUGIN_ACTOR } from './caller';
import { CheckpointSigner } from './checkpointSignature';

/** Where checkpoints are published besides the database (`datapact.audit.checkpoints.sink`). */
export interface CheckpointSinkConfig {
  /** A file that gets one JSON line per checkpoint. */
  file?: string;
  /** A URL each checkpoint is POSTed to as JSON. */
  url?: string;
}

/**
 * Signed checkpoints of the audit chain: at an interval and on demand the
 * chain is verified, its head signed, kept in the database and published
 * through the Backstage auditor service and the configured sink, so that a
 * copy lives where the plugin's database user cannot rewrite it.
 */
export class Checkpoints {
  constructor(
    private readonly deps: {
      store: AuditStore;
      /** Keeps a checkpoint as a POST's answer (its `Idempotency-Key`). */
      stores: DatapactStores;
      audit: Audit;
      clock: Clock;
      auditor: AuditorService;
      logger: LoggerService;
      /** Without a key checkpoints are not configured. */
      signer?: CheckpointSigner;
      sink?: CheckpointSinkConfig;
      fetch?: typeof fetch;
    },
  ) {}

  list(options: { limit: number; cursor?: string }) {
    return this.deps.signer
      ? this.deps.store.listCheckpoints(options)
      : Promise.resolve({ items: [] });
  }

  /**
   * Verifies the chain, then signs and publishes its head. A chain that
   * does not verify is not signed: a checkpoint vouches for what it signs.
   */
  async create(
    actor: string,
    request?: Request,
  ): Promise<SignedAuditCheckpoint> {
    const { signer, audit, clock } = this.deps;
    if (!signer) {
      throw new ConflictError(
        'Audit checkpoints are not configured: set datapact.audit.checkpoints.privateKey to an Ed25519 key',
      );
    }
    // The newest checkpoint published outside the database, when the sink
    // is a file: a chain rewritten in the database, its kept checkpoints
    // deleted too, is not signed again by a replica that remembers nothing.
    const published = await this.lastPublished();
    const verified = await audit.verify(
      published ? { checkpoint: published } : {},
    );
    if (!verified.ok) {
      throw new ConflictError(
        `The audit chain does not verify, so no checkpoint was signed: ${
          verified.problem ??
          `${verified.grantsDisagreeing?.length} grants disagree with the chain`
        }`,
      );
    }
    const checkpoint = signer.sign({
      seq: verified.entries,
      hash: verified.headHash,
      at: clock.now().toISOString(),
    });
    // Kept as the answer of the POST that asked for it: the same request
    // sent again with its Idempotency-Key gets this checkpoint back.
    await this.deps.stores.answer(async tx => {
      await tx.audit.addCheckpoint(checkpoint, actor);
      return checkpoint;
    });
    await this.publish(checkpoint, request);
    return checkpoint;
  }

  /** The scheduled task: a checkpoint when the chain moved since the last one (or has its first entries). */
  async runScheduled(): Promise<void> {
    const { signer, store } = this.deps;
    if (!signer) return;
    const [last, head] = await Promise.all([store.checkpoint(), store.head()]);
    const moved = last
      ? last.seq !== head.seq || last.hash !== head.hash
      : head.seq > 0;
    if (!moved) return;
    try {
      await this.create(PLUGIN_ACTOR);
    } catch (error) {
      this.deps.logger.error(`Audit checkpoint not made: ${error}`);
    }
  }

  /**
   * The last checkpoint in the sink file (its last line), when there is one
   * that this key signed; undefined without a file sink, or while the file
   * is missing or empty. Only the file's tail is read.
   */
  private async lastPublished(): Promise<SignedAuditCheckpoint | undefined> {
    const file = this.deps.sink?.file;
    if (!file) return undefined;
    let tail: string;
    try {
      const handle = await open(file, 'r');
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, 16_384);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, size - length);
        tail = buffer.toString('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const last = tail.trim().split('\n').pop();
    if (!last) return undefined;
    try {
      const parsed = JSON.parse(last) as SignedAuditCheckpoint;
      return parsed.keyId === this.deps.signer?.keyId ? parsed : undefined;
    } catch {
      throw new ConflictError(
        `The last line of the checkpoint sink ${file} is not a checkpoint; no checkpoint was signed`,
      );
    }
  }

  /** Publishes a checkpoint; a sink that fails is logged, the checkpoint stays kept. */
  private async publish(
    checkpoint: SignedAuditCheckpoint,
    request?: Request,
  ): Promise<void> {
    const { auditor, logger, sink } = this.deps;
    const event = await auditor.createEvent({
      eventId: 'audit-checkpoint',
      severityLevel: 'medium',
      ...(request && { request }),
      meta: { ...checkpoint },
    });
    await event.success();
    const line = JSON.stringify(checkpoint);
    if (sink?.file) {
      await appendFile(sink.file, `${line}\n`, 'utf8').catch(error =>
        logger.error(`Audit checkpoint not written to ${sink.file}: ${error}`),
      );
    }
    if (sink?.url) {
      const post = this.deps.fetch ?? fetch;
      await post(sink.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: line,
        signal: AbortSignal.timeout(10_000),
      })
        .then(res => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
        })
        .catch(error =>
          logger.error(`Audit checkpoint not posted to ${sink.url}: ${error}`),
        );
    }
  }
}
