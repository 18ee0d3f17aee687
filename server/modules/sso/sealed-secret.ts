import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const key = (secretKey: string) =>
  createHmac('sha256', secretKey).update('trajectory:sso-client-secret').digest();

/** Encrypts a stored secret (AES-256-GCM) with a key derived from the server's secret key. */
export function sealSecret(secretKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secretKey), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The plain secret, or null when it was sealed with another key or tampered with. */
export function openSecret(secretKey: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key(secretKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
