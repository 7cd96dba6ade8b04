import { LoggerService } from '@backstage/backend-plugin-api';
import { Pool, PoolClient, PoolConfig } from 'pg';
import { TargetConnection } from './config';

/**
 * One small connection pool per configured target, opened on first use and
 * closed by {@link PostgresTargets.close}.
 */
export class PostgresTargets {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly connections: Record<string, TargetConnection>,
    private readonly timeoutMs: number,
    private readonly logger: LoggerService,
  ) {}

  /** Whether a target of that name is configured. */
  has(target: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.connections, target);
  }

  /**
   * Runs `work` on one connection of the target. Connection failures are
   * rethrown with the target's name, so the grant shows which one is down.
   */
  async withClient<T>(
    target: string,
    work: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool(target).connect();
    } catch (error) {
      // The driver's message names hosts, ports and users from a secret
      // connection: it goes to the log, the error (shown on grants) keeps
      // only the target's name and the error code.
      const { code, message } = error as { code?: string; message?: string };
      this.logger.warn(`cannot connect to target "${target}": ${message}`);
      throw new Error(
        `cannot connect to target "${target}"${code ? ` (${code})` : ''}`,
      );
    }
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  /** Runs `work` in a transaction on one connection of the target. */
  async transaction<T>(
    target: string,
    work: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    return this.withClient(target, async client => {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Closes every pool opened so far. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(pool => pool.end()));
  }

  private pool(target: string): Pool {
    const existing = this.pools.get(target);
    if (existing) {
      return existing;
    }
    const connection = this.connections[target];
    const pool = new Pool({
      ...(typeof connection === 'string'
        ? { connectionString: connection }
        : connection),
      application_name: 'datapact-postgres-grants',
      // A few connections: steps are short, and retried when they fail.
      max: 2,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: this.timeoutMs,
      statement_timeout: this.timeoutMs,
      lock_timeout: this.timeoutMs,
      // Also bounds a query whose server stopped answering.
      query_timeout: this.timeoutMs * 2,
    } satisfies PoolConfig);
    // An idle connection that the server ends must not crash the backend.
    pool.on('error', error =>
      this.logger.warn(
        `PostgreSQL target "${target}": idle connection failed: ${error.message}`,
      ),
    );
    this.pools.set(target, pool);
    return pool;
  }
}
