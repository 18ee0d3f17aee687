import { describe, expect, it } from 'vitest';
import { discover, isLoopbackHttp } from './sso.oidc.ts';

describe('plain-http issuers', () => {
  it.each([
    ['http://127.0.0.1:4400', true],
    ['http://localhost:8080/realms/dev', true],
    ['http://[::1]:9000', true],
    ['https://127.0.0.1', false],
    ['http://idp.example.com', false],
    ['http://127.0.0.1.example.com', false],
    ['not a url', false],
  ])('%s may use http: %s', (issuer, expected) => {
    expect(isLoopbackHttp(issuer)).toBe(expected);
  });

  it('refuses discovery over http anywhere else, before any request', async () => {
    await expect(
      discover({ issuer: 'http://idp.example.com', clientId: 'c', clientSecret: 's' }),
    ).rejects.toThrow(/HTTPS/i);
  });
});
