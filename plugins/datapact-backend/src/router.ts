import {
  AuditorService,
  AuthService,
  HttpAuthService,
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
import express, { Request } from 'express';
import { z } from 'zod';
import Router from 'express-promise-router';
import {
  AccessRequestPermission,
  DatapactAuthorizer,
} from './permissions/DatapactAuthorizer';
import { normalizeRef } from './refs';
import {
  cancelAccessRequestBody,
  createAccessRequestBody,
  decideAccessRequestBody,
  eligibilityQuery,
  findingsQuery,
  impactQuery,
  lineageQuery,
  listAccessRequestsQuery,
  listAuditQuery,
  listGrantsQuery,
  noQuery,
  revokeGrantBody,
  validate,
} from './schema/validation';
import { AccessRequests } from './services/AccessRequests';
import { Audit } from './services/Audit';
import { Caller, UserCaller } from './services/caller';
import { Governance } from './services/Governance';
import { Grants } from './services/Grants';
import { Lineage } from './services/Lineage';

/**
 * Every route with the schemas of its body and query, in the order of
 * openapi.yaml; router.openapi.test.ts checks both against that file.
 */
export const routeSchemas = {
  'POST /access-requests': { body: createAccessRequestBody, query: noQuery },
  'GET /access-requests': { query: listAccessRequestsQuery },
  'GET /access-requests/eligibility': { query: eligibilityQuery },
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
  'GET /audit/verify': { query: noQuery },
  'GET /lineage': { query: lineageQuery },
  'GET /impact': { query: impactQuery },
  'GET /findings': { query: findingsQuery },
  'GET /findings/summary': { query: noQuery },
} as const;

export interface RouterOptions {
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  authorizer: DatapactAuthorizer;
  accessRequests: AccessRequests;
  grants: Grants;
  audit: Audit;
  lineage: Lineage;
  governance: Governance;
}

const emptyPage: Page<never> = { items: [] };

/** What the access-request read permission lets a caller list. */
type ReadFilter = Awaited<ReturnType<DatapactAuthorizer['filter']>>;

function optionalRef(value: string | undefined, kind: string, field: string) {
  if (value === undefined) return undefined;
  try {
    return normalizeRef(value, kind);
  } catch {
    throw new InputError(`Invalid query: \`${field}\` is not an entity ref`);
  }
}

/** The HTTP API of DESIGN.md under /api/datapact; every route is authenticated. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auth, httpAuth, userInfo, auditor, authorizer } = options;
  const { accessRequests, grants, audit, lineage, governance } = options;
  const router = Router();
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
    const entity =
      query.entity && /^(access-request|grant):/.test(query.entity)
        ? query.entity
        : optionalRef(query.entity, 'Dataset', 'entity');
    res.json(await audit.list({ ...query, entity, permission }));
  });

  // Counts and the head hash, no contents: anyone signed in may check the chain.
  router.get('/audit/verify', async (req, res) => {
    await identify(req);
    validate(noQuery, req.query, 'query');
    res.json(await audit.verify());
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
      await governance.findings(
        query.entity && normalizeRef(query.entity, 'Dataset'),
      ),
    );
  });

  router.get('/findings/summary', async (req, res) => {
    const caller = await identify(req);
    validate(noQuery, req.query, 'query');
    await authorizer.authorize(findingsReadPermission, caller.credentials);
    res.json(await governance.summary());
  });

  return router;
}
