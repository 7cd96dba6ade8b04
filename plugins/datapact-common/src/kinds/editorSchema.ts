import { agreementEntityV1alpha1Schema } from './Agreement.v1alpha1';
import { datasetEntityV1alpha1Schema } from './Dataset.v1alpha1';
import { stewardEntityV1alpha1Schema } from './Steward.v1alpha1';

/** Where the editor schema is published, relative to the common package. */
export const EDITOR_SCHEMA_PATH = 'schema/datapact.schema.json';

function definition(schema: object) {
  const {
    $schema: _s,
    $id: _i,
    examples: _e,
    ...rest
  } = schema as Record<string, unknown>;
  return rest;
}

/**
 * One JSON Schema for editors (yaml-language-server and others) that checks
 * Dataset, Agreement and Steward entities in a catalog-info file and lets
 * every other kind through. Built from the kind schemas, never edited by hand.
 * @public
 */
export function buildEditorSchema(): object {
  const kinds = {
    Dataset: datasetEntityV1alpha1Schema,
    Agreement: agreementEntityV1alpha1Schema,
    Steward: stewardEntityV1alpha1Schema,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema',
    $id: 'https://datapact.io/schema/v1alpha1/catalog-info.json',
    title: 'Datapact catalog-info entity',
    description:
      'Checks Datapact entities (apiVersion datapact.io/v1alpha1: Dataset, Agreement, Steward); other kinds pass unchecked.',
    type: 'object',
    definitions: Object.fromEntries(
      Object.entries(kinds).map(([kind, schema]) => [kind, definition(schema)]),
    ),
    allOf: Object.keys(kinds).map(kind => ({
      if: {
        properties: {
          apiVersion: { const: 'datapact.io/v1alpha1' },
          kind: { const: kind },
        },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: `#/definitions/${kind}` },
    })),
  };
}
