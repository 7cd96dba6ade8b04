/*
 * What a dataset lets its users do, as the licence-compatibility and
 * community-veto rules read it.
 */
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { licenseProfile, LicenseProfile } from './licenses';

/** A purpose is commercial when its name says so (`commercial-analytics`), unless it says `non-commercial`. */
export function isCommercialPurpose(purpose: string): boolean {
  const p = purpose.toLocaleLowerCase('en-US');
  return p.includes('commercial') && !/non-?commercial/.test(p);
}

export function profileOf(
  dataset: DatasetEntityV1alpha1,
): LicenseProfile | undefined {
  return dataset.spec.license
    ? licenseProfile(dataset.spec.license)
    : undefined;
}

/**
 * The ways a dataset permits commercial use: through its licence, or through
 * a commercial purpose among those access may be requested for.
 */
export function commercialUseGrantedBy(
  dataset: DatasetEntityV1alpha1,
): string[] {
  const reasons: string[] = [];
  const profile = profileOf(dataset);
  if (profile && !profile.nonCommercial) {
    reasons.push(`its licence ${profile.spdx} permits commercial use`);
  }
  const purposes = (dataset.spec.access?.allowedPurposes ?? []).filter(
    isCommercialPurpose,
  );
  if (purposes.length > 0) {
    reasons.push(
      `it may be requested for ${purposes.map(p => `\`${p}\``).join(', ')}`,
    );
  }
  return reasons;
}

/** Whether the dataset permits an action: granted by its licence terms or offered as a purpose. */
export function permitsAction(
  dataset: DatasetEntityV1alpha1,
  action: string,
): string[] {
  if (action === 'commercial-use') return commercialUseGrantedBy(dataset);
  const reasons: string[] = [];
  if (profileOf(dataset)?.permissions.includes(action)) {
    reasons.push(`its licence terms permit \`${action}\``);
  }
  if ((dataset.spec.access?.allowedPurposes ?? []).includes(action)) {
    reasons.push(`it may be requested for \`${action}\``);
  }
  return reasons;
}
