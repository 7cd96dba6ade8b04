import { parseRefInput } from './refs';

describe('parseRefInput', () => {
  const dataset = (value: string) =>
    parseRefInput(value, { kind: 'Dataset', field: 'entity', part: 'query' });

  it('normalizes a ref of the expected kind, or a bare name', () => {
    expect(dataset('Dataset:Default/Clinic-Visits')).toBe(
      'dataset:default/clinic-visits',
    );
    expect(dataset('clinic-visits')).toBe('dataset:default/clinic-visits');
    expect(dataset('other/clinic.visits_2024')).toBe(
      'dataset:other/clinic.visits_2024',
    );
  });

  it.each([
    'dataset:',
    'dataset:default/',
    ':',
    '',
    'dataset:default/a/b',
    'group:default/health',
    'dataset:default/a\u0000b',
    `dataset:default/${'a'.repeat(64)}`,
    'dataset:de fault/x',
  ])('refuses %j with a 400 that names the field', value => {
    expect(() => dataset(value)).toThrow(
      'Invalid query: `entity` must be a Dataset entity ref such as dataset:default/<name>',
    );
  });

  it('takes any valid kind when asked to, and still refuses a malformed ref', () => {
    const any = (value: string) =>
      parseRefInput(value, {
        kind: 'Dataset',
        field: 'entity',
        part: 'query',
        anyKind: true,
      });
    expect(any('agreement:default/hospital-uni-dsa')).toBe(
      'agreement:default/hospital-uni-dsa',
    );
    expect(any('clinic-visits')).toBe('dataset:default/clinic-visits');
    expect(() => any('agreement:')).toThrow(
      'Invalid query: `entity` must be an entity ref such as dataset:default/<name>',
    );
    expect(() => any('a b:default/x')).toThrow(/must be an entity ref/);
  });
});
