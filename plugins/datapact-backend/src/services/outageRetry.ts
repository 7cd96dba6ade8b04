import { LoggerService } from '@backstage/backend-plugin-api';
import { isDatabaseOutage, isUpstreamOutage } from '../database/databaseOutage';

/**
 * Runs one step of scheduled work, and while the database (or the catalog)
 * is unavailable waits and runs it again (1 s, 2 s, 4 s, then every 5 s)
 * until it succeeds or the task's signal aborts it. Steps must be safe to
 * run again: each of ours changes a row only if it is still in the state
 * the change starts from.
 *
 * Why here and not in the scheduler: a task that throws while the database
 * is down cannot release its lease either, and Backstage's scheduler then
 * waits for the lease to time out (minutes) before any replica runs the task
 * again. A run that waits for the database finishes minutes earlier, as soon
 * as it is back, and releases its lease itself.
 */
export async function retryingOutages<T>(
  what: string,
  work: () => Promise<T>,
  options: { logger: LoggerService; signal?: AbortSignal },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (
        options.signal?.aborted ||
        !(isDatabaseOutage(error) || isUpstreamOutage(error))
      ) {
        throw error;
      }
      const delay = Math.min(5_000, 1_000 * 2 ** attempt);
      if (attempt === 0 || attempt % 12 === 0) {
        options.logger.warn(
          `${what}: the database is not available (${error}); trying again every few seconds`,
        );
      }
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, delay);
        options.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }
}
