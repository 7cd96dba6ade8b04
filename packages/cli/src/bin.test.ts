import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

// The real command, run as a process the way a pre-commit hook or CI runs it.
const bin = resolve(__dirname, '../bin/datapact');
const fixtures = resolve(__dirname, '__fixtures__');

jest.setTimeout(60_000);

function datapact(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: fixtures,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', code => done({ code, stdout, stderr }));
  });
}

const today = ['--today', '2026-11-29'];

describe('datapact check, run as a process', () => {
  it('exits 0 on a clean world, printing exactly the JSON object', async () => {
    const { code, stdout, stderr } = await datapact([
      'check',
      '--format',
      'json',
      ...today,
      'clean',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ entities: 9, problems: [] });
  });

  it('exits 1 with schema and YAML syntax errors at their lines', async () => {
    const { code, stdout } = await datapact([
      'check',
      '--format',
      'json',
      ...today,
      'broken',
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['entities', 'problems']);
    expect(result.entities).toBe(4);
    expect(result.problems).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        entities: ['dataset:default/visits-raw'],
        file: 'broken/datasets.yaml',
        line: 16,
        message: expect.stringContaining('spec.type'),
      },
      {
        rule: 'schema',
        severity: 'error',
        entities: ['dataset:default/visits-raw'],
        file: 'broken/datasets.yaml',
        line: 22,
        message: expect.stringContaining('spec.access.maxDuration'),
      },
      {
        rule: 'schema',
        severity: 'error',
        entities: [],
        file: 'broken/syntax.yaml',
        line: 6,
        message: expect.stringContaining('YAML syntax error'),
      },
    ]);
    for (const problem of result.problems) {
      expect(Object.keys(problem)).toEqual([
        'rule',
        'severity',
        'entities',
        'file',
        'line',
        'message',
      ]);
    }
  });

  it('reports a governance violation from the common package', async () => {
    const { code, stdout } = await datapact([
      'check',
      '--format',
      'json',
      ...today,
      'governance',
    ]);
    expect(code).toBe(1);
    const { problems } = JSON.parse(stdout);
    expect(
      problems.map((p: any) => ({
        rule: p.rule,
        severity: p.severity,
        entities: p.entities,
        file: p.file,
        line: p.line,
      })),
    ).toEqual([
      {
        rule: 'sensitivity-floor',
        severity: 'error',
        entities: [
          'dataset:default/visits-extract',
          'dataset:default/visits-raw',
        ],
        file: 'governance/world.yaml',
        line: 39,
      },
    ]);
  });

  it('prints text for people, without colours when stdout is not a terminal', async () => {
    const { code, stdout } = await datapact(['check', ...today, 'broken']);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('broken/datasets.yaml');
    expect(lines[1]).toBe('  16  error  schema  spec.type is required');
    expect(lines[2]).toMatch(
      /^ {2}22 {2}error {2}schema {2}spec\.access\.maxDuration /,
    );
    expect(lines[4]).toBe('broken/syntax.yaml');
    expect(lines[5]).toMatch(
      /^ {3}6 {2}error {2}schema {2}YAML syntax error: /,
    );
    expect(lines.slice(-2)).toEqual([
      '2 datasets, 1 steward, 1 group checked: 3 errors',
      '',
    ]);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('exits 2 with one line on stderr for a path that does not exist', async () => {
    const { code, stdout, stderr } = await datapact([
      'check',
      'clean',
      'no-such-folder',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'datapact: cannot read no-such-folder: no such file or directory\n',
    );
  });

  it.each([
    [['check']],
    [['check', '--format', 'yaml', 'clean']],
    [['check', '--today', '29/11/2026', 'clean']],
    [['check', '--verbose', 'clean']],
    [['verify', 'clean']],
  ])('exits 2 with one line on stderr for wrong arguments %j', async args => {
    const { code, stdout, stderr } = await datapact(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^datapact: [^\n]+\n$/);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await datapact(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: datapact');
    expect(stdout).toContain('check [options] <path...>');
  });
});

describe('datapact check over the example world (catalog-info/)', () => {
  it('finds exactly the deliberate violations listed in catalog-info/README.md', async () => {
    const { code, stdout } = await datapact([
      'check',
      '--format',
      'json',
      ...today,
      resolve(__dirname, '../../../catalog-info'),
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.entities).toBe(75);
    expect(
      report.problems
        .map((p: any) => `${p.severity} ${p.rule} ${p.entities.join(' ')}`)
        .sort(),
    ).toEqual([
      'error agreement-coverage dataset:default/uni-flu-vaccine-effectiveness-2023 dataset:default/st-mary-flu-vaccinations-2023 agreement:default/hospital-uni-flu-study-2023',
      'error community-veto dataset:default/ngati-example-household-energy-leads dataset:default/ngati-example-whanau-wellbeing-survey-2025 steward:default/community-council',
      'error deidentification-required dataset:default/uni-ed-frequent-attenders-cohort dataset:default/st-mary-ed-attendances-clean agreement:default/hospital-uni-dsa',
      'error derived-works dataset:default/ngati-example-household-energy-leads dataset:default/ngati-example-whanau-wellbeing-survey-2025 agreement:default/ngati-example-uni-memorandum',
      'error jurisdiction dataset:default/st-mary-ed-wait-times-extract dataset:default/st-mary-ed-attendances-clean agreement:default/hospital-uni-dsa',
      'error license-compatibility dataset:default/riverside-ebike-rebalancing-features dataset:default/riverside-ebike-share-trips',
      'error onward-transfer dataset:default/st-mary-ed-surge-forecast-inputs dataset:default/riverside-trips-by-area-daily agreement:default/coop-uni-dua group:default/st-mary-hospital',
      'error retention dataset:default/uni-mobility-health-panel dataset:default/riverside-trips-by-area-daily agreement:default/coop-uni-dua',
      'error sensitivity-floor dataset:default/st-mary-ed-wait-times-extract dataset:default/st-mary-ed-attendances-clean',
      'error stewardship dataset:default/uni-cohort-participant-contacts',
      'warning agreement-coverage agreement:default/riverside-hospital-travel-dua dataset:default/riverside-od-travel-times',
      'warning lineage-integrity dataset:default/uni-whanau-wellbeing-indicators dataset:default/northbridge-small-areas-2018',
    ]);
  });

  it('sees the expired agreement as active on a day when it was in force', async () => {
    const { stdout } = await datapact([
      'check',
      '--format',
      'json',
      '--today',
      '2025-03-01',
      resolve(__dirname, '../../../catalog-info'),
    ]);
    const rules = JSON.parse(stdout).problems.map(
      (p: any) => `${p.rule} ${p.entities[0]}`,
    );
    expect(rules).not.toContain(
      'agreement-coverage dataset:default/uni-flu-vaccine-effectiveness-2023',
    );
  });

  it('prints the agreement-term findings as text under their rule ids', async () => {
    const { code, stdout } = await datapact([
      'check',
      ...today,
      resolve(__dirname, '../../../catalog-info'),
    ]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    for (const [rule, subject] of [
      ['deidentification-required', 'uni-ed-frequent-attenders-cohort'],
      ['onward-transfer', 'st-mary-ed-surge-forecast-inputs'],
      ['jurisdiction', 'st-mary-ed-wait-times-extract'],
      ['derived-works', 'ngati-example-household-energy-leads'],
    ]) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^\\s+\\d+\\s+error\\s+${rule}\\s+\`${subject}\``),
        ),
      );
    }
    expect(lines).toContain(
      '30 datasets, 5 agreements, 9 stewards, 14 groups, 17 users checked: 10 errors, 2 warnings',
    );
  });
});
