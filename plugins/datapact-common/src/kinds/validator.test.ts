import { Entity } from '@backstage/catalog-model';
import {
  agreementEntityV1alpha1Validator,
  createDatapactEntityValidator,
  datasetEntityV1alpha1Validator,
  stewardEntityV1alpha1Validator,
} from './validator';

const minimalDataset = (): Entity => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'clinic-visits-2024' },
  spec: {
    type: 'table',
    owner: 'group:default/health-analytics',
    sensitivity: { tier: 'restricted' },
  },
});

const fullDataset = (): Entity => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name: 'clinic-visits-2024',
    title: 'Clinic visits 2024',
    description: 'One row per outpatient visit.',
  },
  spec: {
    type: 'table',
    lifecycle: 'production',
    owner: 'group:default/health-analytics',
    stewards: ['steward:default/ana-ruiz'],
    system: 'system:default/patient-records',
    sensitivity: {
      tier: 'restricted',
      personalData: 'pseudonymized',
      specialCategories: ['health'],
      deidentification: { method: 'k-anonymity', parameters: { k: 10 } },
    },
    schema: {
      format: 'parquet',
      fields: [
        {
          name: 'patient_id',
          type: 'string',
          classification: ['direct-identifier'],
        },
        { name: 'visit_date', type: 'date' },
      ],
    },
    license: {
      spdx: 'CC-BY-4.0',
      url: 'https://example.org/terms',
      attribution: 'St Mary Hospital',
      terms: {
        permissions: ['use', 'derive'],
        prohibitions: ['reidentify', 'redistribute'],
        duties: ['attribute', 'notify-provider'],
      },
    },
    lineage: {
      upstream: [
        {
          dataset: 'dataset:default/raw-visits',
          transformation: 'dbt model visits_clean',
        },
      ],
    },
    agreements: ['agreement:default/hospital-uni-dsa'],
    access: {
      requestable: true,
      approvers: ['steward:default/ana-ruiz'],
      approvalsRequired: 2,
      maxDuration: 'P90D',
      allowedPurposes: ['research', 'public-health'],
    },
    retention: { period: 'P5Y', disposal: 'delete' },
    provenance: {
      organization: 'group:default/st-mary-hospital',
      legalBasis: 'consent',
      collectedFrom: 'outpatient records system',
    },
    community: {
      name: 'Ngāti Example',
      steward: 'steward:default/community-council',
      labels: ['tk-attribution', 'tk-non-commercial'],
      vetoOn: ['commercial-use'],
    },
  },
});

const minimalAgreement = (): Entity => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Agreement',
  metadata: { name: 'hospital-uni-dsa' },
  spec: {
    type: 'data-sharing',
    owner: 'group:default/legal',
    parties: [
      { party: 'group:default/st-mary-hospital', role: 'provider' },
      { party: 'group:default/uni-epidemiology', role: 'recipient' },
    ],
    effective: { from: '2025-01-01' },
  },
});

const fullAgreement = (): Entity => {
  const agreement = minimalAgreement();
  agreement.spec = {
    ...agreement.spec,
    datasets: ['dataset:default/clinic-visits-2024'],
    purposes: ['research'],
    effective: { from: '2025-01-01', until: '2026-12-31' },
    terms: {
      retention: 'P2Y',
      onwardTransfer: 'prohibited',
      deidentificationRequired: true,
      breachNotificationHours: 72,
      jurisdictions: ['EU'],
      derivedWorks: { owner: 'joint', commercialization: 'with-revenue-share' },
    },
    document: 'https://example.org/agreements/hospital-uni-dsa.pdf',
    stewards: ['steward:default/ana-ruiz'],
  };
  return agreement;
};

const minimalSteward = (): Entity => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Steward',
  metadata: { name: 'ana-ruiz' },
  spec: { holder: 'user:default/ana.ruiz' },
});

const fullSteward = (): Entity => ({
  ...minimalSteward(),
  spec: {
    holder: 'user:default/ana.ruiz',
    organization: 'group:default/st-mary-hospital',
    domains: ['health'],
    delegates: ['steward:default/ben-okafor'],
    contact: { email: 'ana.ruiz@example.org' },
  },
});

/** Returns a copy of `entity` with the value at a dotted path replaced (or removed when `value` is undefined). */
function withValue(entity: Entity, path: string, value: unknown): Entity {
  const copy = JSON.parse(JSON.stringify(entity));
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key];
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const validator = createDatapactEntityValidator();
const messages = (entity: Entity) =>
  validator.validate(entity).map(p => p.message);

describe('Datapact entity validation', () => {
  it.each([
    ['minimal Dataset', minimalDataset()],
    ['full Dataset', fullDataset()],
    ['minimal Agreement', minimalAgreement()],
    ['full Agreement', fullAgreement()],
    ['minimal Steward', minimalSteward()],
    ['full Steward', fullSteward()],
  ])('accepts a %s', (_name, entity) => {
    expect(validator.validate(entity)).toEqual([]);
  });

  it.each([
    ['Dataset', 'spec.type', minimalDataset()],
    ['Dataset', 'spec.owner', minimalDataset()],
    ['Dataset', 'spec.sensitivity', minimalDataset()],
    ['Dataset', 'spec.sensitivity.tier', minimalDataset()],
    ['Dataset', 'spec', minimalDataset()],
    ['Agreement', 'spec.type', minimalAgreement()],
    ['Agreement', 'spec.owner', minimalAgreement()],
    ['Agreement', 'spec.parties', minimalAgreement()],
    ['Agreement', 'spec.effective', minimalAgreement()],
    ['Agreement', 'spec.effective.from', minimalAgreement()],
    ['Steward', 'spec.holder', minimalSteward()],
  ])('reports a %s without the required %s', (_kind, path, entity) => {
    expect(messages(withValue(entity, path, undefined))).toEqual([
      `${path} is required`,
    ]);
  });

  it.each([
    [
      'Dataset',
      'spec.type',
      fullDataset(),
      'tabel',
      'table, file, stream, api, model, document, other',
    ],
    [
      'Dataset',
      'spec.lifecycle',
      fullDataset(),
      'retired',
      'experimental, production, deprecated',
    ],
    [
      'Dataset',
      'spec.sensitivity.tier',
      fullDataset(),
      'secret',
      'public, internal, confidential, restricted',
    ],
    [
      'Dataset',
      'spec.sensitivity.personalData',
      fullDataset(),
      'anonymous',
      'none, aggregated, pseudonymized, identified',
    ],
    [
      'Dataset',
      'spec.provenance.legalBasis',
      fullDataset(),
      'because',
      'consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest',
    ],
    [
      'Agreement',
      'spec.type',
      fullAgreement(),
      'nda',
      'data-sharing, data-use, data-processing, licence, memorandum',
    ],
    [
      'Agreement',
      'spec.terms.onwardTransfer',
      fullAgreement(),
      'sometimes',
      'prohibited, with-approval, allowed',
    ],
  ])(
    'rejects a %s with a value outside the enum of %s',
    (_kind, path, entity, value, allowed) => {
      expect(messages(withValue(entity, path, value))).toEqual([
        `${path} must be one of ${allowed} (got "${value}")`,
      ]);
    },
  );

  it.each([
    [
      'spec.access.maxDuration',
      '90 days',
      'an ISO 8601 duration such as P90D or P5Y',
    ],
    [
      'spec.retention.period',
      'five years',
      'an ISO 8601 duration such as P90D or P5Y',
    ],
    [
      'spec.owner',
      'group:',
      'an entity reference such as group:default/health-analytics',
    ],
    [
      'spec.license.spdx',
      'CC-BY-5.0',
      'a known SPDX licence id (https://spdx.org/licenses/) or LicenseRef-<name> for a custom licence',
    ],
    [
      'spec.license.url',
      'not a url',
      'an absolute URL such as https://example.org/terms',
    ],
  ])(
    'names the field and the expected format for %s',
    (path, value, expected) => {
      expect(messages(withValue(fullDataset(), path, value))).toEqual([
        `${path} must be ${expected} (got "${value}")`,
      ]);
    },
  );

  it('accepts custom licences, ISO week and time durations, and bare names', () => {
    let entity = withValue(
      fullDataset(),
      'spec.license.spdx',
      'LicenseRef-StMary-Research-Terms',
    );
    entity = withValue(entity, 'spec.access.maxDuration', 'P2W');
    entity = withValue(entity, 'spec.retention.period', 'PT36H');
    entity = withValue(entity, 'spec.owner', 'health-analytics');
    expect(validator.validate(entity)).toEqual([]);
  });

  it('names the array item that is wrong', () => {
    const entity = withValue(fullDataset(), 'spec.lineage.upstream', [
      { dataset: 'dataset:default/a' },
      { transformation: 'join' },
    ]);
    expect(messages(entity)).toEqual([
      'spec.lineage.upstream[1].dataset is required',
    ]);
  });

  it('reports every problem of an entity at once', () => {
    let entity = withValue(minimalDataset(), 'spec.type', 'tabel');
    entity = withValue(entity, 'spec.owner', undefined);
    entity = withValue(entity, 'spec.stewards', 'ana-ruiz');
    expect(messages(entity)).toEqual(
      expect.arrayContaining([
        'spec.owner is required',
        expect.stringContaining('spec.type must be one of'),
        'spec.stewards must be array (got "ana-ruiz")',
      ]),
    );
  });

  it('requires at least two parties, a provider and a recipient', () => {
    const one = withValue(minimalAgreement(), 'spec.parties', [
      { party: 'group:default/st-mary-hospital', role: 'provider' },
    ]);
    expect(messages(one)).toEqual([
      'spec.parties must include a party with role "recipient"',
      'spec.parties must have at least 2 item(s)',
    ]);
    const noProvider = withValue(minimalAgreement(), 'spec.parties', [
      { party: 'group:default/a', role: 'recipient' },
      { party: 'group:default/b', role: 'processor' },
    ]);
    expect(messages(noProvider)).toEqual([
      'spec.parties must include a party with role "provider"',
    ]);
  });

  it('requires effective dates as YYYY-MM-DD', () => {
    const entity = withValue(
      fullAgreement(),
      'spec.effective.until',
      '31/12/2026',
    );
    expect(messages(entity)).toEqual([
      'spec.effective.until must be a date as YYYY-MM-DD (got "31/12/2026")',
    ]);
    expect(
      messages(withValue(fullAgreement(), 'spec.effective.from', '2025-02-30')),
    ).toEqual([
      'spec.effective.from must be a date as YYYY-MM-DD (got "2025-02-30")',
    ]);
  });

  it('requires at least one approval', () => {
    expect(
      messages(withValue(fullDataset(), 'spec.access.approvalsRequired', 0)),
    ).toEqual(['spec.access.approvalsRequired must be at least 1 (got 0)']);
  });

  it('accepts a custom sensitivity scale', () => {
    const custom = createDatapactEntityValidator({
      sensitivityTiers: ['open', 'shared', 'secret'],
    });
    const entity = withValue(
      minimalDataset(),
      'spec.sensitivity.tier',
      'secret',
    );
    expect(custom.validate(entity)).toEqual([]);
    expect(custom.validate(minimalDataset()).map(p => p.message)).toEqual([
      'spec.sensitivity.tier must be one of open, shared, secret (got "restricted")',
    ]);
  });
});

describe('KindValidators', () => {
  it('accept their own kind, ignore others and throw with the problems', async () => {
    await expect(
      datasetEntityV1alpha1Validator.check(minimalDataset()),
    ).resolves.toBe(true);
    await expect(
      datasetEntityV1alpha1Validator.check(minimalSteward()),
    ).resolves.toBe(false);
    await expect(
      agreementEntityV1alpha1Validator.check(minimalAgreement()),
    ).resolves.toBe(true);
    await expect(
      stewardEntityV1alpha1Validator.check(minimalSteward()),
    ).resolves.toBe(true);
    await expect(
      datasetEntityV1alpha1Validator.check({
        ...minimalDataset(),
        apiVersion: 'datapact.io/v2',
      }),
    ).resolves.toBe(false);
    await expect(
      datasetEntityV1alpha1Validator.check(
        withValue(minimalDataset(), 'spec.owner', undefined),
      ),
    ).rejects.toThrow(
      'Dataset:default/clinic-visits-2024 is not a valid Dataset: spec.owner is required',
    );
  });
});
