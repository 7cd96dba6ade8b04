import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  evaluateGovernance,
  GovernanceFinding,
} from '@datapact/backstage-plugin-common';
import { formatJson } from '../formatJson';
import { formatText } from '../formatText';
import { LoadedEntity, loadEntities } from '../loadEntities';
import { Problem, sortProblems } from '../problems';
import { validateEntities } from '../validateEntities';

/** The options of `datapact check`. */
export interface CheckOptions {
  /** Files and folders, as given on the command line. */
  paths: string[];
  format: 'text' | 'json';
  /** The day of the check, YYYY-MM-DD. */
  today: string;
  /** The sensitivity scale, lowest first, when not the default one. */
  sensitivityTiers?: string[];
  /** The folder paths are relative to, and files are shown relative to. */
  cwd: string;
  /** Whether the text output may use colours. */
  color: boolean;
}

function normalizeRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return ref;
  }
}

/** A finding is shown at the first of its entities that was read from a file. */
function toProblem(
  finding: GovernanceFinding,
  byRef: Map<string, LoadedEntity>,
  fallbackFile: string,
): Problem {
  const where = finding.entities
    .map(ref => byRef.get(normalizeRef(ref)))
    .find(loaded => loaded !== undefined);
  return {
    rule: finding.rule,
    severity: finding.severity,
    entities: finding.entities,
    file: where?.file ?? fallbackFile,
    ...(where ? { line: where.line } : {}),
    message: finding.message,
  };
}

/**
 * `datapact check`: reads the entities under the paths, validates them and
 * runs the governance rules of the common package over the valid ones,
 * then writes the problems. Returns the exit status: 1 when any problem is
 * an error, otherwise 0. Throws UnreadablePathError when a path cannot be
 * read.
 */
export async function check(
  options: CheckOptions,
  stdout: (text: string) => void,
): Promise<number> {
  const loaded = await loadEntities(options.paths, options.cwd);
  const { sensitivityTiers } = options;
  const validation = await validateEntities(loaded.entities, {
    sensitivityTiers,
  });

  // Invalid entities stay out of the rules, but references to them are not
  // reported as references to entities that do not exist.
  const evaluated = loaded.entities.filter(
    e => !validation.invalid.has(e) && !e.duplicateOf,
  );
  const knownRefs = new Set(
    loaded.entities.filter(e => validation.invalid.has(e)).map(e => e.ref),
  );
  const findings = evaluateGovernance(
    evaluated.map(e => e.entity),
    { today: options.today, knownRefs, sensitivityTiers },
  );

  const byRef = new Map(
    loaded.entities.filter(e => !e.duplicateOf).map(e => [e.ref, e]),
  );
  const problems = sortProblems([
    ...loaded.problems,
    ...validation.problems,
    ...findings.map(f => toProblem(f, byRef, options.paths[0])),
  ]);

  stdout(
    options.format === 'json'
      ? formatJson({ entityCount: loaded.entities.length, problems })
      : formatText(
          { kinds: loaded.entities.map(e => e.entity.kind), problems },
          { color: options.color },
        ),
  );
  return problems.some(p => p.severity === 'error') ? 1 : 0;
}
