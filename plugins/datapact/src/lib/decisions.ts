import {
  AccessRequest,
  ApprovalStatus,
} from '@datapact/backstage-plugin-common';
import { plural } from './words';

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * How many stewardships have approved a request: the approvals the server
 * counted (`countsFor`), each stewardship once.
 */
export function approvalsOf(request: AccessRequest): number {
  return new Set(
    request.decisions
      .filter(d => d.decision === 'approve' && d.countsFor)
      .map(d => d.countsFor!.toLocaleLowerCase('en-US')),
  ).size;
}

/** What a pending request still waits for, from the server's approval status. */
function waitsFor(status: ApprovalStatus): string {
  const parts: string[] = [];
  if (status.stillNeeded > 0) {
    parts.push(
      `${plural(status.stillNeeded, 'more approval')} from another approver`,
    );
  }
  if (status.stillRequired.length > 0) {
    parts.push(
      `the approval of ${plural(
        status.stillRequired.length,
        'required stewardship',
      )}`,
    );
  }
  return parts.length
    ? `it needs ${parts.join(' and ')}`
    : 'it waits for the other approvers';
}

/**
 * Why the viewer cannot decide a request, in words, or undefined when they
 * may. For a pending request the server's approval status says whether the
 * viewer may decide (`viewer.canDecide`) and what is still needed; without
 * it, what the request itself records.
 */
export function whyNoDecision(
  request: AccessRequest,
  viewerRef: string,
  status?: ApprovalStatus,
): string | undefined {
  if (request.state !== 'pending') {
    return `Already ${request.state}: nothing left to decide.`;
  }
  if (same(request.requester, viewerRef)) {
    return 'Your own request: another approver must decide it (segregation of duties).';
  }
  const mine = request.decisions.find(d => same(d.approver, viewerRef));
  if (mine) {
    const verb = mine.decision === 'approve' ? 'approved' : 'denied';
    if (status) return `You ${verb} it; ${waitsFor(status)}.`;
    const missing = request.approvalsRequired - approvalsOf(request);
    return `You ${verb} it; ${
      missing > 0
        ? `it needs ${plural(missing, 'more approval')} from another approver`
        : 'it waits for the other approvers'
    }.`;
  }
  if (status && !status.viewer.canDecide) {
    return 'You do not decide this request.';
  }
  return undefined;
}
