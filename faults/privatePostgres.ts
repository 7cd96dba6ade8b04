/*
 * A private PostgreSQL cluster the fault suite may stop and restart: created
 * with the machine's Debian binaries (/usr/lib/postgresql/<version>/bin) in a
 * temporary directory, listening on a free port of 127.0.0.1 with trust
 * authentication for the user postgres. The machine's shared PostgreSQL on
 * 5432 is never touched. initdb refuses to run as root, so as root the
 * binaries run as the user postgres (`runuser -u postgres --`) on a directory
 * chowned to it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A connection to the private cluster, in the shape `pg` and Backstage take. */
export interface PrivateConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** A running private cluster. */
export interface PrivatePostgres {
  connection: PrivateConnection;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash. */
  stop(): void;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): void;
  /** Stops the cluster (if running) and removes its directory. */
  destroy(): void;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter(v => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!versions.length) {
    throw new Error(
      `The fault suite needs PostgreSQL's server binaries in ${base}/<version>/bin (Debian package postgresql); none found`,
    );
  }
  return join(base, versions[versions.length - 1], 'bin');
}

/** How to run the server binaries: directly, or as postgres when we are root. */
function runner(): { prefix: string[]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    throw new Error(
      'The fault suite runs as root, and initdb refuses root: it needs a user "postgres" to run the private PostgreSQL cluster as (the Debian package postgresql creates it), or run the suite as an ordinary user',
    );
  }
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** Creates and starts a private cluster on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const run = runner();
  const dir = mkdtempSync(join(tmpdir(), 'datapact-faults-pg-'));
  if (run.uid !== undefined) chownSync(dir, run.uid, run.gid!);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();

  // pg_ctl's server keeps inherited pipes open: its output goes to the log
  // file instead, read when something fails.
  const exec = (tool: string, args: string[]) => {
    const [command, ...rest] = [...run.prefix, join(bin, tool), ...args];
    const result = spawnSync(command, rest, {
      encoding: 'utf8',
      stdio: tool === 'pg_ctl' ? 'ignore' : 'pipe',
    });
    if (result.status !== 0) {
      const logged = existsSync(log)
        ? readFileSync(log, 'utf8').slice(-2000)
        : '';
      throw new Error(
        `${tool} ${args.join(' ')} failed (${result.status}): ${
          result.stderr || result.stdout || logged
        }`,
      );
    }
  };

  exec('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  // Two backends with a pool per plugin need more than the default 100
  // connections; fsync off only matters if the machine itself crashes.
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c max_connections=400',
    '-c fsync=off',
    '-c full_page_writes=off',
  ].join(' ');
  let running = false;
  const start = () => {
    exec('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', 'start']);
    running = true;
  };
  const stop = () => {
    exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    running = false;
  };
  const destroy = () => {
    if (running) {
      try {
        stop();
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    start();
    const connection = {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: 'postgres',
    };
    const client = new Client({ ...connection, database: 'postgres' });
    await client.connect();
    await client.end();
    return { connection, start, stop, destroy };
  } catch (error) {
    destroy();
    throw error;
  }
}
