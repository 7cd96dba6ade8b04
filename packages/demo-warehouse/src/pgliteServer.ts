import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { escapeIdentifier } from 'pg';

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
// Messages after which the client waits for the server: Sync, simple Query,
// Flush, FunctionCall, and the end of a COPY.
const UNIT_ENDS = new Set(['S', 'Q', 'H', 'F', 'c', 'f']);

function startupParameters(message: Buffer): Record<string, string> {
  const fields = message.subarray(8).toString('utf8').split('\0');
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length && fields[i]; i += 2) {
    params[fields[i]] = fields[i + 1];
  }
  return params;
}

function lastMessageStart(unit: Buffer): number {
  let at = 0;
  let last = 0;
  while (at < unit.length) {
    last = at;
    at += 1 + unit.readInt32BE(at + 1);
  }
  return last;
}

/** A FATAL ErrorResponse, as a server sends when it refuses a login. */
function errorResponse(text: string): Buffer {
  const fields = Buffer.concat([
    ...[
      ['S', 'FATAL'],
      ['V', 'FATAL'],
      ['C', '28000'],
      ['M', text],
    ].map(([code, value]) => Buffer.from(`${code}${value}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

/** The shared backend, held by one client at a time, first come first served. */
class BackendLock {
  private holder: unknown;
  private readonly waiting: Array<() => void> = [];

  heldBy(owner: unknown): boolean {
    return this.holder === owner;
  }

  async acquire(owner: unknown): Promise<void> {
    while (this.holder !== undefined && this.holder !== owner) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.holder = owner;
  }

  release(owner: unknown): void {
    if (this.holder !== owner) {
      return;
    }
    this.holder = undefined;
    this.waiting.shift()?.();
  }
}

/**
 * A PostgreSQL wire-protocol server over one PGlite database, for several
 * clients at once, each acting as the role it logged in as.
 *
 * PGlite is one backend: one session shared by everyone. The socket server of
 * `@electric-sql/pglite-socket` (0.2.17) multiplexes clients message by
 * message, which, measured, mixes up two clients' extended-protocol queries
 * ("unnamed prepared statement does not exist", rows of the wrong query, a
 * hang with ten concurrent queries), answers every login as the superuser
 * `postgres`, and lets one client's `SET ROLE` leak to all the others. This
 * server instead:
 *
 * - runs each client's messages up to a Sync or a simple Query as one unit,
 *   and keeps the backend for that client while it is in a transaction or in
 *   the middle of an extended-protocol exchange;
 * - switches the session to the client's role (`SET SESSION AUTHORIZATION`)
 *   before its unit, so that PostgreSQL checks that role's privileges, and
 *   refuses a login whose role does not exist or cannot log in.
 *
 * It does not check passwords (any password is accepted), and since the
 * underlying session is a superuser's, a client can switch itself back
 * (`RESET SESSION AUTHORIZATION`): a demo of privileges, not a security
 * boundary. `pg_terminate_backend` ends nothing (there is one backend).
 */
export async function startPgliteServer(options: {
  db: PGlite;
  host: string;
  port: number;
}): Promise<Server> {
  const { db } = options;
  const lock = new BackendLock();
  // The client the shared session last acted for.
  let lastClient: Socket | undefined;

  /** Makes the shared session the client's own: its role, no SET ROLE. */
  async function actFor(client: Socket, role: string): Promise<void> {
    if (lastClient !== client) {
      await db.exec(
        `SET SESSION AUTHORIZATION ${escapeIdentifier(role)}; RESET ROLE`,
      );
      lastClient = client;
    }
  }

  async function run(message: Uint8Array, socket: Socket): Promise<void> {
    await db.runExclusive(() =>
      db.execProtocolRawStream(message, {
        onRawData: chunk => {
          if (!socket.destroyed) {
            socket.write(Buffer.from(chunk));
          }
        },
      }),
    );
  }

  const server = createServer(socket => {
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let role: string | undefined;
    let closed = false;
    // Each client's data is handled in order.
    let chain: Promise<void> = Promise.resolve();

    const close = async () => {
      if (closed) {
        return;
      }
      closed = true;
      socket.destroy();
      if (lock.heldBy(socket)) {
        if (db.isInTransaction()) {
          await db.exec('ROLLBACK').catch(() => undefined);
        }
        lock.release(socket);
      }
    };

    async function startup(message: Buffer): Promise<void> {
      const params = startupParameters(message);
      const user = params.user ?? '';
      await lock.acquire(socket);
      try {
        const found = await db.query<{ login: boolean }>(
          `SELECT rolcanlogin AS login FROM pg_roles WHERE rolname = $1`,
          [user],
        );
        if (!found.rows[0]?.login) {
          socket.end(
            errorResponse(
              found.rows.length
                ? `role "${user}" is not permitted to log in`
                : `role "${user}" does not exist`,
            ),
          );
          closed = true;
          return;
        }
        role = user;
        // PGlite answers the startup itself (authentication ok, parameters,
        // ready for query).
        await run(new Uint8Array(message), socket);
        lastClient = undefined;
      } finally {
        lock.release(socket);
      }
    }

    async function handle(): Promise<void> {
      for (;;) {
        if (closed) {
          return;
        }
        if (role === undefined) {
          if (buffer.length < 8) {
            return;
          }
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) {
            return;
          }
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N');
          } else if (code === PROTOCOL_3) {
            await startup(message);
          } else {
            // CancelRequest and anything else: not supported.
            await close();
          }
          continue;
        }
        // Complete messages up to and including the last Sync or Query.
        let end = 0;
        let unitEnd = 0;
        let terminate = false;
        while (buffer.length >= end + 5) {
          const type = String.fromCharCode(buffer[end]);
          const length = 1 + buffer.readInt32BE(end + 1);
          if (buffer.length < end + length) {
            break;
          }
          if (type === 'X') {
            terminate = true;
            break;
          }
          end += length;
          if (UNIT_ENDS.has(type)) {
            unitEnd = end;
          }
        }
        if (unitEnd === 0 && !terminate) {
          return;
        }
        const unit = buffer.subarray(0, unitEnd);
        buffer = buffer.subarray(unitEnd);
        if (unit.length > 0) {
          await lock.acquire(socket);
          if (closed) {
            lock.release(socket);
            return;
          }
          try {
            await actFor(socket, role);
            await run(new Uint8Array(unit), socket);
          } finally {
            // Keep the backend while this client is inside a transaction or
            // an unfinished extended-protocol exchange (it ended on Flush).
            const midExchange =
              unit[lastMessageStart(unit)] === 'H'.charCodeAt(0);
            if (!db.isInTransaction() && !midExchange) {
              lock.release(socket);
            }
          }
        }
        if (terminate) {
          await close();
          return;
        }
      }
    }

    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      chain = chain.then(handle).catch(async () => {
        await close();
      });
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      chain = chain.then(close);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
