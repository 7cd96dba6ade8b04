import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/** Where a location reference points: its type and target (`file:/a/b.yaml`). */
function parseLocation(
  ref: string | undefined,
): { type: string; target: string } | undefined {
  const colon = ref?.indexOf(':') ?? -1;
  if (!ref || colon < 1) return undefined;
  return { type: ref.slice(0, colon), target: ref.slice(colon + 1) };
}

/** `to` relative to `from` with forward slashes, when it lies inside `from`. */
function inside(from: string, to: string): string | undefined {
  const path = relative(from, to);
  if (!path || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/**
 * The folder holding `.git` above a file, if any. Looked up once per folder:
 * the catalog's files are few and rarely move.
 */
function repositoryRootFinder(): (file: string) => string | undefined {
  const roots = new Map<string, string | undefined>();
  const find = (dir: string): string | undefined => {
    if (roots.has(dir)) return roots.get(dir);
    let root: string | undefined;
    if (existsSync(join(dir, '.git'))) root = dir;
    else if (dirname(dir) !== dir) root = find(dirname(dir));
    roots.set(dir, root);
    return root;
  };
  return file => find(dirname(file));
}

/** A public URL without the credentials some integrations put in it. */
function publicUrl(target: string): string | undefined {
  try {
    const url = new URL(target);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return undefined;
  }
}

/**
 * Where a finding's entity is defined, as every user may read it: never a
 * path on the server. A `file:` location is shown relative to the repository
 * that holds it (`catalog-info/datasets/x.yaml`, what `datapact check` shows
 * when run from the repository's root), else relative to the folder of the
 * location it was registered through, else by its name alone; a `url:`
 * location keeps its URL, without credentials; other types show nothing.
 */
export function createFindingFileResolver(): (
  entity: Entity,
) => string | undefined {
  const repositoryRoot = repositoryRootFinder();
  return entity => {
    const annotations = entity.metadata.annotations ?? {};
    const location = parseLocation(annotations[ANNOTATION_LOCATION]);
    if (!location) return undefined;
    if (location.type === 'url') return publicUrl(location.target);
    if (location.type !== 'file') return undefined;

    const file = location.target;
    const root = repositoryRoot(file);
    const origin = parseLocation(annotations[ANNOTATION_ORIGIN_LOCATION]);
    return (
      (root && inside(root, file)) ??
      (origin?.type === 'file'
        ? inside(dirname(origin.target), file)
        : undefined) ??
      basename(file)
    );
  };
}
