// Household import routes (household.write): the template and the upload, beside the member and
// unit imports under /api/imports.
import { z } from 'zod';
import { route, type RouteSpec } from '../../core/http.ts';
import { AppError } from '../../core/errors.ts';
import { flag } from '../../core/schemas.ts';
import { householdTemplate, importHouseholds } from './households.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const dryRunQuery = z.object({ dryRun: flag });

export const householdImportRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/imports/households/template', summary: 'The household import template (.xlsx) with the expected Chinese headers', tags: ['imports'], access: 'household.write',
    async handler({ reply }) {
      const name = '住户导入模板';
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="households.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`);
      return reply.send(await householdTemplate());
    },
  }),
  route({
    method: 'POST', url: '/api/imports/households', summary: 'Import households (所在网格, 地址, 户主, 联系电话, 人数, people to move first); all or nothing; dryRun=1 only checks', tags: ['imports'], access: 'household.write', upload: true, query: dryRunQuery,
    async handler({ ctx, req, query }) {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError(400, 'error.file_required');
      const buffer = await part.toBuffer();
      if (part.file.truncated) throw new AppError(413, 'error.file_too_large');
      return importHouseholds(ctx, { buffer, filename: part.filename || 'upload' }, query);
    },
  }),
];
