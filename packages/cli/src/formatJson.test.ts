import { formatJson } from './formatJson';

describe('formatJson', () => {
  it('prints one object with the entity count and the problems', () => {
    const text = formatJson({
      entityCount: 3,
      problems: [
        {
          message: 'spec.type is required',
          line: 5,
          file: 'a.yaml',
          entities: ['dataset:default/visits'],
          severity: 'error',
          rule: 'schema',
        },
        {
          rule: 'schema',
          severity: 'warning',
          entities: [],
          file: 'b.yaml',
          message: 'no line known',
        },
      ],
    });
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text);
    expect(parsed).toEqual({
      entities: 3,
      problems: [
        {
          rule: 'schema',
          severity: 'error',
          entities: ['dataset:default/visits'],
          file: 'a.yaml',
          line: 5,
          message: 'spec.type is required',
        },
        {
          rule: 'schema',
          severity: 'warning',
          entities: [],
          file: 'b.yaml',
          message: 'no line known',
        },
      ],
    });
    expect(Object.keys(parsed.problems[0])).toEqual([
      'rule',
      'severity',
      'entities',
      'file',
      'line',
      'message',
    ]);
  });

  it('prints an empty list when there are no problems', () => {
    expect(JSON.parse(formatJson({ entityCount: 0, problems: [] }))).toEqual({
      entities: 0,
      problems: [],
    });
  });
});
