import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  accessRequestCancelPermission,
  accessRequestCreatePermission,
  accessRequestDecidePermission,
  accessRequestReadPermission,
  auditReadPermission,
  findingsReadPermission,
  grantRevokePermission,
  Page,
} from '@datapact/backstage-plugin-common';
import express, { Request, RequestHandler } from 'express';
import { z } from 'zod';
import Router from 'express-promise-router';
import {
  AccessRequestPermission,
  DatapactAuthorizer,
} from './permissions/DatapactAuthorizer';
import { IdempotencyStore } from './database/IdempotencyStore';
import { errorAnswers } from './errorAnswers';
import { idempotentPosts } from './idempotentPosts';
import { methodNotAllowed } from './methodNotAllowed';
import { normalizeRef, parseRefInput } from './refs';
import { AllAgree, RouteSchemaProblems } from './schema/contract';
import {
  cancelAccessRequestBody,
  createAccessRequestBody,
  termsQuery,
  decideAccessRequestBody,
  eligibilityQuery,
  findingsQuery,
  idParams,
  impactQuery,
  lineageQuery,
  listAccessRequestsQuery,
  listAuditQuery,
  listCheckpointsQuery,
  listGrantsQuery,
  noQuery,
  revokeGrantBody,
  uuid,
  verifyAuditQuery,
  createCheckpointBody,
  validate,
} from './schema/validation';
import { AccessRequests } from './services/AccessRequests';
import { Audit } from './services/Audit';
import { Checkpoints } from './services/Checkpoints';
import { parseCheckpointParameter } from './services/checkpointSignature';
import { Caller, UserCaller } from './services/caller';
import { Governance } from './services/Governance';
import { Grants } from './services/Grants';
import { Lineage } from './services/Lineage';

/**
 * Every route with the schemas of its body and query, in the order of
 * openapi.yaml. `RouteSchemasAgree` below holds them to the types generated
 * from that file; router.openapi.test.ts checks that the router serves
 * exactly these routes.
 */
export const routeSchemas = {
  'POST /access-requests': { body: createAccessRequestBody, query: noQuery },
  'GET /access-requests': { query: listAccessRequestsQuery },
  'GET /access-requests/eligibility': { query: eligibilityQuery },
  'GET /access-requests/terms': { query: termsQuery },
  'GET /access-requests/{id}': { query: noQuery },
  'GET /access-requests/{id}/approvals': { query: noQuery },
  'POST /access-requests/{id}/decisions': {
    body: decideAccessRequestBody,
    query: noQuery,
  },
  'POST /access-requests/{id}/cancel': {
    body: cancelAccessRequestBody,
    query: noQuery,
  },
  'GET /grants': { query: listGrantsQuery },
  'POST /grants/{id}/revoke': { body: revokeGrantBody, query: noQuery },
  'GET /audit': { query: listAuditQuery },
  'GET /audit/verify': { query: verifyAuditQuery },
  'GET /audit/checkpoints': { query: listCheckpointsQuery },
  'POST /audit/checkpoints': { body: createCheckpointBody, query: noQuery },
  'GET /lineage': { query: lineageQuery },
  'GET /impact': { query: impactQuery },
  'GET /findings': { query: findingsQuery },
  'GET /findings/summary': { query: noQuery },
} as const;

/** Compile-time: `yarn tsc` fails, naming the route, when a schema and openapi.yaml disagree. */
export type RouteSchemasAgree = AllAgree<
  RouteSchemaProblems<typeof routeSchemas>
>;

export interface RouterOptions {
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  authorizer: DatapactAuthorizer;
  accessRequests: AccessRequests;
  grants: Grants;
  audit: Audit;
  checkpoints: Checkpoints;
  lineage: Lineage;
  governance: Governance;
  /** Where the answers of POSTs sent with an `Idempotency-Key` are kept. */
  idempotency: IdempotencyStore;
  logger: LoggerService;
  /** The per-caller rate limit of the costly endpoints (see rateLimit.ts); none when absent. */
  rateLimit?: RequestHandler;
}

/** The status each changing POST answers with (the answer stored with an `Idempotency-Key`); paths in any case, as Express routes them. */
const postStatuses: Array<[RegExp, number]> = [
  [/^\/access-requests\/?$/i, 201],
  [/^\/access-requests\/[^/]+\/decisions\/?$/i, 201],
  [/^\/access-requests\/[^/]+\/cancel\/?$/i, 200],
  [/^\/grants\/[^/]+\/revoke\/?$/i, 200],
  [/^\/audit\/checkpoints\/?$/i, 201],
];

const emptyPage: Page<never> = { items: [] };

/** What the access-request read permission lets a caller list. */
type ReadFilter = Awaited<ReturnType<DatapactAuthorizer['filter']>>;

function optionalRef(
  value: string | undefined,
  kind: string,
  field: string,
  anyKind = false,
) {
  if (value === undefined) return undefined;
  return parseRefInput(value, { kind, field, part: 'query', anyKind });
}

/**
 * The `entity` of GET /audit: a dataset ref, or the subject of entries about
 * one request or grant (`access-request:<id>`, `grant:<id>`, with a UUID).
 */
function auditEntity(value: string | undefined) {
  const subject = value?.match(/^(access-request|grant):([^]*)$/);
  if (!subject) return optionalRef(value, 'Dataset', 'entity');
  if (!uuid.safeParse(subject[2]).success) {
    throw new InputError(
      `Invalid query: \`entity\` must be a dataset ref, or ${subject[1]}:<id> with a UUID`,
    );
  }
  return value;
}

/** The HTTP API of DESIGN.md under /api/datapact; every route is authenticated. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auth, httpAuth, userInfo, auditor, authorizer } = options;
  const { accessRequests, grants, audit, checkpoints, lineage, governance } =
    options;
  const router = Router();
  if (options.rateLimit) router.use(options.rateLimit);
  router.use(express.json());

  /** The caller: 401 without credentials. */
  const identify = async (req: Request): Promise<Caller> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (auth.isPrincipal(credentials, 'user')) {
      const info = await userInfo.getUserInfo(credentials);
      const ref = normalizeRef(info.userEntityRef, 'User');
      const claims = new Set(
        info.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
      );
      claims.add(ref);
      return { kind: 'user', ref, claims: [...claims], credentials };
    }
    const service = credentials as Extract<
      Caller,
      { kind: 'service' }
    >['credentials'];
    return {
      kind: 'service',
      ref: service.principal.subject,
      credentials: service,
    };
  };

  // A POST sent with an Idempotency-Key is answered once: sent again, it
  // gets the stored answer (see idempotentPosts.ts).
  const idempotent = idempotentPosts({
    store: options.idempotency,
    callerOf: async req => (await identify(req)).ref,
    statusOf: req => postStatuses.find(([path]) => path.test(req.path))?.[1],
  });
  router.use(idempotent.claim);

  // Path ids are UUIDs, checked before any query; after the caller, so that
  // a caller without credentials gets a 401 whatever the path.
  router.param('id', async (req, _res, next, id) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    validate(idParams, { id }, 'path');
    next();
  });

  /** Changes need a person: requesters and approvers are people, so that duties stay segregated. */
  const userOnly = (caller: Caller): UserCaller => {
    if (caller.kind !== 'user') {
      throw new NotAllowedError(
        'Only signed-in users may request, decide, cancel or revoke; services may read',
      );
    }
    return caller;
  };

  /** Runs a change as a Backstage auditor event. */
  const audited = async <T>(
    eventId: string,
    req: Request,
    meta: JsonObject,
    change: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await change();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  /**
   * A change to one access request, or to the grant it gave: the query and
   * body validated, a signed-in user, the permission checked on the request,
   * all as one Backstage auditor event. Identity comes first, so that a
   * caller without credentials gets a 401 whatever the body.
   */
  const changeOf = async <S extends z.ZodType, T>(
    req: Request,
    change: {
      eventId: string;
      meta: JsonObject;
      body: S;
      permission: AccessRequestPermission;
      requestId: () => Promise<string>;
      run: (user: UserCaller, body: z.output<S>) => Promise<T>;
    },
  ): Promise<T> => {
    const caller = await identify(req);
    return audited(change.eventId, req, change.meta, async () => {
      validate(noQuery, req.query, 'query');
      const body = validate(change.body, req.body ?? {}, 'body');
      const user = userOnly(caller);
      await authorizer.authorizeResource(
        change.permission,
        user.credentials,
        await accessRequests.resource(await change.requestId()),
      );
      return change.run(user, body);
    });
  };

  /**
   * A page of what the caller may read: the query validated, then the
   * access-request read permission as a filter; an empty page when nothing
   * is readable.
   */
  const readable = async <S extends z.ZodType, T>(
    req: Request,
    schema: S,
    list: (
      caller: Caller,
      query: z.output<S>,
      permission: Exclude<ReadFilter, 'none'>,
    ) => Promise<Page<T>>,
  ): Promise<Page<T>> => {
    const caller = await identify(req);
    const query = validate(schema, req.query, 'query');
    const permission = await authorizer.filter(
      accessRequestReadPermission,
      caller.credentials,
    );
    return permission === 'none' ? emptyPage : list(caller, query, permission);
  };

  router.post('/access-requests', async (req, res) => {
    const caller = await identify(req);
    const created = await audited(
      'access-request-create',
      req,
      { actionType: 'create' },
      async () => {
        validate(noQuery, req.query, 'query');
        const body = validate(createAccessRequestBody, req.body, 'body');
        const user = userOnly(caller);
        await authorizer.authorize(
          accessRequestCreatePermission,
          user.credentials,
        );
        return accessRequests.create(user, body);
      },
    );
    res.status(201).json(created);
  });

  router.get('/access-requests', async (req, res) => {
    res.json(
      await readable(
        req,
        listAccessRequestsQuery,
        (caller, query, permission) =>
          accessRequests.list({
            dataset: optionalRef(query.dataset, 'Dataset', 'dataset'),
            state: query.state as never,
            requester: query.mine ? caller.ref : undefined,
            decidableBy: query.toDecide
              ? {
                  user: caller.ref,
                  claims: caller.kind === 'user' ? caller.claims : [],
                }
              : undefined,
            permission,
            limit: query.limit,
            cursor: query.cursor,
          }),
      ),
    );
  });

  // Whether the caller may request a dataset now, and what a request would
  // need: the portal asks this instead of judging a request itself.
  router.get('/access-requests/eligibility', async (req, res) => {
    const caller = await identify(req);
    const query = validate(eligibilityQuery, req.query, 'query');
    const user = userOnly(caller);
    await authorizer.authorize(accessRequestCreatePermission, user.credentials);
    res.json(await accessRequests.eligibility(user, query));
  });

  // The terms a request for the dataset binds its requester to, in words,
  // with the digest the request carries as `acceptedTerms`.
  router.get('/access-requests/terms', async (req, res) => {
    const caller = await identify(req);
    const query = validate(termsQuery, req.query, 'query');
    const user = userOnly(caller);
    await authorizer.authorize(accessRequestCreatePermission, user.credentials);
    res.json(await accessRequests.terms(user, query));
  });

  router.get('/access-requests/:id/approvals', async (req, res) => {
    const caller = await identify(req);
    validate(noQuery, req.query, 'query');
    await authorizer.authorizeResource(
      accessRequestReadPermission,
      caller.credentials,
      await accessRequests.resource(req.params.id),
    );
    res.json(await accessRequests.approvalStatus(caller, req.params.id));
  });

  router.get('/access-requests/:id', async (req, res) => {
    const caller = await identify(req);
    validate(noQuery, req.query, 'query');
    const resource = await accessRequests.resource(req.params.id);
    await authorizer.authorizeResource(
      accessRequestReadPermission,
      caller.credentials,
      resource,
    );
    res.json(await accessRequests.get(req.params.id));
  });

  router.post('/access-requests/:id/decisions', async (req, res) => {
    const { id } = req.params;
    const decided = await changeOf(req, {
      eventId: 'access-request-decide',
      meta: { actionType: 'update', accessRequestId: id },
      body: decideAccessRequestBody,
      permission: accessRequestDecidePermission,
      requestId: async () => id,
      run: (user, body) => accessRequests.decide(user, id, body),
    });
    res.status(201).json(decided);
  });

  router.post('/access-requests/:id/cancel', async (req, res) => {
    const { id } = req.params;
    const cancelled = await changeOf(req, {
      eventId: 'access-request-cancel',
      meta: { actionType: 'update', accessRequestId: id },
      body: cancelAccessRequestBody,
      permission: accessRequestCancelPermission,
      requestId: async () => id,
      run: (user, body) => accessRequests.cancel(user, id, body),
    });
    res.json(cancelled);
  });

  router.get('/grants', async (req, res) => {
    res.json(
      await readable(req, listGrantsQuery, (_caller, query, permission) =>
        grants.list({
          dataset: optionalRef(query.dataset, 'Dataset', 'dataset'),
          user: optionalRef(query.user, 'User', 'user'),
          active: query.active,
          endedBySweep: query.endedBySweep,
          permission,
          limit: query.limit,
          cursor: query.cursor,
        }),
      ),
    );
  });

  router.post('/grants/:id/revoke', async (req, res) => {
    const { id } = req.params;
    const revoked = await changeOf(req, {
      eventId: 'grant-revoke',
      meta: { actionType: 'update', grantId: id },
      body: revokeGrantBody,
      permission: grantRevokePermission,
      requestId: async () => (await grants.get(id)).requestId,
      run: (user, body) => grants.revoke(user, id, body),
    });
    res.json(revoked);
  });

  // The entries of the requests (and their grants) the audit read
  // permission lets the caller read, as a filter like the lists above.
  router.get('/audit', async (req, res) => {
    const caller = await identify(req);
    const query = validate(listAuditQuery, req.query, 'query');
    const permission = await authorizer.filter(
      auditReadPermission,
      caller.credentials,
    );
    if (permission === 'none') {
      res.json(emptyPage);
      return;
    }
    const entity = auditEntity(query.entity);
    res.json(await audit.list({ ...query, entity, permission }));
  });

  /**
   * Whether the caller reads the whole audit log: members of the
   * `datapact.audit.auditors` groups and service principals (audit read allowed
   * without conditions). They alone sign checkpoints and re-hash the whole
   * chain on request.
   */
  const isAuditor = async (caller: Caller) =>
    (await authorizer.filter(auditReadPermission, caller.credentials)) ===
    undefined;

  // Counts, hashes and the ids of grants that disagree with the chain, no
  // contents: anyone signed in may check the chain; the disagreeing values
  // are for auditors.
  router.get('/audit/verify', async (req, res) => {
    const caller = await identify(req);
    const query = validate(verifyAuditQuery, req.query, 'query');
    const checkpoint =
      query.checkpoint === undefined
        ? undefined
        : parseCheckpointParameter(query.checkpoint);
    const readsAll = await isAuditor(caller);
    if (query.full && !readsAll) {
      throw new NotAllowedError(
        'Only auditors and services may re-hash the whole audit chain',
      );
    }
    const verified = await audit.verify({ checkpoint, full: query.full });
    if (!readsAll && verified.grantsDisagreeing) {
      verified.grantsDisagreeing = verified.grantsDisagreeing.map(
        ({ grant, field }) => ({ grant, field }),
      );
    }
    res.json(verified);
  });

  // Signed chain heads, no contents: open to anyone signed in.
  router.get('/audit/checkpoints', async (req, res) => {
    await identify(req);
    const query = validate(listCheckpointsQuery, req.query, 'query');
    res.json(await checkpoints.list(query));
  });

  router.post('/audit/checkpoints', async (req, res) => {
    const caller = await identify(req);
    const created = await audited(
      'audit-checkpoint-create',
      req,
      { actionType: 'create' },
      async () => {
        validate(noQuery, req.query, 'query');
        validate(createCheckpointBody, req.body ?? {}, 'body');
        if (!(await isAuditor(caller))) {
          throw new NotAllowedError(
            'Only auditors and services may sign audit checkpoints',
          );
        }
        return checkpoints.create(caller.ref, req);
      },
    );
    res.status(201).json(created);
  });

  // Lineage and impact show what the caller may see in the catalog (the
  // whole index when the caller may read every entity, else the catalog read
  // with the caller's credentials) and need no permission of their own. The
  // Server-Timing header says which way an answer was computed, and how long
  // that took.
  const timed = (res: express.Response) => {
    const started = process.hrtime.bigint();
    let source = 'catalog';
    return {
      answeredFrom: (s: string) => {
        source = s;
      },
      send: (body: unknown) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        res.setHeader(
          'Server-Timing',
          `lineage;desc="${source}";dur=${ms.toFixed(1)}`,
        );
        res.json(body);
      },
    };
  };

  router.get('/lineage', async (req, res) => {
    const caller = await identify(req);
    const query = validate(lineageQuery, req.query, 'query');
    const timing = timed(res);
    timing.send(
      await lineage.graph(
        { ...query, entity: optionalRef(query.entity, 'Dataset', 'entity')! },
        caller.credentials,
        timing.answeredFrom,
      ),
    );
  });

  router.get('/impact', async (req, res) => {
    const caller = await identify(req);
    const query = validate(impactQuery, req.query, 'query');
    const permission = await authorizer.filter(
      accessRequestReadPermission,
      caller.credentials,
    );
    const timing = timed(res);
    timing.send(
      await lineage.impact(
        optionalRef(query.entity, 'Dataset', 'entity')!,
        caller.credentials,
        async datasets =>
          permission === 'none' ? [] : grants.activeOn(datasets, permission),
        timing.answeredFrom,
      ),
    );
  });

  router.get('/findings', async (req, res) => {
    const caller = await identify(req);
    const query = validate(findingsQuery, req.query, 'query');
    await authorizer.authorize(findingsReadPermission, caller.credentials);
    res.json(
      // Findings name datasets, agreements, stewards and groups.
      await governance.findings(
        optionalRef(query.entity, 'Dataset', 'entity', true),
      ),
    );
  });

  router.get('/findings/summary', async (req, res) => {
    const caller = await identify(req);
    validate(noQuery, req.query, 'query');
    await authorizer.authorize(findingsReadPermission, caller.credentials);
    res.json(await governance.summary());
  });

  router.use(methodNotAllowed(Object.keys(routeSchemas)));
  router.use(idempotent.taken);
  router.use(errorAnswers(options.logger));
  return router;
}
