import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { route, type RouteSpec } from '../../core/http.ts';
import { flag } from '../../core/schemas.ts';
import { AppError } from '../../core/errors.ts';
import { listQuery } from '../members/routes.ts';
import { exportMembers, importMembers, importUnits, memberTemplate, unitTemplate } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function uploadedFile(req: FastifyRequest) {
  const part = req.isMultipart() ? await req.file() : undefined;
  if (!part) throw new AppError(400, 'error.file_required');
  const buffer = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'error.file_too_large');
  return { buffer, filename: part.filename || 'upload' };
}

function attachment(name: string) {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`;
}

const dryRunQuery = z.object({ dryRun: flag });

export const rollRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/imports/members/template',
    summary: 'The member roll template (.xlsx) with the expected Chinese headers',
    tags: ['imports'],
    access: 'member.import',
    async handler({ reply }) {
      reply.header('content-type', XLSX).header('content-disposition', attachment('党员名册导入模板'));
      return reply.send(await memberTemplate());
    },
  }),
  route({
    method: 'GET',
    url: '/api/imports/units/template',
    summary: 'The unit import template (.xlsx)',
    tags: ['imports'],
    access: 'unit.write',
    async handler({ reply }) {
      reply.header('content-type', XLSX).header('content-disposition', attachment('组织导入模板'));
      return reply.send(await unitTemplate());
    },
  }),
  route({
    method: 'POST',
    url: '/api/imports/members',
    summary: 'Import a member roll (.xlsx or .csv); all or nothing; dryRun=1 only checks',
    tags: ['imports'],
    access: 'member.import',
    upload: true,
    query: dryRunQuery,
    async handler({ ctx, req, query }) {
      return importMembers(ctx, await uploadedFile(req), query);
    },
  }),
  route({
    method: 'POST',
    url: '/api/imports/units',
    summary: 'Import units (组织编码, 组织名称, 组织类型, 上级组织编码); all or nothing; dryRun=1 only checks',
    tags: ['imports'],
    access: 'unit.write',
    upload: true,
    query: dryRunQuery,
    async handler({ ctx, req, query }) {
      return importUnits(ctx, await uploadedFile(req), query);
    },
  }),
  route({
    method: 'GET',
    url: '/api/members/export',
    summary: 'Export the filtered member list as .xlsx (masked unless unmasked=1 and allowed)',
    tags: ['members'],
    access: 'member.export',
    query: listQuery.omit({ page: true, pageSize: true }).extend({ unmasked: flag }),
    async handler({ ctx, query, reply }) {
      const buf = await exportMembers(ctx, query);
      reply.header('content-type', XLSX).header('content-disposition', attachment('党员名册'));
      return reply.send(buf);
    },
  }),
];
