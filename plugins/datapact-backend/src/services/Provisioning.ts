import { LoggerService } from '@backstage/backend-plugin-api';
import { Grant } from '@datapact/backstage-plugin-common';
import { GrantProvisioner } from '@datapact/backstage-plugin-node';
import { Clock } from '../clock';
import { DatapactStores } from '../database/DatapactStores';

/** The three moments a provisioner hears about. */
export type GrantEvent = 'grant' | 'expiry' | 'revoke';

const methods = {
  grant: 'onGrant',
  expiry: 'onExpiry',
  revoke: 'onRevoke',
} as const;

/**
 * Runs the grant provisioners added through
 * `datapactGrantProvisionersExtensionPoint`, after the change has committed:
 * one after another; a failure is logged and audited and never undoes the
 * change; nothing is retried.
 */
export class Provisioning {
  constructor(
    private readonly provisioners: readonly GrantProvisioner[],
    private readonly stores: DatapactStores,
    private readonly clock: Clock,
    private readonly logger: LoggerService,
  ) {}

  async run(event: GrantEvent, grant: Grant): Promise<void> {
    for (const provisioner of this.provisioners) {
      try {
        await provisioner[methods[event]](grant);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error(
          `Grant provisioner ${provisioner.name} failed on ${event} of grant ${grant.id}: ${message}`,
        );
        await this.recordFailure(provisioner.name, event, grant, message);
      }
    }
  }

  private async recordFailure(
    provisioner: string,
    event: GrantEvent,
    grant: Grant,
    error: string,
  ): Promise<void> {
    try {
      await this.stores.transaction(tx =>
        tx.audit.append({
          at: this.clock.now().toISOString(),
          actor: 'plugin:datapact',
          action: 'grant.provisioning-failed',
          subject: `grant:${grant.id}`,
          entity: grant.dataset,
          details: { provisioner, event, error },
        }),
      );
    } catch (auditError) {
      this.logger.error(
        `Could not audit the failure of grant provisioner ${provisioner}: ${auditError}`,
      );
    }
  }
}
