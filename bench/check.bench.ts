/*
 * `datapact check` over generated catalogs of 10,000 and 20,000 datasets
 * (about three upstreams each, under agreements that carry every term the
 * rules read): wall time and peak memory of the real command as a process,
 * and the 20k/10k ratios. Run with `yarn bench:check`.
 */
import { rmSync } from 'node:fs';
import { measureCheck, writeCatalogInfo } from './datapactCheck';
import { generateWorld } from './generateWorld';

/** Writes the world of `datasets` datasets as catalog-info files. */
function writeWorld(datasets: number): { dir: string; entities: number } {
  const entities = generateWorld({ datasets });
  return {
    dir: writeCatalogInfo(entities, `check-${datasets}`).dir,
    entities: entities.length,
  };
}

const measure = measureCheck;

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
