import { GrantDisagreement } from '@datapact/backstage-plugin-common';
import { DatapactStores } from '../database/DatapactStores';
import { grantFromRow, GrantRow } from '../database/GrantStore';

const BATCH = 1000;

/**
 * The entries that make or change a grant: the request it comes from (who
 * asked, for what purpose), made at approval, ended by a person or the
 * sweep, expired.
 */
const GRANT_ACTIONS = [
  'access-request.created',
  'access-request.approved',
  'grant.revoked',
  'grant.expired',
];

/** What the chain says of one grant. */
interface ChainGrant {
  requestId: string;
  dataset: string;
  /** The requester and purpose, from the request's `access-request.created` entry. */
  user?: string;
  purpose?: string;
  grantedAt: string;
  expiresAt: string;
  /** When the sweep handled its expiry (`grant.expired`). */
  expiredAt?: string;
  revoked?: {
    /** Missing in entries written before revocations recorded it. */
    at?: string;
    by: string;
    reason: string | null;
    cause: string | null;
  };
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Every grant as the audit chain tells it, by id. */
async function grantsOfChain(
  stores: DatapactStores,
): Promise<Map<string, ChainGrant>> {
  const grants = new Map<string, ChainGrant>();
  const requests = new Map<string, { user: string; purpose?: string }>();
  let after = 0;
  for (;;) {
    const entries = await stores.audit.withActions(GRANT_ACTIONS, after, BATCH);
    if (entries.length === 0) break;
    after = entries[entries.length - 1].seq;
    for (const entry of entries) {
      const { action, details, subject, actor } = entry;
      const requestId = subject.replace(/^access-request:/, '');
      if (action === 'access-request.created') {
        requests.set(requestId, { user: actor, purpose: str(details.purpose) });
      } else if (action === 'access-request.approved') {
        const grant = details.grant as { id?: unknown; expiresAt?: unknown };
        const id = str(grant?.id);
        const expiresAt = str(grant?.expiresAt);
        const request = requests.get(requestId);
        if (id && expiresAt) {
          grants.set(id, {
            requestId,
            dataset: entry.entity,
            user: request?.user,
            purpose: request?.purpose,
            grantedAt: entry.at,
            expiresAt,
          });
        }
      } else if (action === 'grant.revoked') {
        const grant = grants.get(subject.replace(/^grant:/, ''));
        if (grant) {
          grant.revoked = {
            at: str(details.revokedAt),
            by: actor,
            reason: str(details.reason) ?? null,
            cause: str(details.cause) ?? null,
          };
        }
      } else if (action === 'grant.expired') {
        // It changes no column the grant's state rests on (its expiry
        // follows from `expiresAt`), but marks the expiry handled: the sweep
        // writes no revoke jobs for a grant so marked.
        const grant = grants.get(subject.replace(/^grant:/, ''));
        if (grant) grant.expiredAt = entry.at;
      }
    }
  }
  return grants;
}

/** How one grant row disagrees with the chain. */
function compare(
  row: GrantRow,
  chain: ChainGrant,
  now: Date,
): GrantDisagreement[] {
  const found: GrantDisagreement[] = [];
  const differ = (
    field: string,
    rowValue: string | null,
    chainValue: string | null,
  ) => {
    if (rowValue !== chainValue) {
      found.push({ grant: row.id, field, row: rowValue, chain: chainValue });
    }
  };
  differ('request_id', row.request_id, chain.requestId);
  differ('dataset_ref', row.dataset_ref, chain.dataset);
  if (chain.user !== undefined) differ('user_ref', row.user_ref, chain.user);
  if (chain.purpose !== undefined) {
    differ('purpose', row.purpose, chain.purpose);
  }
  differ('granted_at', row.granted_at, chain.grantedAt);
  differ('expires_at', row.expires_at, chain.expiresAt);
  const revoked = chain.revoked;
  // An entry written before revocations recorded their time cannot say when.
  if (!(revoked && revoked.at === undefined && row.revoked_at)) {
    differ('revoked_at', row.revoked_at ?? null, revoked?.at ?? null);
  }
  differ('revoked_by', row.revoked_by ?? null, revoked?.by ?? null);
  differ('revoke_reason', row.revoke_reason ?? null, revoked?.reason ?? null);
  differ('revoke_cause', row.revoke_cause ?? null, revoked?.cause ?? null);
  if ((row.expiry_handled_at === null) !== (chain.expiredAt === undefined)) {
    found.push({
      grant: row.id,
      field: 'expiry_handled_at',
      row: row.expiry_handled_at,
      chain: chain.expiredAt ?? null,
    });
  }
  let chainState = 'active';
  if (revoked) chainState = 'revoked';
  else if (chain.expiresAt <= now.toISOString()) chainState = 'expired';
  differ('state', grantFromRow(row, now).state, chainState);
  return found;
}

/**
 * Compares every grant row with what the audit chain says of that grant
 * (asked for by its holder, for its purpose, made with its request, dataset,
 * time and `expiresAt` at approval, revoked by a person or ended by
 * the sweep with who, why and when): a row edited in the database, such as
 * an expired grant given a later `expires_at`, disagrees with its chain.
 */
export async function grantsDisagreeing(
  stores: DatapactStores,
  now: Date,
): Promise<{ checked: number; disagreeing: GrantDisagreement[] }> {
  const chain = await grantsOfChain(stores);
  const disagreeing: GrantDisagreement[] = [];
  let checked = 0;
  let after = '';
  for (;;) {
    const rows = await stores.grants.rowsAfter(after, BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      checked++;
      const told = chain.get(row.id);
      chain.delete(row.id);
      if (!told) {
        disagreeing.push({
          grant: row.id,
          field: 'grant',
          row: 'present',
          chain: null,
        });
      } else {
        disagreeing.push(...compare(row, told, now));
      }
    }
  }
  for (const id of chain.keys()) {
    disagreeing.push({
      grant: id,
      field: 'grant',
      row: null,
      chain: 'present',
    });
  }
  return { checked, disagreeing };
}
