import { resolve } from 'node:path';
import { CliContext, runCli } from './runCli';

const fixtures = resolve(__dirname, '__fixtures__');

async function run(argv: string[], overrides: Partial<CliContext> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    cwd: fixtures,
    now: () => new Date('2026-11-29T12:00:00Z'),
    color: false,
    ...overrides,
  });
  return { code, stdout, stderr };
}

describe('runCli', () => {
  it('checks a clean folder: exit 0 and a summary', async () => {
    const { code, stdout, stderr } = await run(['check', 'clean']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      '2 datasets, 1 agreement, 2 stewards, 3 groups, 1 user checked: no problems\n',
    );
  });

  it('takes the day of the check from the clock unless --today is given', async () => {
    // The clean world's agreement ends on 2027-12-31.
    const nearTheEnd = () => new Date('2027-12-20T08:00:00Z');
    const byClock = await run(['check', '--format', 'json', 'clean'], {
      now: nearTheEnd,
    });
    expect(byClock.code).toBe(0);
    expect(JSON.parse(byClock.stdout).problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        entities: expect.arrayContaining([
          'agreement:default/hospital-university',
        ]),
        file: 'clean/agreement.yaml',
      }),
    ]);

    const fixed = await run(
      ['check', '--format', 'json', '--today', '2026-11-29', 'clean'],
      { now: nearTheEnd },
    );
    expect(JSON.parse(fixed.stdout).problems).toEqual([]);
  });

  it('exits 1 with the problems of a broken folder', async () => {
    const { code, stdout } = await run(['check', 'broken']);
    expect(code).toBe(1);
    expect(stdout).toContain('broken/datasets.yaml\n');
    expect(stdout).toMatch(
      /^ {2}16 {2}error {2}schema {2}spec\.type is required$/m,
    );
    expect(stdout).toMatch(
      /2 datasets, 1 steward, 1 group checked: 3 errors\n$/,
    );
  });

  it('validates against a custom sensitivity scale', async () => {
    const { code, stdout } = await run([
      'check',
      '--format',
      'json',
      '--sensitivity-tiers',
      'open, internal, closed',
      'clean',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).problems).toEqual([
      expect.objectContaining({
        rule: 'schema',
        entities: ['dataset:default/visits-raw'],
        file: 'clean/datasets/visits.yaml',
        line: 12,
        message: expect.stringContaining('open, internal, closed'),
      }),
    ]);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run(['check', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: datapact check [options] <path...>');
    expect(stdout).toContain('--today <date>');
  });

  it.each([
    [['check'], "missing required argument 'path'"],
    [['check', '--format', 'xml', 'clean'], "argument 'xml' is invalid"],
    [
      ['check', '--today', '2026-02-30', 'clean'],
      "argument '2026-02-30' is invalid",
    ],
    [['check', '--formt', 'json', 'clean'], "unknown option '--formt'"],
    [
      ['check', '--sensitivity-tiers', 'low,,high', 'clean'],
      'distinct tier names',
    ],
    [['chek', 'clean'], "unknown command 'chek'"],
    [['check', 'clean', 'nope'], 'cannot read nope: no such file or directory'],
  ])('exits 2 for %j with one line on stderr', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/^datapact: [^\n]+\n$/);
  });

  it('turns an unexpected failure into one line and exit 2', async () => {
    const { code, stderr } = await run(['check', 'clean'], {
      stdout: () => {
        throw new Error('stdout is gone');
      },
    });
    expect(code).toBe(2);
    expect(stderr).toBe('datapact: internal error: stdout is gone\n');
  });
});
