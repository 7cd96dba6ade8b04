import { GovernanceWorld } from './world';
import { dataset, run } from './__testUtils__/builders';
import { lineageIntegrity } from './lineageIntegrity';

describe('lineage-integrity', () => {
  it('passes a DAG with diamonds', () => {
    expect(
      run(lineageIntegrity, [
        dataset('a'),
        dataset('b', { upstream: ['a'] }),
        dataset('c', { upstream: ['a'] }),
        dataset('d', { upstream: ['b', 'c'] }),
      ]).findings,
    ).toEqual([]);
  });

  it('fails an upstream that does not exist', () => {
    expect(
      run(lineageIntegrity, [dataset('d', { upstream: ['ghost'] })]).findings,
    ).toEqual([
      {
        rule: 'lineage-integrity',
        severity: 'error',
        entities: ['dataset:default/d', 'dataset:default/ghost'],
        message:
          '`d` derives from `ghost`, which does not exist; fix the reference or register that dataset.',
      },
    ]);
  });

  it('accepts upstreams known to exist but left out of the evaluation', () => {
    const findings = lineageIntegrity(
      new GovernanceWorld([dataset('d', { upstream: ['invalid-one'] })], {
        today: '2026-11-29',
        knownRefs: ['dataset:default/invalid-one'],
      }),
    );
    expect(findings).toEqual([]);
  });

  it('reports each cycle once, naming its members', () => {
    const { findings } = run(lineageIntegrity, [
      dataset('a', { upstream: ['c'] }),
      dataset('b', { upstream: ['a'] }),
      dataset('c', { upstream: ['b'] }),
      dataset('self', { upstream: ['self'] }),
    ]);
    expect(findings.map(f => f.entities)).toEqual([
      ['dataset:default/a', 'dataset:default/c', 'dataset:default/b'],
      ['dataset:default/self'],
    ]);
    expect(findings[0].message).toBe(
      'lineage forms a cycle: `a` derives from `c` derives from `b` derives from `a`; a dataset cannot derive from itself.',
    );
  });

  it('terminates on a chain of 20,000 datasets', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      dataset(
        `d${i}`,
        i === 0 ? { upstream: ['d19999'] } : { upstream: [`d${i - 1}`] },
      ),
    );
    const { findings } = run(lineageIntegrity, chain);
    expect(findings).toHaveLength(1);
    expect(findings[0].entities).toHaveLength(20_000);
  });

  it('warns about a deprecated upstream', () => {
    expect(
      run(lineageIntegrity, [
        dataset('old', { lifecycle: 'deprecated' }),
        dataset('d', { upstream: ['old'] }),
      ]).summary,
    ).toEqual(['warning dataset:default/d dataset:default/old']);
  });
});
