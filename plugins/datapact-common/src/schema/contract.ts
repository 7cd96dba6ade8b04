import { Page, AuditEntry, ReportedFinding } from '../api';
import { GovernanceFinding } from '../governance/types';
import {
  DatasetImpact,
  ImpactGrant,
  ImpactSummary,
} from '../lineage/summarizeImpact';
import {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '../lineage/types';
import { components } from './openapi.generated';

/*
 * Compile-time checks (nothing here runs): the API types still written by
 * hand describe what openapi.yaml says. `yarn tsc` fails when one drifts.
 * They stay hand-written where a type says more than JSON Schema can (a
 * generic page, `JsonObject`) or where common's own functions produce them
 * (lineage, governance findings).
 */

type Schemas = components['schemas'];

type RequiredKeys<T> = {
  [K in keyof T]-?: {} extends Pick<T, K> ? never : K;
}[keyof T];

/** Whether `A` and `B` are assignable to each other. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * `true` when A and B name the same fields, require the same ones, and give
 * each the same type; else the first difference found, as a string type.
 */
export type Agrees<A, B> = Mutual<keyof A, keyof B> extends false
  ? {
      fieldsOnlyInFirst: Exclude<keyof A, keyof B>;
      fieldsOnlyInSecond: Exclude<keyof B, keyof A>;
    }
  : Mutual<RequiredKeys<A>, RequiredKeys<B>> extends false
  ? { requiredDiffer: RequiredKeys<A> | RequiredKeys<B> }
  : Mutual<Required<A>, Required<B>> extends false
  ? 'a field has another type'
  : true;

/** Fails to compile unless `T` is `true`. */
type Check<T extends true> = T;

/** Every check; a failing one names the type and the difference. */
export type HandWrittenApiTypes = [
  Check<Agrees<Page<Schemas['AccessRequest']>, Schemas['AccessRequestPage']>>,
  Check<Agrees<Page<Schemas['Grant']>, Schemas['GrantPage']>>,
  Check<Agrees<Page<Schemas['AuditEntry']>, Schemas['AuditPage']>>,
  Check<
    Agrees<
      Page<Schemas['SignedAuditCheckpoint']>,
      Schemas['AuditCheckpointPage']
    >
  >,
  // An entry whose details are JSON is an entry as openapi.yaml describes it.
  Check<[AuditEntry] extends [Schemas['AuditEntry']] ? true : false>,
  Check<
    Agrees<Omit<ReportedFinding, 'file' | 'organization'>, GovernanceFinding>
  >,
  Check<Mutual<LineageDirection, Schemas['LineageDirection']>>,
  Check<Agrees<LineageNode, Schemas['LineageNode']>>,
  Check<Agrees<LineageEdge, Schemas['LineageEdge']>>,
  Check<Agrees<LineageGraph, Schemas['LineageGraph']>>,
  Check<Agrees<ImpactGrant, Schemas['ImpactGrant']>>,
  Check<Agrees<ImpactSummary, Omit<Schemas['Impact'], 'grants'>>>,
  Check<Agrees<DatasetImpact, Schemas['Impact']>>,
];
