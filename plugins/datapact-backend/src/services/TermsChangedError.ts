import { ConflictError } from '@backstage/errors';

/**
 * A 409 for a request whose `acceptedTerms` are not the terms that bind it
 * now; Backstage's error JSON carries `rule: accepted-terms` beside the
 * message (`error.rule` in the body), so that a client tells it from the
 * other conflicts (a pending request already there) and reads the terms again.
 */
export class TermsChangedError extends ConflictError {
  readonly rule = 'accepted-terms';
}
