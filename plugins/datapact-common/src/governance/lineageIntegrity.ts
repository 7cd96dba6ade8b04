import { GovernanceFinding } from './types';
import { finding, GovernanceRule } from './rule';

/**
 * Rule 8: no cycles and no upstream reference to a dataset that does not
 * exist; deriving from a deprecated dataset is a warning.
 */
export const lineageIntegrity: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const dataset of world.datasets) {
    const self = world.refOf(dataset);
    for (const ref of world.upstreamRefs(dataset)) {
      if (!world.exists(ref)) {
        findings.push(
          finding(
            'lineage-integrity',
            'error',
            [self, ref],
            `${world.label(self)} derives from ${world.label(
              ref,
            )}, which does not exist; fix the reference or register that dataset.`,
          ),
        );
      } else if (world.dataset(ref)?.spec.lifecycle === 'deprecated') {
        findings.push(
          finding(
            'lineage-integrity',
            'warning',
            [self, ref],
            `${world.label(self)} derives from ${world.label(
              ref,
            )}, which is deprecated; move to its successor before it is withdrawn.`,
          ),
        );
      }
    }
  }

  // Cycles: an iterative depth-first search (lineage can be thousands deep),
  // each cycle reported once.
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  for (const start of world.datasets) {
    const startRef = world.refOf(start);
    if (state.has(startRef)) continue;
    const path: string[] = [startRef];
    const next: string[][] = [
      world.upstreamRefs(start).filter(u => world.dataset(u)),
    ];
    state.set(startRef, 'visiting');
    while (path.length > 0) {
      const up = next[next.length - 1].shift();
      if (up === undefined) {
        state.set(path.pop()!, 'done');
        next.pop();
        continue;
      }
      const upRef = world.refOf(world.dataset(up)!);
      if (state.get(upRef) === 'visiting') {
        const cycle = path.slice(path.indexOf(upRef));
        const id = [...cycle].sort().join(' ');
        if (!reported.has(id)) {
          reported.add(id);
          findings.push(
            finding(
              'lineage-integrity',
              'error',
              cycle,
              `lineage forms a cycle: ${[...cycle, upRef]
                .map(r => world.label(r))
                .join(' derives from ')}; a dataset cannot derive from itself.`,
            ),
          );
        }
      } else if (!state.has(upRef)) {
        state.set(upRef, 'visiting');
        path.push(upRef);
        next.push(
          world
            .upstreamRefs(world.dataset(upRef)!)
            .filter(u => world.dataset(u)),
        );
      }
    }
  }
  return findings;
};
