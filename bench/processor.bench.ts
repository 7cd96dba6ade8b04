/*
 * Validate-and-emit time per entity: the Datapact processor over synthetic
 * Datasets against Backstage's built-in kinds processor over as many
 * Components, in one run. Run with `yarn bench:processor`.
 */
import { Entity } from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { DatapactEntitiesProcessor } from '@datapact/backstage-plugin-catalog-backend-module';
import { generateComponents, generateWorld } from './generateWorld';

const location = { type: 'file', target: '/bench/catalog-info.yaml' };

/** Processes the entities, repeated so that each sample covers 20,000 entities. */
async function run(processor: CatalogProcessor, entities: Entity[]) {
  let relations = 0;
  const emit = () => {
    relations++;
  };
  const rounds = Math.ceil(20_000 / entities.length);
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++)
    for (const entity of entities) {
      if (!(await processor.validateEntityKind!(entity))) {
        throw new Error(
          `${processor.getProcessorName()} refused ${entity.metadata.name}`,
        );
      }
      await processor.postProcessEntity!(
        entity,
        location,
        emit,
        undefined as any,
      );
    }
  const ns = Number(process.hrtime.bigint() - start);
  return {
    usPerEntity: ns / 1000 / (entities.length * rounds),
    relations: relations / rounds,
  };
}

async function median(
  times: number,
  fn: () => Promise<{ usPerEntity: number; relations: number }>,
) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await fn());
  results.sort((a, b) => a.usPerEntity - b.usPerEntity);
  return results[Math.floor(times / 2)];
}

async function main() {
  const datapact = new DatapactEntitiesProcessor();
  const builtin = new BuiltinKindsEntityProcessor();
  console.log(
    `node ${process.version}, ${require('node:os').cpus().length} cores`,
  );
  console.log(
    'entities | Datapact µs/entity (relations) | built-in µs/entity (relations) | ratio',
  );
  for (const n of [1_000, 10_000]) {
    const datasets = generateWorld({ datasets: n }).filter(
      e => e.kind === 'Dataset',
    );
    const components = generateComponents(n);
    // Warm up both (JIT, schema compilation) before measuring.
    await run(datapact, datasets);
    await run(builtin, components);
    const d = await median(9, () => run(datapact, datasets));
    const b = await median(9, () => run(builtin, components));
    console.log(
      `${String(n).padStart(8)} | ${d.usPerEntity.toFixed(1).padStart(8)} (${
        d.relations
      }) | ${b.usPerEntity.toFixed(1).padStart(8)} (${b.relations}) | ${(
        d.usPerEntity / b.usPerEntity
      ).toFixed(2)}x`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
