import { styleText } from 'node:util';
import { compareStrings, Problem } from './problems';

type Style = Parameters<typeof styleText>[0];

// The kinds a reader cares about first; other kinds follow alphabetically.
const KIND_ORDER = ['dataset', 'agreement', 'steward', 'group', 'user'];

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function countKinds(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) {
    const key = kind.toLocaleLowerCase('en-US');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (kind: string) => {
    const i = KIND_ORDER.indexOf(kind);
    return i === -1 ? KIND_ORDER.length : i;
  };
  return [...counts.keys()]
    .sort((a, b) => rank(a) - rank(b) || compareStrings(a, b))
    .map(kind => plural(counts.get(kind)!, kind))
    .join(', ');
}

/**
 * The text output, for people: the problems grouped under a header line per
 * file, one aligned line each (line, severity, rule, message), then a
 * summary such as `28 datasets, 5 agreements, 9 stewards checked: 6 errors,
 * 2 warnings`. Problems are expected sorted by file.
 */
export function formatText(
  result: { kinds: string[]; problems: Problem[] },
  options: { color: boolean },
): string {
  const paint = (style: Style, text: string) =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const { problems } = result;
  const lineText = (p: Problem) => (p.line === undefined ? '-' : `${p.line}`);
  const lineWidth = Math.max(0, ...problems.map(p => lineText(p).length));
  const severityWidth = Math.max(0, ...problems.map(p => p.severity.length));
  const ruleWidth = Math.max(0, ...problems.map(p => p.rule.length));

  const out: string[] = [];
  let file: string | undefined;
  for (const problem of problems) {
    if (problem.file !== file) {
      if (file !== undefined) out.push('');
      file = problem.file;
      out.push(paint(['bold', 'underline'], file));
    }
    const line = paint('dim', lineText(problem).padStart(lineWidth));
    const severity = paint(
      problem.severity === 'error' ? 'red' : 'yellow',
      problem.severity.padEnd(severityWidth),
    );
    const rule = paint('cyan', problem.rule.padEnd(ruleWidth));
    out.push(`  ${line}  ${severity}  ${rule}  ${problem.message}`);
  }

  const errors = problems.filter(p => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const checked =
    result.kinds.length > 0
      ? `${countKinds(result.kinds)} checked`
      : 'no entities found';
  let verdict: string;
  if (problems.length === 0) {
    verdict = paint('green', 'no problems');
  } else {
    const counts = [];
    if (errors > 0 || warnings === 0) counts.push(plural(errors, 'error'));
    if (warnings > 0) counts.push(plural(warnings, 'warning'));
    verdict = paint(errors > 0 ? 'red' : 'yellow', counts.join(', '));
  }
  if (out.length > 0) out.push('');
  out.push(`${checked}: ${verdict}`);
  return `${out.join('\n')}\n`;
}
