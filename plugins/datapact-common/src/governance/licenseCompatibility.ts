import { GovernanceFinding } from './types';
import { permitsOpenRelicensing } from './licenses';
import { finding, GovernanceRule } from './rule';
import { commercialUseGrantedBy, profileOf } from './usage';

/**
 * Rule 2: a derived dataset honours every upstream licence. Checked on each
 * lineage edge; as every edge must hold, obligations carry down the chain.
 * A dataset without a licence grants nothing to others and is not checked as
 * a downstream; an upstream without a licence imposes nothing known.
 */
export const licenseCompatibility: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const dataset of world.datasets) {
    const downstream = profileOf(dataset);
    if (!downstream) continue;
    const self = world.refOf(dataset);
    const me = world.label(self);
    for (const ref of world.upstreamRefs(dataset)) {
      const upstreamDataset = world.dataset(ref);
      const upstream = upstreamDataset && profileOf(upstreamDataset);
      if (!upstream) continue;
      const them = `${world.label(ref)} (${upstream.spdx})`;
      const report = (message: string) =>
        findings.push(
          finding('license-compatibility', 'error', [self, ref], message),
        );

      if (upstream.noDerivatives) {
        report(
          upstream.custom
            ? `${me} derives from ${them}, whose terms do not permit \`derive\`; ask its provider for a licence that permits derivatives.`
            : `${me} derives from ${them}, a no-derivatives licence; it may be used but not adapted.`,
        );
        continue;
      }
      if (upstream.nonCommercial) {
        const granted = commercialUseGrantedBy(dataset);
        if (granted.length > 0) {
          report(
            `${me} derives from ${them}, which forbids commercial use, but ${granted.join(
              ' and ',
            )}; license it under a non-commercial licence and drop commercial purposes.`,
          );
        }
      }
      if (
        upstream.shareAlike &&
        downstream.shareAlike !== upstream.shareAlike
      ) {
        report(
          `${me} is licensed ${downstream.spdx} but derives from ${them}, a share-alike licence; license it under the same licence family (${upstream.shareAlike}).`,
        );
      }
      const carriesAttribution =
        downstream.attribution || Boolean(dataset.spec.license?.attribution);
      if (upstream.attribution && !carriesAttribution) {
        report(
          `${me} is licensed ${downstream.spdx}, which drops the attribution that ${them} requires; use a licence with attribution or declare \`license.attribution\`.`,
        );
      }
      if (downstream.open && !permitsOpenRelicensing(upstream)) {
        report(
          `${me} is under the open licence ${downstream.spdx} but derives from ${them}, a custom licence whose terms do not permit \`relicense\`; keep it under the provider's terms.`,
        );
      }
    }
  }
  return findings;
};
