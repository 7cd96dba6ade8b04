import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * The annotation on a User that names its PostgreSQL role, on every target.
 * @public
 */
export const POSTGRES_ROLE_ANNOTATION = 'datapact.io/postgres-role';

/** The role template used when none is configured. */
export const DEFAULT_ROLE_TEMPLATE = '{{ name }}';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const VARIABLES = ['name', 'namespace'];

/**
 * Maps users to PostgreSQL roles: the User's `datapact.io/postgres-role`
 * annotation, else the template filled with the user's entity name and
 * namespace.
 */
export class RoleMapping {
  constructor(private readonly template: string = DEFAULT_ROLE_TEMPLATE) {
    for (const [, variable] of template.matchAll(PLACEHOLDER)) {
      if (!VARIABLES.includes(variable)) {
        throw new Error(
          `datapact.postgresGrants.roleTemplate uses {{ ${variable} }}; it may use ${VARIABLES.map(
            v => `{{ ${v} }}`,
          ).join(' and ')}`,
        );
      }
    }
  }

  /**
   * The role of a user. The User entity is read when the catalog has it; a
   * user it no longer holds gets the template's role from the grant's ref.
   */
  roleOf(userRef: string, user?: Entity): string {
    const annotated = user?.metadata.annotations?.[POSTGRES_ROLE_ANNOTATION];
    if (annotated !== undefined) {
      return annotated.trim();
    }
    const { name, namespace } = user
      ? getCompoundEntityRef(user)
      : parseEntityRef(userRef, {
          defaultKind: 'user',
          defaultNamespace: 'default',
        });
    const values: Record<string, string> = { name, namespace };
    return this.template.replace(
      PLACEHOLDER,
      (_, variable: string) => values[variable],
    );
  }
}
