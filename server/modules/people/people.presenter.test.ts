import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, presentPersonSummary } from './people.presenter.ts';

describe('cursor', () => {
  it('round-trips a name and an id, whatever characters the name has', () => {
    for (const after of [
      { name: 'Ada Lovelace', id: '7b0a3c1e-0000-4000-8000-000000000001' },
      { name: 'Zoë "Z" O\'Brien, Jr. — ✓', id: 'x' },
      { name: '', id: '' },
    ]) {
      const cursor = encodeCursor(after);
      expect(cursor).toMatch(/^[\w-]+$/);
      expect(decodeCursor(cursor)).toEqual(after);
    }
  });

  it.each([
    ['not base64 json', 'not-a-cursor!'],
    ['a JSON object', Buffer.from('{"name":"a","id":"b"}').toString('base64url')],
    ['a one-element array', Buffer.from('["a"]').toString('base64url')],
    ['numbers', Buffer.from('[1,2]').toString('base64url')],
    ['three elements', Buffer.from('["a","b","c"]').toString('base64url')],
    ['empty', ''],
  ])('rejects %s', (_label, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('presentPersonSummary', () => {
  const row = {
    id: 'p1',
    name: 'Sam',
    email: 'sam@example.test',
    title: 'Engineer',
    team: 'Platform',
    isActive: true,
    managerId: 'm1',
    managerName: 'Morgan',
    reportCount: 2,
  };

  it('shows the manager as a reference', () => {
    expect(presentPersonSummary(row)).toEqual({
      id: 'p1',
      name: 'Sam',
      email: 'sam@example.test',
      title: 'Engineer',
      team: 'Platform',
      isActive: true,
      manager: { id: 'm1', name: 'Morgan' },
      reportCount: 2,
    });
  });

  it('shows no manager for someone at the top', () => {
    expect(presentPersonSummary({ ...row, managerId: null, managerName: null }).manager).toBeNull();
  });
});
