import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildEditorSchema, EDITOR_SCHEMA_PATH } from './editorSchema';

const file = resolve(__dirname, '../..', EDITOR_SCHEMA_PATH);

describe('editor schema', () => {
  it('is committed as built from the kind schemas (run `yarn workspace @datapact/backstage-plugin-common schema:write`)', () => {
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(buildEditorSchema());
  });

  it('flags invalid Datapact entities and lets other kinds through', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ['entity-ref', 'duration', 'spdx-license'].forEach(f =>
      ajv.addFormat(f, true),
    );
    const validate = ajv.compile(buildEditorSchema());
    const dataset = {
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'a' },
      spec: { type: 'table', owner: 'team', sensitivity: { tier: 'public' } },
    };
    expect(validate(dataset)).toBe(true);
    expect(
      validate({ ...dataset, spec: { ...dataset.spec, type: 'tabel' } }),
    ).toBe(false);
    expect(
      validate({
        apiVersion: 'datapact.io/v1alpha1',
        kind: 'Steward',
        metadata: { name: 's' },
        spec: {},
      }),
    ).toBe(false);
    expect(
      validate({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'g' },
        spec: {},
      }),
    ).toBe(true);
  });
});
