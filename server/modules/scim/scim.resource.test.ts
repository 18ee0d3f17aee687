import { describe, expect, it } from 'vitest';
import { ENTERPRISE_SCHEMA, ScimError, applyPatch, parseUser, toActive } from './scim.resource.ts';

const base = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'p1',
  userName: 'ada@example.test',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.test', type: 'work', primary: true }],
  active: true,
  [ENTERPRISE_SCHEMA]: { employeeNumber: '7' },
});

const patch = (Operations: unknown[]) =>
  applyPatch(base(), { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

const scimTypeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ScimError ? error.scimType : 'not a ScimError';
  }
  return 'no error';
};

describe('toActive', () => {
  it.each([
    [true, true],
    [false, false],
    ['True', true],
    ['FALSE', false],
    [' false ', false],
    [undefined, undefined],
  ])('reads %j as %j', (input, expected) => {
    expect(toActive(input)).toBe(expected);
  });

  it.each(['yes', 0, 1, 'on'])('refuses %j as invalidValue', (input) => {
    expect(scimTypeOf(() => toActive(input))).toBe('invalidValue');
  });
});

describe('applyPatch', () => {
  it('treats attribute names and ops case-insensitively', () => {
    const result = patch([{ op: 'REPLACE', path: 'NAME.GIVENNAME', value: 'Augusta' }]);
    expect(result.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' });
  });

  it('does not change its input', () => {
    const input = base();
    applyPatch(input, { Operations: [{ op: 'replace', path: 'userName', value: 'x@y.z' }] });
    expect(input.userName).toBe('ada@example.test');
  });

  it('replaces the extension object path-less, merging its attributes', () => {
    const result = patch([
      { op: 'replace', value: { [ENTERPRISE_SCHEMA]: { department: 'R&D' } } },
    ]);
    expect(result[ENTERPRISE_SCHEMA]).toEqual({ employeeNumber: '7', department: 'R&D' });
  });

  it('turns a bare manager string into {value} when manager.value is patched', () => {
    const withManager = applyPatch(
      { ...base(), [ENTERPRISE_SCHEMA]: { manager: 'm1' } },
      { Operations: [{ op: 'replace', path: `${ENTERPRISE_SCHEMA}:manager.value`, value: 'm2' }] },
    );
    expect(withManager[ENTERPRISE_SCHEMA]).toEqual({ manager: { value: 'm2' } });
  });

  it('removes matching elements of a multi-valued attribute', () => {
    const result = patch([{ op: 'remove', path: 'emails[type eq "WORK"]' }]);
    expect(result.emails).toEqual([]);
  });

  it('adds to a multi-valued attribute without duplicating values', () => {
    const result = patch([
      {
        op: 'add',
        path: 'emails',
        value: [{ value: 'ADA@example.test' }, { value: 'ada@home.test', type: 'home' }],
      },
    ]);
    expect(result.emails).toHaveLength(2);
  });

  it('refuses to change id, and unknown filter operators in value paths', () => {
    expect(scimTypeOf(() => patch([{ op: 'replace', path: 'id', value: 'x' }]))).toBe('mutability');
    expect(
      scimTypeOf(() => patch([{ op: 'replace', path: 'emails[value gt "a"].type', value: 'x' }])),
    ).toBe('invalidFilter');
    expect(scimTypeOf(() => patch([{ op: 'replace', path: 'emails[type eq', value: 'x' }]))).toBe(
      'invalidPath',
    );
  });
});

describe('parseUser', () => {
  it('reads the manager in every shape', () => {
    const user = (manager: unknown) =>
      parseUser({ ...base(), [ENTERPRISE_SCHEMA]: { manager } }).manager;
    expect(user('m1')).toEqual({ kind: 'set', ref: 'm1' });
    expect(user({ value: 'm1' })).toEqual({ kind: 'set', ref: 'm1' });
    expect(user('')).toEqual({ kind: 'clear' });
    expect(user(null)).toEqual({ kind: 'clear' });
    expect(user({ value: null })).toEqual({ kind: 'clear' });
    expect(parseUser(base()).manager).toEqual({ kind: 'unchanged' });
  });

  it('takes the primary email, then the work one, then userName', () => {
    expect(
      parseUser({
        ...base(),
        emails: [
          { value: 'a@home.test', type: 'home' },
          { value: 'A@Work.test', type: 'work' },
        ],
      }).email,
    ).toBe('a@work.test');
    expect(parseUser({ userName: 'solo@example.test' }).email).toBe('solo@example.test');
    expect(scimTypeOf(() => parseUser({ userName: 'not-an-email' }))).toBe('invalidValue');
    expect(scimTypeOf(() => parseUser({ emails: [] }))).toBe('invalidValue');
  });

  it('names the person from displayName, then name parts, then userName', () => {
    expect(parseUser(base()).displayName).toBe('Ada Lovelace');
    expect(parseUser({ ...base(), displayName: 'The Countess' }).displayName).toBe('The Countess');
    expect(parseUser({ userName: 'solo@example.test' }).displayName).toBe('solo@example.test');
  });
});
