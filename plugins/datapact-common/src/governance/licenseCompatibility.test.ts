import { dataset, run } from './__testUtils__/builders';
import { licenseCompatibility } from './licenseCompatibility';

const pair = (upstream: object, downstream: object) =>
  run(licenseCompatibility, [
    dataset('up', upstream),
    dataset('down', { upstream: ['up'], ...downstream }),
  ]).findings;

describe('license-compatibility', () => {
  // The Creative Commons adapter's licence chart, row by row.
  it.each([
    ['CC-BY-4.0', 'CC-BY-4.0'],
    ['CC-BY-4.0', 'CC-BY-SA-4.0'],
    ['CC-BY-4.0', 'CC-BY-NC-4.0'],
    ['CC-BY-4.0', 'CC-BY-NC-SA-4.0'],
    ['CC-BY-SA-4.0', 'CC-BY-SA-4.0'],
    ['CC-BY-SA-3.0', 'CC-BY-SA-4.0'],
    ['CC-BY-NC-4.0', 'CC-BY-NC-4.0'],
    ['CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0'],
    ['CC-BY-NC-SA-4.0', 'CC-BY-NC-SA-4.0'],
    ['CC0-1.0', 'CC-BY-4.0'],
    ['CC0-1.0', 'CC0-1.0'],
    ['PDDL-1.0', 'LicenseRef-Internal'],
    ['ODbL-1.0', 'ODbL-1.0'],
    ['ODC-By-1.0', 'CC-BY-4.0'],
    ['CDLA-Sharing-1.0', 'CDLA-Sharing-1.0'],
    ['CDLA-Permissive-2.0', 'CC-BY-4.0'],
    ['OGL-UK-3.0', 'CC-BY-4.0'],
    ['CC-BY-2.5', 'CC-BY-NC-3.0'],
  ])('lets %s data be adapted under %s', (up, down) => {
    expect(pair({ license: up }, { license: down })).toEqual([]);
  });

  it.each([
    ['CC-BY-ND-4.0', 'CC-BY-ND-4.0', 'a no-derivatives licence'],
    ['CC-BY-NC-ND-3.0', 'CC-BY-NC-ND-3.0', 'a no-derivatives licence'],
    ['CC-BY-NC-4.0', 'CC-BY-4.0', 'which forbids commercial use'],
    ['CC-BY-NC-SA-4.0', 'CC-BY-SA-4.0', 'which forbids commercial use'],
    [
      'CC-BY-SA-4.0',
      'CC-BY-4.0',
      'a share-alike licence; license it under the same licence family (CC-BY-SA)',
    ],
    ['CC-BY-NC-SA-4.0', 'CC-BY-NC-4.0', 'same licence family (CC-BY-NC-SA)'],
    ['ODbL-1.0', 'CC-BY-4.0', 'same licence family (ODbL)'],
    [
      'CDLA-Sharing-1.0',
      'CDLA-Permissive-2.0',
      'same licence family (CDLA-Sharing)',
    ],
    ['CC-BY-4.0', 'CC0-1.0', 'drops the attribution'],
    ['ODC-By-1.0', 'PDDL-1.0', 'drops the attribution'],
    ['LicenseRef-Partner', 'CC-BY-4.0', 'whose terms do not permit `derive`'],
  ])('refuses %s data adapted under %s', (up, down, reason) => {
    const findings = pair({ license: up }, { license: down });
    expect(findings.map(f => f.entities)).toContainEqual([
      'dataset:default/down',
      'dataset:default/up',
    ]);
    expect(findings.map(f => f.message).join(' ')).toContain(reason);
    expect(
      findings.every(
        f => f.rule === 'license-compatibility' && f.severity === 'error',
      ),
    ).toBe(true);
  });

  it('treats a commercial purpose as commercial use of non-commercial data', () => {
    const findings = pair(
      { license: 'CC-BY-NC-4.0' },
      {
        license: 'CC-BY-NC-4.0',
        purposes: ['research', 'commercial-analytics'],
      },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(
      'it may be requested for `commercial-analytics`',
    );
    expect(
      pair(
        { license: 'CC-BY-NC-4.0' },
        { license: 'CC-BY-NC-4.0', purposes: ['non-commercial-research'] },
      ),
    ).toEqual([]);
  });

  it('keeps attribution when the downstream declares an attribution statement', () => {
    expect(
      pair(
        { license: 'CC-BY-4.0' },
        { license: 'CC0-1.0', attribution: 'Data: St Mary' },
      ),
    ).toEqual([]);
  });

  it('judges a LicenseRef licence by its terms: derive, commercial use and relicensing', () => {
    const research = {
      permissions: ['use', 'derive'],
      prohibitions: ['commercial-use'],
      duties: ['attribute'],
    };
    expect(
      pair(
        { license: 'LicenseRef-Hospital', terms: research },
        { license: 'LicenseRef-Hospital', terms: research },
      ),
    ).toEqual([]);
    const open = pair(
      { license: 'LicenseRef-Hospital', terms: research },
      { license: 'CC-BY-NC-4.0' },
    );
    expect(open.map(f => f.message).join(' ')).toContain(
      'a custom licence whose terms do not permit `relicense`',
    );
    const relicense = {
      ...research,
      permissions: ['use', 'derive', 'relicense'],
    };
    expect(
      pair(
        { license: 'LicenseRef-Hospital', terms: relicense },
        { license: 'CC-BY-NC-4.0' },
      ),
    ).toEqual([]);
    expect(
      pair(
        { license: 'LicenseRef-Hospital', terms: relicense },
        { license: 'CC-BY-4.0' },
      )[0].message,
    ).toContain('which forbids commercial use');
  });

  it('adds terms to what the SPDX id implies', () => {
    expect(
      pair(
        { license: 'CC-BY-4.0', terms: { prohibitions: ['derive'] } },
        { license: 'CC-BY-4.0' },
      )[0].message,
    ).toContain('a no-derivatives licence');
    expect(
      pair(
        { license: 'CC-BY-4.0', terms: { prohibitions: ['commercial-use'] } },
        { license: 'CC-BY-4.0' },
      )[0].message,
    ).toContain('which forbids commercial use');
  });

  it('checks every upstream of a dataset with several', () => {
    const { summary } = run(licenseCompatibility, [
      dataset('nc', { license: 'CC-BY-NC-4.0' }),
      dataset('sa', { license: 'CC-BY-SA-4.0' }),
      dataset('pd', { license: 'CC0-1.0' }),
      dataset('mix', { license: 'CC-BY-4.0', upstream: ['nc', 'sa', 'pd'] }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/mix dataset:default/nc',
      'error dataset:default/mix dataset:default/sa',
    ]);
  });

  it('does not judge datasets without a licence', () => {
    expect(pair({ license: 'CC-BY-NC-4.0' }, {})).toEqual([]);
    expect(pair({}, { license: 'CC0-1.0' })).toEqual([]);
  });
});
