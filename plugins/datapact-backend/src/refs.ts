import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The form in which Datapact stores and compares entity refs: kind and
 * namespace filled in, all lower case (the catalog matches refs case
 * insensitively, and Backstage tokens carry lower-case refs).
 */
export function normalizeRef(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

const validator = makeValidator();

/**
 * An entity ref a caller sent, parsed strictly and normalized (see
 * `normalizeRef`): of the given kind (a bare name takes it), or with
 * `anyKind` of any valid kind, with a namespace
 * and a name the catalog would accept (no empty parts, no stray `/` or `:`,
 * no control characters, at most 63 characters each). Otherwise a 400 that
 * names the field, before the ref reaches a query.
 */
export function parseRefInput(
  value: string,
  options: {
    kind: string;
    field: string;
    part: 'body' | 'query';
    anyKind?: boolean;
  },
): string {
  const { kind, field, part, anyKind } = options;
  const example = `${kind.toLocaleLowerCase('en-US')}:default/<name>`;
  const problem = new InputError(
    anyKind
      ? `Invalid ${part}: \`${field}\` must be an entity ref such as ${example}`
      : `Invalid ${part}: \`${field}\` must be a ${kind} entity ref such as ${example}`,
  );
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
  } catch {
    throw problem;
  }
  if (
    !validator.isValidKind(ref.kind) ||
    (!anyKind &&
      ref.kind.toLocaleLowerCase('en-US') !==
        kind.toLocaleLowerCase('en-US')) ||
    !validator.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) ||
    !validator.isValidEntityName(ref.name)
  ) {
    throw problem;
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
