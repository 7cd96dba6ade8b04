import {
  groupEntityV1alpha1Validator,
  KindValidator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  createDatapactEntityValidator,
  DatapactValidatorOptions,
} from '@datapact/backstage-plugin-common';
import { LoadedEntity } from './loadEntities';
import { Problem } from './problems';

/** The result of validating entities against their kind's schema. */
export interface EntityValidation {
  problems: Problem[];
  /** The entities with at least one problem. */
  invalid: Set<LoadedEntity>;
}

const backstageValidators: Record<string, KindValidator> = {
  group: groupEntityV1alpha1Validator,
  user: userEntityV1alpha1Validator,
};

/**
 * Catalog-model validators throw messages such as
 * `/spec/memberOf must be array - type: array`; turn the JSON pointer into a
 * dotted path to find its line and to read like the Datapact messages.
 */
function fromCatalogModelMessage(message: string): {
  path?: string;
  message: string;
} {
  const match = message.match(/^\/(\S*) (.*?)(?: - (\w+): (\S+))?$/);
  if (!match) return { message };
  const [, pointer, text, param, value] = match;
  const path = pointer
    .split('/')
    .map((s, i) => {
      if (/^\d+$/.test(s)) return `[${s}]`;
      return i === 0 ? s : `.${s}`;
    })
    .join('');
  if (param === 'missingProperty') {
    const missing = path ? `${path}.${value}` : value;
    return { path: missing, message: `${missing} is required` };
  }
  return { path, message: path ? `${path} ${text}` : text };
}

async function validateBackstageEntity(
  loaded: LoadedEntity,
): Promise<{ path?: string; message: string }[]> {
  const validator =
    backstageValidators[loaded.entity.kind.toLocaleLowerCase('en-US')];
  try {
    if (await validator.check(loaded.entity)) return [];
    return [
      {
        path: 'apiVersion',
        message: `unsupported apiVersion ${loaded.entity.apiVersion} for ${loaded.entity.kind}`,
      },
    ];
  } catch (error) {
    return [fromCatalogModelMessage(String((error as Error).message))];
  }
}

/**
 * Validates each entity with the validators the catalog uses: Datapact's for
 * the Datapact kinds, the catalog model's for Groups and Users. Every problem
 * becomes a `schema` error at the line of the offending field.
 */
export async function validateEntities(
  entities: LoadedEntity[],
  options: DatapactValidatorOptions = {},
): Promise<EntityValidation> {
  const datapact = createDatapactEntityValidator(options);
  const problems: Problem[] = [];
  const invalid = new Set<LoadedEntity>();
  for (const loaded of entities) {
    const found = loaded.entity.apiVersion.startsWith('datapact.io/')
      ? datapact.validate(loaded.entity)
      : await validateBackstageEntity(loaded);
    for (const { path, message } of found) {
      invalid.add(loaded);
      problems.push({
        rule: 'schema',
        severity: 'error',
        entities: [loaded.ref],
        file: loaded.file,
        line: path ? loaded.lineOf(path) : loaded.line,
        message,
      });
    }
  }
  return { problems, invalid };
}
