/*
 * The fault suite's world, added to the example world: one organization, its
 * requesters, two approvers who both hold one stewardship (through a group,
 * as the example world's community council), and requestable datasets that
 * need one approval. Two approvers of one stewardship can decide the same
 * request at once, from two replicas: exactly one decision may end it.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** Requesters in the world; a requester may have one pending request per dataset. */
export const REQUESTERS = 40;
/** Requestable datasets in the world. */
export const DATASETS = 10;
/** The two approvers, both members of the group that holds the stewardship. */
export const APPROVERS = ['fault-approver-a', 'fault-approver-b'];

export const requester = (i: number) =>
  `fault-requester-${String(i).padStart(2, '0')}`;
export const dataset = (i: number) =>
  `fault-dataset-${String(i).padStart(2, '0')}`;
export const datasetRef = (i: number) => `dataset:default/${dataset(i)}`;

function group(name: string, type: string, parent?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, description: `Fault suite ${type}` },
    spec: {
      type,
      ...(parent && { parent: `group:default/${parent}` }),
      children: [],
    },
  };
}

function user(name: string, team: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: { memberOf: [`group:default/${team}`] },
  };
}

function entities(): object[] {
  const all: object[] = [
    group('fault-org', 'organization'),
    group('fault-team', 'team', 'fault-org'),
    group('fault-approvers', 'team', 'fault-org'),
    ...APPROVERS.map(name => user(name, 'fault-approvers')),
    {
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Steward',
      metadata: {
        name: 'fault-steward',
        description: 'Approves the fault suite requests',
      },
      spec: {
        holder: 'group:default/fault-approvers',
        organization: 'group:default/fault-org',
      },
    },
  ];
  for (let i = 0; i < REQUESTERS; i++)
    all.push(user(requester(i), 'fault-team'));
  for (let i = 0; i < DATASETS; i++) {
    all.push({
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Dataset',
      metadata: { name: dataset(i), description: 'A fault suite dataset' },
      spec: {
        type: 'table',
        lifecycle: 'production',
        owner: 'group:default/fault-team',
        stewards: ['steward:default/fault-steward'],
        sensitivity: { tier: 'internal' },
        provenance: { organization: 'group:default/fault-org' },
        access: {
          requestable: true,
          maxDuration: 'P90D',
          allowedPurposes: ['research'],
        },
      },
    });
  }
  return all;
}

/** Writes the world as one YAML file of several documents. */
export function writeFaultWorld(file: string) {
  writeFileSync(
    file,
    entities()
      .map(e => stringify(e))
      .join('---\n'),
  );
}
