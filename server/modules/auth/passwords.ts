import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id baseline: 19 MiB, two passes, one lane. */
/** `Algorithm` is an ambient const enum; 2 is its Argon2id member. */
const ARGON2ID = 2 as Algorithm;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the account does not exist, so timing says nothing. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}

let commonPasswords: Set<string> | undefined;
const MIN_CHECKED_LOCAL_PART = 4;

/** Returns why a new password is unacceptable beyond its length, or null when it is fine. */
export function passwordWeakness(
  password: string,
  context: { email: string; name: string },
): string | null {
  commonPasswords ??= new Set(
    (dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
  );
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return 'is one of the most common passwords; choose another';
  const email = context.email.toLowerCase();
  const localPart = email.split('@')[0] ?? '';
  // A short name part such as "al" occurs in ordinary words, so only a longer one counts.
  if (
    lower.includes(email) ||
    (localPart.length >= MIN_CHECKED_LOCAL_PART && lower.includes(localPart))
  )
    return 'must not contain your email address';
  if (new Set(lower).size < 4)
    return 'repeats too few characters; choose something less predictable';
  return null;
}
