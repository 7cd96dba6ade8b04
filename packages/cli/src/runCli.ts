import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import { auditVerify, BackendCallError } from './commands/auditVerify';
import { check } from './commands/check';
import { parseDay, utcDay } from './day';
import { UnreadablePathError } from './errors';
import { version } from '../package.json';

/** What the command line runs with; the entry point passes the real ones. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The working directory: paths are read and shown relative to it. */
  cwd: string;
  /** The clock; `--today` defaults to its UTC day. */
  now: () => Date;
  /** Whether the text output may use colours. */
  color: boolean;
  /** How `audit verify` calls the backend; the global `fetch` by default. */
  fetch?: typeof fetch;
}

/** Commander's messages can run over lines (a suggestion); keep one. */
function oneLine(text: string): string {
  return text
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function createProgram(context: CliContext, setExitCode: (n: number) => void) {
  const program = new Command('datapact')
    .description(
      'Checks Datapact catalog-info files (Datasets, Agreements, Stewards) before they are pushed.',
    )
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: text => context.stdout(text),
      writeErr: text => context.stderr(text),
      outputError: (text, write) => write(`datapact: ${oneLine(text)}\n`),
    });

  program
    .command('check')
    .description(
      'Validate the entities in the YAML files under PATH and run the governance rules over them.',
    )
    .argument(
      '<path...>',
      'files or folders; folders are searched for .yaml and .yml files',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(
      new Option(
        '--today <date>',
        'the day of the check as YYYY-MM-DD, which decides agreement status',
      )
        .default(undefined, "today's date in UTC")
        .argParser(value => {
          const day = parseDay(value);
          if (!day) {
            throw new InvalidArgumentError(
              'It must be a real date as YYYY-MM-DD.',
            );
          }
          return day;
        }),
    )
    .addOption(
      new Option(
        '--sensitivity-tiers <tiers>',
        'the sensitivity scale, lowest first, comma-separated, when the catalog is configured with datapact.sensitivityTiers',
      )
        .default(undefined, 'public,internal,confidential,restricted')
        .argParser(value => {
          const tiers = value.split(',').map(tier => tier.trim());
          if (
            tiers.some(tier => !tier) ||
            new Set(tiers).size !== tiers.length
          ) {
            throw new InvalidArgumentError(
              'It must be distinct tier names separated by commas.',
            );
          }
          return tiers;
        }),
    )
    .addHelpText(
      'after',
      `
Exit status: 0 when there is no error (warnings allowed), 1 when any
problem is an error, 2 when a path cannot be read or the arguments are wrong.

Examples:
  $ datapact check catalog-info
  $ datapact check --format json --today 2026-11-29 catalog-info`,
    )
    .action(
      async (
        paths: string[],
        options: {
          format: 'text' | 'json';
          today?: string;
          sensitivityTiers?: string[];
        },
      ) => {
        setExitCode(
          await check(
            {
              paths,
              format: options.format,
              today: options.today ?? utcDay(context.now()),
              sensitivityTiers: options.sensitivityTiers,
              cwd: context.cwd,
              color: context.color,
            },
            context.stdout,
          ),
        );
      },
    );

  const audit = program
    .command('audit')
    .description('Check the audit log of a running Datapact backend.');
  audit
    .command('verify')
    .description(
      'Check the signatures of the audit checkpoints with a pinned public key, and that the backend’s audit chain extends a checkpoint.',
    )
    .requiredOption(
      '--url <url>',
      'the Datapact API, such as https://backstage.example.com/api/datapact',
    )
    .option('--token <token>', 'a Backstage token (a user’s or a service’s)')
    .option(
      '--checkpoint <checkpoint>',
      'a checkpoint kept outside the backend: a file (its last line, as the sink writes), JSON or base64url JSON',
      undefined,
    )
    .requiredOption(
      '--public-key <file>',
      'the PEM file of the checkpoint public key you pinned',
    )
    .option(
      '--full',
      'have the backend re-hash the whole chain (auditors and services)',
      false,
    )
    .addHelpText(
      'after',
      `
Exit status: 0 when the chain extends the checkpoint, 1 when a signature or
the chain fails, 2 when a file or the backend cannot be read.

Examples:
  $ datapact audit verify --url http://localhost:7007/api/datapact \\
      --token "$TOKEN" --public-key checkpoint-public.pem
  $ datapact audit verify --url http://localhost:7007/api/datapact \\
      --token "$TOKEN" --public-key checkpoint-public.pem \\
      --checkpoint kept/checkpoints.jsonl`,
    )
    .action(
      async (options: {
        url: string;
        token?: string;
        checkpoint?: string;
        publicKey: string;
        full: boolean;
      }) => {
        setExitCode(
          await auditVerify(
            {
              ...options,
              cwd: context.cwd,
              fetch: context.fetch ?? fetch,
            },
            context.stdout,
            context.stderr,
          ),
        );
      },
    );

  return program;
}

/**
 * Runs the command line with the given arguments (without `node` and the
 * script) and returns the exit status: 0 no errors, 1 errors found, 2 a path
 * that cannot be read, wrong arguments or an internal failure. Never throws.
 */
export async function runCli(
  argv: string[],
  context: CliContext,
): Promise<number> {
  let exitCode = 0;
  const program = createProgram(context, code => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    if (
      error instanceof UnreadablePathError ||
      error instanceof BackendCallError
    ) {
      context.stderr(`datapact: ${error.message}\n`);
      return 2;
    }
    context.stderr(
      `datapact: internal error: ${oneLine(
        String((error as Error)?.message ?? error),
      )}\n`,
    );
    return 2;
  }
}
