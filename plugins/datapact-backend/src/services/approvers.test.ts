import { Approver, deciderRefs, stewardshipOf } from './approvers';

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

describe('deciderRefs', () => {
  it('lists the holders of approvers and delegates once', () => {
    expect(deciderRefs([...approvers, approvers[0]])).toEqual([
      'user:default/ana.ruiz',
      'user:default/ben.okafor',
      'group:default/council',
    ]);
  });
});
