import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { customFormats, standardFormatsExpected } from './formats';

/**
 * One thing wrong with an entity: where (a dotted path such as
 * `spec.access.maxDuration`) and what.
 * @public
 */
export interface EntityValidationProblem {
  path: string;
  message: string;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  addFormats(ajv, ['date', 'uri', 'email']);
  for (const [name, format] of Object.entries(customFormats)) {
    ajv.addFormat(name, { type: 'string', validate: format.validate });
  }
  return ajv;
}

/** `/spec/parties/0/party` → `spec.parties[0].party` */
function toPath(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').filter(Boolean);
  if (child !== undefined) segments.push(child);
  return segments
    .map((s, i) => {
      if (/^\d+$/.test(s)) return `[${s}]`;
      return i === 0 ? s : `.${s}`;
    })
    .join('');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function toProblem(error: ErrorObject): EntityValidationProblem | undefined {
  const path = toPath(error.instancePath);
  const got = describe(error.data);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string })
        .missingProperty;
      const where = toPath(error.instancePath, missing);
      return { path: where, message: `${where} is required` };
    }
    case 'enum':
      return {
        path,
        message: `${path} must be one of ${(
          error.params as { allowedValues: unknown[] }
        ).allowedValues.join(', ')} (got ${got})`,
      };
    case 'const':
      return {
        path,
        message: `${path} must be ${describe(
          (error.params as { allowedValue: unknown }).allowedValue,
        )} (got ${got})`,
      };
    case 'format': {
      const format = (error.params as { format: string }).format;
      const expected =
        customFormats[format]?.expected ??
        standardFormatsExpected[format] ??
        `format ${format}`;
      return { path, message: `${path} must be ${expected} (got ${got})` };
    }
    case 'type':
      return {
        path,
        message: `${path} must be ${
          (error.params as { type: string }).type
        } (got ${got})`,
      };
    case 'minItems':
      return {
        path,
        message: `${path} must have at least ${
          (error.params as { limit: number }).limit
        } item(s)`,
      };
    case 'minLength':
      return { path, message: `${path} must not be empty` };
    case 'minimum':
      return {
        path,
        message: `${path} must be at least ${
          (error.params as { limit: number }).limit
        } (got ${got})`,
      };
    case 'contains': {
      const role = (error.parentSchema as any)?.contains?.properties?.role
        ?.const;
      return {
        path,
        message: role
          ? `${path} must include a party with role "${role}"`
          : `${path} ${error.message}`,
      };
    }
    case 'allOf':
      // Reported through the failing sub-schemas themselves.
      return undefined;
    default:
      return { path, message: `${path} ${error.message}` };
  }
}

/**
 * Compiles a kind's JSON schema into a function that lists every problem
 * of an entity, with messages that name the field and what was expected.
 */
export function compileSchema(
  schema: object,
): (entity: unknown) => EntityValidationProblem[] {
  const validate: ValidateFunction = createAjv().compile(schema);
  return entity => {
    if (validate(entity)) return [];
    const problems: EntityValidationProblem[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      // Items that fail a `contains` sub-schema are not wrong by themselves.
      if (error.schemaPath.includes('/contains/')) continue;
      const problem = toProblem(error);
      if (problem && !seen.has(problem.message)) {
        seen.add(problem.message);
        problems.push(problem);
      }
    }
    return problems;
  };
}
