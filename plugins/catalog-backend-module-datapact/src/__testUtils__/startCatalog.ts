import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogModuleDatapact } from '../module';

/** The running catalog of a test. */
export interface TestCatalog {
  server: Server;
  stop(): Promise<void>;
  entities(filter: string): Promise<Entity[]>;
  waitFor(
    filter: string,
    predicate: (items: Entity[]) => boolean,
    timeoutMs?: number,
  ): Promise<Entity[]>;
}

/**
 * Starts the real catalog backend with the Datapact module over file
 * locations, on the given database, and returns a small client.
 */
export async function startCatalog(options: {
  knex?: Knex;
  locations: string[];
  allow?: string[];
}): Promise<TestCatalog> {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDatapact,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: options.allow ?? [
                  'Group',
                  'User',
                  'Location',
                  'Dataset',
                  'Agreement',
                  'Steward',
                ],
              },
            ],
            locations: options.locations.map(target => ({
              type: 'file',
              target,
            })),
          },
        },
      }),
    ],
  });

  const { server } = backend;
  const stop = () => backend.stop();

  const entities = async (filter: string): Promise<Entity[]> => {
    const res = await request(server)
      .get(
        `/api/catalog/entities/by-query?filter=${encodeURIComponent(
          filter,
        )}&limit=1000`,
      )
      .set('Authorization', mockCredentials.user.header());
    if (res.status !== 200) {
      throw new Error(`catalog answered ${res.status}: ${res.text}`);
    }
    return res.body.items;
  };

  /** Polls until `predicate` holds for the entities matching `filter`. */
  const waitFor = async (
    filter: string,
    predicate: (items: Entity[]) => boolean,
    timeoutMs = 60_000,
  ): Promise<Entity[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const items = await entities(filter);
      if (predicate(items)) return items;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${filter}; last saw ${items.length} entities`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  };

  return { server, stop, entities, waitFor };
}

/** `type target` strings of an entity's relations, sorted. */
export function relationsOf(entity: Entity): string[] {
  return (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
}
