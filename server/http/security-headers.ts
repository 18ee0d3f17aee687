import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** CSP with no inline script, no framing, no sniffing, a strict referrer policy; no-store on the API. */
export function securityHeaders(isHttps: boolean): MiddlewareHandler[] {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes and one style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      strictTransportSecurity: isHttps ? 'max-age=31536000; includeSubDomains' : false,
      xFrameOptions: 'DENY',
      crossOriginEmbedderPolicy: false,
    }),
    async (c, next) => {
      await next();
      if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) {
        c.header('Cache-Control', 'no-store');
      }
    },
  ];
}
