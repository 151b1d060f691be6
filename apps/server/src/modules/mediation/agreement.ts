// The agreement (人民调解协议书) as a PDF for signing: printable as a draft while the terms are
// worked out in mediation (dated by hand at the signing), and dated on the day the agreement was
// recorded afterwards. A Chinese legal document, so it is printed in Chinese whatever the reader's
// language. Every download is audited like a view.
import { chineseDate, todayYmd, type CaseStatus } from '@xianfeng/domain';
import { recordAudit } from '../../core/audit.ts';
import type { RequestCtx } from '../../core/context.ts';
import { unprocessable } from '../../core/errors.ts';
import { renderAgreement } from '../../pdf/mediation.ts';
import { agreementReady, parseTerms } from './cases.ts';
import { caseFor } from './policy.ts';
import * as repo from './repo.ts';

const ROLE_LABELS: Record<string, string> = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' };

export async function agreementPdf(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const { row } = await caseFor(db, ctx.auth, id);
  const terms = parseTerms(row.terms);
  if (!agreementReady(row.status as CaseStatus, row.outcome, terms)) throw unprocessable('mediation.no_agreement');
  const [parties, mediators] = await Promise.all([repo.partiesOf(db, id), repo.assignmentsOf(db, [id])]);
  // Several parties on one side are numbered: 申请人一, 申请人二.
  const perRole = new Map<string, number>();
  const total = (role: string) => parties.filter((p) => p.role === role).length;
  const labelled = parties.map((p) => {
    const n = (perRole.get(p.role) ?? 0) + 1;
    perRole.set(p.role, n);
    const base = ROLE_LABELS[p.role] ?? '当事人';
    return {
      label: total(p.role) > 1 ? `${base}${'一二三四五六七八九十'[n - 1] ?? n}` : base,
      name: p.name,
      details: [p.relation && `与本纠纷关系：${p.relation}`, p.address && `住址：${p.address}`].filter(Boolean).join('，'),
    };
  });
  const pdf = await renderAgreement({
    number: row.number,
    committee: `${row.unit_name}人民调解委员会`,
    parties: labelled,
    summary: row.summary,
    terms,
    performance: row.performance,
    mediators: mediators.map((m) => m.name),
    date: row.outcome === 'agreed' && row.outcome_at ? chineseDate(todayYmd(new Date(row.outcome_at))) : '　　　　年　　月　　日',
  });
  await recordAudit(db, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.agreement_pdf' });
  return { pdf, name: `人民调解协议书-${row.number}` };
}
