import { AccessTerm } from '@datapact/backstage-plugin-common';
import { createHash } from 'node:crypto';

/**
 * The digest a request carries as `acceptedTerms`: hex SHA-256 of the
 * dataset, the agreement and the terms as the server words them (JSON, in
 * the order `accessTermsOf` lists them). Any change of wording, order,
 * dataset or agreement gives another digest.
 */
export function termsDigest(
  dataset: string,
  agreement: string | undefined,
  terms: AccessTerm[],
): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        dataset,
        agreement: agreement ?? null,
        terms: terms.map(t => [t.source, t.entity, t.kind, t.id, t.text]),
      }),
    )
    .digest('hex');
}
