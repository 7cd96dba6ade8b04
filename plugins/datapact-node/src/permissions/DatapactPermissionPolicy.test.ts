import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  accessRequestCancelPermission,
  accessRequestCreatePermission,
  accessRequestDecidePermission,
  accessRequestReadPermission,
  auditReadPermission,
  grantRevokePermission,
} from '@datapact/backstage-plugin-common';
import { DatapactPermissionPolicy } from './DatapactPermissionPolicy';
import { AccessRequestResource } from './resource';
import { accessRequestRules } from './rules';

const policy = new DatapactPermissionPolicy();
const user = (ref: string, groups: string[] = []) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
});
const ruleset = {
  getRuleByName: (name: string) =>
    Object.values(accessRequestRules).find(r => r.name === name)! as any,
};
const appliesTo = createConditionAuthorizer<AccessRequestResource>(ruleset);

const request: AccessRequestResource = {
  id: 'r1',
  dataset: 'dataset:default/clinic-visits-2024',
  requester: 'user:default/priya.raman',
  tier: 'restricted',
  deciders: ['user:default/ana.ruiz', 'group:default/council'],
};

async function allows(permission: any, who: ReturnType<typeof user>) {
  const decision = await policy.handle({ permission }, who);
  return decision.result === AuthorizeResult.CONDITIONAL
    ? appliesTo(decision, request)
    : decision.result === AuthorizeResult.ALLOW;
}

describe('DatapactPermissionPolicy', () => {
  const priya = user('user:default/priya.raman');
  const ana = user('user:default/ana.ruiz');
  const aroha = user('user:default/aroha', ['group:default/council']);
  const rahul = user('user:default/rahul.mehta');

  it('lets anyone signed in request', async () => {
    for (const who of [priya, rahul]) {
      expect(await allows(accessRequestCreatePermission, who)).toBe(true);
    }
  });

  it('lets the requester and the deciders read a request’s audit entries, and members of an auditors group all of them', async () => {
    const sofia = user('user:default/sofia.lindqvist', ['group:default/legal']);
    expect(await allows(auditReadPermission, priya)).toBe(true);
    expect(await allows(auditReadPermission, ana)).toBe(true);
    expect(await allows(auditReadPermission, aroha)).toBe(true);
    expect(await allows(auditReadPermission, rahul)).toBe(false);
    expect(await allows(auditReadPermission, sofia)).toBe(false);

    const withAuditors = DatapactPermissionPolicy.fromConfig(
      new ConfigReader({
        datapact: { audit: { auditors: ['Group:default/Legal'] } },
      }),
    );
    expect(
      await withAuditors.handle({ permission: auditReadPermission }, sofia),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    // Only for the audit log: an auditor reads no request they could not before.
    expect(
      (
        await withAuditors.handle(
          { permission: accessRequestReadPermission },
          sofia,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
    expect(
      (await withAuditors.handle({ permission: auditReadPermission }, rahul))
        .result,
    ).toBe(AuthorizeResult.CONDITIONAL);
    // A bare name is a Group.
    expect(
      await new DatapactPermissionPolicy({ auditors: ['legal'] }).handle(
        { permission: auditReadPermission },
        sofia,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('still reads the deprecated datapact.auditors, with a warning, and refuses both keys', async () => {
    const sofia = user('user:default/sofia.lindqvist', ['group:default/legal']);
    const logger = mockServices.logger.mock();
    const old = DatapactPermissionPolicy.fromConfig(
      new ConfigReader({ datapact: { auditors: ['group:default/legal'] } }),
      { logger },
    );
    expect(
      await old.handle({ permission: auditReadPermission }, sofia),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'datapact.auditors is deprecated: rename it to datapact.audit.auditors',
    );

    const quiet = mockServices.logger.mock();
    DatapactPermissionPolicy.fromConfig(
      new ConfigReader({
        datapact: { audit: { auditors: ['group:default/legal'] } },
      }),
      { logger: quiet },
    );
    expect(quiet.warn).not.toHaveBeenCalled();

    expect(() =>
      DatapactPermissionPolicy.fromConfig(
        new ConfigReader({
          datapact: {
            auditors: ['group:default/legal'],
            audit: { auditors: ['group:default/legal'] },
          },
        }),
      ),
    ).toThrow(
      'Both datapact.audit.auditors and its deprecated name datapact.auditors are set: remove datapact.auditors',
    );
  });

  it('lets the requester and the deciders read, and nobody else', async () => {
    expect(await allows(accessRequestReadPermission, priya)).toBe(true);
    expect(await allows(accessRequestReadPermission, ana)).toBe(true);
    expect(await allows(accessRequestReadPermission, aroha)).toBe(true);
    expect(await allows(accessRequestReadPermission, rahul)).toBe(false);
  });

  it('lets deciders decide and revoke, and the requester cancel', async () => {
    for (const permission of [
      accessRequestDecidePermission,
      grantRevokePermission,
    ]) {
      expect(await allows(permission, ana)).toBe(true);
      expect(await allows(permission, aroha)).toBe(true);
      expect(await allows(permission, priya)).toBe(false);
      expect(await allows(permission, rahul)).toBe(false);
    }
    expect(await allows(accessRequestCancelPermission, priya)).toBe(true);
    expect(await allows(accessRequestCancelPermission, ana)).toBe(false);
  });

  it('denies permissions that are not Datapact’s', async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: {},
    });
    expect(await allows(other, priya)).toBe(false);
  });
});

describe('the access-request rules', () => {
  it('translate to the same filters they apply', () => {
    const { isRequester, isApprover, hasTier } = accessRequestRules;
    expect(
      isRequester.toQuery({ claims: ['User:default/Priya.Raman'] }),
    ).toEqual({
      key: 'requester',
      values: ['user:default/priya.raman'],
    });
    expect(
      isRequester.apply(request, { claims: ['User:default/Priya.Raman'] }),
    ).toBe(true);
    expect(isApprover.toQuery({ claims: ['group:default/council'] })).toEqual({
      key: 'decider',
      values: ['group:default/council'],
    });
    expect(hasTier.apply(request, { tiers: ['public', 'internal'] })).toBe(
      false,
    );
    expect(hasTier.toQuery({ tiers: ['restricted'] })).toEqual({
      key: 'tier',
      values: ['restricted'],
    });
  });
});
