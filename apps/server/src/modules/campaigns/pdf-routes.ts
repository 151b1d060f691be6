// Printable PDFs of the results: the certificates (荣誉证书) of a closed commendation campaign, one
// certificate, and a candidate's dossier in the reader's language.
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import { campaignCertificates, candidateDossier, oneCertificate } from './results.ts';

const PDF = 'application/pdf';
// pdfkit and its font engine cost ~26 MB of memory once loaded: load them with the first PDF
// asked for, not in every server process at start-up.
const certificates = () => import('../../pdf/certificate.ts');
const dossiers = () => import('../../pdf/dossier.ts');
const inline = (name: string) => `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}.pdf`;
const tags = ['campaigns'];

export const pdfRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/campaigns/:id/certificates.pdf', summary: 'Every certificate of a closed commendation campaign, one page each, for printing', tags, access: 'evaluation.read', params: idParams,
    async handler({ ctx, params, reply }) {
      const { title, list } = await campaignCertificates(ctx, params.id);
      const pdf = await (await certificates()).renderCertificates(list);
      reply.header('content-type', PDF).header('content-disposition', inline(`${title}荣誉证书`));
      return pdf;
    },
  }),
  route({
    method: 'GET', url: '/api/campaigns/commendations/:id/certificate.pdf', summary: 'The certificate of one commendation', tags, access: 'evaluation.read', params: idParams,
    async handler({ ctx, params, reply }) {
      const c = await oneCertificate(ctx, params.id);
      const pdf = await (await certificates()).renderCertificate(c);
      reply.header('content-type', PDF).header('content-disposition', inline(`荣誉证书 ${c.recipient} ${c.certificateNo}`));
      return pdf;
    },
  }),
  route({
    method: 'GET', url: '/api/campaigns/candidates/:id/dossier.pdf', summary: 'The full record of one candidate: every stage, who, when, why, votes, objections (the candidate may read their own)', tags, access: 'session', params: idParams,
    async handler({ ctx, params, reply }) {
      const { name, data } = await candidateDossier(ctx, params.id);
      const pdf = await (await dossiers()).renderDossier(data);
      reply.header('content-type', PDF).header('content-disposition', inline(`${name}评选档案`));
      return pdf;
    },
  }),
];
