import {
  ApprovalPlan,
  Approver,
  deciderRefs,
  excludedStewardships,
  isDecider,
  isFullyApproved,
  missingApprovals,
  openStewardshipsOf,
  stewardshipOf,
  unreachable,
} from './approvers';

const approvers: Approver[] = [
  {
    steward: 'steward:default/ana-ruiz',
    holder: 'user:default/ana.ruiz',
    delegates: [
      {
        steward: 'steward:default/ben-okafor',
        holder: 'user:default/ben.okafor',
      },
    ],
  },
  {
    steward: 'steward:default/council',
    holder: 'group:default/council',
    delegates: [],
  },
  { steward: 'steward:default/gone', delegates: [] },
];

describe('stewardshipOf', () => {
  it('finds the steward a user holds', () => {
    expect(stewardshipOf(approvers, ['user:default/ana.ruiz'])).toEqual({
      onBehalfOf: 'steward:default/ana-ruiz',
    });
  });

  it('finds a steward held by one of the user’s groups', () => {
    expect(
      stewardshipOf(approvers, ['user:default/aroha', 'group:default/council']),
    ).toEqual({ onBehalfOf: 'steward:default/council' });
  });

  it('lets a delegate decide for the steward, saying so', () => {
    expect(stewardshipOf(approvers, ['user:default/ben.okafor'])).toEqual({
      onBehalfOf: 'steward:default/ana-ruiz',
      delegate: 'steward:default/ben-okafor',
    });
  });

  it('prefers holding a steward to standing in for one', () => {
    const both: Approver[] = [
      approvers[0],
      {
        steward: 'steward:default/ben-okafor',
        holder: 'user:default/ben.okafor',
        delegates: [],
      },
    ];
    expect(stewardshipOf(both, ['user:default/ben.okafor'])).toEqual({
      onBehalfOf: 'steward:default/ben-okafor',
    });
  });

  it('refuses everyone else', () => {
    expect(stewardshipOf(approvers, ['user:default/rahul.mehta'])).toBe(
      undefined,
    );
    expect(stewardshipOf([], ['user:default/ana.ruiz'])).toBe(undefined);
  });
});

const ana: Approver = {
  steward: 'steward:default/ana-ruiz',
  holder: 'user:default/ana.ruiz',
  delegates: [
    {
      steward: 'steward:default/ben-okafor',
      holder: 'user:default/ben.okafor',
    },
  ],
};
const ben: Approver = {
  steward: 'steward:default/ben-okafor',
  holder: 'user:default/ben.okafor',
  delegates: [
    { steward: 'steward:default/ana-ruiz', holder: 'user:default/ana.ruiz' },
  ],
};
const council: Approver = {
  steward: 'steward:default/council',
  holder: 'group:default/council',
  delegates: [],
};
const plan = (overrides: Partial<ApprovalPlan> = {}): ApprovalPlan => ({
  pool: [ana, ben],
  required: [],
  excluded: new Set(),
  approvalsRequired: 2,
  ...overrides,
});

describe('deciderRefs', () => {
  it('lists the holders of the stewardships and their delegates once, leaving out the excluded', () => {
    expect(deciderRefs(plan({ pool: [...approvers, approvers[0]] }))).toEqual([
      'user:default/ana.ruiz',
      'user:default/ben.okafor',
      'group:default/council',
    ]);
    expect(
      deciderRefs(
        plan({ pool: [ana, council], excluded: new Set([ana.steward]) }),
      ),
    ).toEqual(['group:default/council']);
  });
});

describe('excludedStewardships', () => {
  it('excludes what the requester holds and what they stand in for', () => {
    expect(
      excludedStewardships([ana, ben, council], ['user:default/ben.okafor']),
    ).toEqual([ana.steward, ben.steward]);
    expect(
      excludedStewardships(
        [ana, council],
        ['user:default/aroha', 'group:default/council'],
      ),
    ).toEqual([council.steward]);
  });
});

describe('openStewardshipsOf', () => {
  it('counts one stewardship once: a second member of a group-held stewardship has nothing left to approve for', () => {
    const p = plan({ pool: [council, ana] });
    expect(
      openStewardshipsOf(
        p,
        ['user:default/aroha', 'group:default/council'],
        new Set(),
      ),
    ).toEqual([{ onBehalfOf: council.steward }]);
    expect(
      openStewardshipsOf(
        p,
        ['user:default/wiremu', 'group:default/council'],
        new Set([council.steward]),
      ),
    ).toEqual([]);
  });

  it('prefers a required stewardship, then one held, then one stood in for', () => {
    const p = plan({ pool: [ana, ben], required: [council] });
    expect(openStewardshipsOf(p, ['user:default/ana.ruiz'], new Set())).toEqual(
      [
        { onBehalfOf: ana.steward },
        { onBehalfOf: ben.steward, delegate: ben.delegates[0].steward },
      ],
    );
    expect(
      openStewardshipsOf(
        p,
        ['user:default/ana.ruiz', 'group:default/council'],
        new Set(),
      )[0],
    ).toEqual({ onBehalfOf: council.steward });
  });

  it('never offers an excluded stewardship, and bars its delegates from the request', () => {
    const p = plan({ excluded: new Set([ana.steward]) });
    // Ben stands in for Ana's stewardship, the requester's own: barred.
    expect(
      openStewardshipsOf(p, ['user:default/ben.okafor'], new Set()),
    ).toEqual([]);
    expect(isDecider(p, ['user:default/ben.okafor'])).toBe(false);
    // Ben's own stewardship is left to Ana, its other delegate.
    expect(deciderRefs(p)).toEqual(['user:default/ana.ruiz']);
    expect(unreachable(p, 'user:default/ana.ruiz')).toMatch(/only 0 of its 2/);
  });
});

describe('isFullyApproved and missingApprovals', () => {
  it('needs approvalsRequired stewardships of the pool and every required one', () => {
    const p = plan({
      pool: [ana, ben],
      required: [council],
      approvalsRequired: 1,
    });
    expect(isFullyApproved(p, new Set([ana.steward]))).toBe(false);
    expect(missingApprovals(p, new Set([ana.steward]))).toEqual({
      stillNeeded: 0,
      stillRequired: [council.steward],
    });
    expect(isFullyApproved(p, new Set([ana.steward, council.steward]))).toBe(
      true,
    );
  });

  it('lets a stewardship that is both an approver and required count for both', () => {
    const p = plan({
      pool: [council],
      required: [council],
      approvalsRequired: 1,
    });
    expect(isFullyApproved(p, new Set([council.steward]))).toBe(true);
  });
});

describe('unreachable', () => {
  it('is undefined when distinct people can give every approval', () => {
    expect(unreachable(plan(), 'user:default/priya.raman')).toBeUndefined();
  });

  it('explains why a request by a steward of the dataset can never reach two stewardships', () => {
    const p = plan({
      excluded: new Set(
        excludedStewardships([ana, ben], ['user:default/ben.okafor']),
      ),
    });
    expect(unreachable(p, 'user:default/ben.okafor')).toMatch(
      /needs 2 approvals from distinct stewardships, but only 0 of its 2/,
    );
  });

  it('counts one person once even when they could decide for two stewardships', () => {
    const solo: Approver = {
      steward: 'steward:default/solo',
      holder: 'user:default/x',
      delegates: [],
    };
    const standIn: Approver = {
      steward: 'steward:default/stand-in',
      delegates: [
        { steward: 'steward:default/solo', holder: 'user:default/x' },
      ],
    };
    expect(
      unreachable(plan({ pool: [solo, standIn] }), 'user:default/r'),
    ).toMatch(/only 1 of its 2/);
  });

  it('requires every required stewardship to have a decider', () => {
    expect(
      unreachable(
        plan({ required: [council], excluded: new Set([council.steward]) }),
        'user:default/aroha',
      ),
    ).toMatch(
      /steward:default\/council must approve it, but the requester holds it/,
    );
  });
});
