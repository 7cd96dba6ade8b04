/**
 * The `datapact` command line: checks catalog-info files with the schemas and
 * governance rules of `@datapact/backstage-plugin-common`.
 *
 * @packageDocumentation
 */
import { colorEnabled } from './colorEnabled';
import { runCli } from './runCli';

runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
  color: colorEnabled(process.stdout, process.env),
}).then(code => {
  // Not process.exit(): that could cut off output still flowing into a pipe.
  process.exitCode = code;
});
