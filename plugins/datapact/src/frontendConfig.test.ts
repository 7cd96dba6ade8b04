import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../..');

/*
 * A key reaches the browser only when a package's config schema marks it
 * `@visibility frontend`: plugins/datapact/config.d.ts does so for the
 * sensitivity scale, so an app's own five-tier scale shows in its portal.
 */
describe('the frontend configuration', () => {
  it('hands datapact.sensitivityTiers to the app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'datapact-config-'));
    const file = join(dir, 'app-config.yaml');
    writeFileSync(
      file,
      [
        'app: { baseUrl: "http://localhost:3000" }',
        'backend: { baseUrl: "http://localhost:7007" }',
        'datapact:',
        '  sensitivityTiers: [open, internal, sensitive, confidential, secret]',
      ].join('\n'),
    );
    const printed = execFileSync(
      process.execPath,
      [
        join(ROOT, '.yarn/releases/yarn-4.13.0.cjs'),
        'backstage-cli',
        'config:print',
        '--frontend',
        '--package',
        'app',
        '--format',
        'json',
        '--config',
        file,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(printed).datapact).toEqual({
      sensitivityTiers: [
        'open',
        'internal',
        'sensitive',
        'confidential',
        'secret',
      ],
    });
  });
});
