import {
  AuditVerification,
  Page,
  SignedAuditCheckpoint,
} from '@datapact/backstage-plugin-common';
import { createPublicKey, KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  encodeCheckpoint,
  extendsCheckpoint,
  isSignedCheckpoint,
  keyIdOf,
  signedBy,
} from '../auditCheckpoint';
import { describeFsError, UnreadablePathError } from '../errors';

/** The options of `datapact audit verify`. */
export interface AuditVerifyOptions {
  /** The Datapact API, such as `https://backstage.example.com/api/datapact`. */
  url: string;
  /** A Backstage token (a user's, or a static service token). */
  token?: string;
  /** A signed checkpoint kept outside the backend: a file, JSON or base64url JSON. */
  checkpoint?: string;
  /** The PEM file of the pinned public key. */
  publicKey: string;
  /** Ask the backend to re-hash the whole chain (auditors and services). */
  full: boolean;
  cwd: string;
  fetch: typeof fetch;
}

/** The backend could not be asked: exit status 2, like an unreadable path. */
export class BackendCallError extends Error {}

async function readPinnedKey(path: string, cwd: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UnreadablePathError(path, describeFsError(error));
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // Reported below.
  }
  throw new UnreadablePathError(path, 'not an Ed25519 public key in PEM');
}

/** A checkpoint given as a file (a sink's last line counts), JSON or base64url JSON. */
async function readCheckpoint(
  value: string,
  cwd: string,
): Promise<SignedAuditCheckpoint> {
  let text = value.trim();
  const path = resolve(cwd, value);
  if (!text.startsWith('{') && existsSync(path)) {
    try {
      const lines = (await readFile(path, 'utf8')).trim().split('\n');
      text = lines[lines.length - 1].trim();
    } catch (error) {
      throw new UnreadablePathError(value, describeFsError(error));
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      text.startsWith('{')
        ? text
        : Buffer.from(text, 'base64url').toString('utf8'),
    );
  } catch {
    parsed = undefined;
  }
  if (!isSignedCheckpoint(parsed)) {
    throw new UnreadablePathError(
      value,
      'not a signed checkpoint (a file, JSON or base64url JSON with seq, hash, at, keyId and signature)',
    );
  }
  return parsed;
}

async function getJson<T>(
  options: AuditVerifyOptions,
  path: string,
): Promise<T> {
  const url = `${options.url.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await options.fetch(url, {
      headers: options.token
        ? { Authorization: `Bearer ${options.token}` }
        : {},
    });
  } catch (error) {
    throw new BackendCallError(`cannot reach ${url}: ${error}`);
  }
  if (!res.ok) {
    const body = await res.text().catch(() => '');
    let message = body.slice(0, 300);
    try {
      message = JSON.parse(body)?.error?.message ?? message;
    } catch {
      // Not JSON: the start of the body says enough.
    }
    throw new BackendCallError(`GET ${url} answered ${res.status}: ${message}`);
  }
  return (await res.json()) as T;
}

/** Every checkpoint the backend keeps, newest first. */
async function allCheckpoints(
  options: AuditVerifyOptions,
): Promise<SignedAuditCheckpoint[]> {
  const all: SignedAuditCheckpoint[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<Page<SignedAuditCheckpoint>>(
      options,
      `/audit/checkpoints?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * `datapact audit verify`: checks the signature of every checkpoint the
 * backend lists, and of the one given, with the pinned public key, then asks
 * the backend to prove its chain extends the given checkpoint (or the newest
 * listed). Returns 0 when it does, 1 when a signature or the chain fails.
 * Throws UnreadablePathError or BackendCallError (exit 2) when a file or the
 * backend cannot be read.
 */
export async function auditVerify(
  options: AuditVerifyOptions,
  stdout: (text: string) => void,
  stderr: (text: string) => void,
): Promise<number> {
  const publicKey = await readPinnedKey(options.publicKey, options.cwd);
  const keyId = keyIdOf(publicKey);
  const given =
    options.checkpoint !== undefined
      ? await readCheckpoint(options.checkpoint, options.cwd)
      : undefined;
  const listed = await allCheckpoints(options);

  const failures: string[] = [];
  const unsigned = (c: SignedAuditCheckpoint) =>
    `checkpoint ${c.seq} (${c.at}) is not signed by the pinned key ${keyId}${
      c.keyId !== keyId ? ` (it names key ${c.keyId})` : ''
    }`;
  for (const c of listed) {
    if (!signedBy(c, publicKey)) failures.push(unsigned(c));
  }
  if (given && !signedBy(given, publicKey)) failures.push(unsigned(given));
  const checkpoint = given ?? listed.find(c => signedBy(c, publicKey));
  if (failures.length > 0 || !checkpoint) {
    if (!checkpoint) {
      failures.push(
        'the backend lists no checkpoint signed by the pinned key, so nothing proves its audit chain',
      );
    }
    stderr(failures.map(f => `datapact: ${f}\n`).join(''));
    return 1;
  }

  const answer = await getJson<AuditVerification>(
    options,
    `/audit/verify?checkpoint=${encodeCheckpoint(checkpoint)}${
      options.full ? '&full=true' : ''
    }`,
  );
  if (!extendsCheckpoint(answer, checkpoint)) {
    const why = [
      answer.problem,
      ...(answer.grantsDisagreeing ?? []).map(
        g =>
          `grant ${g.grant}: ${g.field} ${
            'row' in g
              ? `is ${g.row} in its row, ${g.chain} in the chain`
              : 'disagrees with the chain'
          }`,
      ),
    ].filter(Boolean);
    stderr(
      `datapact: the audit chain does not extend checkpoint ${
        checkpoint.seq
      } (${checkpoint.at})${
        why.length ? `:\n${why.map(w => `  ${w}\n`).join('')}` : '\n'
      }`,
    );
    return 1;
  }
  stdout(
    `ok: the audit chain (${answer.entries} entries, head ${
      answer.headHash
    }) extends checkpoint ${checkpoint.seq} of ${
      checkpoint.at
    }, signed by ${keyId}; ${
      listed.length
    } listed checkpoints carry valid signatures; ${
      answer.grantsChecked ?? 0
    } grants agree with the chain\n`,
  );
  return 0;
}
