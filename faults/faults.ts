/*
 * The fault suite: the real demo backend, two replicas started from the
 * TypeScript sources on a private PostgreSQL cluster the suite may stop
 * (faults/privatePostgres.ts), driven over HTTP by closed-loop clients that
 * retry every change with its `Idempotency-Key` (faults/client.ts), through:
 * 1. two replicas under concurrent load, with conflicting decisions;
 * 2. the expiry sweep interrupted: hundreds of requests lapse, the database
 *    is stopped during a sweep run and restarted; every overdue request must
 *    be expired within two sweep intervals after it is back;
 * 3. a replica killed with kill -9 mid-load and restarted;
 * 4. a replica frozen (SIGSTOP) for 20 s while it holds a transaction on the
 *    audit chain's head: the healthy replica's writes may stall at most
 *    STALL_BOUND_MS;
 * 5. the database stopped (pg_ctl stop -m immediate) for 10 s under load and
 *    restarted: every answer is 2xx, 4xx or a 503 with `Retry-After` and no
 *    database internals, and both replicas answer again without a restart.
 * After every scenario the invariants of faults/invariants.ts are checked
 * against the database. Prints a table of figures; exits non-zero when an
 * invariant or a bound is violated. Run with `yarn test:faults`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  ROOT,
  RunningBackend,
  sleep,
  startDemoBackend,
  summary,
  waitFor,
} from '../bench/runningBackend';
import { Counters, FaultClient } from './client';
import { checkInvariants } from './invariants';
import { startPrivatePostgres } from './privatePostgres';
import { CLIENTS, Route, Tokens, Workload, seeded } from './workload';
import {
  APPROVERS,
  DATASETS,
  REQUESTERS,
  datasetRef,
  requester,
  writeFaultWorld,
} from './world';

/** The longest a healthy replica's write may wait while the other is frozen. */
const STALL_BOUND_MS = Number(process.env.FAULTS_STALL_BOUND_MS ?? 8000);
/** How long a replica stays frozen. */
const FREEZE_MS = 20_000;
/** How long the database stays down in the outage scenario. */
const OUTAGE_MS = 10_000;
/** How long the database stays down in the sweep scenario. */
const SWEEP_OUTAGE_MS = 5_000;
/** The backends' sweep interval and pending expiry (overlay below). */
const SWEEP_SECONDS = 10;
const PENDING_EXPIRY_SECONDS = 20;
/** Every overdue request must be expired this long after the database is back. */
const SWEEP_CATCHUP_BOUND_MS = 2 * SWEEP_SECONDS * 1000 + 5000;
/** How long both replicas may take to answer again after the database is back. */
const RECOVERY_BOUND_MS = 30_000;
/** Requests made to lapse in the sweep scenario. */
const SWEEP_REQUESTS = 300;
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 100000);

const failures: string[] = [];
const figures: Array<[string, string]> = [];
const rows: string[] = [];

function fmtCounters(name: string, c: Counters, invariants: string) {
  rows.push(
    `| ${name} | ${c.calls} | ${c.acknowledged} | ${c.refused} | ${c.refusedAfterRetry} | ${c.status503} | ${c.status5xx} | ${c.leaks} | ${c.noAnswer} | ${c.replayed} | ${c.givenUp} | ${invariants} |`,
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  console.log(`Fault suite (seed ${SEED}); starting a private PostgreSQL ...`);
  const pg = await startPrivatePostgres();
  const replicas: Array<RunningBackend | undefined> = [undefined, undefined];
  const retired: RunningBackend[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'datapact-faults-'));
  let db: Client | undefined;

  // Whatever happens, no backend and no cluster is left behind.
  const killAll = () => {
    for (const r of [...replicas, ...retired]) {
      try {
        r?.child.kill('SIGCONT');
        r?.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    pg.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      killAll();
      // Their temporary directories (the databases went with the cluster).
      await Promise.all(
        [...replicas, ...retired].map(r => r?.stop().catch(() => undefined)),
      );
      process.exit(130);
    });
  }

  try {
    const world = join(dir, 'fault-world.yaml');
    writeFaultWorld(world);
    const start = (name: string, replicaOf?: RunningBackend) =>
      startDemoBackend({
        locations: [join(ROOT, 'catalog-info/all.yaml'), world],
        replicaOf,
        pg: { ...pg.connection, application_name: `datapact-faults-${name}` },
        config: {
          datapact: {
            // app-config.yaml sets it as a string: only a string overrides it.
            accessRequests: { pendingExpiry: `PT${PENDING_EXPIRY_SECONDS}S` },
            expirySweep: { frequency: { seconds: SWEEP_SECONDS } },
          },
        },
      });
    const started = Date.now();
    replicas[0] = await start('a');
    const a = replicas[0];
    await waitFor('the fault world in the catalog', async () => {
      const t = await a.token(requester(REQUESTERS - 1));
      const res = await a.call(
        'GET',
        `/api/catalog/entities/by-name/dataset/default/fault-dataset-${String(
          DATASETS - 1,
        ).padStart(2, '0')}`,
        { token: t },
      );
      return res.status === 200;
    });
    replicas[1] = await start('b', a);
    console.log(`Two replicas up in ${seconds(Date.now() - started)}.`);

    const tokens: Tokens = {
      requesters: await Promise.all(
        Array.from({ length: REQUESTERS }, (_, i) => a.token(requester(i))),
      ),
      approvers: await Promise.all(APPROVERS.map(n => a.token(n))),
      approverRefs: APPROVERS.map(n => `user:default/${n}`),
    };
    const { host, port } = pg.connection;
    const client = new FaultClient(replicas, [
      `${host}:${port}`,
      `:${port}`,
      'ECONNREFUSED',
    ]);
    const workload = new Workload(client, tokens, seeded(SEED));

    db = new Client({ ...pg.connection, database: `${a.prefix}datapact` });
    db.on('error', () => undefined);
    await db.connect();
    const reconnect = async () => {
      await db?.end().catch(() => undefined);
      db = new Client({ ...pg.connection, database: `${a.prefix}datapact` });
      db.on('error', () => undefined);
      await db.connect();
    };

    // The approvers' group membership is processed: an approval goes through.
    await waitFor('the approvers in the catalog', async () => {
      const r = Math.floor(Math.random() * REQUESTERS);
      const d = Math.floor(Math.random() * DATASETS);
      const created = await client.create(
        0,
        tokens.requesters[r],
        `user:default/${requester(r)}`,
        datasetRef(d),
      );
      if (!created) return false;
      const decided = await client.decide(
        0,
        tokens.approvers[0],
        tokens.approverRefs[0],
        created.id,
        'approve',
      );
      return decided?.state === 'approved';
    });
    client.resetCounters();

    const both = (c: number): Route => ({ home: c % 2, other: (c + 1) % 2 });
    const check = async (name: string, counters: Counters) => {
      const report = await checkInvariants(
        db!,
        client.ledger,
        replicas[0] ?? replicas[1]!,
        tokens.approvers[0],
      );
      for (const v of report.violations) failures.push(`${name}: ${v}`);
      fmtCounters(
        name,
        counters,
        report.violations.length
          ? `${report.violations.length} violated`
          : `hold (${report.requests} requests, ${report.grants} grants, ${report.auditEntries} entries)`,
      );
      console.log(rows[rows.length - 1]);
    };
    const alive = (slot: number) => {
      const r = replicas[slot];
      return !!r && r.child.exitCode === null && r.child.signalCode === null;
    };

    // 1. Two replicas under concurrent load.
    {
      const end = Date.now() + 25_000;
      await workload.run(() => Date.now() > end, both);
      await check('1 two replicas', client.resetCounters());
    }

    // 2. The sweep interrupted by a database outage.
    {
      const batch: string[] = [];
      let next = 0;
      const combos = REQUESTERS * DATASETS;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          while (batch.length < SWEEP_REQUESTS && next < combos) {
            const k = next++;
            const r = k % REQUESTERS;
            const d = Math.floor(k / REQUESTERS) % DATASETS;
            const created = await client.create(
              c % 2,
              tokens.requesters[r],
              `user:default/${requester(r)}`,
              datasetRef(d),
            );
            if (created) batch.push(created.id);
          }
        }),
      );
      const state = async () => {
        const { rows: counts } = await db!.query<{
          expired: string;
          overdue: string;
        }>(
          `SELECT count(*) FILTER (WHERE state = 'expired' AND id = ANY($1)) AS expired,
                  count(*) FILTER (WHERE state = 'pending' AND pending_until <= $2) AS overdue
             FROM datapact_access_requests`,
          [batch, new Date().toISOString()],
        );
        return {
          expired: Number(counts[0].expired),
          overdue: Number(counts[0].overdue),
        };
      };
      // Stop the database as soon as a sweep run has expired some of the
      // batch and not yet all of the overdue requests.
      const watchUntil =
        Date.now() + (PENDING_EXPIRY_SECONDS + 3 * SWEEP_SECONDS) * 1000;
      let interrupted = false;
      let seen = { expired: 0, overdue: 0 };
      while (Date.now() < watchUntil) {
        seen = await state();
        if (seen.expired > 0 && seen.overdue > 0) {
          pg.stop();
          interrupted = true;
          break;
        }
        await sleep(25);
      }
      if (!interrupted) {
        failures.push(
          `2 sweep: no sweep run was seen expiring the ${
            batch.length
          } lapsed requests within ${
            PENDING_EXPIRY_SECONDS + 3 * SWEEP_SECONDS
          } s (expired ${seen.expired}, overdue ${
            seen.overdue
          }): the sweep is stalled`,
        );
        figures.push(['sweep: interrupted run', 'none seen (stalled)']);
      } else {
        console.log(
          `Sweep interrupted after ${seen.expired} of ${
            batch.length
          } expired (${seen.overdue} overdue left); database down ${seconds(
            SWEEP_OUTAGE_MS,
          )}.`,
        );
        await sleep(SWEEP_OUTAGE_MS);
        pg.start();
        const back = Date.now();
        await reconnect();
        let caughtUp: number | undefined;
        const limit = back + SWEEP_CATCHUP_BOUND_MS + 15_000;
        while (Date.now() < limit) {
          const now = await state();
          // Overdue at the restart, or since: none may stay pending.
          if (now.overdue === 0) {
            caughtUp = Date.now() - back;
            break;
          }
          await sleep(250);
        }
        const left = (await state()).overdue;
        figures.push([
          'sweep: batch / expired when interrupted',
          `${batch.length} / ${seen.expired}`,
        ]);
        figures.push([
          'sweep: catch-up after the database is back',
          caughtUp === undefined
            ? `> ${seconds(limit - back)} (${left} overdue still pending)`
            : seconds(caughtUp),
        ]);
        if (caughtUp === undefined || caughtUp > SWEEP_CATCHUP_BOUND_MS) {
          failures.push(
            `2 sweep: overdue requests not all expired within ${seconds(
              SWEEP_CATCHUP_BOUND_MS,
            )} after the database came back (${
              caughtUp === undefined
                ? `${left} still pending after ${seconds(limit - back)}`
                : seconds(caughtUp)
            })`,
          );
        }
      }
      await check('2 sweep interrupted', client.resetCounters());
    }

    // 3. A replica killed with kill -9 mid-load, then restarted.
    {
      let stop = false;
      const load = workload.run(() => stop, both);
      await sleep(8000);
      const killed = replicas[1]!;
      killed.child.kill('SIGKILL');
      const killedAt = Date.now();
      retired.push(killed);
      await sleep(8000);
      const restarting = Date.now();
      replicas[1] = await start('b', a);
      figures.push([
        'kill -9: restart of the killed replica',
        seconds(Date.now() - restarting),
      ]);
      await sleep(5000);
      stop = true;
      await load;
      await killed.stop();
      const counters = client.resetCounters();
      figures.push([
        'kill -9: load kept going on the other replica',
        `${
          client.writes.filter(
            w => w.start > killedAt && w.start < restarting && w.status > 0,
          ).length
        } answered writes in the ${seconds(
          restarting - killedAt,
        )} after the kill`,
      ]);
      await check('3 kill -9', counters);
    }

    // 4. A replica frozen while it holds the audit chain's head.
    {
      // Replica 0 is the healthy one; replica 1 keeps writing and is frozen.
      const route = (c: number): Route =>
        c < CLIENTS / 2 ? { home: 0, other: 0 } : { home: 1, other: 1 };
      let stop = false;
      const load = workload.run(() => stop, route);
      await sleep(3000);
      const frozen = replicas[1]!;
      const holding = async (headOnly: boolean) => {
        const { rows: held } = await db!.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity a
            WHERE a.application_name = 'datapact-faults-b'
              AND a.state LIKE 'idle in transaction%'
              AND (NOT $1::boolean OR EXISTS (
                SELECT 1 FROM pg_locks l
                 WHERE l.pid = a.pid AND l.granted
                   AND l.relation = 'datapact_audit_head'::regclass))`,
          [headOnly],
        );
        return Number(held[0].n) > 0;
      };
      let frozenAt = 0;
      let what = 'nothing (froze at a random point)';
      const random = seeded(SEED + 1);
      for (let attempt = 0; attempt < 60 && !frozenAt; attempt++) {
        await sleep(100 + random() * 400);
        frozen.child.kill('SIGSTOP');
        const at = Date.now();
        await sleep(150);
        if (await holding(attempt < 40)) {
          frozenAt = at;
          what =
            attempt < 40
              ? `a transaction holding the audit head (attempt ${attempt + 1})`
              : `a transaction, not the audit head (attempt ${attempt + 1})`;
        } else {
          frozen.child.kill('SIGCONT');
        }
      }
      if (!frozenAt) {
        frozen.child.kill('SIGSTOP');
        frozenAt = Date.now();
      }
      await sleep(Math.max(0, frozenAt + FREEZE_MS - Date.now()));
      frozen.child.kill('SIGCONT');
      const thawedAt = Date.now();
      await sleep(3000);
      stop = true;
      await load;
      const during = client.writes.filter(
        w => w.replica === 0 && w.end > frozenAt && w.start < thawedAt,
      );
      const s = summary(during.map(w => w.ms));
      const max = Math.max(0, ...during.map(w => w.ms));
      // Whole changes, retries included, begun on the healthy replica.
      const changes = client.changes.filter(
        w => w.replica === 0 && w.end > frozenAt && w.start < thawedAt,
      );
      const c = summary(changes.map(w => w.ms));
      figures.push(['freeze: replica frozen while holding', what]);
      figures.push([
        `freeze: healthy replica's writes during the ${seconds(
          thawedAt - frozenAt,
        )} freeze`,
        `${s.n} writes, max ${seconds(max)}, p99 ${seconds(s.p99 || 0)}`,
      ]);
      figures.push([
        "freeze: healthy replica's changes (first attempt to definite answer)",
        `${c.n} changes, max ${seconds(
          Math.max(0, ...changes.map(w => w.ms)),
        )}, p99 ${seconds(c.p99 || 0)}`,
      ]);
      if (max > STALL_BOUND_MS) {
        failures.push(
          `4 freeze: a write on the healthy replica waited ${seconds(
            max,
          )} while the other was frozen (bound ${seconds(STALL_BOUND_MS)})`,
        );
      }
      if (s.n === 0) failures.push('4 freeze: no write on the healthy replica');
      await check('4 freeze (SIGSTOP)', client.resetCounters());
    }

    // 5. The database stopped for 10 s under load, and restarted.
    {
      let stop = false;
      const load = workload.run(() => stop, both);
      await sleep(5000);
      const badBefore = client.badAnswers.length;
      pg.stop();
      const downAt = Date.now();
      await sleep(OUTAGE_MS);
      pg.start();
      const upAt = Date.now();
      figures.push(['outage: database down', seconds(upAt - downAt)]);
      await reconnect();
      const answered: Array<number | undefined> = [undefined, undefined];
      while (
        answered.some(x => x === undefined) &&
        Date.now() < upAt + RECOVERY_BOUND_MS + 30_000
      ) {
        await Promise.all(
          [0, 1].map(async slot => {
            if (answered[slot] !== undefined || !alive(slot)) return;
            const res = await replicas[slot]!.call(
              'GET',
              '/api/datapact/access-requests?limit=1',
              {
                token: tokens.approvers[0],
              },
            ).catch(() => undefined);
            if (res?.status === 200) answered[slot] = Date.now() - upAt;
          }),
        );
        await sleep(250);
      }
      await sleep(5000);
      stop = true;
      await load;
      const counters = client.resetCounters();
      const recovered = answered.every(x => x !== undefined)
        ? Math.max(...(answered as number[]))
        : undefined;
      figures.push([
        'outage: both replicas answer again after the restart',
        recovered === undefined
          ? `no (replica a: ${answered[0] ?? 'never'}, b: ${
              answered[1] ?? 'never'
            })`
          : seconds(recovered),
      ]);
      for (const slot of [0, 1]) {
        if (!alive(slot))
          failures.push(
            `5 outage: replica ${'ab'[slot]} died during the outage`,
          );
      }
      if (recovered === undefined || recovered > RECOVERY_BOUND_MS) {
        failures.push(
          `5 outage: both replicas did not answer within ${seconds(
            RECOVERY_BOUND_MS,
          )} after the database was back`,
        );
      }
      const bad = client.badAnswers.slice(badBefore);
      figures.push([
        'outage: 5xx answers that are not a clean 503',
        `${bad.length} (503: ${counters.status503}, other 5xx: ${counters.status5xx}, showing internals: ${counters.leaks})`,
      ]);
      if (bad.length) {
        const statuses = new Map<string, number>();
        for (const b of bad) {
          const key = `${b.status}${
            b.retryAfter ? '' : ' without Retry-After'
          }`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
        failures.push(
          `5 outage: ${
            bad.length
          } answers were not 2xx, 4xx or a 503 with Retry-After and no internals (${[
            ...statuses,
          ]
            .map(([k, n]) => `${n}× ${k}`)
            .join(', ')}); e.g. ${[
            ...new Set(bad.map(x => `${x.op} → ${x.status}: ${x.body}`)),
          ]
            .slice(0, 3)
            .join(' | ')}`,
        );
      }
      if (counters.givenUp)
        failures.push(
          `5 outage: ${counters.givenUp} changes never got a definite answer`,
        );
      await check('5 database outage', counters);
    }

    figures.unshift([
      'races on one request (two decisions, or a cancel and an approval) / both acknowledged',
      `${workload.races} / ${workload.bothWon.length}`,
    ]);
    for (const race of workload.bothWon)
      failures.push(`both changes of a race were acknowledged: ${race}`);
    const all = client.writes.length;
    figures.unshift([
      'calls (changes, all attempts) / acknowledged changes',
      `${all} / ${
        client.ledger.created.size +
        client.ledger.decisions.length +
        client.ledger.cancelled.size +
        client.ledger.revoked.size
      }`,
    ]);
    figures.push(['whole run', seconds(Date.now() - started)]);
  } catch (error) {
    failures.push(
      `the suite itself failed: ${(error as Error).stack ?? error}`,
    );
    for (const [i, r] of replicas.entries()) {
      if (r)
        console.error(
          `--- replica ${'ab'[i]} stderr (tail) ---\n${r.stderr()}`,
        );
    }
  } finally {
    await db?.end().catch(() => undefined);
    for (const r of replicas) {
      r?.child.kill('SIGCONT');
    }
    await Promise.all(
      replicas.slice(1).map(r => r?.stop().catch(() => undefined)),
    );
    await replicas[0]?.stop().catch(() => undefined);
    killAll();
  }

  console.log(
    `\nFault suite on PostgreSQL (private cluster), two replicas of the demo backend, ${CLIENTS} clients, seed ${SEED}.`,
  );
  console.log(
    '| scenario | calls | acknowledged | refused (4xx) | 4xx after a retry | 503 | other 5xx | 5xx showing internals | no answer | replayed | given up | invariants |',
  );
  console.log(
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const row of rows) console.log(row);
  console.log('\n| figure | value |\n| --- | --- |');
  for (const [k, v] of figures) console.log(`| ${k} | ${v} |`);
  if (failures.length) {
    console.error(`\nFAILED (${failures.length}):`);
    for (const f of failures) console.error(`- ${f}`);
    process.exitCode = 1;
  } else {
    console.log('\nAll invariants and bounds hold.');
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
