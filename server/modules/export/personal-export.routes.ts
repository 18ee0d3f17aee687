import { createRoute, z } from '@hono/zod-openapi';
import { cookieAuth, signedInErrors } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { idParamSchema } from '../../../shared/schemas/common.ts';
import { personalExportQuerySchema } from '../../../shared/schemas/personal-export.ts';
import type { PersonalExportService } from './personal-export.service.ts';

const file = z.string().openapi({ format: 'binary' });

export function personalExportRoutes(services: { personalExport: PersonalExportService }) {
  const { personalExport } = services;
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/export',
      tags: ['Privacy'],
      summary: 'Download everything about yourself: JSON and Markdown in a zip (yourself only)',
      security: cookieAuth,
      request: { params: idParamSchema, query: personalExportQuerySchema },
      responses: {
        200: {
          description: 'The export, as an attachment',
          content: {
            'application/zip': { schema: file },
            'application/json': { schema: z.object({}).passthrough() },
            'text/markdown': { schema: file },
          },
        },
        ...signedInErrors,
      },
    }),
    async (c) => {
      const exported = await personalExport.exportPerson(
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('query').format,
      );
      return c.body(exported.body as never, 200, {
        'content-type': exported.contentType,
        'content-disposition': `attachment; filename="${exported.fileName}"`,
      });
    },
  );

  return router;
}
