import {
  BackendFeature,
  createBackendModule,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  DatapactPermissionPolicy,
  datapactGrantProvisionersExtensionPoint,
  GrantProvisioner,
} from '@datapact/backstage-plugin-node';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { DateTime, DurationLike } from 'luxon';
import request from 'supertest';
import { Clock, datapactClockServiceRef } from '../clock';
import {
  datapactPlugin,
  EXPIRY_SWEEP_TASK_ID,
  PROVISIONING_TASK_ID,
} from '../plugin';
import { loadExampleWorld, ownershipOf } from './exampleWorld';
import { policyPermissionsFactory } from './policyPermissions';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private time: DateTime;
  constructor(iso = '2026-11-29T09:00:00.000Z') {
    this.time = DateTime.fromISO(iso, { zone: 'utc' });
  }
  now(): Date {
    return this.time.toJSDate();
  }
  advance(duration: DurationLike): void {
    this.time = this.time.plus(duration);
  }
}

/** What a test backend records of the plugin's side effects. */
export interface Recorded {
  notifications: NotificationSendOptions[];
  provisioned: Array<{ event: string; grantId: string }>;
  /** Backstage auditor events: `<eventId> <succeeded|failed>`. */
  auditorEvents: string[];
}

/** An HTTP client of the API acting as one caller. */
export interface ApiClient {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  /**
   * A request body with `acceptedTerms` set as a requester who accepted the
   * terms would send it: the `sha256` of `GET /access-requests/terms` for its
   * dataset and agreement, read as this caller. When the terms cannot be read
   * (no such dataset, a caller who may not request), 64 zeros, so that the
   * request itself meets the refusal.
   */
  accept<T extends { dataset?: unknown; agreement?: unknown }>(
    body: T,
  ): Promise<T & { acceptedTerms: string }>;
}

/** A running test backend with the Datapact plugin. */
export interface TestDatapact {
  server: Server;
  clock: TestClock;
  recorded: Recorded;
  /** A client acting as `who`: a user ref, `service` or `nobody`. */
  as(who: string): ApiClient;
  /** The scheduled expiry sweep, as its schedule was registered. */
  sweepTask(): SchedulerServiceTaskScheduleDefinition;
  /** Runs the expiry sweep once, as the scheduler would. */
  sweep(): Promise<void>;
  /** Replaces what the catalog holds from now on (the relations are the caller's). */
  setCatalog(entities: Entity[]): void;
  /** Runs the provisioning jobs that are due, as this replica's worker would. */
  provision(): Promise<void>;
  /** Runs a scheduled task once by its id, as the scheduler would. */
  runTask(id: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the Datapact plugin over the example world (a mock catalog), with
 * the default Datapact permission policy (from `config`) run in process (or
 * `allow-all`),
 * users whose ownership refs are their direct groups, a test clock, a
 * recording notification service and a recording grant provisioner.
 */
export async function startDatapact(
  options: {
    knex?: Knex;
    policy?: PermissionPolicy | 'allow-all';
    entities?: Entity[];
    failingProvisioner?: boolean;
    /** Instead of the recording provisioner (a real one's backend module). */
    features?: BackendFeature[];
    config?: object;
  } = {},
): Promise<TestDatapact> {
  const entities = options.entities ?? loadExampleWorld();
  const clock = new TestClock();
  const tasks = new Map<
    string,
    SchedulerServiceTaskScheduleDefinition &
      SchedulerServiceTaskInvocationDefinition
  >();
  const recorded: Recorded = {
    notifications: [],
    provisioned: [],
    auditorEvents: [],
  };
  // Tests run the provisioning jobs themselves (`provision()`), so that what
  // the provisioners saw is known when a test looks.
  const config = {
    ...options.config,
    datapact: {
      provisioning: { runAfterCommit: false },
      ...(options.config as { datapact?: object } | undefined)?.datapact,
    },
  };
  let catalog = entities;
  const ownership = (userRef: string) => ownershipOf(catalog, userRef);

  const recorder = (name: string): GrantProvisioner => ({
    name,
    grant: async ({ grant }) => {
      recorded.provisioned.push({ event: 'grant', grantId: grant.id });
      return { status: 'done' };
    },
    revoke: async ({ grant }) => {
      recorded.provisioned.push({ event: 'revoke', grantId: grant.id });
      return { status: 'done' };
    },
  });
  const failing: GrantProvisioner = {
    name: 'broken-warehouse',
    grant: async () => {
      throw new Error('warehouse unreachable');
    },
    revoke: async () => {
      throw new Error('warehouse unreachable');
    },
  };
  const provisionerModule = createBackendModule({
    pluginId: 'datapact',
    moduleId: 'test-provisioners',
    register(reg) {
      reg.registerInit({
        deps: { provisioners: datapactGrantProvisionersExtensionPoint },
        async init({ provisioners }) {
          if (options.failingProvisioner) {
            provisioners.addGrantProvisioner(failing);
          }
          provisioners.addGrantProvisioner(recorder('recorder'));
        },
      });
    },
  });

  const policy =
    options.policy ??
    DatapactPermissionPolicy.fromConfig(new ConfigReader(options.config ?? {}));
  const backend = await startTestBackend({
    features: [
      datapactPlugin,
      ...(options.features ?? [provisionerModule]),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        // Every call reads the catalog as `setCatalog` last left it.
        factory: () =>
          new Proxy({} as CatalogService, {
            get: (_, method) => {
              const now = catalogServiceMock({ entities: catalog }) as any;
              // The real catalog finds an entity whatever the case of its ref.
              if (method === 'getEntityByRef') {
                return async (ref: string | CompoundEntityRef) => {
                  const want = stringifyEntityRef(
                    typeof ref === 'string' ? parseEntityRef(ref) : ref,
                  ).toLocaleLowerCase('en-US');
                  return catalog.find(
                    e =>
                      stringifyEntityRef(e).toLocaleLowerCase('en-US') === want,
                  );
                };
              }
              return typeof now[method] === 'function'
                ? now[method].bind(now)
                : undefined;
            },
          }),
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({ data: config }),
      mockServices.auditor.mock({
        createEvent: async ({ eventId }) => ({
          success: async () => {
            recorded.auditorEvents.push(`${eventId} succeeded`);
          },
          fail: async () => {
            recorded.auditorEvents.push(`${eventId} failed`);
          },
        }),
      }).factory,
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.set(task.id, task);
        },
      }).factory,
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const { userEntityRef } = credentials.principal as {
            userEntityRef: string;
          };
          return {
            userEntityRef,
            ownershipEntityRefs: ownership(userEntityRef),
          };
        },
      }).factory,
      policy === 'allow-all'
        ? mockServices.permissions.factory({ result: AuthorizeResult.ALLOW })
        : policyPermissionsFactory(policy, ownership),
      createServiceFactory({
        service: datapactClockServiceRef,
        deps: {},
        factory: () => clock,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (n: NotificationSendOptions) => {
            recorded.notifications.push(n);
          },
        }),
      }),
    ],
  });

  const { server } = backend;
  const as = (who: string): ApiClient => {
    const headers: Record<string, () => string> = {
      nobody: () => mockCredentials.none.header(),
      service: () => mockCredentials.service.header(),
    };
    const header = (headers[who] ?? (() => mockCredentials.user.header(who)))();
    return {
      get: (path: string) =>
        request(server)
          .get(`/api/datapact${path}`)
          .set('Authorization', header),
      post: (path: string, body?: object) =>
        request(server)
          .post(`/api/datapact${path}`)
          .set('Authorization', header)
          .send(body),
      accept: async body => {
        const query = new URLSearchParams();
        if (typeof body.dataset === 'string')
          query.set('dataset', body.dataset);
        if (typeof body.agreement === 'string') {
          query.set('agreement', body.agreement);
        }
        const res = await request(server)
          .get(`/api/datapact/access-requests/terms?${query}`)
          .set('Authorization', header);
        return {
          ...body,
          acceptedTerms: res.status === 200 ? res.body.sha256 : '0'.repeat(64),
        };
      },
    };
  };

  return {
    server,
    clock,
    recorded,
    as,
    sweepTask: () => tasks.get(EXPIRY_SWEEP_TASK_ID)!,
    sweep: async () => {
      await tasks.get(EXPIRY_SWEEP_TASK_ID)!.fn(new AbortController().signal);
    },
    setCatalog: (next: Entity[]) => {
      catalog = next;
    },
    provision: async () => {
      await tasks.get(PROVISIONING_TASK_ID)!.fn(new AbortController().signal);
    },
    runTask: async (id: string) => {
      const task = tasks.get(id);
      if (!task) throw new Error(`no task ${id} was scheduled`);
      await task.fn(new AbortController().signal);
    },
    stop: () => backend.stop(),
  };
}
