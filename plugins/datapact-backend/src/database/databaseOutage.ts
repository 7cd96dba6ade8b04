import { ResponseError } from '@backstage/errors';

/**
 * PostgreSQL SQLSTATE codes (and their classes) that say the database could
 * not do the work now, but may a moment later: the connection failed or was
 * closed, the server is starting or shutting down, a lock or an
 * idle-in-transaction timeout ended the transaction, a deadlock or a
 * serialization failure rolled it back.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
]);

/** Node socket errors of a connection that could not be made or was lost. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'SQLITE_BUSY',
]);

/** Messages of the pg driver and knex's pool when the connection is gone. */
const OUTAGE_MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /Knex: Timeout acquiring a connection/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /server closed the connection unexpectedly/i,
  /Client was closed and is not queryable/i,
  /connection is insecure|Connection refused/i,
];

/**
 * Whether an error means the plugin's database (or the catalog it reads,
 * which answers 5xx when its own database is down) could not answer now: the
 * change did not happen, or its outcome is unknown, and trying again later is
 * the right thing to do. Such errors become a 503 with `Retry-After`, and
 * scheduled work waits and resumes instead of giving up.
 */
export function isDatabaseOutage(error: unknown): boolean {
  for (let e = error as any, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') {
      if (TRANSIENT_SQLSTATES.has(e.code)) return true;
      if (/^08/.test(e.code)) return true; // connection_exception class
      if (SOCKET_ERRORS.has(e.code)) return true;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    if (OUTAGE_MESSAGES.some(re => re.test(message))) return true;
    if (e.name === 'KnexTimeoutError') return true;
    e = e.cause;
  }
  return false;
}

/** Whether an error is a catalog (or other backend) call that failed with a 5xx. */
export function isUpstreamOutage(error: unknown): boolean {
  const e = error as ResponseError;
  return (
    e?.name === 'ResponseError' &&
    typeof e.statusCode === 'number' &&
    e.statusCode >= 500
  );
}

/** Whether a lock or idle-in-transaction timeout (a stalled peer), rather than an outage, ended the work. */
export function isLockTimeout(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '55P03' || code === '25P03';
}
