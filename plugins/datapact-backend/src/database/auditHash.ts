import { JsonValue } from '@backstage/types';
import { createHash } from 'node:crypto';
import { AuditEntry } from '@datapact/backstage-plugin-common';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so that a value always hashes the same. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  return `{${Object.keys(value)
    .filter(k => value[k] !== undefined)
    .sort()
    .map(k => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
    .join(',')}}`;
}

/**
 * The hash of an entry: SHA-256 over the previous hash and every field of the
 * entry, so that editing, removing or reordering an entry breaks the chain.
 */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        entry.prevHash,
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.subject,
        entry.entity,
        entry.details,
      ]),
    )
    .digest('hex');
}
