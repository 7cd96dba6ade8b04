// This file is generated from plugins/datapact-backend/src/schema/openapi.yaml by
// scripts/openapi-types.mjs (openapi-typescript). Do not edit it: change the
// spec and run `yarn openapi:generate`.
/* eslint-disable */
/** @public */
export interface paths {
  '/access-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List access requests, newest first
     * Filtered by permission `datapact.access-request.read` (with the demo
     *     policy: requests the caller made or may decide).
     */
    get: operations['listAccessRequests'];
    put?: never;
    /**
     * Request access to a dataset
     * The dataset must exist (and be visible to the caller) and have
     *     `spec.access.requestable: true`; the duration may not exceed its
     *     `spec.access.maxDuration`; the purpose must be allowed by the dataset
     *     and by the agreement used (rule 4); a request for another
     *     organization's data needs an active agreement that covers it
     *     (rule 3), and no agreement whose covered data it is may prohibit
     *     onward transfer to a requester of a non-party organization (with
     *     `onwardTransfer: with-approval`, a steward of that agreement becomes
     *     a required approval). The body carries `acceptedTerms`, the `sha256`
     *     of `GET /access-requests/terms` for the same dataset and agreement:
     *     400 without it, 409 when the terms changed since. A requester has at
     *     most one pending request per dataset. Needs permission
     *     `datapact.access-request.create`.
     */
    post: operations['createAccessRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/access-requests/eligibility': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether the caller may request a dataset now, and what a request would need
     * Runs the checks of `POST /access-requests` without making a request:
     *     the rules a request rests on, the dataset's open error findings, the
     *     stewardships that would decide and whether enough of them can (none
     *     the requester holds or stands in for), and when access would end if
     *     approved now. Purpose, duration and agreement are optional; purpose
     *     checks are skipped without a purpose, and the expiry uses the
     *     longest duration allowed without a duration. Needs permission
     *     `datapact.access-request.create`.
     */
    get: operations['getAccessEligibility'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/access-requests/terms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The terms a request for a dataset binds its requester to, and their sha256
     * The duties and prohibitions of the dataset's licence, the terms of
     *     the agreement named and of every agreement in force whose covered
     *     data the dataset is, and the labels, vetoes and consent of the
     *     communities whose rights reach it, each as a sentence; with the hex
     *     SHA-256 a request carries as `acceptedTerms` once the requester
     *     accepted them. Any change of the catalog that changes a term changes
     *     the sha256. Needs permission `datapact.access-request.create`.
     */
    get: operations['getAccessTerms'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/access-requests/{id}/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    /**
     * Which stewardships have approved a request, which are still needed, and whether the caller's approval would be accepted now
     * Needs permission `datapact.access-request.read` on the request.
     */
    get: operations['getApprovalStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/access-requests/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    /**
     * One request with its decisions and grant
     * Needs permission `datapact.access-request.read` on the request.
     */
    get: operations['getAccessRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/access-requests/{id}/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve or deny a pending request
     * Only an approver of the dataset (a user holding one of its approver
     *     Stewards, directly or through a group, or holding a delegate of one),
     *     or of a stewardship the request requires (community consent), may
     *     decide, never the requester. An approval counts for one stewardship:
     *     `approvalsRequired` counts distinct stewardships, each decided by a
     *     distinct person; a stewardship the requester holds or stands in for
     *     may not approve. An approval re-runs the request-time rules over the
     *     current catalog and is refused (403, with the rule id in
     *     `error.rule`) when they fail, when the dataset's tier rose, when the
     *     requester left the organization or when the dataset is the subject
     *     of an open error finding; a denial is always accepted and ends the
     *     request. When the last approval lands, the grant's `expiresAt` is
     *     the earlier of now + duration and the end of the last day of every
     *     agreement it relies on (`expiresBecause`). Needs permission
     *     `datapact.access-request.decide` on the request.
     */
    post: operations['decideAccessRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/access-requests/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a pending request (the requester only)
     * Needs permission `datapact.access-request.cancel` on the request.
     */
    post: operations['cancelAccessRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List grants, newest first
     * A grant's state is computed when read: it is never reported active
     *     after `expiresAt`. Filtered by permission
     *     `datapact.access-request.read` on the request each grant came from.
     */
    get: operations['listGrants'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/grants/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke an active grant (an approver of the dataset only)
     * Needs permission `datapact.grant.revoke` on the grant's request.
     */
    post: operations['revokeGrant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Audit entries, newest first
     * Only the entries the caller may read, by permission `datapact.audit.read` on the access request an entry is about (an entry about a grant belongs to the grant's request), applied as a filter: with Datapact's default policy, the entries of the requests a user made or may decide (an approver of the dataset, or a delegate of one), and every entry for members of the groups in `datapact.audit.auditors`. Service principals read every entry unless their access is restricted. An empty page when nothing is readable, never a 403; `entity`, `limit` and `cursor` apply within what is readable.
     */
    get: operations['listAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recompute the hash chain of the audit log
     * Counts, hashes and the ids of grants whose row disagrees with the chain, no entry contents; open to any signed-in user or service, with no permission of its own (the disagreeing values are shown to members of `datapact.audit.auditors` and services only). Incremental: the chain is re-hashed from the newest anchor, the later of the newest signed checkpoint (or the one given) and where this replica's last good verification ended; the checkpoint must be signed by the configured key and its entry must still hash to its hash. Every grant row is compared with what the chain says of its grant.
     */
    get: operations['verifyAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/checkpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Signed checkpoints of the audit chain, newest first
     * Each checkpoint is the chain head (`seq`, `hash`, `at`) signed with the Ed25519 key of `datapact.audit.checkpoints.privateKey` over `{"seq":…,"hash":"…","at":"…"}`; `keyId` is `sha256:` and the SHA-256 of the public key (SPKI DER). No contents: open to any signed-in user or service. Empty when checkpoints are not configured.
     */
    get: operations['listAuditCheckpoints'];
    put?: never;
    /**
     * Verify the chain and sign its head now
     * For members of the groups in `datapact.audit.auditors` and service principals. The chain is verified first; one that does not verify is not signed (409). The checkpoint is kept, and published through the Backstage auditor service (event `audit-checkpoint`) and the configured sink. 409 when checkpoints are not configured.
     */
    post: operations['createAuditCheckpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/lineage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A dataset's lineage in one request
     * Nodes and edges upstream, downstream or both from a dataset, walked breadth first up to `depth` hops and `limit` nodes (capped by `datapact.lineage.maxDepth` and `maxLimit`). When the backend's lineage index holds the dataset, the answer comes from the index, which follows the catalog within `datapact.lineage.indexRefreshFrequency` (default 5 s): as it is when the caller may read every catalog entity (`catalog.entity.read` allowed unconditionally), with the catalog judging in one request which datasets the caller may see when that permission is conditional. Otherwise the catalog is read with the caller's credentials, one batch per hop. Either way a dataset the caller may not see appears as missing. No permission of its own.
     */
    get: operations['getLineage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/impact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What lies downstream of a dataset
     * Every dataset downstream (up to `datapact.lineage.maxDepth` and `maxLimit`), their owners and organizations, the agreements that govern the dataset or any of them, and the active grants on them that the caller may read (`datapact.access-request.read`).
     */
    get: operations['getImpact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/findings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Governance findings over the catalog
     * The latest evaluation of the governance rules over the whole catalog (refreshed by a scheduled task, `datapact.governance.frequency`), in the shape of `datapact check --format json`: `entities` counts the entities evaluated and `problems` lists the findings, optionally only those naming one entity. Needs permission `datapact.findings.read`.
     */
    get: operations['listFindings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/findings/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Counts of findings per rule, organization and severity
     * Needs permission `datapact.findings.read`.
     */
    get: operations['summarizeFindings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
/** @public */
export type webhooks = Record<string, never>;
/** @public */
export interface components {
  schemas: {
    CreateAccessRequest: {
      /** The dataset's entity ref; a bare name means `dataset:default/<name>`. */
      dataset: string;
      purpose: string;
      justification: string;
      /**
       * Positive ISO 8601 duration of the grant, at most the dataset's `maxDuration` and at most 10 years (P10Y); durations compare as exact lengths, a year being 365.2425 days and a month a twelfth of that (so P1M is longer than P30D).
       * @example P30D
       */
      duration: string;
      /** The agreement the request relies on; needed for another organization's data. */
      agreement?: string;
      /** The `sha256` of `GET /access-requests/terms` for this dataset and agreement, which the requester accepted. */
      acceptedTerms: string;
    };
    AccessTerm: {
      source: 'license' | 'agreement' | 'community';
      /** The entity that sets it (the dataset for its licence and communities, or the agreement). */
      entity: string;
      kind: 'duty' | 'prohibition' | 'term' | 'label';
      /** A licence action, an agreement term's field, a community label or `veto:<action>`. */
      id: string;
      /** What it asks of the requester. */
      text: string;
    };
    AccessTerms: {
      dataset: string;
      agreement?: string;
      terms: components['schemas']['AccessTerm'][];
      /** Hex SHA-256 of the dataset, the agreement and the terms; what a request carries as `acceptedTerms`. */
      sha256: string;
    };
    DecideAccessRequest: {
      decision: components['schemas']['DecisionKind'];
      comment?: string;
    };
    CancelAccessRequest: {
      reason?: string;
    };
    RevokeGrant: {
      reason: string;
    };
    /**
     * `pending` until decided; then `approved` (with a grant), `denied`, `cancelled` by the requester, or `expired` when nobody decided in time.
     */
    AccessRequestState:
      | 'pending'
      | 'approved'
      | 'denied'
      | 'cancelled'
      | 'expired';
    DecisionKind: 'approve' | 'deny';
    /**
     * `active` until `expiresAt` or revocation; computed when read, so an expired grant is never reported active.
     */
    GrantState: 'active' | 'expired' | 'revoked';
    /**
     * Which bound set a grant's `expiresAt`: the requested duration from the decision, or the last day (23:59:59.999 UTC) of an agreement the grant relies on.
     */
    ExpiryBound: 'duration' | 'agreement';
    /**
     * Why the lifecycle sweep ended a grant before its time: `agreement` (the agreement it relies on expired, was removed or no longer covers the dataset and both organizations); `dataset-removed`, `not-requestable`, `tier-raised` (the dataset changed); `organization` (the holder no longer belongs to the organization the request was made for); `purpose` (no longer allowed); `community-veto` (a community veto now forbids the purpose).
     */
    GrantEndCause:
      | 'agreement'
      | 'dataset-removed'
      | 'not-requestable'
      | 'tier-raised'
      | 'organization'
      | 'purpose'
      | 'community-veto';
    /** One provisioning step of a grant: what a provisioner did, or is still trying, to open (`grant`) or take back (`revoke`) the privilege. */
    ProvisioningStep: {
      provisioner: string;
      action: 'grant' | 'revoke';
      /**
       * `pending` (not run yet), `done`, `not-applicable` (the provisioner does not manage this dataset), `failed` (the last attempt failed; retried at `nextAttemptAt`) or `skipped` (a grant step overtaken by its revoke).
       */
      state: 'pending' | 'done' | 'not-applicable' | 'failed' | 'skipped';
      attempts: number;
      lastError?: string;
      /** What the provisioner reported, or why it did not apply. */
      detail?: string;
      /** Format: date-time */
      nextAttemptAt?: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /** Where a grant's privilege stands in the data platforms: the steps of its latest action (`grant` while active, `revoke` once it ended). */
    GrantProvisioning: {
      action: 'grant' | 'revoke';
      /**
       * `done` when every step is done (or does not apply), `failed` when one failed, `pending` otherwise.
       */
      state: 'pending' | 'done' | 'failed';
      steps: components['schemas']['ProvisioningStep'][];
    };
    Decision: {
      /** The user who decided. */
      approver: string;
      /** The approver Steward decided for. */
      onBehalfOf: string;
      /** The user's own Steward when deciding as a delegate. */
      delegate?: string;
      decision: components['schemas']['DecisionKind'];
      /** The stewardship this approval counts for (absent on denials, and on an approval of a stewardship that had already approved). */
      countsFor?: string;
      comment?: string;
      /** Format: date-time */
      decidedAt: string;
    };
    ExpiryPreview: {
      /** Format: date-time */
      expiresAt: string;
      expiresBecause: components['schemas']['ExpiryBound'];
      /** The agreement whose last day bounds it, when `expiresBecause` is `agreement`. */
      agreement?: string;
    };
    AccessRefusal: {
      /** A governance rule id, or `access` for the workflow's own conditions. */
      rule: string;
      message: string;
      entities: string[];
    };
    AccessEligibility: {
      dataset: string;
      allowed: boolean;
      refusals: components['schemas']['AccessRefusal'][];
      organization?: string;
      organizations: string[];
      agreements: {
        ref: string;
        title?: string;
        /** Format: date */
        until?: string;
      }[];
      needsAgreement: boolean;
      maxDuration: string;
      allowedPurposes?: string[];
      vetoedPurposes: string[];
      approvalsRequired: number;
      approvers: string[];
      requiredStewardships: string[];
      expiry: components['schemas']['ExpiryPreview'];
    };
    ApprovalStatus: {
      requestId: string;
      approvalsRequired: number;
      approved: {
        stewardship: string;
        approver: string;
        delegate?: string;
      }[];
      eligible: string[];
      stillNeeded: number;
      stillRequired: string[];
      viewer: {
        canDecide: boolean;
        stewardship?: {
          onBehalfOf: string;
          delegate?: string;
        };
        approveRefusal?: components['schemas']['AccessRefusal'];
      };
      expiry?: components['schemas']['ExpiryPreview'];
    };
    Grant: {
      id: string;
      requestId: string;
      dataset: string;
      user: string;
      purpose: string;
      /** Format: date-time */
      grantedAt: string;
      /** Format: date-time */
      expiresAt: string;
      expiresBecause: components['schemas']['ExpiryBound'];
      /** The agreement whose last day set `expiresAt`, when `expiresBecause` is `agreement`. */
      expiresAgreement?: string;
      state: components['schemas']['GrantState'];
      /** Format: date-time */
      revokedAt?: string;
      /** The approver who revoked it, or `plugin:datapact` when the lifecycle sweep ended it. */
      revokedBy?: string;
      /** The approver's reason, or the sweep's sentence. */
      revokeReason?: string;
      revokeCause?: components['schemas']['GrantEndCause'];
      provisioning?: components['schemas']['GrantProvisioning'];
    };
    AccessRequest: {
      id: string;
      dataset: string;
      requester: string;
      /** The organization (Group) the requester acts for. */
      organization: string;
      purpose: string;
      justification: string;
      duration: string;
      agreement?: string;
      state: components['schemas']['AccessRequestState'];
      tier: string;
      /** How many distinct stewardships among the dataset's approvers must approve. */
      approvalsRequired: number;
      /** Stewardships that must approve besides (a community's steward when it requires consent, an agreement's steward for onward transfer with approval). */
      requiredStewardships: string[];
      /** The sha256 of the terms the requester accepted (absent on requests made before terms were asked). */
      acceptedTerms?: string;
      /** The terms the requester accepted, as they were worded then. */
      terms?: components['schemas']['AccessTerm'][];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** Format: date-time */
      pendingUntil: string;
      decisions: components['schemas']['Decision'][];
      grant?: components['schemas']['Grant'];
    };
    AuditEntry: {
      seq: number;
      /** Format: date-time */
      at: string;
      actor: string;
      /** @example access-request.approved */
      action: string;
      /** @example access-request:8c1f… */
      subject: string;
      /** The dataset concerned. */
      entity: string;
      details: {
        [key: string]: unknown;
      };
      prevHash: string;
      hash: string;
    };
    AuditVerification: {
      ok: boolean;
      /** How many entries the chain has (the head's sequence number). */
      entries: number;
      /** The hash the chain head records (the last entry's hash when `ok`). */
      headHash: string;
      /** The first sequence number whose entry is missing, altered or out of order. */
      firstBadSeq?: number;
      /** What is wrong at `firstBadSeq`. */
      problem?: string;
      /** The entry the chain was re-hashed from (0 when from the first). */
      from?: number;
      /** How many entries this verification re-hashed. */
      rehashed?: number;
      /** The checkpoint verified against and whether the chain extends it; `not configured` without a key, `none` before the first checkpoint. */
      checkpoint?:
        | ('not configured' | 'none')
        | (components['schemas']['AuditCheckpoint'] & {
            keyId: string;
            extended: boolean;
          });
      /** How many grant rows were compared with the chain. */
      grantsChecked?: number;
      /** Grants whose row disagrees with the chain (then `ok` is false). */
      grantsDisagreeing?: components['schemas']['GrantDisagreement'][];
      /** Things an operator should know, such as a chain head row recreated. */
      notices?: string[];
    };
    /** A grant whose row disagrees with its audit entries. `row` and `chain` (the two values) are shown to auditors only. */
    GrantDisagreement: {
      grant: string;
      /** The column, `state`, or `grant` when only the row or only the chain has the grant. */
      field: string;
      /** The row's value (auditors and services only). */
      row?: string | null;
      /** What the chain says (auditors and services only). */
      chain?: string | null;
    };
    /** The audit chain's head at a moment, what a checkpoint signs. */
    AuditCheckpoint: {
      /** The sequence number of the last entry. */
      seq: number;
      /** Its hash. */
      hash: string;
      /**
       * Format: date-time
       * When the checkpoint was made.
       */
      at: string;
    };
    /** A checkpoint signed with Ed25519 over `{"seq":…,"hash":"…","at":"…"}`. */
    SignedAuditCheckpoint: components['schemas']['AuditCheckpoint'] & {
      /** `sha256:` and the SHA-256 of the signing public key (SPKI DER). */
      keyId: string;
      /** Ed25519 over `{"seq":…,"hash":"…","at":"…"}`, base64url. */
      signature: string;
    };
    AuditCheckpointPage: {
      items: components['schemas']['SignedAuditCheckpoint'][];
      nextCursor?: string;
    };
    AccessRequestPage: {
      items: components['schemas']['AccessRequest'][];
      nextCursor?: string;
    };
    GrantPage: {
      items: components['schemas']['Grant'][];
      nextCursor?: string;
    };
    AuditPage: {
      items: components['schemas']['AuditEntry'][];
      nextCursor?: string;
    };
    LineageNode: {
      ref: string;
      title?: string;
      tier?: string;
      license?: string;
      owner?: string;
      organization?: string;
      lifecycle?: string;
      /** Referenced as an upstream but not in the catalog (or not visible to the caller). */
      missing?: boolean;
      /** Has neighbours beyond the depth or the node limit. */
      expandable?: boolean;
    };
    LineageEdge: {
      /** The upstream dataset. */
      from: string;
      /** The downstream dataset. */
      to: string;
      transformation?: string;
    };
    LineageGraph: {
      root: string;
      nodes: components['schemas']['LineageNode'][];
      edges: components['schemas']['LineageEdge'][];
      /** The node limit left nodes out. */
      truncated: boolean;
    };
    Impact: {
      root: string;
      datasets: components['schemas']['LineageNode'][];
      owners: string[];
      organizations: string[];
      agreements: {
        ref: string;
        title?: string;
        datasets: string[];
      }[];
      grants: components['schemas']['ImpactGrant'][];
      truncated: boolean;
    };
    /** An active grant on a dataset affected by a change. */
    ImpactGrant: {
      id: string;
      dataset: string;
      user: string;
      /** Format: date-time */
      expiresAt: string;
    };
    /**
     * Which way to walk lineage from a dataset, towards its sources, towards what derives from it, or both.
     * @defaultValue both
     */
    LineageDirection: 'upstream' | 'downstream' | 'both';
    Finding: {
      rule:
        | 'schema'
        | 'sensitivity-floor'
        | 'license-compatibility'
        | 'agreement-coverage'
        | 'purpose-limitation'
        | 'retention'
        | 'community-veto'
        | 'stewardship'
        | 'lineage-integrity'
        | 'deidentification-required'
        | 'onward-transfer'
        | 'jurisdiction'
        | 'derived-works'
        | 'provisioning-drift';
      severity: 'error' | 'warning';
      /** Entity refs; the first is the entity the finding is about. */
      entities: string[];
      message: string;
      /** Where the first entity is defined, when known. */
      file?: string;
      /** The organization of the first entity. */
      organization?: string;
    };
    FindingsReport: {
      entities: number;
      problems: components['schemas']['Finding'][];
      /** Format: date-time */
      computedAt: string;
      /** Format: date */
      today: string;
    };
    FindingsSummary: {
      /** Format: date-time */
      computedAt: string;
      /** Format: date */
      today: string;
      entities: number;
      total: number;
      bySeverity: {
        [key: string]: number;
      };
      byRule: {
        [key: string]: {
          [key: string]: number;
        };
      };
      byOrganization: {
        [key: string]: {
          [key: string]: number;
        };
      };
    };
    Error: {
      error: {
        /** @example InputError */
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
  };
  responses: {
    /** The caller spent its budget of calls to the costly endpoints (`datapact.rateLimit`); `Retry-After` says in how many seconds to try again. */
    TooManyRequests: {
      headers: {
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** The `Idempotency-Key` was first sent with a different method, path or body. */
    IdempotencyKeyReused: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * The plugin's database (or the catalog) is not available, or another
     *     change to the same records took too long; the message names no host
     *     or query. The header `Retry-After` says how many seconds to wait.
     *     Send the request again with the same `Idempotency-Key`: if the change
     *     was made after all, its answer comes back.
     */
    Unavailable: {
      headers: {
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** The body or query is malformed; the message names each wrong field. */
    InvalidInput: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** No or invalid credentials. */
    Unauthenticated: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** Refused by the permission policy, by segregation of duties or by a governance rule (the message says which). */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** No such request, grant or dataset. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** The change conflicts with the current state (already pending, no longer pending, not active). */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /**
     * Any 1 to 255 visible ASCII characters the client chooses, new for each
     *     change it means to make. The answer is stored with the change: the
     *     same request sent again by the same caller with the same key gets the
     *     same status and body (header `Idempotent-Replayed: true`) and changes
     *     nothing; the same key with another method, path or body is a 422. A
     *     refused change stores nothing. Keys are kept for
     *     `datapact.idempotency.keyRetention` (24 hours).
     */
    IdempotencyKey: string;
    /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
    id: string;
    /** Page size, 1 to 200 (default 50). */
    limit: number;
    /** The `nextCursor` of the previous page. */
    cursor: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
/** @public */
export type $defs = Record<string, never>;
/** @public */
export interface operations {
  listAccessRequests: {
    parameters: {
      query?: {
        /** Only requests for this dataset (entity ref). */
        dataset?: string;
        state?: components['schemas']['AccessRequestState'];
        /** Only the caller's own requests. */
        mine?: boolean;
        /** Only pending requests the caller may still decide. */
        toDecide?: boolean;
        /** Page size, 1 to 200 (default 50). */
        limit?: components['parameters']['limit'];
        /** The `nextCursor` of the previous page. */
        cursor?: components['parameters']['cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** A page of requests. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequestPage'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
    };
  };
  createAccessRequest: {
    parameters: {
      query?: never;
      header?: {
        /**
         * Any 1 to 255 visible ASCII characters the client chooses, new for each
         *     change it means to make. The answer is stored with the change: the
         *     same request sent again by the same caller with the same key gets the
         *     same status and body (header `Idempotent-Replayed: true`) and changes
         *     nothing; the same key with another method, path or body is a 422. A
         *     refused change stores nothing. Keys are kept for
         *     `datapact.idempotency.keyRetention` (24 hours).
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAccessRequest'];
      };
    };
    responses: {
      /** The new pending request. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequest'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
    };
  };
  getAccessEligibility: {
    parameters: {
      query: {
        dataset: string;
        purpose?: string;
        duration?: string;
        agreement?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** What a request would meet. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessEligibility'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAccessTerms: {
    parameters: {
      query: {
        dataset: string;
        /** The agreement the request will name, if any. */
        agreement?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The terms and their sha256. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessTerms'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getApprovalStatus: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The request's approvals. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApprovalStatus'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getAccessRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The request. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequest'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  decideAccessRequest: {
    parameters: {
      query?: never;
      header?: {
        /**
         * Any 1 to 255 visible ASCII characters the client chooses, new for each
         *     change it means to make. The answer is stored with the change: the
         *     same request sent again by the same caller with the same key gets the
         *     same status and body (header `Idempotent-Replayed: true`) and changes
         *     nothing; the same key with another method, path or body is a 422. A
         *     refused change stores nothing. Keys are kept for
         *     `datapact.idempotency.keyRetention` (24 hours).
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecideAccessRequest'];
      };
    };
    responses: {
      /** The decision was recorded; the request as it now stands. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequest'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** The request is no longer pending or lapsed (past `pendingUntil`), this person already decided it, or the stewardship already approved it. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
      503: components['responses']['Unavailable'];
    };
  };
  cancelAccessRequest: {
    parameters: {
      query?: never;
      header?: {
        /**
         * Any 1 to 255 visible ASCII characters the client chooses, new for each
         *     change it means to make. The answer is stored with the change: the
         *     same request sent again by the same caller with the same key gets the
         *     same status and body (header `Idempotent-Replayed: true`) and changes
         *     nothing; the same key with another method, path or body is a 422. A
         *     refused change stores nothing. Keys are kept for
         *     `datapact.idempotency.keyRetention` (24 hours).
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CancelAccessRequest'];
      };
    };
    responses: {
      /** The cancelled request. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequest'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      503: components['responses']['Unavailable'];
    };
  };
  listGrants: {
    parameters: {
      query?: {
        /** Only grants of this dataset (entity ref). */
        dataset?: string;
        /** Only grants held by this user (entity ref). */
        user?: string;
        /** Only grants active now. */
        active?: boolean;
        /** Only grants the lifecycle sweep ended (they have a `revokeCause`). */
        endedBySweep?: boolean;
        /** Page size, 1 to 200 (default 50). */
        limit?: components['parameters']['limit'];
        /** The `nextCursor` of the previous page. */
        cursor?: components['parameters']['cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** A page of grants. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantPage'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
    };
  };
  revokeGrant: {
    parameters: {
      query?: never;
      header?: {
        /**
         * Any 1 to 255 visible ASCII characters the client chooses, new for each
         *     change it means to make. The answer is stored with the change: the
         *     same request sent again by the same caller with the same key gets the
         *     same status and body (header `Idempotent-Replayed: true`) and changes
         *     nothing; the same key with another method, path or body is a 422. A
         *     refused change stores nothing. Keys are kept for
         *     `datapact.idempotency.keyRetention` (24 hours).
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** The id of an access request or a grant, a UUID (anything else is a 400 before any query). */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeGrant'];
      };
    };
    responses: {
      /** The revoked grant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Grant'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      503: components['responses']['Unavailable'];
    };
  };
  listAudit: {
    parameters: {
      query?: {
        /** Only entries about this dataset (entity ref) or subject (`access-request:<id>`, `grant:<id>`). */
        entity?: string;
        /** Page size, 1 to 200 (default 50). */
        limit?: components['parameters']['limit'];
        /** The `nextCursor` of the previous page. */
        cursor?: components['parameters']['cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** A page of entries. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPage'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
    };
  };
  verifyAudit: {
    parameters: {
      query?: {
        /** The checkpoint to prove the chain extends: the sequence number of one the backend keeps, or a signed checkpoint as JSON or as base64url JSON (as `GET /audit/checkpoints` and the sink give it). */
        checkpoint?: string;
        /** Re-hash the whole chain from the first entry (auditors and services only; 403 otherwise). */
        full?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Whether the chain holds, and where it first breaks. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditVerification'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listAuditCheckpoints: {
    parameters: {
      query?: {
        /** Page size, 1 to 200 (default 50). */
        limit?: components['parameters']['limit'];
        /** The `nextCursor` of the previous page. */
        cursor?: components['parameters']['cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** A page of checkpoints. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditCheckpointPage'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
    };
  };
  createAuditCheckpoint: {
    parameters: {
      query?: never;
      header?: {
        /**
         * Any 1 to 255 visible ASCII characters the client chooses, new for each
         *     change it means to make. The answer is stored with the change: the
         *     same request sent again by the same caller with the same key gets the
         *     same status and body (header `Idempotent-Replayed: true`) and changes
         *     nothing; the same key with another method, path or body is a 422. A
         *     refused change stores nothing. Keys are kept for
         *     `datapact.idempotency.keyRetention` (24 hours).
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** The new signed checkpoint. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignedAuditCheckpoint'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
    };
  };
  getLineage: {
    parameters: {
      query: {
        /** The dataset (entity ref; a bare name means a Dataset). */
        entity: string;
        /** Which way to walk (default both). */
        direction?: components['schemas']['LineageDirection'];
        /** Hops from the dataset (default 3). */
        depth?: number;
        /** Most nodes returned, the dataset included (default 500). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The lineage graph. */
      200: {
        headers: {
          /** How the answer was computed (`index`, `index-filtered` or `catalog`) and how long it took in ms, e.g. `lineage;desc="index";dur=2.1`. */
          'Server-Timing'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LineageGraph'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getImpact: {
    parameters: {
      query: {
        /** The dataset (entity ref). */
        entity: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The impact summary. */
      200: {
        headers: {
          /** How the answer was computed (`index`, `index-filtered` or `catalog`) and how long it took in ms, e.g. `lineage;desc="index";dur=2.1`. */
          'Server-Timing'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Impact'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listFindings: {
    parameters: {
      query?: {
        /** Only findings that name this entity (entity ref; a bare name means a Dataset). */
        entity?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The findings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FindingsReport'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  summarizeFindings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The counts. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FindingsSummary'];
        };
      };
      400: components['responses']['InvalidInput'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
}
