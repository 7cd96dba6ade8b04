/*
 * The fault suite's load: closed-loop clients, each creating a request and
 * then, at random, having both approvers decide it at once from two replicas
 * (approve against approve or deny), approving and revoking it, cancelling it
 * while an approval races the cancel, or leaving it to lapse.
 */
import { DATASETS, REQUESTERS, datasetRef, requester } from './world';
import { FaultClient } from './client';

/** Concurrent clients of the load. */
export const CLIENTS = 8;

/** Which replica a client sends its changes to, and its racing second change. */
export interface Route {
  home: number;
  other: number;
}

/** The personas' tokens. */
export interface Tokens {
  requesters: string[];
  approvers: string[];
  approverRefs: string[];
}

/** A small seeded random number generator (mulberry32), for repeatable runs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Workload {
  private readonly counters = new Map<number, number>();
  /** Completed cycles. */
  cycles = 0;
  /** Two changes raced on one request (two decisions, or a cancel and an approval). */
  races = 0;
  /** Races in which both changes were acknowledged: each one a violation. */
  bothWon: string[] = [];

  constructor(
    private readonly client: FaultClient,
    private readonly tokens: Tokens,
    private readonly random: () => number,
  ) {}

  /** One cycle of client `c`: a create and what follows it. */
  async cycle(c: number, route: Route): Promise<void> {
    const k = this.counters.get(c) ?? 0;
    this.counters.set(c, k + 1);
    const perClient = Math.floor(REQUESTERS / CLIENTS);
    const r = (c + CLIENTS * (k % perClient)) % REQUESTERS;
    const d = Math.floor(k / perClient) % DATASETS;
    const { client, tokens } = this;
    const created = await client.create(
      route.home,
      tokens.requesters[r],
      `user:default/${requester(r)}`,
      datasetRef(d),
    );
    if (!created) return;
    const [a, b] = [0, 1];
    const roll = this.random();
    const decide = (slot: number, who: number, decision: 'approve' | 'deny') =>
      client.decide(
        slot,
        tokens.approvers[who],
        tokens.approverRefs[who],
        created.id,
        decision,
      );
    if (roll < 0.4) {
      // Both approvers at once, from two replicas: one decision ends it.
      const results = await Promise.all([
        decide(route.home, a, 'approve'),
        decide(route.other, b, this.random() < 0.5 ? 'deny' : 'approve'),
      ]);
      this.races++;
      // One approval is enough: whichever decision came first ended it.
      if (results.every(Boolean))
        this.bothWon.push(`decisions on ${created.id}`);
      const grant = results.find(x => x?.grant)?.grant;
      if (grant && this.random() < 0.5)
        await client.revoke(route.other, tokens.approvers[a], grant.id);
    } else if (roll < 0.65) {
      const approved = await decide(route.home, a, 'approve');
      if (approved?.grant)
        await client.revoke(
          route.other,
          tokens.approvers[b],
          approved.grant.id,
        );
    } else if (roll < 0.85) {
      // The requester cancels while an approver approves elsewhere.
      const [cancelled, approved] = await Promise.all([
        client.cancel(route.home, tokens.requesters[r], created.id),
        decide(route.other, b, 'approve'),
      ]);
      this.races++;
      if (cancelled?.status === 200 && approved)
        this.bothWon.push(`cancel and approval of ${created.id}`);
    }
    // else: left pending, to lapse and be expired by the sweep.
    this.cycles++;
  }

  /** Runs `clients` closed loops until `done()` says stop; routes by client. */
  async run(done: () => boolean, routeOf: (c: number) => Route) {
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        while (!done()) await this.cycle(c, routeOf(c));
      }),
    );
  }
}
