import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  accessRequestResourceRef,
  accessRequestRules,
  datapactGrantProvisionersExtensionPoint,
  GrantProvisioner,
} from '@datapact/backstage-plugin-node';
import { datapactPermissions } from '@datapact/backstage-plugin-common';
import { datapactClockServiceRef } from './clock';
import { readAuditLogConfig, readDatapactConfig } from './config';
import { rateLimit } from './rateLimit';
import { applyAuditAppendOnly } from './database/auditAppendOnly';
import {
  DatapactStores,
  migrateDatapactDatabase,
} from './database/DatapactStores';
import { DatapactAuthorizer } from './permissions/DatapactAuthorizer';
import { createRouter } from './router';
import { AccessRequests } from './services/AccessRequests';
import { Audit } from './services/Audit';
import { Checkpoints } from './services/Checkpoints';
import { CheckpointSigner } from './services/checkpointSignature';
import { CatalogAccess } from './services/CatalogAccess';
import { retryingOutages } from './services/outageRetry';
import { createExpirySweep } from './services/expirySweep';
import {
  DRIFT_SNAPSHOT,
  FindingsStore,
  GOVERNANCE_SNAPSHOT,
} from './database/FindingsStore';
import { Reconciliation } from './provisioning/Reconciliation';
import { Governance } from './services/Governance';
import { Grants } from './services/Grants';
import { Duration } from 'luxon';
import { Lineage } from './services/Lineage';
import { LineageIndex } from './services/LineageIndex';
import { Notifier } from './services/Notifier';
import { ProvisioningWorker } from './provisioning/ProvisioningWorker';

/** The id of the scheduled task that evaluates the governance rules over the catalog. */
export const GOVERNANCE_TASK_ID = 'datapact-governance';
/** The id of the task that keeps this replica's lineage index fresh. */
export const LINEAGE_INDEX_TASK_ID = 'datapact-lineage-index';

/** The id of each replica's task that runs due provisioning jobs. */
export const PROVISIONING_TASK_ID = 'datapact-provisioning';

/** The id of the scheduled task that compares the targets' privileges with the grants. */
export const RECONCILIATION_TASK_ID = 'datapact-reconciliation';

/** The id of the scheduled task that expires requests and grants. */
export const EXPIRY_SWEEP_TASK_ID = 'datapact-expiry-sweep';

/** The id of the scheduled task that signs the audit chain head. */
export const AUDIT_CHECKPOINT_TASK_ID = 'datapact-audit-checkpoint';

/**
 * The Datapact backend plugin: access requests, decisions, grants and the
 * audit log under /api/datapact.
 * @public
 */
export const datapactPlugin = createBackendPlugin({
  pluginId: 'datapact',
  register(env) {
    const provisioners: GrantProvisioner[] = [];
    env.registerExtensionPoint(datapactGrantProvisionersExtensionPoint, {
      addGrantProvisioner(...added) {
        provisioners.push(...added);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        clock: datapactClockServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const { clock, logger } = deps;
        const config = readDatapactConfig(deps.config, logger);
        const db = await migrateDatapactDatabase(deps.database);
        const stores = new DatapactStores(db, clock, config.transactions);
        const governance = new Governance({
          catalog: deps.catalog,
          auth: deps.auth,
          clock,
          store: new FindingsStore(db, GOVERNANCE_SNAPSHOT),
          drift: new FindingsStore(db, DRIFT_SNAPSHOT),
          logger,
          sensitivityTiers: config.sensitivityTiers,
        });
        const lineageIndex = new LineageIndex({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          sensitivityTiers: config.sensitivityTiers,
          clock,
          // Six missed polls, and at least a minute, make the index stale.
          maxAgeMs: Math.max(
            60_000,
            6 *
              Duration.fromObject(
                config.lineageIndexRefreshFrequency,
              ).toMillis(),
          ),
        });
        const lineage = new Lineage({
          catalog: deps.catalog,
          auth: deps.auth,
          clock,
          limits: config.lineage,
          index: lineageIndex,
          permissions: deps.permissions,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: accessRequestResourceRef,
          permissions: datapactPermissions.filter(p => p.type === 'resource'),
          rules: Object.values(accessRequestRules),
          getResources: ids => stores.requests.resources(ids),
        });
        deps.permissionsRegistry.addPermissions(
          datapactPermissions.filter(p => p.type === 'basic'),
        );

        const catalog = new CatalogAccess({
          catalog: deps.catalog,
          auth: deps.auth,
          clock,
          cacheTtlMs: config.catalogCacheTtlMs,
          sensitivityTiers: config.sensitivityTiers,
        });
        const notifier = new Notifier(deps.notifications, logger);
        const provisioning = new ProvisioningWorker({
          stores,
          provisioners,
          entity: ref => catalog.entityByRef(ref),
          clock,
          notifier,
          logger,
          runAfterCommit: config.provisioningRunAfterCommit,
        });
        const common = {
          stores,
          catalog,
          clock,
          notifier,
          provisioning,
          logger,
        };
        const accessRequests = new AccessRequests({
          ...common,
          governance,
          config,
        });
        const grants = new Grants({
          ...common,
          governance,
          sensitivityTiers: config.sensitivityTiers,
          expiryWarning: config.expiryWarning,
        });

        const auditConfig = readAuditLogConfig(deps.config, logger);
        await applyAuditAppendOnly(db, auditConfig.appendOnly);
        const { privateKey } = auditConfig.checkpoints;
        const signer = privateKey
          ? CheckpointSigner.fromPrivateKey(privateKey)
          : undefined;
        if (!signer) {
          logger.warn(
            'Audit checkpoints are not configured (datapact.audit.checkpoints.privateKey): the audit log detects edits, not a rewrite of the whole chain',
          );
        }
        const audit = new Audit({ stores, clock, signer, logger });
        const checkpoints = new Checkpoints({
          store: stores.audit,
          stores,
          audit,
          clock,
          auditor: deps.auditor,
          logger,
          signer,
          sink: auditConfig.checkpoints.sink,
        });

        deps.httpRouter.use(
          await createRouter({
            auth: deps.auth,
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            authorizer: new DatapactAuthorizer(
              deps.permissions,
              deps.permissionsRegistry.getPermissionRuleset(
                accessRequestResourceRef,
              ),
            ),
            accessRequests,
            grants,
            audit,
            checkpoints,
            lineage,
            governance,
            idempotency: stores.idempotency,
            logger,
            rateLimit: rateLimit({
              config: config.rateLimit,
              httpAuth: deps.httpAuth,
              clock,
            }),
          }),
        );

        // Each replica keeps its own lineage index, so the poll is local.
        await deps.scheduler.scheduleTask({
          id: LINEAGE_INDEX_TASK_ID,
          scope: 'local',
          frequency: config.lineageIndexRefreshFrequency,
          timeout: { minutes: 5 },
          fn: async () => {
            await lineageIndex.poll();
          },
        });

        // Every replica runs due jobs (a grant at a time, under a lease), so
        // that one that died between a commit and its jobs is covered.
        await deps.scheduler.scheduleTask({
          id: PROVISIONING_TASK_ID,
          scope: 'local',
          frequency: config.provisioningFrequency,
          timeout: { minutes: 10 },
          fn: () => provisioning.runOnce(),
        });

        const reconciliation = new Reconciliation({
          stores,
          provisioners,
          readCatalog: () => governance.readCatalog(),
          store: new FindingsStore(db, DRIFT_SNAPSHOT),
          clock,
          logger,
          mode: config.reconcile,
          wake: () => provisioning.wake(),
        });
        await deps.scheduler.scheduleTask({
          id: RECONCILIATION_TASK_ID,
          scope: 'global',
          frequency: config.reconcileFrequency,
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
          fn: async signal => {
            await retryingOutages(
              'Reconciliation',
              () => reconciliation.run(),
              { logger, signal },
            );
          },
        });

        await deps.scheduler.scheduleTask({
          id: GOVERNANCE_TASK_ID,
          scope: 'global',
          frequency: config.governanceFrequency,
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async signal => {
            await retryingOutages(
              'Governance evaluation',
              () => governance.refresh(),
              { logger, signal },
            );
          },
        });

        if (signer) {
          await deps.scheduler.scheduleTask({
            id: AUDIT_CHECKPOINT_TASK_ID,
            scope: 'global',
            frequency: auditConfig.checkpoints.frequency,
            timeout: { minutes: 5 },
            initialDelay: { seconds: 20 },
            fn: signal =>
              retryingOutages(
                'Audit checkpoint',
                () => checkpoints.runScheduled(),
                { logger, signal },
              ),
          });
        }

        await deps.scheduler.scheduleTask({
          id: EXPIRY_SWEEP_TASK_ID,
          scope: 'global',
          frequency: config.expirySweepFrequency,
          // A short lease: a replica that dies during a run holds the sweep
          // up for this long at most (an outage does not: the run waits for
          // the database and releases the lease itself).
          timeout: {
            milliseconds: Math.max(
              60_000,
              2 * Duration.fromObject(config.expirySweepFrequency).toMillis(),
            ),
          },
          initialDelay: { seconds: 10 },
          fn: createExpirySweep({
            accessRequests,
            grants,
            auditor: deps.auditor,
            logger,
            idempotency: stores.idempotency,
            idempotencyKeyRetention: config.idempotencyKeyRetention,
            clock,
          }),
        });
      },
    });
  },
});
