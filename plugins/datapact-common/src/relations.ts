import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { isAgreementEntity } from './kinds/Agreement.v1alpha1';
import { isDatasetEntity } from './kinds/Dataset.v1alpha1';
import { isStewardEntity } from './kinds/Steward.v1alpha1';

/** A Dataset or Agreement is stewarded by a Steward. @public */
export const RELATION_STEWARDED_BY = 'stewardedBy';
/** Inverse of {@link RELATION_STEWARDED_BY}. @public */
export const RELATION_STEWARD_OF = 'stewardOf';
/** A Dataset is derived from an upstream Dataset. @public */
export const RELATION_DERIVED_FROM = 'derivedFrom';
/** Inverse of {@link RELATION_DERIVED_FROM}: the upstream is a source of the downstream. @public */
export const RELATION_SOURCE_OF = 'sourceOf';
/** A Dataset is governed by an Agreement. @public */
export const RELATION_GOVERNED_BY = 'governedBy';
/** Inverse of {@link RELATION_GOVERNED_BY}. @public */
export const RELATION_GOVERNS = 'governs';
/** An Agreement has a Group as a party. @public */
export const RELATION_HAS_PARTY = 'hasParty';
/** Inverse of {@link RELATION_HAS_PARTY}. @public */
export const RELATION_PARTY_TO = 'partyTo';
/** A Steward is held by a User or Group. @public */
export const RELATION_HELD_BY = 'heldBy';
/** Inverse of {@link RELATION_HELD_BY}. @public */
export const RELATION_HOLDS_STEWARDSHIP = 'holdsStewardship';

/**
 * Every relation type Datapact emits, with its inverse.
 * @public
 */
export const DATAPACT_RELATION_PAIRS: ReadonlyArray<[string, string]> = [
  [RELATION_OWNED_BY, RELATION_OWNER_OF],
  [RELATION_STEWARDED_BY, RELATION_STEWARD_OF],
  [RELATION_DERIVED_FROM, RELATION_SOURCE_OF],
  [RELATION_GOVERNED_BY, RELATION_GOVERNS],
  [RELATION_HAS_PARTY, RELATION_PARTY_TO],
  [RELATION_HELD_BY, RELATION_HOLDS_STEWARDSHIP],
  [RELATION_PART_OF, RELATION_HAS_PART],
];

/**
 * Resolves a reference written in an entity field, defaulting the kind from
 * the field it stands in (`owner` → Group, `stewards` → Steward, ...) and the
 * namespace from the referring entity.
 * @public
 */
export function resolveRef(
  ref: string,
  defaultKind: string,
  defaultNamespace: string,
): CompoundEntityRef {
  const parsed = parseEntityRef(ref, { defaultKind, defaultNamespace });
  return {
    kind: parsed.kind.toLocaleLowerCase('en-US'),
    namespace: parsed.namespace.toLocaleLowerCase('en-US'),
    name: parsed.name,
  };
}

/**
 * A relation an entity declares, from the entity to `target`; `inverse` is
 * the type of the relation back.
 * @public
 */
export interface DatapactRelation {
  type: string;
  inverse: string;
  target: CompoundEntityRef;
}

/**
 * The relations a Datapact entity declares through its fields, each with its
 * inverse. Non-Datapact entities declare none.
 * @public
 */
export function getDatapactRelations(entity: Entity): DatapactRelation[] {
  const ns = getCompoundEntityRef(entity).namespace;
  const relations: DatapactRelation[] = [];
  const add = (
    refs: Array<string | undefined> | undefined,
    defaultKind: string,
    type: string,
    inverse: string,
  ) => {
    for (const ref of refs ?? []) {
      if (ref) {
        relations.push({
          type,
          inverse,
          target: resolveRef(ref, defaultKind, ns),
        });
      }
    }
  };

  if (isDatasetEntity(entity)) {
    const spec = entity.spec;
    add([spec.owner], 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    add(spec.stewards, 'Steward', RELATION_STEWARDED_BY, RELATION_STEWARD_OF);
    add(
      spec.lineage?.upstream?.map(u => u.dataset),
      'Dataset',
      RELATION_DERIVED_FROM,
      RELATION_SOURCE_OF,
    );
    add(spec.agreements, 'Agreement', RELATION_GOVERNED_BY, RELATION_GOVERNS);
    add([spec.system], 'System', RELATION_PART_OF, RELATION_HAS_PART);
  } else if (isAgreementEntity(entity)) {
    const spec = entity.spec;
    add([spec.owner], 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    add(spec.stewards, 'Steward', RELATION_STEWARDED_BY, RELATION_STEWARD_OF);
    add(
      spec.parties?.map(p => p.party),
      'Group',
      RELATION_HAS_PARTY,
      RELATION_PARTY_TO,
    );
    // An agreement that lists a dataset governs it, whichever side declares it.
    add(spec.datasets, 'Dataset', RELATION_GOVERNS, RELATION_GOVERNED_BY);
  } else if (isStewardEntity(entity)) {
    add(
      [entity.spec.holder],
      'User',
      RELATION_HELD_BY,
      RELATION_HOLDS_STEWARDSHIP,
    );
  }
  return relations;
}
