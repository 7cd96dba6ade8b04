/*
 * Generated worlds as catalog-info files, and `datapact check` over them as
 * a process, for the benchmarks that time the command line.
 */
import { Entity } from '@backstage/catalog-model';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const bin = resolve(__dirname, '../packages/cli/bin/datapact');

/**
 * Writes entities as multi-document YAML files of 1,000 entities each in a
 * new temporary folder; returns the folder and the files' names.
 */
export function writeCatalogInfo(
  entities: Entity[],
  name: string,
): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `datapact-${name}-`));
  const files: string[] = [];
  for (let i = 0; i < entities.length; i += 1000) {
    const file = `part-${String(i / 1000).padStart(3, '0')}.yaml`;
    writeFileSync(
      join(dir, file),
      entities
        .slice(i, i + 1000)
        .map(e => stringify(e))
        .join('---\n'),
    );
    files.push(file);
  }
  return { dir, files };
}

/**
 * Runs `datapact check --format json --today 2026-11-29 DIR` under
 * /usr/bin/time: wall seconds, peak RSS in MiB, exit status and the report.
 */
export function measureCheck(dir: string) {
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %M',
      process.execPath,
      bin,
      'check',
      '--format',
      'json',
      '--today',
      '2026-11-29',
      dir,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const lines = run.stderr.trim().split('\n');
  if (run.status === 2 || run.stdout.trim() === '') {
    throw new Error(`datapact check failed: ${lines.slice(0, -1).join('\n')}`);
  }
  const [seconds, kib] = lines.pop()!.split(' ').map(Number);
  const report = JSON.parse(run.stdout);
  return {
    seconds,
    mib: kib / 1024,
    exit: run.status,
    entities: report.entities as number,
    problems: report.problems.length as number,
  };
}
