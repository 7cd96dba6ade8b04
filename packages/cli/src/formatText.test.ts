import { formatText } from './formatText';
import { Problem } from './problems';

const problems: Problem[] = [
  {
    rule: 'schema',
    severity: 'error',
    entities: ['dataset:default/visits'],
    file: 'catalog-info/datasets.yaml',
    line: 9,
    message: 'spec.type is required',
  },
  {
    rule: 'sensitivity-floor',
    severity: 'error',
    entities: ['dataset:default/extract', 'dataset:default/visits'],
    file: 'catalog-info/datasets.yaml',
    line: 120,
    message: 'extract is internal but derives from restricted data.',
  },
  {
    rule: 'agreement-coverage',
    severity: 'warning',
    entities: ['agreement:default/dua'],
    file: 'catalog-info/dua.yaml',
    line: 1,
    message: 'dua expires in 16 days.',
  },
];

const kinds = [
  'User',
  'Dataset',
  'Steward',
  'Dataset',
  'Agreement',
  'Group',
  'Dataset',
];

describe('formatText', () => {
  it('groups problems by file, aligned, with a summary', () => {
    expect(formatText({ kinds, problems }, { color: false })).toBe(
      [
        'catalog-info/datasets.yaml',
        '    9  error    schema              spec.type is required',
        '  120  error    sensitivity-floor   extract is internal but derives from restricted data.',
        '',
        'catalog-info/dua.yaml',
        '    1  warning  agreement-coverage  dua expires in 16 days.',
        '',
        '3 datasets, 1 agreement, 1 steward, 1 group, 1 user checked: 2 errors, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is no problem', () => {
    expect(
      formatText({ kinds: ['Dataset'], problems: [] }, { color: false }),
    ).toBe('1 dataset checked: no problems\n');
    expect(formatText({ kinds: [], problems: [] }, { color: false })).toBe(
      'no entities found: no problems\n',
    );
  });

  it('counts warnings alone', () => {
    const text = formatText(
      { kinds: ['Agreement'], problems: [problems[2]] },
      { color: false },
    );
    expect(text.trimEnd().split('\n').pop()).toBe(
      '1 agreement checked: 1 warning',
    );
  });

  it('shows a dash for a problem without a line', () => {
    const text = formatText(
      { kinds: [], problems: [{ ...problems[0], line: undefined }] },
      { color: false },
    );
    expect(text).toContain('  -  error  schema  spec.type is required');
  });

  it('uses colours only when asked to', () => {
    const plain = formatText({ kinds, problems }, { color: false });
    const coloured = formatText({ kinds, problems }, { color: true });
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[[0-9;]*m/g;
    expect(plain).not.toMatch(ansi);
    expect(coloured).toMatch(ansi);
    expect(coloured.replace(ansi, '')).toBe(plain);
  });
});
