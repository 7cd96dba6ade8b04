/**
 * Something wrong with the checked files: a YAML or schema error (rule
 * `schema`) or a governance finding. The shape of `--format json`.
 */
export interface Problem {
  rule: string;
  severity: 'error' | 'warning';
  /** Refs of the entities involved, the one the problem is about first. */
  entities: string[];
  /** The file, relative to the working directory. */
  file: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  message: string;
}

/**
 * Compares by UTF-16 code units, not by locale, so that output is the same
 * on every machine.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Orders problems by file, line and rule, for stable output. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.message, b.message),
  );
}
