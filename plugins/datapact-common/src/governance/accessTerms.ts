import { Duration } from 'luxon';
import { AccessTerm } from '../api';
import { AgreementEntityV1alpha1 } from '../kinds/Agreement.v1alpha1';
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { communitySources } from './accessBasis';
import { coverageOf } from './coveredData';
import { licenseProfile } from './licenses';
import {
  communityLabelWords,
  licenseActionWords,
  onwardTransferWords,
  words,
} from './vocabulary';
import { GovernanceWorld } from './world';

/*
 * The terms that bind whoever is given a dataset, in plain words, as a
 * request shows them and its requester accepts them (DESIGN.md, "Agreement
 * terms as rules"): the duties and prohibitions of the dataset's licence,
 * the terms of the agreement the request names and of every agreement in
 * force whose covered data the dataset is, and the labels, vetoes and
 * consent of the communities whose rights reach it. The server hashes
 * exactly this list, so the order and the wording are part of the contract:
 * a change to either is a change of the terms. Set-like fields (purposes,
 * jurisdictions, duties, prohibitions, labels, vetoes) are worded sorted and
 * once each, so that reordering them in a catalog file changes nothing.
 */

function durationWords(iso: string): string {
  const duration = Duration.fromISO(iso);
  return duration.isValid
    ? `${duration.reconfigure({ locale: 'en' }).toHuman()} (${iso})`
    : iso;
}

/** A set written as a list: each once, in one order whatever the catalog's. */
function set(values: readonly string[] = []): string[] {
  return [...new Set(values)].sort();
}

function list(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

function licenseTerms(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): AccessTerm[] {
  const license = dataset.spec.license;
  if (!license) return [];
  const entity = world.refOf(dataset);
  const profile = licenseProfile(license);
  const term = (
    kind: AccessTerm['kind'],
    id: string,
    text: string,
  ): AccessTerm => ({ source: 'license', entity, kind, id, text });
  return [
    term(
      'term',
      'license',
      `The data is licensed under ${license.spdx}${
        license.url ? ` (${license.url})` : ''
      }.`,
    ),
    ...set(profile.duties).map(d =>
      term('duty', d, `You must ${licenseActionWords(d)}.`),
    ),
    ...(license.attribution
      ? [term('duty', 'attribution', `Credit it as: ${license.attribution}`)]
      : []),
    ...set(profile.prohibitions).map(p =>
      term('prohibition', p, `You may not ${licenseActionWords(p)}.`),
    ),
  ];
}

function commercializationWords(value: string): string {
  switch (value) {
    case 'none':
    case 'prohibited':
      return 'Do not commercialize derived works.';
    case 'with-revenue-share':
      return 'Commercialize derived works only with a revenue share for the provider.';
    case 'allowed':
      return 'Derived works may be commercialized.';
    default:
      return `Commercialization of derived works: ${words(value)}.`;
  }
}

function agreementTerms(
  world: GovernanceWorld,
  agreement: AgreementEntityV1alpha1,
): AccessTerm[] {
  const entity = world.refOf(agreement);
  const term = (id: string, text: string): AccessTerm => ({
    source: 'agreement',
    entity,
    kind: 'term',
    id,
    text,
  });
  const { purposes, terms = {} } = agreement.spec;
  const found: AccessTerm[] = [];
  if (purposes?.length) {
    found.push(
      term(
        'purposes',
        `Use the data only for ${list(set(purposes).map(words))}.`,
      ),
    );
  }
  if (terms.retention) {
    found.push(
      term(
        'retention',
        `Keep the data no longer than ${durationWords(terms.retention)}.`,
      ),
    );
  }
  if (terms.deidentificationRequired) {
    found.push(
      term(
        'deidentificationRequired',
        'De-identify the data before you use it: every dataset derived from it must be de-identified.',
      ),
    );
  }
  if (terms.onwardTransfer) {
    const text: Record<string, string> = {
      prohibited:
        'Do not pass the data, or data derived from it, to an organization that is not a party to the agreement.',
      'with-approval':
        'Pass the data, or data derived from it, to an organization that is not a party to the agreement only with the approval of a steward of the agreement.',
      allowed:
        'The data may be passed on to organizations that are not parties to the agreement.',
    };
    found.push(
      term(
        'onwardTransfer',
        text[terms.onwardTransfer] ??
          `Onward transfer: ${onwardTransferWords(terms.onwardTransfer)}.`,
      ),
    );
  }
  if (terms.jurisdictions?.length) {
    found.push(
      term(
        'jurisdictions',
        `Store and process the data, and data derived from it, only in ${list(
          set(terms.jurisdictions.map(j => j.toUpperCase())),
        )}.`,
      ),
    );
  }
  if (terms.breachNotificationHours !== undefined) {
    found.push(
      term(
        'breachNotificationHours',
        `Report a breach involving the data to the provider within ${terms.breachNotificationHours} hours.`,
      ),
    );
  }
  if (terms.derivedWorks?.owner) {
    found.push(
      term(
        'derivedWorks.owner',
        `Derived works are owned by: ${words(terms.derivedWorks.owner)}.`,
      ),
    );
  }
  if (terms.derivedWorks?.commercialization) {
    found.push(
      term(
        'derivedWorks.commercialization',
        commercializationWords(terms.derivedWorks.commercialization),
      ),
    );
  }
  return found;
}

function communityTerms(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): AccessTerm[] {
  const found: AccessTerm[] = [];
  const sources = [...communitySources(world, dataset)].sort((a, b) =>
    world.refOf(a).localeCompare(world.refOf(b)),
  );
  for (const source of sources) {
    const community = source.spec.community!;
    const entity = world.refOf(source);
    const term = (
      kind: AccessTerm['kind'],
      id: string,
      text: string,
    ): AccessTerm => ({ source: 'community', entity, kind, id, text });
    for (const label of set(community.labels)) {
      found.push(
        term(
          'label',
          label,
          `${communityLabelWords(label)}: a label of the ${
            community.name
          } community on this data.`,
        ),
      );
    }
    for (const action of set(community.vetoOn)) {
      found.push(
        term(
          'prohibition',
          `veto:${action}`,
          `The ${community.name} community vetoes ${words(
            action,
          )}: do not use the data for it.`,
        ),
      );
    }
    if (community.consent === 'required') {
      found.push(
        term(
          'term',
          'consent',
          `The ${community.name} community's steward must consent to this use.`,
        ),
      );
    }
  }
  return found;
}

/**
 * The agreements whose terms bind whoever is given `dataset`: the agreement
 * named (when it is one), then every agreement in force whose covered data
 * the dataset is, by ref.
 * @public
 */
export function bindingAgreements(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
  agreementRef?: string,
): AgreementEntityV1alpha1[] {
  const named = agreementRef ? world.entity(agreementRef) : undefined;
  const found: AgreementEntityV1alpha1[] =
    named && named.kind === 'Agreement'
      ? [named as AgreementEntityV1alpha1]
      : [];
  const covering = world.agreements
    .filter(
      a =>
        !found.includes(a) &&
        world.agreementStatus(a) === 'active' &&
        coverageOf(world, a).covered.has(dataset),
    )
    .sort((a, b) => world.refOf(a).localeCompare(world.refOf(b)));
  return [...found, ...covering];
}

/**
 * The terms that bind whoever is given `dataset` under `agreementRef`, in
 * the order a requester reads them: the licence, the agreements, the
 * communities.
 * @public
 */
export function accessTermsOf(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
  agreementRef?: string,
): AccessTerm[] {
  return [
    ...licenseTerms(world, dataset),
    ...bindingAgreements(world, dataset, agreementRef).flatMap(a =>
      agreementTerms(world, a),
    ),
    ...communityTerms(world, dataset),
  ];
}
