/*
 * `datapact check` over generated catalogs of 10,000 and 20,000 datasets
 * (about three upstreams each): wall time and peak memory of the real command
 * as a process, and the 20k/10k ratios. Run with `yarn bench:check`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { generateWorld } from './generateWorld';

const bin = resolve(__dirname, '../packages/cli/bin/datapact');

/** Writes the world as multi-document YAML files of 1,000 entities each. */
function writeWorld(datasets: number): { dir: string; entities: number } {
  const dir = mkdtempSync(join(tmpdir(), `datapact-bench-${datasets}-`));
  const entities = generateWorld({ datasets });
  for (let i = 0; i < entities.length; i += 1000) {
    const docs = entities.slice(i, i + 1000).map(e => stringify(e));
    writeFileSync(
      join(dir, `part-${String(i / 1000).padStart(3, '0')}.yaml`),
      docs.join('---\n'),
    );
  }
  return { dir, entities: entities.length };
}

/** Runs the command under /usr/bin/time; returns seconds, peak RSS in MiB and its summary. */
function measure(dir: string) {
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
  const [seconds, kib] = run.stderr
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number);
  const report = JSON.parse(run.stdout);
  return {
    seconds,
    mib: kib / 1024,
    exit: run.status,
    entities: report.entities as number,
    problems: report.problems.length as number,
  };
}

function median<T extends { seconds: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[
    Math.floor(runs.length / 2)
  ];
}

const sizes = [10_000, 20_000];
const results = sizes.map(datasets => {
  const world = writeWorld(datasets);
  try {
    measure(world.dir); // warm the file cache
    return {
      datasets,
      ...median([measure(world.dir), measure(world.dir), measure(world.dir)]),
    };
  } finally {
    rmSync(world.dir, { recursive: true, force: true });
  }
});

console.log(
  `node ${process.version}; median of 3 runs of datapact check --format json`,
);
console.log(
  'datasets | entities read | wall s | peak RSS MiB | problems | exit',
);
for (const r of results) {
  console.log(
    `${String(r.datasets).padStart(8)} | ${String(r.entities).padStart(
      13,
    )} | ${r.seconds.toFixed(2).padStart(6)} | ${r.mib
      .toFixed(0)
      .padStart(12)} | ${String(r.problems).padStart(8)} | ${r.exit}`,
  );
}
const [small, large] = results;
console.log(
  `20k/10k: time ${(large.seconds / small.seconds).toFixed(2)}x, memory ${(
    large.mib / small.mib
  ).toFixed(2)}x`,
);
