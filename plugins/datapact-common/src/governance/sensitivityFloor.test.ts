import { dataset, run } from './__testUtils__/builders';
import { sensitivityFloor } from './sensitivityFloor';

describe('sensitivity-floor', () => {
  it('passes when a derived dataset sits at or above every upstream tier', () => {
    const { findings } = run(sensitivityFloor, [
      dataset('raw', { tier: 'confidential' }),
      dataset('other', { tier: 'internal' }),
      dataset('same', { tier: 'confidential', upstream: ['raw', 'other'] }),
      dataset('higher', { tier: 'restricted', upstream: ['raw'] }),
    ]);
    expect(findings).toEqual([]);
  });

  it('fails a derived dataset below its highest upstream, naming both and the tiers', () => {
    const { findings } = run(sensitivityFloor, [
      dataset('visits-raw', { tier: 'restricted' }),
      dataset('reference', { tier: 'public' }),
      dataset('uni-outcomes', {
        tier: 'internal',
        upstream: ['visits-raw', 'reference'],
      }),
    ]);
    expect(findings).toEqual([
      {
        rule: 'sensitivity-floor',
        severity: 'error',
        entities: [
          'dataset:default/uni-outcomes',
          'dataset:default/visits-raw',
        ],
        message:
          '`uni-outcomes` is `internal` but derives from `visits-raw`, which is `restricted`; declare a de-identification method or raise its tier to `restricted`.',
      },
    ]);
  });

  it('names every upstream above the tier and asks for the highest', () => {
    const { findings } = run(sensitivityFloor, [
      dataset('a', { tier: 'confidential' }),
      dataset('b', { tier: 'restricted' }),
      dataset('d', { tier: 'public', upstream: ['a', 'b'] }),
    ]);
    expect(findings[0].entities).toEqual([
      'dataset:default/d',
      'dataset:default/a',
      'dataset:default/b',
    ]);
    expect(findings[0].message).toContain('raise its tier to `restricted`');
  });

  it('lets a de-identified dataset sit below its upstreams', () => {
    const { findings } = run(sensitivityFloor, [
      dataset('raw', { tier: 'restricted' }),
      dataset('agg', { tier: 'public', upstream: ['raw'], deidentified: true }),
    ]);
    expect(findings).toEqual([]);
  });

  it('reports the breach where it happens along a chain, once', () => {
    const { summary } = run(sensitivityFloor, [
      dataset('raw', { tier: 'restricted' }),
      dataset('clean', { tier: 'restricted', upstream: ['raw'] }),
      dataset('extract', { tier: 'internal', upstream: ['clean'] }),
      dataset('report', { tier: 'internal', upstream: ['extract'] }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/extract dataset:default/clean',
    ]);
  });

  it('ignores upstreams that are not in the catalog (lineage-integrity reports them)', () => {
    expect(
      run(sensitivityFloor, [dataset('d', { upstream: ['missing'] })]).findings,
    ).toEqual([]);
  });
});
