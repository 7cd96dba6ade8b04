import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { AccessRequests } from './AccessRequests';
import { Grants } from './Grants';

/**
 * The scheduled sweep: expires overdue pending requests, audits grants that
 * reached `expiresAt` (and tells the provisioners), ends grants whose basis
 * no longer holds (the lifecycle sweep), warns holders of grants that end
 * soon. A run that changed anything, or failed, is a Backstage
 * auditor event.
 */
export function createExpirySweep(deps: {
  accessRequests: AccessRequests;
  grants: Grants;
  auditor: AuditorService;
  logger: LoggerService;
}): () => Promise<void> {
  const audit = () =>
    deps.auditor.createEvent({ eventId: 'expiry-sweep', severityLevel: 'low' });
  return async () => {
    let counts;
    try {
      counts = {
        requestsExpired: await deps.accessRequests.expireOverdue(),
        grantsExpired: await deps.grants.expireDue(),
        grantsEnded: await deps.grants.endBrokenGrants(),
        decidersRefreshed: await deps.accessRequests.refreshAllDeciders(),
        holdersWarned: await deps.grants.warnExpiring(),
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
    } = counts;
    if (Object.values(counts).some(n => n > 0)) {
      deps.logger.info(
        `Expiry sweep: ${requestsExpired} requests expired, ${grantsExpired} grants expired, ${grantsEnded} grants ended because their basis no longer holds, ${decidersRefreshed} pending requests have new deciders, ${holdersWarned} holders warned`,
      );
      await (await audit()).success({ meta: counts });
    }
  };
}
