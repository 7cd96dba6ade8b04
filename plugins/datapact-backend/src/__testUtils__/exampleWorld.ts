import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { getDatapactRelations } from '@datapact/backstage-plugin-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = resolve(__dirname, '../../../../catalog-info');

/**
 * The example world of catalog-info/ (every entity but the Location), with
 * the Datapact relations the catalog would stitch onto it.
 */
export function loadExampleWorld(): Entity[] {
  return withRelations(readExampleWorld());
}

/** Adds each entity's Datapact relations, in both directions, as the catalog does. */
export function withRelations(entities: Entity[]): Entity[] {
  const relations = new Map<string, { type: string; targetRef: string }[]>();
  const add = (from: string, type: string, to: string) => {
    const list = relations.get(from) ?? [];
    list.push({ type, targetRef: to });
    relations.set(from, list);
  };
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    for (const r of getDatapactRelations(entity)) {
      const target = stringifyEntityRef(r.target);
      add(self, r.type, target);
      add(target, r.inverse, self);
    }
  }
  return entities.map(e => ({
    ...e,
    relations: relations.get(stringifyEntityRef(e)) ?? [],
  }));
}

function readExampleWorld(): Entity[] {
  const entities: Entity[] = [];
  for (const folder of ['org', 'stewards', 'datasets', 'agreements']) {
    for (const file of readdirSync(join(root, folder)).sort()) {
      const text = readFileSync(join(root, folder, file), 'utf8');
      for (const doc of parseAllDocuments(text)) {
        const entity = doc.toJS() as Entity;
        entity.metadata.namespace ??= 'default';
        entities.push(entity);
      }
    }
  }
  return entities;
}

/**
 * A user's ownership refs as `signInWithCatalogUser` makes them: the user and
 * the groups they are a direct member of.
 */
export function ownershipOf(entities: Entity[], userRef: string): string[] {
  const user = entities.find(e => stringifyEntityRef(e) === userRef);
  const groups = ((user?.spec?.memberOf as string[] | undefined) ?? []).map(g =>
    g.includes(':') ? g : `group:default/${g}`,
  );
  return [userRef, ...groups];
}

/**
 * The example world (or `entities`) with entities changed in place: a deep
 * copy, `change` edits entities found by name, relations recomputed.
 */
export function changedWorld(
  change: (byName: (name: string) => Entity) => void,
  entities: Entity[] = loadExampleWorld(),
): Entity[] {
  const copy = JSON.parse(JSON.stringify(entities)) as Entity[];
  const byName = (name: string) => {
    const found = copy.find(e => e.metadata.name === name);
    if (!found) throw new Error(`no entity ${name}`);
    return found;
  };
  change(byName);
  return withRelations(
    copy.map(e => {
      const { relations, ...rest } = e;
      return rest as Entity;
    }),
  );
}
