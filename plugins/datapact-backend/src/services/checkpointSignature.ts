import { InputError } from '@backstage/errors';
import {
  AuditCheckpoint,
  SignedAuditCheckpoint,
} from '@datapact/backstage-plugin-common';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';

/**
 * The bytes a checkpoint's signature covers: `{"seq":…,"hash":"…","at":"…"}`,
 * in that order, without spaces. `datapact audit verify` checks the same bytes.
 */
export function checkpointMessage(checkpoint: AuditCheckpoint): Buffer {
  return Buffer.from(
    JSON.stringify({
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
    }),
    'utf8',
  );
}

/** `sha256:` and the SHA-256 of a public key's SPKI DER: which key signed a checkpoint. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** Whether `publicKey` signed the checkpoint's seq, hash and time. */
export function verifyCheckpointSignature(
  checkpoint: SignedAuditCheckpoint,
  publicKey: KeyObject,
): boolean {
  try {
    return verify(
      null,
      checkpointMessage(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** Signs checkpoints with the Ed25519 key of `datapact.audit.checkpoints.privateKey`. */
export class CheckpointSigner {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** A signer from a PEM PKCS#8 Ed25519 private key (`openssl genpkey -algorithm ed25519`). */
  static fromPrivateKey(pem: string): CheckpointSigner {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new Error(
        `datapact.audit.checkpoints.privateKey must be an Ed25519 key, not ${key.asymmetricKeyType}`,
      );
    }
    return new CheckpointSigner(key);
  }

  sign(checkpoint: AuditCheckpoint): SignedAuditCheckpoint {
    return {
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      keyId: this.keyId,
      signature: sign(
        null,
        checkpointMessage(checkpoint),
        this.privateKey,
      ).toString('base64url'),
    };
  }

  /** Whether this key signed the checkpoint. */
  signed(checkpoint: SignedAuditCheckpoint): boolean {
    return verifyCheckpointSignature(checkpoint, this.publicKey);
  }
}

const signedCheckpoint = z.strictObject({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().min(1).max(64),
  keyId: z.string().min(1).max(200),
  signature: z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/)
    .max(200),
});

/** A checkpoint as one URL-safe string: base64url of its JSON. */
export function encodeCheckpoint(checkpoint: SignedAuditCheckpoint): string {
  return Buffer.from(JSON.stringify(checkpoint), 'utf8').toString('base64url');
}

/**
 * The checkpoint of `GET /audit/verify?checkpoint=`: a sequence number (a
 * checkpoint the backend keeps), or a signed checkpoint as its JSON or as
 * base64url of it (as the sink and `GET /audit/checkpoints` give it). A
 * value that is neither is a 400.
 */
export function parseCheckpointParameter(
  value: string,
): number | SignedAuditCheckpoint {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      value.trimStart().startsWith('{')
        ? value
        : Buffer.from(value, 'base64url').toString('utf8'),
    );
  } catch {
    parsed = undefined;
  }
  const result = signedCheckpoint.safeParse(parsed);
  if (!result.success) {
    throw new InputError(
      'Invalid query: `checkpoint` must be a sequence number, or a signed checkpoint as JSON or base64url JSON',
    );
  }
  return result.data;
}
