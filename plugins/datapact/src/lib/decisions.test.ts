import {
  accessRequest,
  approvalStatus,
  REQUESTER,
} from '../__testUtils__/entities';
import { approvalsOf, whyNoDecision } from './decisions';

const ANA = 'user:default/ana.ruiz';

describe('whyNoDecision', () => {
  it('lets an approver decide a pending request of someone else', () => {
    expect(whyNoDecision(accessRequest(), ANA)).toBeUndefined();
  });

  it('refuses the requester: segregation of duties', () => {
    expect(whyNoDecision(accessRequest(), REQUESTER)).toBe(
      'Your own request: another approver must decide it (segregation of duties).',
    );
  });

  it('says a request that is no longer pending is already decided', () => {
    expect(whyNoDecision(accessRequest({ state: 'denied' }), ANA)).toBe(
      'Already denied: nothing left to decide.',
    );
  });

  it('asks for a second approver once the viewer has approved', () => {
    const request = accessRequest({
      decisions: [
        {
          approver: 'User:default/Ana.Ruiz',
          onBehalfOf: 'steward:default/ana-ruiz',
          countsFor: 'steward:default/ana-ruiz',
          decision: 'approve',
          decidedAt: '2026-11-21T10:00:00Z',
        },
      ],
    });
    expect(whyNoDecision(request, ANA)).toBe(
      'You approved it; it needs 1 more approval from another approver.',
    );
  });
});

describe('with the server’s approval status', () => {
  const approvedByAna = accessRequest({
    requiredStewardships: ['steward:default/community-council'],
    decisions: [
      {
        approver: ANA,
        onBehalfOf: 'steward:default/ana-ruiz',
        countsFor: 'steward:default/ana-ruiz',
        decision: 'approve',
        decidedAt: '2026-11-21T10:00:00Z',
      },
    ],
  });

  it('counts approvals by the stewardship they count for', () => {
    expect(approvalsOf(approvedByAna)).toBe(1);
    expect(
      approvalsOf(
        accessRequest({
          decisions: [
            ...approvedByAna.decisions,
            {
              approver: 'user:default/ben.okafor',
              onBehalfOf: 'steward:default/ana-ruiz',
              delegate: 'steward:default/ben-okafor',
              decision: 'approve',
              decidedAt: '2026-11-21T11:00:00Z',
            },
          ],
        }),
      ),
    ).toBe(1);
  });

  it('says what the request still waits for', () => {
    expect(
      whyNoDecision(
        approvedByAna,
        ANA,
        approvalStatus({
          stillNeeded: 0,
          stillRequired: ['steward:default/community-council'],
          viewer: { canDecide: false },
        }),
      ),
    ).toBe('You approved it; it needs the approval of 1 required stewardship.');
  });

  it('says when the server does not let the viewer decide', () => {
    expect(
      whyNoDecision(
        accessRequest(),
        'user:default/mei.tanaka',
        approvalStatus({ viewer: { canDecide: false } }),
      ),
    ).toBe('You do not decide this request.');
  });
});
