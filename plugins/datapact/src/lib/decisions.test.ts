import { accessRequest, REQUESTER } from '../__testUtils__/entities';
import { whyNoDecision } from './decisions';

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
