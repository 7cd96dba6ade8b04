import { NotAllowedError } from '@backstage/errors';
import { AccessRefusal } from '@datapact/backstage-plugin-common';

/**
 * A 403 that says which rule refuses access: Backstage's error JSON carries
 * `rule` and `entities` beside `message` (`error.rule` in the body).
 */
export class AccessRefusedError extends NotAllowedError {
  readonly rule: string;
  readonly entities: string[];

  constructor(refusals: AccessRefusal[]) {
    super(refusals.map(r => r.message).join(' '));
    this.rule = refusals[0]?.rule ?? 'access';
    this.entities = [...new Set(refusals.flatMap(r => r.entities))];
  }
}
