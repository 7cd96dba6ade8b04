import { Entity, KindValidator } from '@backstage/catalog-model';
import { DEFAULT_SENSITIVITY_TIERS } from '../tiers';
import { agreementEntityV1alpha1Schema } from './Agreement.v1alpha1';
import {
  DATAPACT_API_VERSION,
  datasetEntityV1alpha1Schema,
} from './Dataset.v1alpha1';
import { stewardEntityV1alpha1Schema } from './Steward.v1alpha1';
import { compileSchema, EntityValidationProblem } from './validation';

/** @public */
export const DATAPACT_KINDS = ['Dataset', 'Agreement', 'Steward'] as const;

/** @public */
export type DatapactKind = (typeof DATAPACT_KINDS)[number];

/** @public */
export interface DatapactValidatorOptions {
  /** The sensitivity scale, lowest first; defaults to public, internal, confidential, restricted. */
  sensitivityTiers?: readonly string[];
}

/**
 * Validates Datapact entities against their kind's JSON schema.
 * @public
 */
export interface DatapactEntityValidator {
  /** Whether the entity is one of the Datapact kinds at a known apiVersion. */
  handles(entity: Entity): boolean;
  /** Every problem of a Datapact entity; empty when it is valid. */
  validate(entity: Entity): EntityValidationProblem[];
}

function withTiers(schema: object, tiers: readonly string[]): object {
  const copy = JSON.parse(JSON.stringify(schema));
  copy.properties.spec.properties.sensitivity.properties.tier.enum = [...tiers];
  return copy;
}

/**
 * Creates a validator for the three kinds, optionally with a custom
 * sensitivity scale.
 * @public
 */
export function createDatapactEntityValidator(
  options: DatapactValidatorOptions = {},
): DatapactEntityValidator {
  const tiers = options.sensitivityTiers ?? DEFAULT_SENSITIVITY_TIERS;
  const byKind: Record<
    DatapactKind,
    (entity: unknown) => EntityValidationProblem[]
  > = {
    Dataset: compileSchema(withTiers(datasetEntityV1alpha1Schema, tiers)),
    Agreement: compileSchema(agreementEntityV1alpha1Schema),
    Steward: compileSchema(stewardEntityV1alpha1Schema),
  };
  const handles = (entity: Entity) =>
    entity.apiVersion === DATAPACT_API_VERSION &&
    (DATAPACT_KINDS as readonly string[]).includes(entity.kind);
  return {
    handles,
    validate(entity) {
      if (!handles(entity)) {
        return [
          {
            path: 'kind',
            message: `not a Datapact kind: ${entity.apiVersion}/${entity.kind}`,
          },
        ];
      }
      return byKind[entity.kind as DatapactKind](entity);
    },
  };
}

/**
 * Thrown for an invalid Datapact entity; its message lists every problem.
 * @public
 */
export class DatapactEntityValidationError extends TypeError {
  constructor(
    readonly entityRef: string,
    readonly problems: EntityValidationProblem[],
  ) {
    super(
      `${entityRef} is not a valid ${entityRef.split(':')[0]}: ${problems
        .map(p => p.message)
        .join('; ')}`,
    );
    this.name = 'DatapactEntityValidationError';
  }
}

function kindValidator(
  kind: DatapactKind,
  validator: DatapactEntityValidator,
): KindValidator {
  return {
    async check(entity: Entity) {
      if (!validator.handles(entity) || entity.kind !== kind) return false;
      const problems = validator.validate(entity);
      if (problems.length > 0) {
        const ns = entity.metadata?.namespace ?? 'default';
        throw new DatapactEntityValidationError(
          `${kind}:${ns}/${entity.metadata?.name}`,
          problems,
        );
      }
      return true;
    },
  };
}

const defaultValidator = createDatapactEntityValidator();

/** {@link @backstage/catalog-model#KindValidator} for Datasets. @public */
export const datasetEntityV1alpha1Validator = kindValidator(
  'Dataset',
  defaultValidator,
);
/** {@link @backstage/catalog-model#KindValidator} for Agreements. @public */
export const agreementEntityV1alpha1Validator = kindValidator(
  'Agreement',
  defaultValidator,
);
/** {@link @backstage/catalog-model#KindValidator} for Stewards. @public */
export const stewardEntityV1alpha1Validator = kindValidator(
  'Steward',
  defaultValidator,
);

/**
 * KindValidators for all three kinds with the given options, for processors
 * that use a custom sensitivity scale.
 * @public
 */
export function createDatapactKindValidators(
  options: DatapactValidatorOptions = {},
): KindValidator[] {
  const validator = createDatapactEntityValidator(options);
  return DATAPACT_KINDS.map(kind => kindValidator(kind, validator));
}
