import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeFsError, UnreadablePathError } from './errors';
import { compareStrings } from './problems';

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

// Folders a catalog never lives in; walking them would only be slow.
const isSkippedFolder = (name: string) =>
  name === 'node_modules' || name.startsWith('.');

async function walk(
  folder: string,
  shown: string,
  visited: Set<string>,
): Promise<string[]> {
  let entries;
  try {
    // A folder reached twice through symbolic links is read once.
    const real = await fs.realpath(folder);
    if (visited.has(real)) return [];
    visited.add(real);
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UnreadablePathError(shown, describeFsError(error));
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const shownPath = join(shown, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = await fs.stat(path);
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      } catch (error) {
        throw new UnreadablePathError(shownPath, describeFsError(error));
      }
    }
    if (isDirectory && !isSkippedFolder(entry.name)) {
      files.push(...(await walk(path, shownPath, visited)));
    } else if (isFile && isYaml(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/**
 * The absolute paths of the YAML files to check: every `.yaml`/`.yml` file
 * under the given folders (recursively, skipping `node_modules` and hidden
 * folders) and every file given by name, whatever its extension. Sorted and
 * without repeats. Throws {@link UnreadablePathError} for a path that does not
 * exist or cannot be read.
 */
export async function findYamlFiles(
  paths: string[],
  cwd: string,
): Promise<string[]> {
  const files = new Set<string>();
  const visited = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(path);
    } catch (error) {
      throw new UnreadablePathError(given, describeFsError(error));
    }
    if (stat.isDirectory()) {
      for (const file of await walk(path, given, visited)) files.add(file);
    } else {
      files.add(path);
    }
  }
  return [...files].sort(compareStrings);
}
