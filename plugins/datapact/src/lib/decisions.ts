import { AccessRequest } from '@datapact/backstage-plugin-common';
import { plural } from './words';

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** How many approvals a request has. */
export function approvalsOf(request: AccessRequest): number {
  return request.decisions.filter(d => d.decision === 'approve').length;
}

/**
 * Why the viewer cannot decide a request, in words, or undefined when they
 * may (the server still has the last word: it also checks that they approve
 * for this dataset). The same reasons the server refuses with: the request is
 * no longer pending, it is the viewer's own (segregation of duties), or the
 * viewer has already approved it and it waits for another approver.
 */
export function whyNoDecision(
  request: AccessRequest,
  viewerRef: string,
): string | undefined {
  if (request.state !== 'pending') {
    return `Already ${request.state}: nothing left to decide.`;
  }
  if (same(request.requester, viewerRef)) {
    return 'Your own request: another approver must decide it (segregation of duties).';
  }
  const mine = request.decisions.find(d => same(d.approver, viewerRef));
  if (mine) {
    const missing = request.approvalsRequired - approvalsOf(request);
    return `You ${mine.decision === 'approve' ? 'approved' : 'denied'} it; ${
      missing > 0
        ? `it needs ${plural(missing, 'more approval')} from another approver`
        : 'it waits for the other approvers'
    }.`;
  }
  return undefined;
}
