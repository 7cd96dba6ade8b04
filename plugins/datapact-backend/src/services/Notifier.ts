import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { AccessRequest, Grant } from '@datapact/backstage-plugin-common';

/**
 * Tells people about requests through Backstage's notifications service.
 * Sending never holds up or breaks the workflow: it is not awaited, and a
 * failure (for example when the notifications backend is not installed) is
 * logged.
 */
export class Notifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** The approvers of the dataset: a request awaits their decision. */
  newRequest(request: AccessRequest, approvers: string[]): void {
    this.send({
      recipients: {
        type: 'entity',
        entityRef: approvers,
        excludeEntityRef: request.requester,
      },
      payload: {
        title: `Access request for ${request.dataset}`,
        description: `${request.requester} asks for ${request.duration} of access for ${request.purpose}: ${request.justification}`,
        topic: 'datapact-access-request',
        scope: `datapact:access-request:${request.id}`,
        severity: 'normal',
      },
    });
  }

  /** The requester: a decision was made, or the request expired. */
  requestChanged(request: AccessRequest, what: string): void {
    this.send({
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        title: `Your access request for ${request.dataset} ${what}`,
        description: `Request ${request.id} is ${request.state}.${
          request.grant ? ` Access ends ${request.grant.expiresAt}.` : ''
        }`,
        topic: 'datapact-access-request',
        scope: `datapact:access-request:${request.id}`,
        severity: request.state === 'approved' ? 'normal' : 'high',
      },
    });
  }

  /** The grant holder: their access ends soon, or was revoked. */
  grantChanged(grant: Grant, what: string): void {
    this.send({
      recipients: { type: 'entity', entityRef: grant.user },
      payload: {
        title: `Your access to ${grant.dataset} ${what}`,
        description: `Grant ${grant.id} ${
          grant.state === 'revoked'
            ? `was revoked: ${grant.revokeReason}`
            : `ends ${grant.expiresAt}`
        }.`,
        topic: 'datapact-grant',
        scope: `datapact:grant:${grant.id}`,
        severity: 'high',
      },
    });
  }

  private send(options: NotificationSendOptions): void {
    const recipients = options.recipients;
    if (recipients.type === 'entity' && recipients.entityRef.length === 0) {
      return;
    }
    Promise.resolve()
      .then(() => this.notifications.send(options))
      .catch(error =>
        this.logger.warn(
          `Could not send the notification "${options.payload.title}": ${error}`,
        ),
      );
  }
}
