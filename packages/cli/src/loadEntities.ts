import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import { relative, sep } from 'node:path';
import { describeFsError, UnreadablePathError } from './errors';
import { findYamlFiles } from './findYamlFiles';
import { parseYamlDocuments } from './parseYamlDocuments';
import { Problem } from './problems';

/** An entity of a kind the check keeps, with where it was read from. */
export interface LoadedEntity {
  entity: Entity;
  /** `kind:namespace/name`, kind and namespace in lower case. */
  ref: string;
  /** The file, relative to the working directory. */
  file: string;
  /** The line where the entity starts. */
  line: number;
  /** The line of a dotted path in the entity, as parseYamlDocuments finds it. */
  lineOf(path: string): number;
  /** Set when an entity with the same ref was read before this one. */
  duplicateOf?: LoadedEntity;
}

/** The entities read from the files, and what was wrong with the files. */
export interface LoadedEntities {
  entities: LoadedEntity[];
  problems: Problem[];
}

const DATAPACT_API_GROUP = 'datapact.io/';
const BACKSTAGE_API_GROUP = 'backstage.io/';
// Read for organizations: a dataset's organization is found through Groups.
const BACKSTAGE_KINDS_KEPT = ['group', 'user'];

/**
 * Datapact kinds at any datapact.io apiVersion (so that a wrong version or a
 * misspelt kind is reported rather than ignored), plus Groups and Users.
 */
function isKept(entity: Entity): boolean {
  if (entity.apiVersion.startsWith(DATAPACT_API_GROUP)) return true;
  return (
    entity.apiVersion.startsWith(BACKSTAGE_API_GROUP) &&
    BACKSTAGE_KINDS_KEPT.includes(entity.kind.toLocaleLowerCase('en-US'))
  );
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

/** What the envelope of a catalog entity lacks, as dotted paths. */
function missingEnvelopeFields(value: Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (!isNonEmptyString(value.apiVersion)) missing.push('apiVersion');
  if (!isNonEmptyString(value.kind)) missing.push('kind');
  const metadata = value.metadata;
  if (!isObject(metadata)) {
    missing.push('metadata.name');
  } else {
    if (!isNonEmptyString(metadata.name)) missing.push('metadata.name');
    if (
      metadata.namespace !== undefined &&
      !isNonEmptyString(metadata.namespace)
    ) {
      missing.push('metadata.namespace');
    }
  }
  return missing;
}

function schemaError(file: string, line: number, message: string): Problem {
  return {
    rule: 'schema',
    severity: 'error',
    entities: [],
    file,
    line,
    message,
  };
}

/**
 * Reads every YAML file under the paths and returns the Datapact entities,
 * Groups and Users in them, in file order. YAML syntax errors, documents
 * that are not entities and entities defined twice are returned as
 * problems with rule `schema`. Other kinds are skipped silently. Throws
 * {@link UnreadablePathError} when a path cannot be read.
 */
export async function loadEntities(
  paths: string[],
  cwd: string,
): Promise<LoadedEntities> {
  const entities: LoadedEntity[] = [];
  const problems: Problem[] = [];
  const byRef = new Map<string, LoadedEntity>();

  for (const path of await findYamlFiles(paths, cwd)) {
    const file = relative(cwd, path).split(sep).join('/');
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      throw new UnreadablePathError(file, describeFsError(error));
    }
    const { documents, errors } = parseYamlDocuments(text);
    for (const error of errors) {
      problems.push(schemaError(file, error.line, error.message));
    }
    for (const document of documents) {
      const { value } = document;
      if (!isObject(value)) {
        problems.push(
          schemaError(
            file,
            document.line,
            `expected an entity (a mapping with apiVersion, kind and metadata), got ${describeValue(
              value,
            )}`,
          ),
        );
        continue;
      }
      const missing = missingEnvelopeFields(value);
      if (missing.length > 0) {
        problems.push(
          schemaError(
            file,
            document.lineOf(missing[0]),
            `not a valid entity: ${missing.join(', ')} ${
              missing.length > 1 ? 'are' : 'is'
            } missing or not a string`,
          ),
        );
        continue;
      }
      const entity = value as unknown as Entity;
      if (!isKept(entity)) continue;

      const ref = stringifyEntityRef(entity);
      const loaded: LoadedEntity = {
        entity,
        ref,
        file,
        line: document.line,
        lineOf: document.lineOf,
      };
      const first = byRef.get(ref);
      if (first) {
        loaded.duplicateOf = first;
        problems.push({
          ...schemaError(
            file,
            document.line,
            `${ref} is defined more than once: in ${first.file} (line ${first.line}) and in ${file} (line ${document.line})`,
          ),
          entities: [ref],
        });
      } else {
        byRef.set(ref, loaded);
      }
      entities.push(loaded);
    }
  }
  return { entities, problems };
}
