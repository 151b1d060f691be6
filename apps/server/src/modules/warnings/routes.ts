// The warnings API: issue, update, cancel; acknowledge for a unit; the dashboard, its timeline and
// its live stream; the installation's deadlines and targets.
import type { RequestCtx } from '../../core/context.ts';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import { z } from 'zod';
import { acknowledge } from './ack.ts';
import { exportAck, exportMessage, importCap } from './cap-exchange.ts';
import { startDrill } from './drill.ts';
import { addBackupContact, listBackupContacts, removeBackupContact } from './contacts.ts';
import { reportPdf, reportXlsx } from './report.ts';
import { cancelWarning, issueWarning, updateWarning } from './issue.ts';
import { liveHub } from './live.ts';
import { cancelBody, issueBody, listQuery, settingsBody, timelineQuery, unitAckParams, updateBody } from './schemas.ts';
import { getSettings, updateSettings } from './settings.ts';
import { dashboard, getWarningDetail, listWarnings, timeline } from './view.ts';

const tags = ['warnings'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const named = (ext: string, type: 'inline' | 'attachment', name: string) => `${type}; filename="report.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}.${ext}`;
const CAP_TYPE = 'application/cap+xml; charset=utf-8';
const capFile = (identifier: string) => `attachment; filename="${identifier.replace(/[^0-9A-Za-z_.-]/g, '_')}.xml"`;
const contactParams = z.object({ id: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() });
const contactBody = z.object({ userId: z.coerce.number().int().positive() });
const drillBody = z.object({ unitId: z.coerce.number().int().positive() });
const importQuery = z.object({ unitId: z.coerce.number().int().positive({ error: 'cap.unit_required' }) });
const messageParams = z.object({ id: z.coerce.number().int().positive(), messageId: z.coerce.number().int().positive() });

/** A CAP 1.2 document to download, named by its identifier. */
function capDownload<P>(url: string, summary: string, params: z.ZodType<P>, load: (ctx: RequestCtx, params: P) => Promise<{ identifier: string; xml: string }>) {
  return route({
    method: 'GET', url, summary, tags, access: 'warning.read', params,
    async handler({ ctx, params: p, reply }) {
      const m = await load(ctx, p);
      reply.header('content-type', CAP_TYPE).header('content-disposition', capFile(m.identifier));
      return m.xml;
    },
  });
}

export const warningRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/warnings/settings', summary: 'Acknowledgement deadlines per level and recovery targets per kind', tags, access: 'warning.read', handler: ({ ctx }) => getSettings(ctx) }),
  route({ method: 'PUT', url: '/api/warnings/settings', summary: 'Change the deadlines and targets (system administrator)', tags, access: 'warning.manage', body: settingsBody, handler: ({ ctx, body }) => updateSettings(ctx, body) }),
  route({ method: 'GET', url: '/api/warnings', summary: 'Warnings issued in or reaching my units, newest first', tags, access: 'warning.read', query: listQuery, handler: ({ ctx, query }) => listWarnings(ctx, query) }),
  route({
    method: 'POST', url: '/api/warnings', summary: 'Issue a warning: fans out to every unit of the chosen subtrees and their responsible people', tags, access: 'warning.issue', body: issueBody,
    async handler({ ctx, body, reply }) {
      const id = await issueWarning(ctx, body as Parameters<typeof issueWarning>[1]);
      reply.code(201);
      return getWarningDetail(ctx, id);
    },
  }),
  route({
    method: 'POST', url: '/api/warnings/import-cap', summary: 'Import a CAP 1.2 alert (multipart file, or the XML itself as application/xml) as a warning of unitId', tags, access: 'warning.issue', query: importQuery, upload: true,
    async handler({ ctx, query, req, reply }) {
      let xml: Buffer;
      if (req.isMultipart()) {
        const file = await req.file();
        xml = file ? await file.toBuffer() : Buffer.alloc(0);
      } else {
        xml = Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? ''));
      }
      const result = await importCap(ctx, xml, query);
      reply.code(201);
      return result;
    },
  }),
  route({
    method: 'POST', url: '/api/warnings/drill', summary: 'Start a drill (演练): an exercise warning over a unit’s subtree; on a demo installation the units answer by themselves', tags, access: 'warning.issue', body: drillBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return startDrill(ctx, body.unitId);
    },
  }),
  route({ method: 'GET', url: '/api/warnings/:id', summary: 'One warning with its areas, CAP messages and the units I acknowledge for', tags, access: 'warning.read', params: idParams, handler: ({ ctx, params }) => getWarningDetail(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/warnings/:id/update', summary: 'Update a warning (CAP Update): text, level, expiry, more area', tags, access: 'warning.issue', params: idParams, body: updateBody,
    async handler({ ctx, params, body }) {
      await updateWarning(ctx, params.id, body);
      return getWarningDetail(ctx, params.id);
    },
  }),
  route({
    method: 'POST', url: '/api/warnings/:id/cancel', summary: 'Cancel (解除) a warning (CAP Cancel)', tags, access: 'warning.issue', params: idParams, body: cancelBody,
    async handler({ ctx, params, body }) {
      await cancelWarning(ctx, params.id, body);
      return getWarningDetail(ctx, params.id);
    },
  }),
  route({ method: 'POST', url: '/api/warnings/:id/units/:unitId/ack', summary: 'Acknowledge (签收) a warning for a unit; a second time is harmless', tags, access: 'warning.ack', params: unitAckParams, handler: ({ ctx, params }) => acknowledge(ctx, params.id, params.unitId) }),
  capDownload('/api/warnings/:id/cap', 'The latest CAP 1.2 message of a warning (Alert, Update or Cancel)', idParams, (ctx, p) => exportMessage(ctx, p.id)),
  capDownload('/api/warnings/:id/messages/:messageId/cap', 'One CAP 1.2 message of a warning', messageParams, (ctx, p) => exportMessage(ctx, p.id, p.messageId)),
  capDownload('/api/warnings/:id/units/:unitId/ack/cap', 'A unit’s acknowledgement as a CAP 1.2 Ack', unitAckParams, (ctx, p) => exportAck(ctx, p.id, p.unitId)),
  route({
    method: 'GET', url: '/api/warnings/:id/report.pdf', summary: 'The report after the event (预警处置报告) as PDF, in the reader’s language and part of the warning', tags, access: 'warning.read', params: idParams,
    async handler({ ctx, params, reply }) {
      const { name, pdf } = await reportPdf(ctx, params.id);
      reply.header('content-type', 'application/pdf').header('content-disposition', named('pdf', 'inline', name));
      return pdf;
    },
  }),
  route({
    method: 'GET', url: '/api/warnings/:id/report.xlsx', summary: 'The report after the event as .xlsx, with every unit’s acknowledgement', tags, access: 'warning.read', params: idParams,
    async handler({ ctx, params, reply }) {
      const { name, buffer } = await reportXlsx(ctx, params.id);
      reply.header('content-type', XLSX).header('content-disposition', named('xlsx', 'attachment', name));
      return buffer;
    },
  }),
  route({ method: 'GET', url: '/api/warnings/:id/dashboard', summary: 'Penetration by level, overdue units, evacuation totals and open alarms', tags, access: 'warning.read', params: idParams, handler: ({ ctx, params }) => dashboard(ctx, params.id) }),
  route({ method: 'GET', url: '/api/warnings/:id/timeline', summary: 'Everything that happened to a warning, oldest first', tags, access: 'warning.read', params: idParams, query: timelineQuery, handler: ({ ctx, params, query }) => timeline(ctx, params.id, query) }),
  route({
    method: 'GET', url: '/api/warnings/:id/stream', summary: 'Server-sent events: "figures" and "timeline" whenever the warning changes, on any app server', tags, access: 'warning.read', params: idParams,
    async handler({ ctx, params, reply }) {
      await liveHub(ctx.deps).open(ctx, params.id, reply);
    },
  }),
  route({ method: 'GET', url: '/api/units/:id/backup-contacts', summary: 'The unit’s backup contacts, told when it stays silent past its deadline', tags, access: 'warning.read', params: idParams, handler: ({ ctx, params }) => listBackupContacts(ctx, params.id) }),
  route({ method: 'POST', url: '/api/units/:id/backup-contacts', summary: 'Add a backup contact to a unit', tags, access: 'warning.manage', params: idParams, body: contactBody, handler: ({ ctx, params, body }) => addBackupContact(ctx, params.id, body.userId) }),
  route({ method: 'DELETE', url: '/api/units/:id/backup-contacts/:userId', summary: 'Remove a backup contact', tags, access: 'warning.manage', params: contactParams, handler: ({ ctx, params }) => removeBackupContact(ctx, params.id, params.userId) }),
];
