import {
  AuditVerification,
  SignedAuditCheckpoint,
} from '@datapact/backstage-plugin-common';
import { createHash, KeyObject, verify } from 'node:crypto';

/**
 * The bytes a checkpoint's signature covers, as the backend signs them:
 * `{"seq":…,"hash":"…","at":"…"}` in that order, without spaces.
 */
function checkpointMessage(checkpoint: SignedAuditCheckpoint): Buffer {
  const { seq, hash, at } = checkpoint;
  return Buffer.from(JSON.stringify({ seq, hash, at }), 'utf8');
}

/** `sha256:` and the SHA-256 of a public key's SPKI DER, as the backend names its key. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** Whether the pinned public key signed the checkpoint. */
export function signedBy(
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

/** Whether a value has the fields of a signed checkpoint. */
export function isSignedCheckpoint(
  value: unknown,
): value is SignedAuditCheckpoint {
  const c = value as Record<string, unknown>;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isInteger(c.seq) &&
    typeof c.hash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string'
  );
}

/** The checkpoint as `GET /audit/verify?checkpoint=` takes it: base64url of its JSON. */
export function encodeCheckpoint(checkpoint: SignedAuditCheckpoint): string {
  const { seq, hash, at, keyId, signature } = checkpoint;
  return Buffer.from(
    JSON.stringify({ seq, hash, at, keyId, signature }),
    'utf8',
  ).toString('base64url');
}

/** Whether a verification answer proves the chain extends `checkpoint`. */
export function extendsCheckpoint(
  answer: AuditVerification,
  checkpoint: SignedAuditCheckpoint,
): boolean {
  return (
    answer.ok &&
    typeof answer.checkpoint === 'object' &&
    answer.checkpoint.extended &&
    answer.checkpoint.seq === checkpoint.seq &&
    answer.checkpoint.hash === checkpoint.hash
  );
}
