import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AccessEligibility,
  AccessRefusal,
  AccessRequest,
  AccessTerms,
  accessTermsOf,
  approvalsRequired,
  ApprovalStatus,
  CancelAccessRequest,
  checkAccessBasis,
  consentStewardships,
  CreateAccessRequest,
  DecideAccessRequest,
  Decision,
  Grant,
  cappedMaxDuration,
  grantExpiry,
  onwardTransferOfRequest,
  vetoedPurposes,
} from '@datapact/backstage-plugin-common';
import { DateTime, Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock';
import { DatapactConfig } from '../config';
import {
  AccessRequestFilter,
  CountedApproval,
} from '../database/AccessRequestStore';
import { DatapactStores } from '../database/DatapactStores';
import { AccessRequestResource } from '@datapact/backstage-plugin-node';
import { parseRefInput } from '../refs';
import { AccessRefusedError } from './AccessRefusedError';
import { TermsChangedError } from './TermsChangedError';
import { termsDigest } from './termsDigest';
import {
  ApprovalPlan,
  approverHolderRefs,
  barredDeciders,
  deciderRefs,
  excludedStewardships,
  isDecider,
  isFullyApproved,
  missingApprovals,
  openStewardshipsOf,
  Stewardship,
  unreachable,
} from './approvers';
import { Caller, PLUGIN_ACTOR, UserCaller } from './caller';
import {
  CatalogAccess,
  DatasetContext,
  organizationsOf,
} from './CatalogAccess';
import { Governance } from './Governance';
import { Notifier } from './Notifier';
import { ProvisioningWorker } from '../provisioning/ProvisioningWorker';

function later(now: Date, duration: Duration): string {
  return DateTime.fromJSDate(now, { zone: 'utc' })
    .plus(duration)
    .toJSDate()
    .toISOString();
}

/** What happened to a request, as its requester's notification says it. */
function outcome(request: AccessRequest): string {
  if (request.state === 'pending') {
    const counted = request.decisions.filter(d => d.countsFor).length;
    return `has ${counted} approval${counted === 1 ? '' : 's'} so far`;
  }
  return `was ${request.state}`;
}

/** When a grant for the request would end if decided at `now`, and why. */
function expiryOf(request: AccessRequest, context: DatasetContext, now: Date) {
  return grantExpiry(
    context.world,
    {
      dataset: request.dataset,
      purpose: request.purpose,
      agreement: request.agreement,
      requesterOrganization: request.organization,
    },
    now,
    request.duration,
  );
}

function refField(value: string, kind: string, field: string): string {
  return parseRefInput(value, { kind, field, part: 'body' });
}

/** A request as the caller would make it, judged now. */
interface Assessment {
  context: DatasetContext;
  dataset: string;
  refusals: AccessRefusal[];
  /** Set when the duration asked is longer than the dataset allows. */
  durationProblem?: string;
  organization?: string;
  organizations: string[];
  plan: ApprovalPlan;
  maxDuration: string;
  duration: string;
  agreement?: string;
}

/** A pending request over the current catalog (see `AccessRequests.standing`). */
interface Standing {
  context: DatasetContext;
  /** The requester's groups now. */
  groups: string[];
  plan: ApprovalPlan;
  counted: CountedApproval[];
  approved: Set<string>;
  /** What the onward-transfer terms ask of it now. */
  transfer: { stewardships: string[]; refusals: AccessRefusal[] };
}

/**
 * The access-request workflow: request, decide, cancel, expire. Every
 * decision re-checks what the request rests on over the current catalog
 * (the same `checkAccessBasis` the request and the lifecycle sweep use);
 * approvals count stewardships. Each change and its audit entry commit in
 * one transaction; notifications and provisioners follow the commit.
 */
export class AccessRequests {
  constructor(
    private readonly deps: {
      stores: DatapactStores;
      catalog: CatalogAccess;
      governance: Governance;
      clock: Clock;
      config: DatapactConfig;
      notifier: Notifier;
      provisioning: ProvisioningWorker;
      logger: LoggerService;
    },
  ) {}

  async get(id: string): Promise<AccessRequest> {
    const request = await this.deps.stores.requests.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    return request;
  }

  /**
   * The request as permission rules see it; 404 when there is none. Who may
   * decide a pending request follows the current catalog: its deciders are
   * brought up to date first, so that a new holder of a stewardship may
   * decide and a former one no longer reads it.
   */
  async resource(id: string): Promise<AccessRequestResource> {
    const [resource] = await this.deps.stores.requests.resources([id]);
    if (!resource) throw new NotFoundError(`No access request ${id}`);
    const deciders = await this.refreshDeciders(id);
    return deciders ? { ...resource, deciders } : resource;
  }

  /**
   * Brings the deciders of pending requests up to date with the catalog
   * (run by the sweep, for lists and inboxes); returns how many changed.
   */
  async refreshAllDeciders(): Promise<number> {
    let changed = 0;
    let after = '';
    for (;;) {
      const ids = await this.deps.stores.requests.pendingIds(after, 500);
      if (ids.length === 0) return changed;
      after = ids[ids.length - 1];
      for (const id of ids) {
        if (await this.refreshDeciders(id)) changed++;
      }
    }
  }

  /**
   * The current deciders of a pending request, stored when they changed;
   * undefined when the request is not pending, nothing changed, or the
   * catalog cannot say (the stored deciders then stand).
   */
  private async refreshDeciders(id: string): Promise<string[] | undefined> {
    const { stores, logger } = this.deps;
    const request = await stores.requests.get(id);
    if (!request || request.state !== 'pending') return undefined;
    let deciders: string[];
    try {
      deciders = deciderRefs((await this.standing(request)).plan);
    } catch (error) {
      logger.debug(`Deciders of ${id} not refreshed: ${error}`);
      return undefined;
    }
    const [stored] = await stores.requests.resources([id]);
    const same =
      stored &&
      stored.deciders.length === deciders.length &&
      deciders.every(d => stored.deciders.includes(d));
    if (same) return undefined;
    await stores.transaction(tx => tx.requests.setDeciders(id, deciders));
    return deciders;
  }

  list(filter: AccessRequestFilter) {
    return this.deps.stores.requests.list(filter);
  }

  /** Whether the caller may request a dataset now, and what a request would need. */
  async eligibility(
    user: UserCaller,
    query: {
      dataset: string;
      purpose?: string;
      duration?: string;
      agreement?: string;
    },
  ): Promise<AccessEligibility> {
    const a = await this.assess(user, query);
    const { world, dataset } = a.context;
    const refusals = [...a.refusals];
    if (a.durationProblem) {
      refusals.unshift({
        rule: 'access',
        message: a.durationProblem,
        entities: [a.dataset],
      });
    }
    const agreements = new Map<
      string,
      { ref: string; title?: string; until?: string }
    >();
    for (const organization of a.organizations) {
      for (const agreement of world.coveringAgreements(dataset, organization)) {
        const ref = world.refOf(agreement);
        agreements.set(ref, {
          ref,
          ...(agreement.metadata.title && { title: agreement.metadata.title }),
          ...(agreement.spec.effective.until && {
            until: agreement.spec.effective.until,
          }),
        });
      }
    }
    const allowedPurposes = dataset.spec.access?.allowedPurposes;
    const vetoable = [
      ...(allowedPurposes ?? []),
      ...(query.purpose ? [query.purpose] : []),
    ];
    return {
      dataset: a.dataset,
      allowed: refusals.length === 0,
      refusals,
      ...(a.organization && { organization: a.organization }),
      organizations: a.organizations,
      agreements: [...agreements.values()],
      needsAgreement: a.organizations.every(
        o => o.toLowerCase() !== world.organizationOf(dataset).toLowerCase(),
      ),
      maxDuration: a.maxDuration,
      ...(allowedPurposes && { allowedPurposes }),
      vetoedPurposes: [...new Set(vetoedPurposes(world, dataset, vetoable))],
      approvalsRequired: a.plan.approvalsRequired,
      approvers: a.plan.pool
        .map(s => s.steward)
        .filter(s => !a.plan.excluded.has(s)),
      requiredStewardships: a.plan.required.map(s => s.steward),
      expiry: grantExpiry(
        world,
        {
          dataset: a.dataset,
          purpose: query.purpose ?? '',
          agreement: a.agreement,
          requesterOrganization: a.organization ?? a.organizations[0],
        },
        this.deps.clock.now(),
        a.duration,
      ),
    };
  }

  /**
   * The terms that bind whoever is given the dataset under the agreement
   * (licence, agreements, communities) and their digest, which a request
   * carries as `acceptedTerms`.
   */
  async terms(
    user: UserCaller,
    query: { dataset: string; agreement?: string },
  ): Promise<AccessTerms> {
    const dataset = refField(query.dataset, 'Dataset', 'dataset');
    const agreement =
      query.agreement && refField(query.agreement, 'Agreement', 'agreement');
    const context = await this.deps.catalog.datasetContext(dataset, {
      credentials: user.credentials,
    });
    if (agreement && context.world.entity(agreement)?.kind !== 'Agreement') {
      throw new NotFoundError(
        `${agreement} is not an agreement in the catalog`,
      );
    }
    return this.termsIn(context, dataset, agreement);
  }

  private termsIn(
    context: DatasetContext,
    dataset: string,
    agreement?: string,
  ): AccessTerms {
    const terms = accessTermsOf(context.world, context.dataset, agreement);
    return {
      dataset,
      ...(agreement && { agreement }),
      terms,
      sha256: termsDigest(dataset, agreement, terms),
    };
  }

  async create(
    user: UserCaller,
    input: CreateAccessRequest,
  ): Promise<AccessRequest> {
    const { stores, clock, config } = this.deps;
    const a = await this.assess(user, input);
    const { dataset } = a.context;
    if (!dataset.spec.access?.requestable) {
      throw new AccessRefusedError([
        {
          rule: 'access',
          entities: [a.dataset],
          message: `${a.context.world.label(a.dataset)} is not requestable`,
        },
      ]);
    }
    if (a.durationProblem)
      throw new InputError(`Invalid body: ${a.durationProblem}`);
    if (a.refusals.length) throw new AccessRefusedError(a.refusals);
    const terms = this.termsIn(a.context, a.dataset, a.agreement);
    if (terms.sha256 !== input.acceptedTerms.toLowerCase()) {
      throw new TermsChangedError(
        `\`acceptedTerms\` ${
          input.acceptedTerms
        } are not the terms that now bind ${a.context.world.label(a.dataset)}${
          a.agreement ? ` under ${a.context.world.label(a.agreement)}` : ''
        } (${
          terms.sha256
        }): they changed since, or were read for another dataset or agreement. Read GET /access-requests/terms again and accept them.`,
      );
    }

    const now = clock.now();
    const request = {
      id: randomUUID(),
      dataset: a.dataset,
      requester: user.ref,
      organization: a.organization!.toLocaleLowerCase('en-US'),
      purpose: input.purpose,
      justification: input.justification,
      duration: input.duration,
      ...(a.agreement && { agreement: a.agreement }),
      tier: dataset.spec.sensitivity.tier,
      approvalsRequired: a.plan.approvalsRequired,
      requiredStewardships: a.plan.required.map(s => s.steward),
      acceptedTerms: terms.sha256,
      terms: terms.terms,
      excludedStewardships: [...a.plan.excluded],
      createdAt: now.toISOString(),
      pendingUntil: later(now, config.pendingExpiry),
      deciders: deciderRefs(a.plan),
    };
    const created = await stores.answer(async tx => {
      await tx.requests.insert(request);
      await tx.audit.append({
        at: request.createdAt,
        actor: user.ref,
        action: 'access-request.created',
        subject: `access-request:${request.id}`,
        entity: a.dataset,
        details: {
          purpose: request.purpose,
          duration: request.duration,
          agreement: request.agreement ?? null,
          organization: request.organization,
          approvalsRequired: request.approvalsRequired,
          requiredStewardships: request.requiredStewardships,
          excludedStewardships: request.excludedStewardships,
          acceptedTerms: request.acceptedTerms,
        },
      });
      return tx.requests.get(request.id);
    });
    this.deps.notifier.newRequest(created!, approverHolderRefs(a.plan));
    return created!;
  }

  async decide(
    user: UserCaller,
    id: string,
    input: DecideAccessRequest,
  ): Promise<AccessRequest> {
    const { stores, clock } = this.deps;
    const request = await this.get(id);
    if (request.requester === user.ref) {
      throw new NotAllowedError(
        'A requester may not decide their own request (segregation of duties)',
      );
    }
    const now = clock.now();
    this.assertDecidable(request, now);
    if (request.decisions.some(d => d.approver === user.ref)) {
      throw new ConflictError(`${user.ref} has already decided this request`);
    }
    const standing = await this.standing(request);
    const { context, plan, approved } = standing;
    const stewardship = this.stewardshipFor(
      plan,
      user,
      approved,
      input.decision,
      request.dataset,
    );
    if (input.decision === 'approve') {
      const refusals = await this.recheck(request, standing);
      if (refusals.length) throw new AccessRefusedError(refusals);
    }
    const decision: Decision = {
      approver: user.ref,
      ...stewardship,
      decision: input.decision,
      ...(input.decision === 'approve' && {
        countsFor: stewardship.onBehalfOf,
      }),
      ...(input.comment && { comment: input.comment }),
      decidedAt: now.toISOString(),
    };
    const decided = await stores.answer(async tx => {
      // Takes the request's row: concurrent decisions queue here, and all
      // but the one that ends the request find it no longer pending.
      if (!(await tx.requests.lockPending(id))) {
        throw new ConflictError(`Access request ${id} is no longer pending`);
      }
      await tx.requests.addDecision(id, decision);
      const counted = await tx.requests.countedApprovals(id);
      const approvedNow = new Set(counted.map(c => c.stewardship));
      let state = 'pending';
      let granted: Grant | undefined;
      if (input.decision === 'deny') {
        await tx.requests.leavePending(id, 'denied');
        state = 'denied';
      } else if (isFullyApproved(plan, approvedNow)) {
        await tx.requests.leavePending(id, 'approved');
        state = 'approved';
        const expiry = expiryOf(request, context, now);
        granted = await tx.grants.insert({
          id: randomUUID(),
          requestId: id,
          dataset: request.dataset,
          user: request.requester,
          purpose: request.purpose,
          grantedAt: decision.decidedAt,
          expiresAt: expiry.expiresAt,
          expiresBecause: expiry.expiresBecause,
          expiresAgreement: expiry.agreement,
        });
        // The privilege is opened by durable jobs, written with the grant.
        await tx.jobs.enqueue(
          granted.id,
          'grant',
          this.deps.provisioning.provisioners,
        );
      }
      const missing = missingApprovals(plan, approvedNow);
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
          countsFor: decision.countsFor ?? null,
          approvedStewardships: [...approvedNow],
          stillNeeded: missing.stillNeeded,
          stillRequired: missing.stillRequired,
          approvalsRequired: request.approvalsRequired,
          grant: granted
            ? {
                id: granted.id,
                expiresAt: granted.expiresAt,
                expiresBecause: granted.expiresBecause,
                expiresAgreement: granted.expiresAgreement ?? null,
              }
            : null,
        },
      });
      // What the transaction produced is the answer: nothing read after the
      // commit can turn a committed decision into an error.
      return tx.requests.get(id);
    });
    this.deps.notifier.requestChanged(decided!, outcome(decided!));
    if (decided!.grant) this.deps.provisioning.wake();
    return decided!;
  }

  /** Which stewardships have approved a request, which are still needed, and what the caller may do. */
  async approvalStatus(caller: Caller, id: string): Promise<ApprovalStatus> {
    const request = await this.get(id);
    const standing = await this.standing(request);
    const { context, plan, approved, counted } = standing;
    const missing = missingApprovals(plan, approved);
    const now = this.deps.clock.now();
    const viewer: ApprovalStatus['viewer'] = { canDecide: false };
    if (caller.kind === 'user' && request.state === 'pending') {
      const refusal = (message: string): AccessRefusal => ({
        rule: 'access',
        message,
        entities: [request.dataset],
      });
      const decided = request.decisions.some(d => d.approver === caller.ref);
      if (caller.ref === request.requester) {
        viewer.approveRefusal = refusal(
          'A requester may not decide their own request (segregation of duties).',
        );
      } else if (caller.claims.some(c => barredDeciders(plan).has(c))) {
        viewer.approveRefusal = refusal(
          'You stand in for a stewardship the requester holds or stands in for, and may not decide this request (segregation of duties).',
        );
      } else if (!isDecider(plan, caller.claims)) {
        viewer.approveRefusal = refusal(
          'You are not an approver of this dataset, nor a delegate of one.',
        );
      } else if (decided) {
        viewer.approveRefusal = refusal(
          'You have already decided this request.',
        );
      } else if (now.toISOString() >= request.pendingUntil) {
        viewer.approveRefusal = refusal(
          `The request lapsed on ${request.pendingUntil}.`,
        );
      } else {
        viewer.canDecide = true;
        const open = openStewardshipsOf(plan, caller.claims, approved)[0];
        if (open) {
          viewer.stewardship = open;
          const refusals = await this.recheck(request, standing);
          if (refusals.length) {
            viewer.approveRefusal = {
              rule: refusals[0].rule,
              message: refusals.map(r => r.message).join(' '),
              entities: [...new Set(refusals.flatMap(r => r.entities))],
            };
          }
        } else {
          viewer.approveRefusal = refusal(
            'Every stewardship you hold or stand in for has already approved this request.',
          );
        }
      }
    }
    return {
      requestId: id,
      approvalsRequired: plan.approvalsRequired,
      approved: counted,
      eligible: plan.pool
        .map(s => s.steward)
        .filter(s => !plan.excluded.has(s)),
      stillNeeded: missing.stillNeeded,
      stillRequired: missing.stillRequired,
      viewer,
      ...(request.state === 'pending' && {
        expiry: expiryOf(request, context, now),
      }),
    };
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
    const cancelled = await this.deps.stores.answer(async tx => {
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
      return tx.requests.get(id);
    });
    return cancelled!;
  }

  /** Expires the pending requests nobody decided in time; returns how many. */
  async expireOverdue(): Promise<number> {
    const { stores, clock } = this.deps;
    let expired = 0;
    for (const id of await stores.requests.overdue(500)) {
      const request = await this.get(id);
      const done = await stores.transaction(async tx => {
        if (!(await tx.requests.leavePending(id, 'expired'))) return undefined;
        await tx.audit.append({
          at: clock.now().toISOString(),
          actor: PLUGIN_ACTOR,
          action: 'access-request.expired',
          subject: `access-request:${id}`,
          entity: request.dataset,
          details: { pendingUntil: request.pendingUntil },
        });
        return tx.requests.get(id);
      });
      if (done) {
        expired++;
        this.deps.notifier.requestChanged(done, 'expired undecided');
      }
    }
    return expired;
  }

  /** 409 when a request can no longer be decided: no longer pending, or past `pendingUntil`. */
  private assertDecidable(request: AccessRequest, now: Date): void {
    if (request.state !== 'pending') {
      throw new ConflictError(
        `Access request ${request.id} is no longer pending`,
      );
    }
    if (now.toISOString() >= request.pendingUntil) {
      throw new ConflictError(
        `Access request ${request.id} lapsed on ${request.pendingUntil} without a decision; it can no longer be decided (the requester may ask again)`,
      );
    }
  }

  /**
   * The stewardship a decision is given for: for an approval, the most
   * needed one the user holds or stands in for that has not approved yet
   * (409 when all of theirs have); a denial may come from any of them.
   */
  private stewardshipFor(
    plan: ApprovalPlan,
    user: UserCaller,
    approved: Set<string>,
    decision: DecideAccessRequest['decision'],
    dataset: string,
  ): Stewardship {
    const open = openStewardshipsOf(plan, user.claims, approved);
    if (open.length) return open[0];
    const barred = barredDeciders(plan);
    if (user.claims.some(c => barred.has(c))) {
      throw new NotAllowedError(
        `${user.ref} stands in for a stewardship the requester holds or stands in for, and may not decide this request (segregation of duties)`,
      );
    }
    if (isDecider(plan, user.claims)) {
      if (decision === 'deny') {
        return openStewardshipsOf(plan, user.claims, new Set())[0];
      }
      const mine = openStewardshipsOf(plan, user.claims, new Set()).map(
        s => s.onBehalfOf,
      );
      throw new ConflictError(
        `${mine.join(', ')} ${
          mine.length === 1 ? 'has' : 'have'
        } already approved this request; a stewardship counts once`,
      );
    }
    throw new NotAllowedError(
      `${user.ref} is not an approver of ${dataset}, nor a delegate of one${
        plan.excluded.size
          ? ' (stewardships the requester holds or stands in for may not approve)'
          : ''
      }`,
    );
  }

  /** The request's approval plan over the current catalog, and the approvals that count so far. */
  private async standing(request: AccessRequest): Promise<Standing> {
    const { catalog, stores } = this.deps;
    const groups = await catalog.groupsOf(request.requester);
    const context = await catalog.datasetContext(request.dataset, {
      groupRefs: groups,
    });
    const pool = await catalog.approvers(context);
    const transfer = await this.transferStewardships(
      context,
      request.organization,
      [request.requester, ...groups],
    );
    const requiredRefs = [
      ...new Set([
        ...request.requiredStewardships,
        ...consentStewardships(context.world, context.dataset),
        ...transfer.stewardships,
      ]),
    ];
    const required = await catalog.stewardships(requiredRefs);
    const excluded = new Set([
      ...(await stores.requests.excludedStewardships(request.id)),
      ...excludedStewardships(
        [...pool, ...required],
        [request.requester, ...groups],
      ),
    ]);
    const plan: ApprovalPlan = {
      pool,
      required,
      excluded,
      approvalsRequired: request.approvalsRequired,
    };
    const counted = await stores.requests.countedApprovals(request.id);
    return {
      context,
      groups,
      plan,
      counted,
      approved: new Set(counted.map(c => c.stewardship)),
      transfer,
    };
  }

  /**
   * The request-time rules re-run over the current catalog, for an approval:
   * what the request rests on (`checkAccessBasis`, with the requester's
   * organizations now), the duration against the dataset's current
   * maximum, and the dataset's open error findings.
   */
  private async recheck(
    request: AccessRequest,
    standing: Standing,
  ): Promise<AccessRefusal[]> {
    const { context, groups, transfer } = standing;
    const { world, dataset } = context;
    const refusals: AccessRefusal[] = checkAccessBasis(world, {
      dataset: request.dataset,
      purpose: request.purpose,
      agreement: request.agreement,
      requesterOrganization: request.organization,
      tier: request.tier,
      requesterOrganizations: organizationsOf(world, request.requester, groups),
      requester: request.requester,
    }).map(({ rule, message, entities }) => ({ rule, message, entities }));
    const maxDuration = cappedMaxDuration(
      dataset.spec.access?.maxDuration ?? this.deps.config.defaultMaxDuration,
    );
    if (world.compareDurations(request.duration, maxDuration) > 0) {
      refusals.push({
        rule: 'access',
        entities: [request.dataset],
        message: `The requested ${
          request.duration
        } is now longer than the ${maxDuration} ${world.label(
          request.dataset,
        )} allows.`,
      });
    }
    // An agreement that now asks for a steward's approval of the onward
    // transfer, but names none the catalog has, refuses the approval as it
    // would refuse the request (a steward it names is required by `standing`).
    refusals.push(...transfer.refusals);
    refusals.push(...(await this.blocking(request.dataset)));
    return refusals;
  }

  /** The dataset's open error findings, as refusals. */
  private async blocking(dataset: string): Promise<AccessRefusal[]> {
    const findings = await this.deps.governance.blockingFindings(dataset);
    return findings.map(f => ({
      rule: f.rule,
      message: f.message,
      entities: f.entities,
    }));
  }

  /** A request as the caller would make it, judged now (shared by create and eligibility). */
  private async assess(
    user: UserCaller,
    input: {
      dataset: string;
      purpose?: string;
      duration?: string;
      agreement?: string;
    },
  ): Promise<Assessment> {
    const { catalog, config } = this.deps;
    const datasetRef = refField(input.dataset, 'Dataset', 'dataset');
    const agreement =
      input.agreement && refField(input.agreement, 'Agreement', 'agreement');
    const groupRefs = user.claims.filter(c => c.startsWith('group:'));
    const context = await catalog.datasetContext(datasetRef, {
      credentials: user.credentials,
      groupRefs,
    });
    const { world, dataset } = context;
    const self = world.refOf(dataset);
    const maxDuration = cappedMaxDuration(
      dataset.spec.access?.maxDuration ?? config.defaultMaxDuration,
    );
    const duration = input.duration ?? maxDuration;
    const durationProblem =
      world.compareDurations(duration, maxDuration) > 0
        ? `\`duration\` ${duration} is longer than the ${maxDuration} ${world.label(
            self,
          )} allows`
        : undefined;

    // What the request rests on, for each organization the requester acts
    // for; the first under which it passes is the one it is made for.
    const organizations = organizationsOf(world, user.ref, groupRefs);
    let refusals: AccessRefusal[] | undefined;
    let organization: string | undefined;
    for (const candidate of organizations) {
      const problems = checkAccessBasis(world, {
        dataset: self,
        purpose: input.purpose ?? '',
        agreement,
        requesterOrganization: candidate,
      }).filter(
        p =>
          input.purpose !== undefined ||
          (p.cause !== 'purpose' && p.cause !== 'community-veto'),
      );
      if (problems.length === 0) {
        organization = candidate;
        break;
      }
      refusals ??= problems.map(({ rule, message, entities }) => ({
        rule,
        message,
        entities,
      }));
    }
    const all: AccessRefusal[] = organization ? [] : refusals ?? [];
    all.push(...(await this.blocking(self)));
    const transfer = organization
      ? await this.transferStewardships(context, organization, user.claims)
      : { stewardships: [], refusals: [] };
    all.push(...transfer.refusals);

    const pool = await catalog.approvers(context);
    const required = await catalog.stewardships([
      ...new Set([
        ...consentStewardships(world, dataset),
        ...transfer.stewardships,
      ]),
    ]);
    const plan: ApprovalPlan = {
      pool,
      required,
      excluded: new Set(
        excludedStewardships([...pool, ...required], user.claims),
      ),
      approvalsRequired: approvalsRequired(world, dataset),
    };
    const reach = unreachable(plan, user.ref);
    if (reach) {
      all.push({
        rule: 'stewardship',
        entities: [
          self,
          ...plan.pool.map(s => s.steward),
          ...plan.required.map(s => s.steward),
        ],
        message: `A request by you for ${world.label(
          self,
        )} could never be approved: ${reach}`,
      });
    }
    return {
      context,
      dataset: datasetRef,
      refusals: all,
      durationProblem,
      organization,
      organizations,
      plan,
      maxDuration,
      duration,
      agreement,
    };
  }

  /**
   * The stewardships a request for the dataset made for `organization` needs
   * because an agreement whose covered data it is allows onward transfer to
   * a non-party only with approval: a steward of each such agreement (see
   * `CatalogAccess.transferSteward`); a refusal for one that names no steward
   * the catalog has.
   */
  private async transferStewardships(
    context: DatasetContext,
    organization: string,
    requesterClaims: string[],
  ): Promise<{ stewardships: string[]; refusals: AccessRefusal[] }> {
    const { world, dataset } = context;
    const stewardships: string[] = [];
    const refusals: AccessRefusal[] = [];
    const { approvals } = onwardTransferOfRequest(world, dataset, organization);
    for (const approval of approvals) {
      const steward = await this.deps.catalog.transferSteward(
        world,
        approval,
        requesterClaims,
      );
      if (steward) {
        stewardships.push(steward);
        continue;
      }
      refusals.push({
        rule: 'onward-transfer',
        entities: [world.refOf(dataset), approval.agreement, organization],
        message: `${world.label(
          world.refOf(dataset),
        )} is covered by ${world.label(
          approval.agreement,
        )}, which allows onward transfer to ${world.label(
          organization,
        )} (not a party) only with the approval of one of its stewards, but it names none the catalog has.`,
      });
    }
    return { stewardships, refusals };
  }
}
