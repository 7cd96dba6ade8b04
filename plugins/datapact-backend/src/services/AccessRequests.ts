import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AccessRequest,
  approvalsRequired,
  CancelAccessRequest,
  checkAccessRequest,
  CreateAccessRequest,
  DecideAccessRequest,
  Decision,
  GovernanceFinding,
  Grant,
} from '@datapact/backstage-plugin-common';
import { DateTime, Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock';
import { DatapactConfig } from '../config';
import { AccessRequestFilter } from '../database/AccessRequestStore';
import { DatapactStores } from '../database/DatapactStores';
import { AccessRequestResource } from '../permissions/resource';
import { normalizeRef } from '../refs';
import { approverHolderRefs, deciderRefs, stewardshipOf } from './approvers';
import { PLUGIN_ACTOR, UserCaller } from './caller';
import { CatalogAccess } from './CatalogAccess';
import { Notifier } from './Notifier';
import { Provisioning } from './Provisioning';

function later(now: Date, duration: Duration): string {
  return DateTime.fromJSDate(now, { zone: 'utc' })
    .plus(duration)
    .toJSDate()
    .toISOString();
}

/** What happened to a request, as its requester's notification says it. */
function outcome(request: AccessRequest): string {
  if (request.state === 'pending') {
    return `has ${request.decisions.length} of ${request.approvalsRequired} approvals`;
  }
  return `was ${request.state}`;
}

function refField(value: string, defaultKind: string, field: string): string {
  try {
    return normalizeRef(value, defaultKind);
  } catch {
    throw new InputError(`Invalid body: \`${field}\` is not an entity ref`);
  }
}

/**
 * The access-request workflow: request, decide, cancel, expire. Each change
 * and its audit entry commit in one transaction; notifications and
 * provisioners follow the commit.
 */
export class AccessRequests {
  constructor(
    private readonly deps: {
      stores: DatapactStores;
      catalog: CatalogAccess;
      clock: Clock;
      config: DatapactConfig;
      notifier: Notifier;
      provisioning: Provisioning;
      logger: LoggerService;
    },
  ) {}

  async get(id: string): Promise<AccessRequest> {
    const request = await this.deps.stores.requests.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    return request;
  }

  /** The request as permission rules see it; 404 when there is none. */
  async resource(id: string): Promise<AccessRequestResource> {
    const [resource] = await this.deps.stores.requests.resources([id]);
    if (!resource) throw new NotFoundError(`No access request ${id}`);
    return resource;
  }

  list(filter: AccessRequestFilter) {
    return this.deps.stores.requests.list(filter);
  }

  async create(
    user: UserCaller,
    input: CreateAccessRequest,
  ): Promise<AccessRequest> {
    const { stores, catalog, clock, config } = this.deps;
    const datasetRef = refField(input.dataset, 'Dataset', 'dataset');
    const agreementRef =
      input.agreement && refField(input.agreement, 'Agreement', 'agreement');
    const groupRefs = user.claims.filter(c => c.startsWith('group:'));
    const context = await catalog.datasetContext(datasetRef, {
      credentials: user.credentials,
      groupRefs,
    });
    const { dataset, world } = context;
    const self = world.refOf(dataset);
    const label = world.label(self);
    if (!dataset.spec.access?.requestable) {
      throw new NotAllowedError(`${label} is not requestable`);
    }
    const maxDuration =
      dataset.spec.access.maxDuration ?? config.defaultMaxDuration;
    if (world.compareDurations(input.duration, maxDuration) > 0) {
      throw new InputError(
        `Invalid body: \`duration\` ${input.duration} is longer than the ${maxDuration} ${label} allows`,
      );
    }

    // Rules 3 and 4, for each organization the requester acts for; the first
    // under which the request passes is the one it is made for.
    const organizations = catalog.organizationsOf(world, user.ref, groupRefs);
    let refusal: GovernanceFinding[] | undefined;
    let organization: string | undefined;
    for (const candidate of organizations) {
      const findings = checkAccessRequest(world, {
        dataset: self,
        purpose: input.purpose,
        agreement: agreementRef,
        requesterOrganization: candidate,
      }).filter(f => f.severity === 'error');
      if (findings.length === 0) {
        organization = candidate;
        break;
      }
      refusal ??= findings;
    }
    if (!organization) {
      throw new NotAllowedError(refusal!.map(f => f.message).join(' '));
    }

    const approvers = await catalog.approvers(context);
    const now = clock.now();
    const request = {
      id: randomUUID(),
      dataset: datasetRef,
      requester: user.ref,
      organization: organization.toLocaleLowerCase('en-US'),
      purpose: input.purpose,
      justification: input.justification,
      duration: input.duration,
      ...(agreementRef && { agreement: agreementRef }),
      tier: dataset.spec.sensitivity.tier,
      approvalsRequired: approvalsRequired(world, dataset),
      createdAt: now.toISOString(),
      pendingUntil: later(now, config.pendingExpiry),
      deciders: deciderRefs(approvers),
    };
    await stores.transaction(async tx => {
      await tx.requests.insert(request);
      await tx.audit.append({
        at: request.createdAt,
        actor: user.ref,
        action: 'access-request.created',
        subject: `access-request:${request.id}`,
        entity: datasetRef,
        details: {
          purpose: request.purpose,
          duration: request.duration,
          agreement: request.agreement ?? null,
          organization: request.organization,
          approvalsRequired: request.approvalsRequired,
        },
      });
    });
    const created = await this.get(request.id);
    this.deps.notifier.newRequest(created, approverHolderRefs(approvers));
    return created;
  }

  async decide(
    user: UserCaller,
    id: string,
    input: DecideAccessRequest,
  ): Promise<AccessRequest> {
    const { stores, catalog, clock } = this.deps;
    const request = await this.get(id);
    if (request.requester === user.ref) {
      throw new NotAllowedError(
        'A requester may not decide their own request (segregation of duties)',
      );
    }
    const context = await catalog.datasetContext(request.dataset);
    const stewardship = stewardshipOf(
      await catalog.approvers(context),
      user.claims,
    );
    if (!stewardship) {
      throw new NotAllowedError(
        `${user.ref} is not an approver of ${request.dataset}, nor a delegate of one`,
      );
    }
    const now = clock.now();
    const decision: Decision = {
      approver: user.ref,
      ...stewardship,
      decision: input.decision,
      ...(input.comment && { comment: input.comment }),
      decidedAt: now.toISOString(),
    };
    const grant = await stores.transaction(async tx => {
      // Takes the request's row: concurrent decisions queue here, and all
      // but the one that ends the request find it no longer pending.
      if (!(await tx.requests.lockPending(id))) {
        throw new ConflictError(`Access request ${id} is no longer pending`);
      }
      await tx.requests.addDecision(id, decision);
      const approvals = (await tx.requests.approvers(id)).length;
      let state = 'pending';
      let granted: Grant | undefined;
      if (input.decision === 'deny') {
        await tx.requests.leavePending(id, 'denied');
        state = 'denied';
      } else if (approvals >= request.approvalsRequired) {
        await tx.requests.leavePending(id, 'approved');
        state = 'approved';
        granted = await tx.grants.insert({
          id: randomUUID(),
          requestId: id,
          dataset: request.dataset,
          user: request.requester,
          purpose: request.purpose,
          grantedAt: decision.decidedAt,
          expiresAt: later(now, Duration.fromISO(request.duration)),
        });
      }
      await tx.audit.append({
        at: decision.decidedAt,
        actor: user.ref,
        action:
          state === 'pending'
            ? 'access-request.approval-recorded'
            : `access-request.${state}`,
        subject: `access-request:${id}`,
        entity: request.dataset,
        details: {
          decision: decision.decision,
          comment: decision.comment ?? null,
          onBehalfOf: decision.onBehalfOf,
          delegate: decision.delegate ?? null,
          approvals,
          approvalsRequired: request.approvalsRequired,
          grant: granted
            ? { id: granted.id, expiresAt: granted.expiresAt }
            : null,
        },
      });
      return granted;
    });
    const decided = await this.get(id);
    this.deps.notifier.requestChanged(decided, outcome(decided));
    if (grant) await this.deps.provisioning.run('grant', grant);
    return decided;
  }

  async cancel(
    user: UserCaller,
    id: string,
    input: CancelAccessRequest,
  ): Promise<AccessRequest> {
    const request = await this.get(id);
    if (request.requester !== user.ref) {
      throw new NotAllowedError('Only the requester may cancel a request');
    }
    await this.deps.stores.transaction(async tx => {
      if (!(await tx.requests.leavePending(id, 'cancelled'))) {
        throw new ConflictError(`Access request ${id} is no longer pending`);
      }
      await tx.audit.append({
        at: this.deps.clock.now().toISOString(),
        actor: user.ref,
        action: 'access-request.cancelled',
        subject: `access-request:${id}`,
        entity: request.dataset,
        details: { reason: input.reason ?? null },
      });
    });
    return this.get(id);
  }

  /** Expires the pending requests nobody decided in time; returns how many. */
  async expireOverdue(): Promise<number> {
    const { stores, clock } = this.deps;
    let expired = 0;
    for (const id of await stores.requests.overdue(500)) {
      const request = await this.get(id);
      const done = await stores.transaction(async tx => {
        if (!(await tx.requests.leavePending(id, 'expired'))) return false;
        await tx.audit.append({
          at: clock.now().toISOString(),
          actor: PLUGIN_ACTOR,
          action: 'access-request.expired',
          subject: `access-request:${id}`,
          entity: request.dataset,
          details: { pendingUntil: request.pendingUntil },
        });
        return true;
      });
      if (done) {
        expired++;
        this.deps.notifier.requestChanged(
          await this.get(id),
          'expired undecided',
        );
      }
    }
    return expired;
  }
}
