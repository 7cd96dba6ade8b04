import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node as YamlNode,
  parseAllDocuments,
} from 'yaml';

/** One non-empty YAML document of a file. */
export interface YamlDocument {
  /** The content as plain data; YAML 1.2, so dates stay strings. */
  value: unknown;
  /** The 1-based line where the content starts. */
  line: number;
  /**
   * The line of the node at a dotted path such as
   * `spec.lineage.upstream[1].dataset`: the line of its key in a mapping, of
   * the item in a list; for a path that does not exist (a missing required
   * field), the line of its nearest existing parent.
   */
  lineOf(path: string): number;
}

/** A YAML syntax error. */
export interface YamlSyntaxError {
  line: number;
  message: string;
}

type Segment = string | number;

/** `spec.lineage.upstream[1].dataset` → `['spec', 'lineage', 'upstream', 1, 'dataset']` */
export function splitPath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|[^.[\]]+/g)) {
    segments.push(match[1] !== undefined ? Number(match[1]) : match[0]);
  }
  return segments;
}

function nodeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0];
}

/** Follows the path through the document; the offset of the deepest node found. */
function locate(root: unknown, segments: Segment[]): number | undefined {
  let node = root;
  let offset = nodeStart(root);
  let i = 0;
  while (i < segments.length) {
    const segment = segments[i];
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = nodeStart(item) ?? offset;
      i += 1;
      continue;
    }
    if (!isMap(node)) break;
    const map = node;
    // Keys may themselves contain dots (`backstage.io/source-location`), so
    // try the longest run of segments that names a key.
    let found = false;
    for (let j = segments.length; j > i && !found; j--) {
      const key = segments.slice(i, j).join('.');
      const pair = map.items.find(
        p => isScalar(p.key) && String(p.key.value) === key,
      );
      if (pair) {
        offset = nodeStart(pair.key) ?? offset;
        node = pair.value;
        i = j;
        found = true;
      }
    }
    if (!found) break;
  }
  return offset;
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:$/, '');
}

/**
 * Parses every document of a YAML file, remembering where each node is.
 * A document with a syntax error yields its first error instead of a
 * document; the other documents are still returned. Empty documents are
 * left out.
 */
export function parseYamlDocuments(text: string): {
  documents: YamlDocument[];
  errors: YamlSyntaxError[];
} {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const documents: YamlDocument[] = [];
  const errors: YamlSyntaxError[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    const [error] = doc.errors;
    if (error) {
      errors.push({
        line: error.linePos?.[0].line ?? lineAt(error.pos[0]),
        message: `YAML syntax error: ${firstLine(error.message)}`,
      });
      continue;
    }
    const start = nodeStart(doc.contents) ?? doc.range[0];
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      // For example an alias that expands too often.
      errors.push({
        line: lineAt(start),
        message: `YAML error: ${firstLine((e as Error).message)}`,
      });
      continue;
    }
    // A document of only comments, or an empty one after a trailing `---`.
    if (value === null || value === undefined) continue;
    documents.push({
      value,
      line: lineAt(start),
      lineOf: path => lineAt(locate(doc.contents, splitPath(path)) ?? start),
    });
  }
  return { documents, errors };
}
