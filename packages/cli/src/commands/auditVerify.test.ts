import { SignedAuditCheckpoint } from '@datapact/backstage-plugin-common';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../runCli';

const url = 'http://backstage.test/api/datapact';

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey };
}

/** Signs as the backend does: Ed25519 over `{"seq":…,"hash":"…","at":"…"}`. */
function signed(
  privateKey: KeyObject,
  seq: number,
  hash: string,
): SignedAuditCheckpoint {
  const at = `2026-11-30T0${seq % 10}:00:00.000Z`;
  const message = Buffer.from(JSON.stringify({ seq, hash, at }), 'utf8');
  return {
    seq,
    hash,
    at,
    keyId: 'sha256:whatever-the-backend-says',
    signature: sign(null, message, privateKey).toString('base64url'),
  };
}

/** A backend that lists `checkpoints` and answers verifications with `verify`. */
function fakeBackend(
  checkpoints: SignedAuditCheckpoint[],
  verify: (checkpoint: SignedAuditCheckpoint) => object,
) {
  const calls: Array<{ url: string; authorization?: string }> = [];
  const fetchFake = (async (input: string, init?: RequestInit) => {
    const called = new URL(input);
    calls.push({
      url: input,
      authorization: (init?.headers as Record<string, string>)?.Authorization,
    });
    const json = (body: object) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    if (called.pathname.endsWith('/audit/checkpoints')) {
      return json({ items: checkpoints });
    }
    if (called.pathname.endsWith('/audit/verify')) {
      const given = JSON.parse(
        Buffer.from(
          called.searchParams.get('checkpoint')!,
          'base64url',
        ).toString('utf8'),
      );
      return json(verify(given));
    }
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  return { fetch: fetchFake, calls };
}

async function run(argv: string[], fetchFake: typeof fetch, cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    cwd,
    now: () => new Date('2026-11-30T12:00:00Z'),
    color: false,
    fetch: fetchFake,
  });
  return { code, stdout, stderr };
}

describe('datapact audit verify', () => {
  const key = newKey();
  const hash5 = 'a'.repeat(64);
  const hash9 = 'b'.repeat(64);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-audit-'));
    writeFileSync(
      join(dir, 'public.pem'),
      key.publicKey.export({ type: 'spki', format: 'pem' }),
    );
  });

  const extending = (c: SignedAuditCheckpoint) => ({
    ok: true,
    entries: 12,
    headHash: 'c'.repeat(64),
    checkpoint: { seq: c.seq, hash: c.hash, at: c.at, extended: true },
    grantsChecked: 3,
  });
  const args = ['audit', 'verify', '--url', url, '--token', 't0ken'];

  it('checks every listed signature with the pinned key and that the chain extends the newest checkpoint', async () => {
    const newest = signed(key.privateKey, 9, hash9);
    const backend = fakeBackend(
      [newest, signed(key.privateKey, 5, hash5)],
      extending,
    );
    const { code, stdout, stderr } = await run(
      [...args, '--public-key', 'public.pem'],
      backend.fetch,
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ok: the audit chain \(12 entries, head c{64}\) extends checkpoint 9 of /,
    );
    expect(backend.calls.map(c => c.authorization)).toEqual([
      'Bearer t0ken',
      'Bearer t0ken',
    ]);
    const asked = new URL(backend.calls[1].url).searchParams.get('checkpoint')!;
    expect(JSON.parse(Buffer.from(asked, 'base64url').toString())).toEqual(
      newest,
    );
  });

  it('fails when the chain does not extend the checkpoint kept outside the backend', async () => {
    const kept = signed(key.privateKey, 5, hash5);
    writeFileSync(
      join(dir, 'checkpoints.jsonl'),
      `${JSON.stringify(signed(key.privateKey, 3, hash5))}\n${JSON.stringify(
        kept,
      )}\n`,
    );
    // The backend's own checkpoints were deleted, and its chain recomputed.
    const backend = fakeBackend([], () => ({
      ok: false,
      entries: 12,
      headHash: 'c'.repeat(64),
      firstBadSeq: 5,
      problem: 'entry 5 does not match checkpoint 5',
      checkpoint: { seq: 5, hash: hash5, at: kept.at, extended: false },
    }));
    const { code, stdout, stderr } = await run(
      [
        ...args,
        '--public-key',
        'public.pem',
        '--checkpoint',
        'checkpoints.jsonl',
      ],
      backend.fetch,
      dir,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `datapact: the audit chain does not extend checkpoint 5 (${kept.at}):\n  entry 5 does not match checkpoint 5\n`,
    );
  });

  it('names the grants that disagree with the chain', async () => {
    const backend = fakeBackend([signed(key.privateKey, 5, hash5)], c => ({
      ...extending(c),
      ok: false,
      grantsDisagreeing: [
        { grant: 'g-1', field: 'expires_at' },
        { grant: 'g-1', field: 'state' },
      ],
    }));
    const { code, stderr } = await run(
      [...args, '--public-key', 'public.pem'],
      backend.fetch,
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      '  grant g-1: expires_at disagrees with the chain\n',
    );
  });

  it('fails when a checkpoint is not signed by the pinned key', async () => {
    const other = newKey();
    const backend = fakeBackend(
      [signed(other.privateKey, 9, hash9), signed(key.privateKey, 5, hash5)],
      extending,
    );
    const { code, stderr } = await run(
      [...args, '--public-key', 'public.pem'],
      backend.fetch,
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^datapact: checkpoint 9 \(.*\) is not signed by the pinned key sha256:[0-9a-f]{64} \(it names key sha256:whatever-the-backend-says\)\n$/,
    );
    // Nothing is verified against a checkpoint whose signature fails.
    expect(backend.calls).toHaveLength(1);
  });

  it('fails on a checkpoint given as JSON with a changed field', async () => {
    const kept = { ...signed(key.privateKey, 5, hash5), seq: 6 };
    const backend = fakeBackend([], extending);
    const { code, stderr } = await run(
      [
        ...args,
        '--public-key',
        'public.pem',
        '--checkpoint',
        JSON.stringify(kept),
      ],
      backend.fetch,
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/checkpoint 6 .* is not signed by the pinned key/);
  });

  it('exits 2 when the public key cannot be read or the backend refuses', async () => {
    const backend = fakeBackend([], extending);
    const missing = await run(
      [...args, '--public-key', 'nowhere.pem'],
      backend.fetch,
      dir,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'datapact: cannot read nowhere.pem: no such file or directory\n',
    );
    const refusing = (async () =>
      new Response(
        JSON.stringify({ error: { message: 'Missing credentials' } }),
        { status: 401 },
      )) as typeof fetch;
    const refused = await run(
      [...args, '--public-key', 'public.pem'],
      refusing,
      dir,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `datapact: GET ${url}/audit/checkpoints?limit=200 answered 401: Missing credentials\n`,
    );
  });
});
