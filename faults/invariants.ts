/*
 * The invariants the fault suite checks after every scenario, read straight
 * from the plugin's tables (see plugins/datapact-backend/migrations) and the
 * audit verification endpoint:
 * - every acknowledged change is present: each 201 create exists, each 201
 *   decision is among its request's decisions, each 200 cancel left its
 *   request cancelled, each 200 revoke left its grant revoked;
 * - no grant without an approved request, no approved request without a
 *   grant;
 * - one terminal transition per request: exactly one
 *   `access-request.approved|denied|cancelled|expired` audit entry, naming
 *   its state, per terminal request, none for pending ones; one
 *   `access-request.created` entry per request;
 * - `GET /audit/verify` says ok.
 */
import { Client } from 'pg';
import { RunningBackend } from '../bench/runningBackend';
import { Ledger } from './client';

const TERMINAL = [
  'access-request.approved',
  'access-request.denied',
  'access-request.cancelled',
  'access-request.expired',
];

/** What the check found: violations (empty when all hold) and what it counted. */
export interface InvariantReport {
  violations: string[];
  requests: number;
  grants: number;
  auditEntries: number;
}

const sample = (ids: string[]) =>
  `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;

export async function checkInvariants(
  db: Client,
  ledger: Ledger,
  backend: RunningBackend,
  token: string,
): Promise<InvariantReport> {
  const violations: string[] = [];
  const fail = (what: string, ids: string[]) => {
    if (ids.length) violations.push(`${what}: ${ids.length} (${sample(ids)})`);
  };

  // One snapshot for every read: the sweep may still be ending requests.
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    return await checkSnapshot(db, ledger, backend, token, violations, fail);
  } finally {
    await db.query('COMMIT').catch(() => undefined);
  }
}

async function checkSnapshot(
  db: Client,
  ledger: Ledger,
  backend: RunningBackend,
  token: string,
  violations: string[],
  fail: (what: string, ids: string[]) => void,
): Promise<InvariantReport> {
  const requests = new Map<string, string>(
    (
      await db.query<{ id: string; state: string }>(
        'SELECT id, state FROM datapact_access_requests',
      )
    ).rows.map(r => [r.id, r.state]),
  );
  fail(
    'acknowledged creates missing from the database',
    [...ledger.created.keys()].filter(id => !requests.has(id)),
  );

  const decisions = new Set(
    (
      await db.query<{
        request_id: string;
        approver_ref: string;
        decision: string;
      }>('SELECT request_id, approver_ref, decision FROM datapact_decisions')
    ).rows.map(d => `${d.request_id} ${d.approver_ref} ${d.decision}`),
  );
  fail(
    'acknowledged decisions missing from their request',
    ledger.decisions
      .filter(d => !decisions.has(`${d.requestId} ${d.approver} ${d.decision}`))
      .map(d => `${d.requestId} by ${d.approver}`),
  );

  fail(
    'acknowledged cancels whose request is not cancelled',
    [...ledger.cancelled].filter(id => requests.get(id) !== 'cancelled'),
  );

  const grants = (
    await db.query<{
      id: string;
      request_id: string;
      revoked_at: string | null;
    }>('SELECT id, request_id, revoked_at FROM datapact_grants')
  ).rows;
  const revokedAt = new Map(grants.map(g => [g.id, g.revoked_at]));
  fail(
    'acknowledged revokes whose grant is not revoked',
    [...ledger.revoked].filter(id => !revokedAt.get(id)),
  );

  fail(
    'grants without an approved request',
    grants
      .filter(g => requests.get(g.request_id) !== 'approved')
      .map(g => `${g.id} (request ${requests.get(g.request_id) ?? 'missing'})`),
  );
  const granted = new Set(grants.map(g => g.request_id));
  fail(
    'approved requests without a grant',
    [...requests]
      .filter(([id, state]) => state === 'approved' && !granted.has(id))
      .map(([id]) => id),
  );

  const transitions = new Map<string, string[]>();
  const creations = new Map<string, number>();
  const { rows: entries } = await db.query<{ subject: string; action: string }>(
    `SELECT subject, action FROM datapact_audit_log
      WHERE subject LIKE 'access-request:%'
        AND (action = ANY($1) OR action = 'access-request.created')`,
    [TERMINAL],
  );
  for (const { subject, action } of entries) {
    const id = subject.slice('access-request:'.length);
    if (action === 'access-request.created') {
      creations.set(id, (creations.get(id) ?? 0) + 1);
    } else {
      transitions.set(id, [...(transitions.get(id) ?? []), action]);
    }
  }
  const wrongTransitions: string[] = [];
  for (const [id, state] of requests) {
    const actions = transitions.get(id) ?? [];
    const ok =
      state === 'pending'
        ? actions.length === 0
        : actions.length === 1 && actions[0] === `access-request.${state}`;
    if (!ok) wrongTransitions.push(`${id} ${state}: [${actions.join(' ')}]`);
  }
  fail('requests without exactly one terminal transition', wrongTransitions);
  fail(
    'requests without exactly one created entry',
    [...requests.keys()].filter(id => creations.get(id) !== 1),
  );

  const { rows: count } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM datapact_audit_log',
  );
  const verify = await backend.call('GET', '/api/datapact/audit/verify', {
    token,
  });
  if (verify.status !== 200 || verify.body?.ok !== true) {
    violations.push(
      `GET /audit/verify: ${verify.status} ${JSON.stringify(verify.body).slice(
        0,
        300,
      )}`,
    );
  }
  return {
    violations,
    requests: requests.size,
    grants: grants.length,
    auditEntries: Number(count[0].n),
  };
}
