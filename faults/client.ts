/*
 * The fault suite's clients: every change is a POST that carries an
 * `Idempotency-Key` and is retried with the same key, on either replica (as
 * behind a load balancer), until it gets a definite answer (2xx or 4xx).
 * What was acknowledged goes into a ledger the invariants check against the
 * database; every HTTP attempt is counted and classified, and every write's
 * latency is logged with the replica that answered it.
 */
import { randomUUID } from 'node:crypto';
import { CallResult, RunningBackend, sleep } from '../bench/runningBackend';

/** How long one HTTP attempt may take before the client gives up on it. */
export const ATTEMPT_TIMEOUT_MS = 30_000;
/** How long a client keeps retrying one change before it gives up. */
export const RETRY_DEADLINE_MS = 90_000;

/** Changes the backend acknowledged (2xx), to be found in the database. */
export interface Ledger {
  /** Requests answered 201 to their create. */
  created: Map<string, { requester: string; dataset: string }>;
  /** Decisions answered 201. */
  decisions: Array<{ requestId: string; approver: string; decision: string }>;
  /** Requests whose cancel was answered 200. */
  cancelled: Set<string>;
  /** Grants whose revoke was answered 200. */
  revoked: Set<string>;
}

/** One HTTP attempt at a change. */
export interface WriteSample {
  replica: number;
  op: string;
  start: number;
  end: number;
  ms: number;
  /** The status, or 0 when the attempt got no answer. */
  status: number;
}

/** One change, from its first attempt to its definite answer (or giving up). */
export interface ChangeSample {
  /** The replica of the first attempt. */
  replica: number;
  op: string;
  start: number;
  end: number;
  ms: number;
  attempts: number;
  /** The definite status, or 0 when the client gave up. */
  status: number;
}

/** A statement in an error body: the database's internals. */
const SQL =
  /\bselect\b.*\bfrom\b|\binsert into\b|\bupdate\b.*\bset\b|\b(ROLLBACK|COMMIT)\b/i;

/** Counters of one phase; see {@link FaultClient.counters}. */
export interface Counters {
  /** HTTP attempts made. */
  calls: number;
  /** Changes that got a 2xx answer. */
  acknowledged: number;
  /** Changes that got a definite 4xx answer. */
  refused: number;
  /** 4xx answers to a retry of a change whose first attempt had no definite answer. */
  refusedAfterRetry: number;
  /** Answers with `Idempotent-Replayed: true`. */
  replayed: number;
  /** 503 answers, and those among them without `Retry-After`. */
  status503: number;
  status503WithoutRetryAfter: number;
  /** Other 5xx answers. */
  status5xx: number;
  /** 5xx answers whose body shows the database's internals (host:port, a socket error, SQL). */
  leaks: number;
  /** Attempts without an answer (connection refused or reset, timeout). */
  noAnswer: number;
  /** Changes given up after {@link RETRY_DEADLINE_MS}. */
  givenUp: number;
}

const zero = (): Counters => ({
  calls: 0,
  acknowledged: 0,
  refused: 0,
  refusedAfterRetry: 0,
  replayed: 0,
  status503: 0,
  status503WithoutRetryAfter: 0,
  status5xx: 0,
  leaks: 0,
  noAnswer: 0,
  givenUp: 0,
});

/** An answer that is not a definite one, kept as an example for the report. */
export interface BadAnswer {
  at: number;
  replica: number;
  op: string;
  status: number;
  retryAfter?: string;
  body: string;
}

export class FaultClient {
  readonly ledger: Ledger = {
    created: new Map(),
    decisions: [],
    cancelled: new Set(),
    revoked: new Set(),
  };
  readonly writes: WriteSample[] = [];
  readonly changes: ChangeSample[] = [];
  /** 5xx answers that are not a clean 503 (with `Retry-After`, no internals). */
  readonly badAnswers: BadAnswer[] = [];
  counters: Counters = zero();

  constructor(
    /** The replicas by slot; a slot is undefined while its replica is down. */
    readonly replicas: Array<RunningBackend | undefined>,
    /** Strings a 5xx body must not contain besides SQL: the database's host:port. */
    private readonly secrets: string[],
  ) {}

  /** Starts a new phase's counters and returns the previous ones. */
  resetCounters(): Counters {
    const previous = this.counters;
    this.counters = zero();
    return previous;
  }

  private pick(preferred: number, attempt: number): number {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const slot = (preferred + attempt + i) % n;
      const replica = this.replicas[slot];
      // (Not `child.killed`: that says a signal was sent, SIGSTOP too.)
      if (
        replica &&
        replica.child.exitCode === null &&
        replica.child.signalCode === null
      )
        return slot;
    }
    return preferred % n;
  }

  private async attempt(
    slot: number,
    method: string,
    path: string,
    options: Parameters<RunningBackend['call']>[2],
  ): Promise<CallResult | undefined> {
    const replica = this.replicas[slot];
    if (!replica) return undefined;
    const pending = replica.call(method, path, options);
    pending.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(r => {
      timer = setTimeout(() => r(undefined), ATTEMPT_TIMEOUT_MS);
    });
    try {
      return await Promise.race([pending, timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One change: a POST with an `Idempotency-Key`, retried with the same key
   * until a definite answer. Returns the definite answer, or undefined when
   * it gave up.
   */
  async change(
    preferred: number,
    op: string,
    path: string,
    token: string,
    body: object,
  ): Promise<CallResult | undefined> {
    const key = randomUUID();
    const first = Date.now();
    const deadline = first + RETRY_DEADLINE_MS;
    const done = (attempts: number, replica: number, res?: CallResult) => {
      const end = Date.now();
      this.changes.push({
        replica,
        op,
        start: first,
        end,
        ms: end - first,
        attempts,
        status: res?.status ?? 0,
      });
      return res;
    };
    let firstSlot = -1;
    for (let attempt = 0; ; attempt++) {
      const slot = this.pick(preferred, attempt);
      if (firstSlot < 0) firstSlot = slot;
      const start = Date.now();
      this.counters.calls++;
      const res = await this.attempt(slot, 'POST', `/api/datapact${path}`, {
        token,
        body,
        headers: { 'Idempotency-Key': key },
      });
      const end = Date.now();
      this.writes.push({
        replica: slot,
        op,
        start,
        end,
        ms: end - start,
        status: res?.status ?? 0,
      });
      let wait = Math.min(2000, 250 * 2 ** attempt);
      if (!res) {
        this.counters.noAnswer++;
      } else {
        if (res.headers['idempotent-replayed'] === 'true')
          this.counters.replayed++;
        if (res.status < 500) {
          if (res.status < 300) this.counters.acknowledged++;
          else if (attempt > 0) this.counters.refusedAfterRetry++;
          else this.counters.refused++;
          return done(attempt + 1, firstSlot, res);
        }
        const text =
          typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        const leak = this.secrets.some(s => text.includes(s)) || SQL.test(text);
        if (leak) this.counters.leaks++;
        const retryAfter = res.headers['retry-after'] as string | undefined;
        if (res.status === 503) {
          this.counters.status503++;
          if (!retryAfter) this.counters.status503WithoutRetryAfter++;
          if (retryAfter && Number(retryAfter) >= 0)
            wait = Math.min(5000, Number(retryAfter) * 1000);
        } else {
          this.counters.status5xx++;
        }
        const json = typeof res.body === 'object' && res.body !== null;
        if (res.status !== 503 || !retryAfter || leak || !json) {
          this.badAnswers.push({
            at: start,
            replica: slot,
            op,
            status: res.status,
            retryAfter,
            body: text.slice(0, 300),
          });
        }
      }
      if (Date.now() + wait > deadline) {
        this.counters.givenUp++;
        return done(attempt + 1, firstSlot);
      }
      await sleep(wait);
    }
  }

  /** The `sha256` of each dataset's terms, read once (they do not change during a run). */
  private readonly terms = new Map<string, string>();

  /**
   * The terms of a dataset a requester accepts, as the portal reads them
   * before a request (`GET /access-requests/terms`); read again, from any
   * replica, until one answers; undefined when none did within a minute.
   */
  private async acceptedTerms(
    preferred: number,
    token: string,
    dataset: string,
  ): Promise<string | undefined> {
    const known = this.terms.get(dataset);
    if (known) return known;
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const res = await this.attempt(
        this.pick(preferred, attempt),
        'GET',
        `/api/datapact/access-requests/terms?dataset=${encodeURIComponent(
          dataset,
        )}`,
        { token },
      );
      if (res?.status === 200) {
        this.terms.set(dataset, res.body.sha256);
        return res.body.sha256;
      }
      await sleep(500);
    }
    return undefined;
  }

  /** Creates a request, with the dataset's terms accepted; records it when acknowledged. */
  async create(
    preferred: number,
    token: string,
    requester: string,
    dataset: string,
  ) {
    const acceptedTerms = await this.acceptedTerms(preferred, token, dataset);
    if (!acceptedTerms) {
      this.counters.givenUp++;
      return undefined;
    }
    const res = await this.change(
      preferred,
      'create',
      '/access-requests',
      token,
      {
        dataset,
        purpose: 'research',
        justification: 'fault suite',
        duration: 'P30D',
        acceptedTerms,
      },
    );
    if (res?.status === 201) {
      this.ledger.created.set(res.body.id, { requester, dataset });
      return res.body as { id: string; state: string };
    }
    return undefined;
  }

  /** Decides a request; records the decision when acknowledged. */
  async decide(
    preferred: number,
    token: string,
    approver: string,
    requestId: string,
    decision: 'approve' | 'deny',
  ) {
    const res = await this.change(
      preferred,
      decision,
      `/access-requests/${requestId}/decisions`,
      token,
      { decision, comment: 'fault suite' },
    );
    if (res?.status === 201) {
      this.ledger.decisions.push({ requestId, approver, decision });
      return res.body as { id: string; state: string; grant?: { id: string } };
    }
    return undefined;
  }

  /** Cancels a request; records it when acknowledged. */
  async cancel(preferred: number, token: string, requestId: string) {
    const res = await this.change(
      preferred,
      'cancel',
      `/access-requests/${requestId}/cancel`,
      token,
      { reason: 'fault suite' },
    );
    if (res?.status === 200) this.ledger.cancelled.add(requestId);
    return res;
  }

  /** Revokes a grant; records it when acknowledged. */
  async revoke(preferred: number, token: string, grantId: string) {
    const res = await this.change(
      preferred,
      'revoke',
      `/grants/${grantId}/revoke`,
      token,
      { reason: 'fault suite' },
    );
    if (res?.status === 200) this.ledger.revoked.add(grantId);
    return res;
  }
}
