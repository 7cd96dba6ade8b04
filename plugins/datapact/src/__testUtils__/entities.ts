import { Entity } from '@backstage/catalog-model';
import {
  AccessEligibility,
  AccessRequest,
  AccessTerm,
  AccessTerms,
  AgreementEntityV1alpha1,
  ApprovalStatus,
  DatasetEntityV1alpha1,
  Grant,
  GrantProvisioning,
  ProvisioningStep,
  StewardEntityV1alpha1,
} from '@datapact/backstage-plugin-common';
import { DateTime } from 'luxon';
import { DatapactApi } from '../api';

/*
 * A small slice of the example world: a hospital dataset, the agreement
 * that shares it with a university, its two stewards, and the groups that
 * decide organizations.
 */

const day = (offset: number) =>
  DateTime.utc().plus({ days: offset }).toISODate()!;

const group = (name: string, type: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type, children: [], ...(parent ? { parent } : {}) },
});

export const groups: Entity[] = [
  group('st-mary-hospital', 'organization'),
  group('health-analytics', 'team', 'st-mary-hospital'),
  group('northbridge-university', 'organization'),
  group('uni-epidemiology', 'team', 'northbridge-university'),
];

const steward = (
  name: string,
  title: string,
  holder: string,
  delegates: string[] = [],
): StewardEntityV1alpha1 => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Steward',
  metadata: { name, title, namespace: 'default' },
  spec: {
    holder,
    organization: 'group:default/st-mary-hospital',
    domains: ['health'],
    delegates,
    contact: { email: `${name}@example.org` },
  },
  relations: [
    { type: 'heldBy', targetRef: holder },
    { type: 'stewardOf', targetRef: 'dataset:default/clinic-visits-2024' },
  ],
});

export const anaRuiz = steward(
  'ana-ruiz',
  'Ana Ruiz',
  'user:default/ana.ruiz',
  ['ben-okafor'],
);
export const benOkafor = steward(
  'ben-okafor',
  'Ben Okafor',
  'user:default/ben.okafor',
);

export const agreement: AgreementEntityV1alpha1 = {
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Agreement',
  metadata: {
    name: 'hospital-uni-dsa',
    title: 'Hospital–University data-sharing agreement',
    namespace: 'default',
  },
  spec: {
    type: 'data-sharing',
    owner: 'group:default/legal',
    parties: [
      { party: 'group:default/st-mary-hospital', role: 'provider' },
      { party: 'group:default/northbridge-university', role: 'recipient' },
    ],
    datasets: ['dataset:default/clinic-visits-2024'],
    purposes: ['research', 'public-health'],
    effective: { from: day(-300), until: day(10) },
    terms: {
      retention: 'P3Y',
      onwardTransfer: 'with-approval',
      deidentificationRequired: true,
      breachNotificationHours: 72,
      jurisdictions: ['NZ'],
      derivedWorks: { owner: 'joint', commercialization: 'with-revenue-share' },
    },
    document: 'https://example.org/agreements/hospital-uni-dsa.pdf',
    stewards: ['steward:default/ana-ruiz'],
  },
};

export const expiredAgreement: AgreementEntityV1alpha1 = {
  ...agreement,
  metadata: {
    name: 'hospital-uni-flu-study',
    title: 'Flu study agreement',
    namespace: 'default',
  },
  spec: { ...agreement.spec, effective: { from: day(-900), until: day(-30) } },
};

export const dataset: DatasetEntityV1alpha1 = {
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name: 'clinic-visits-2024',
    title: 'Clinic visits 2024',
    namespace: 'default',
    description: 'One row per outpatient visit in 2024.',
  },
  spec: {
    type: 'table',
    lifecycle: 'production',
    owner: 'health-analytics',
    stewards: ['ana-ruiz', 'ben-okafor'],
    sensitivity: {
      tier: 'restricted',
      personalData: 'pseudonymized',
      specialCategories: ['health'],
      deidentification: { method: 'pseudonymisation' },
    },
    schema: {
      format: 'parquet',
      fields: [
        {
          name: 'patient_key',
          type: 'string',
          classification: ['pseudonymous-identifier'],
        },
        { name: 'visit_date', type: 'date' },
        {
          name: 'small_area_code',
          type: 'string',
          classification: ['quasi-identifier'],
          description: 'Home small area',
        },
      ],
    },
    license: {
      spdx: 'LicenseRef-StMary-Research-Terms',
      url: 'https://example.org/st-mary/research-terms',
      attribution: 'St Mary Hospital',
      terms: {
        permissions: ['use', 'derive'],
        prohibitions: ['reidentify', 'commercial-use'],
        duties: ['attribute', 'notify-provider'],
      },
    },
    agreements: [
      'agreement:default/hospital-uni-dsa',
      'agreement:default/hospital-uni-flu-study',
    ],
    access: {
      requestable: true,
      maxDuration: 'P90D',
      allowedPurposes: ['research', 'public-health'],
    },
    retention: { period: 'P3Y', disposal: 'delete' },
    provenance: {
      organization: 'group:default/st-mary-hospital',
      legalBasis: 'public-task',
      collectedFrom: 'outpatient records system',
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/health-analytics' },
    { type: 'stewardedBy', targetRef: 'steward:default/ana-ruiz' },
    { type: 'stewardedBy', targetRef: 'steward:default/ben-okafor' },
    { type: 'governedBy', targetRef: 'agreement:default/hospital-uni-dsa' },
    {
      type: 'governedBy',
      targetRef: 'agreement:default/hospital-uni-flu-study',
    },
  ],
};

/** A community-governed dataset with a veto. */
export const communityDataset: DatasetEntityV1alpha1 = {
  ...dataset,
  metadata: {
    name: 'whanau-survey',
    title: 'Whānau wellbeing survey',
    namespace: 'default',
  },
  spec: {
    ...dataset.spec,
    sensitivity: { tier: 'confidential', personalData: 'pseudonymized' },
    license: { spdx: 'CC-BY-4.0' },
    community: {
      name: 'Ngāti Example',
      steward: 'steward:default/community-council',
      labels: ['tk-attribution', 'tk-non-commercial'],
      vetoOn: ['commercial-use'],
    },
  },
};

export const catalogEntities: Entity[] = [
  ...groups,
  anaRuiz,
  benOkafor,
  agreement,
  expiredAgreement,
  dataset,
];

export const DATASET_REF = 'dataset:default/clinic-visits-2024';
export const REQUESTER = 'user:default/tomas.novak';

export function accessRequest(
  overrides: Partial<AccessRequest> = {},
): AccessRequest {
  return {
    id: 'req-1',
    dataset: DATASET_REF,
    requester: REQUESTER,
    organization: 'group:default/northbridge-university',
    purpose: 'research',
    justification: 'Respiratory admissions study',
    duration: 'P60D',
    agreement: 'agreement:default/hospital-uni-dsa',
    state: 'pending',
    tier: 'restricted',
    approvalsRequired: 2,
    requiredStewardships: [],
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    pendingUntil: '2026-12-04T10:00:00.000Z',
    decisions: [],
    ...overrides,
  };
}

export function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'grant-1',
    requestId: 'req-1',
    dataset: DATASET_REF,
    user: REQUESTER,
    purpose: 'research',
    grantedAt: '2026-11-21T10:00:00.000Z',
    expiresAt: '2027-01-20T10:00:00.000Z',
    expiresBecause: 'duration',
    state: 'active',
    ...overrides,
  };
}

/** One provisioning step: the PostgreSQL provisioner opened the grant. */
export function provisioningStep(
  overrides: Partial<ProvisioningStep> = {},
): ProvisioningStep {
  return {
    provisioner: 'postgres-grants',
    action: 'grant',
    state: 'done',
    attempts: 1,
    updatedAt: '2026-11-21T10:00:05.000Z',
    ...overrides,
  };
}

/** A grant's provisioning: by default, opened by the PostgreSQL provisioner. */
export function provisioning(
  overrides: Partial<GrantProvisioning> = {},
): GrantProvisioning {
  return {
    action: 'grant',
    state: 'done',
    steps: [provisioningStep()],
    ...overrides,
  };
}

/**
 * The server's answer for Tomáš asking for the clinic visits: allowed under
 * the hospital–university agreement, decided by Ana and Ben.
 */
export function eligibility(
  overrides: Partial<AccessEligibility> = {},
): AccessEligibility {
  return {
    dataset: DATASET_REF,
    allowed: true,
    refusals: [],
    organization: 'group:default/northbridge-university',
    organizations: ['group:default/northbridge-university'],
    agreements: [
      {
        ref: 'agreement:default/hospital-uni-dsa',
        title: 'Hospital–University data-sharing agreement',
        until: day(10),
      },
    ],
    needsAgreement: true,
    maxDuration: 'P90D',
    allowedPurposes: ['research', 'public-health'],
    vetoedPurposes: [],
    approvalsRequired: 2,
    approvers: ['steward:default/ana-ruiz', 'steward:default/ben-okafor'],
    requiredStewardships: [],
    expiry: {
      expiresAt: '2027-01-28T10:00:00.000Z',
      expiresBecause: 'duration',
    },
    ...overrides,
  };
}

const AGREEMENT_REF = 'agreement:default/hospital-uni-dsa';

/**
 * The terms of the clinic visits under the hospital–university agreement,
 * as the server words them: the licence's, then the agreement's.
 */
export const clinicTerms: AccessTerm[] = [
  {
    source: 'license',
    entity: DATASET_REF,
    kind: 'term',
    id: 'license',
    text: 'The data is licensed under LicenseRef-StMary-Research-Terms (https://example.org/st-mary/research-terms).',
  },
  {
    source: 'license',
    entity: DATASET_REF,
    kind: 'duty',
    id: 'attribute',
    text: 'You must credit the provider.',
  },
  {
    source: 'license',
    entity: DATASET_REF,
    kind: 'prohibition',
    id: 'reidentify',
    text: 'You may not try to re-identify people.',
  },
  {
    source: 'agreement',
    entity: AGREEMENT_REF,
    kind: 'term',
    id: 'retention',
    text: 'Keep the data no longer than 3 years (P3Y).',
  },
  {
    source: 'agreement',
    entity: AGREEMENT_REF,
    kind: 'term',
    id: 'jurisdictions',
    text: 'Store and process the data, and data derived from it, only in NZ.',
  },
];

/** The server's answer for the terms of the clinic visits under the agreement. */
export function accessTerms(overrides: Partial<AccessTerms> = {}): AccessTerms {
  return {
    dataset: DATASET_REF,
    agreement: AGREEMENT_REF,
    terms: clinicTerms,
    sha256: 'c0ffee'.padEnd(64, '0'),
    ...overrides,
  };
}

/** The approval status of {@link accessRequest} as Ana sees it: nobody has approved yet. */
export function approvalStatus(
  overrides: Partial<ApprovalStatus> = {},
): ApprovalStatus {
  return {
    requestId: 'req-1',
    approvalsRequired: 2,
    approved: [],
    eligible: ['steward:default/ana-ruiz', 'steward:default/ben-okafor'],
    stillNeeded: 2,
    stillRequired: [],
    viewer: {
      canDecide: true,
      stewardship: { onBehalfOf: 'steward:default/ana-ruiz' },
    },
    ...overrides,
  };
}

/** A DatapactApi whose methods are jest mocks answering with empty pages. */
export function fakeDatapactApi(
  overrides: Partial<DatapactApi> = {},
): jest.Mocked<DatapactApi> {
  return {
    createAccessRequest: jest.fn(),
    listAccessRequests: jest.fn().mockResolvedValue({ items: [] }),
    getAccessRequest: jest.fn(),
    getAccessEligibility: jest.fn().mockResolvedValue(eligibility()),
    getAccessTerms: jest.fn().mockResolvedValue(accessTerms()),
    getApprovalStatus: jest.fn().mockResolvedValue(approvalStatus()),
    decideAccessRequest: jest.fn(),
    cancelAccessRequest: jest.fn(),
    listGrants: jest.fn().mockResolvedValue({ items: [] }),
    revokeGrant: jest.fn(),
    listAudit: jest.fn().mockResolvedValue({ items: [] }),
    verifyAudit: jest.fn().mockResolvedValue({ ok: true, entries: 0 }),
    getLineage: jest.fn().mockResolvedValue({
      nodes: [
        {
          ref: DATASET_REF,
          title: 'Clinic visits 2024',
          tier: 'restricted',
          owner: 'group:default/health-analytics',
          organization: 'group:default/st-mary-hospital',
        },
      ],
      edges: [],
      truncated: false,
    }),
    ...overrides,
  } as jest.Mocked<DatapactApi>;
}
