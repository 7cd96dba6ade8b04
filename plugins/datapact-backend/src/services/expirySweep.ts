import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Duration } from 'luxon';
import { Clock } from '../clock';
import { IdempotencyStore } from '../database/IdempotencyStore';
import { AccessRequests } from './AccessRequests';
import { Grants } from './Grants';
import { retryingOutages } from './outageRetry';

/**
 * The scheduled sweep: expires overdue pending requests, audits grants that
 * reached `expiresAt` (and tells the provisioners), ends grants whose basis
 * no longer holds (the lifecycle sweep), warns holders of grants that end
 * soon, forgets idempotency keys older than their retention. A run that
 * changed anything, or failed, is a Backstage auditor event. Each step works
 * in small committed batches and, while the database is unavailable, waits
 * for it (`retryingOutages`), so an outage during a run delays the sweep by
 * the outage, not by the task's lease.
 */
export function createExpirySweep(deps: {
  accessRequests: AccessRequests;
  grants: Grants;
  auditor: AuditorService;
  logger: LoggerService;
  idempotency: IdempotencyStore;
  idempotencyKeyRetention: Duration;
  clock: Clock;
}): (signal?: AbortSignal) => Promise<void> {
  const audit = () =>
    deps.auditor.createEvent({ eventId: 'expiry-sweep', severityLevel: 'low' });
  return async (signal?: AbortSignal) => {
    const step = (what: string, work: () => Promise<number>) =>
      retryingOutages(`Expiry sweep (${what})`, work, {
        logger: deps.logger,
        signal,
      });
    let counts;
    try {
      counts = {
        requestsExpired: await step('requests', () =>
          deps.accessRequests.expireOverdue(),
        ),
        grantsExpired: await step('grants', () => deps.grants.expireDue()),
        grantsEnded: await step('lifecycle', () =>
          deps.grants.endBrokenGrants(),
        ),
        decidersRefreshed: await step('deciders', () =>
          deps.accessRequests.refreshAllDeciders(),
        ),
        holdersWarned: await step('warnings', () => deps.grants.warnExpiring()),
        idempotencyKeysForgotten: await step('idempotency keys', () =>
          deps.idempotency.purge(
            new Date(
              deps.clock.now().getTime() -
                deps.idempotencyKeyRetention.toMillis(),
            ),
          ),
        ),
      };
    } catch (error) {
      await (await audit()).fail({ error: error as Error });
      throw error;
    }
    const {
      requestsExpired,
      grantsExpired,
      grantsEnded,
      decidersRefreshed,
      holdersWarned,
      idempotencyKeysForgotten,
    } = counts;
    if (Object.values(counts).some(n => n > 0)) {
      deps.logger.info(
        `Expiry sweep: ${requestsExpired} requests expired, ${grantsExpired} grants expired, ${grantsEnded} grants ended because their basis no longer holds, ${decidersRefreshed} pending requests have new deciders, ${holdersWarned} holders warned, ${idempotencyKeysForgotten} idempotency keys forgotten`,
      );
      await (await audit()).success({ meta: counts });
    }
  };
}
