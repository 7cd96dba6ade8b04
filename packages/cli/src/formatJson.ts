import { Problem } from './problems';

/**
 * The `--format json` output: one object, `{"entities": N, "problems": [...]}`,
 * each problem with `rule`, `severity`, `entities`, `file`, `line` (when
 * known) and `message`, in that order.
 */
export function formatJson(result: {
  entityCount: number;
  problems: Problem[];
}): string {
  const problems = result.problems.map(p => ({
    rule: p.rule,
    severity: p.severity,
    entities: p.entities,
    file: p.file,
    ...(p.line !== undefined ? { line: p.line } : {}),
    message: p.message,
  }));
  return `${JSON.stringify(
    { entities: result.entityCount, problems },
    null,
    2,
  )}\n`;
}
