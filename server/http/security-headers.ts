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
      // Set on the response's own headers: c.header() after the handler would rebuild the
      // response object, which costs more than the rest of this middleware chain.
      const headers = c.res.headers;
      if (c.req.path.startsWith('/api/') && !headers.has('Cache-Control')) {
        headers.set('Cache-Control', 'no-store');
      }
    },
  ];
}
