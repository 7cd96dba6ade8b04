import { userEntity } from './__testUtils__/entities';
import { RoleMapping } from './roleMapping';

describe('RoleMapping', () => {
  it('maps a user to its entity name by default', () => {
    expect(
      new RoleMapping().roleOf(
        'user:default/tomas.novak',
        userEntity('tomas.novak'),
      ),
    ).toBe('tomas.novak');
  });

  it('prefers the role annotation of the User', () => {
    const user = userEntity('tomas.novak', {
      'datapact.io/postgres-role': 'analyst_tnovak',
    });
    expect(
      new RoleMapping('dp_{{ name }}').roleOf('user:default/tomas.novak', user),
    ).toBe('analyst_tnovak');
  });

  it('fills the template with the name and namespace, from the ref when the catalog no longer has the user', () => {
    const mapping = new RoleMapping('{{namespace}}_{{ name }}');
    expect(mapping.roleOf('user:partners/ana')).toBe('partners_ana');
    expect(mapping.roleOf('ana')).toBe('default_ana');
  });

  it('refuses a template with unknown variables', () => {
    expect(() => new RoleMapping('{{ email }}')).toThrow(
      'datapact.postgresGrants.roleTemplate uses {{ email }}; it may use {{ name }} and {{ namespace }}',
    );
  });
});
