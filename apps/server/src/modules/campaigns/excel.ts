// Results and honor rolls as .xlsx: the finals of a campaign with every candidate's path through
// the pipeline (who, when, why), and the honor roll of a closed campaign with certificate numbers.
import { beijingDateTime, decodeStars, todayYmd } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { unprocessable } from '../../core/errors.ts';
import { addTable, newWorkbook, workbookBuffer } from '../rolls/sheet.ts';
import { campaignFor, candidateNames, displayName } from './notice.ts';
import { finals, label, starLabels } from './results.ts';

const ZH = 'zh-CN';

export async function exportResults(ctx: RequestCtx, campaignId: number) {
  const campaign = await campaignFor(ctx, campaignId, 'evaluation.read');
  const db = ctx.deps.database.db;
  const wb = await newWorkbook();

  const results = addTable(wb, '评选结果', [{ header: '类别', width: 16 }, { header: '姓名/组织', width: 24 }, { header: '所在组织', width: 30 }, { header: '星数' }, { header: '星级', width: 40 }, { header: '证书编号', width: 18 }]);
  for (const f of await finals(db, campaignId)) {
    results.addRow([label('category', f.category, ZH), f.name, f.unitName, f.stars ? f.stars.length : '', f.stars ? starLabels(f.stars, ZH) : '', f.certificateNo ?? '']);
  }
  if (campaign.status !== 'closed') results.addRow(['本次评选尚未结束，以上为已确定人选']);

  const candidates = await candidateNames(db).select(['c.stars_computed', 'c.stars_claimed', 'c.stars_recommended', 'c.vote_eligible', 'c.vote_present', 'c.vote_in_favour', 'c.vote_against', 'c.vote_abstain', 'c.meeting_on']).where('c.campaign_id', '=', campaignId).orderBy('c.category').orderBy('hu.code').orderBy('c.id').execute();
  const five = campaign.kind === 'five_star';
  const all = addTable(wb, '全部候选人', [
    { header: '编号' }, { header: '类别', width: 16 }, { header: '姓名/组织', width: 24 }, { header: '所在组织', width: 30 }, { header: '当前状态', width: 14 },
    ...(five ? [{ header: '测算星级', width: 30 }, { header: '自评星级', width: 30 }, { header: '推荐星级', width: 30 }, { header: '决定星级', width: 30 }] : []),
    { header: '会议日期', width: 12 }, { header: '应到' }, { header: '实到' }, { header: '赞成' }, { header: '反对' }, { header: '弃权' },
  ]);
  for (const c of candidates) {
    const stars = (s: string) => starLabels(decodeStars(s), ZH);
    all.addRow([
      c.id, label('category', c.category, ZH), displayName(c), c.home_unit_name, label('state', c.state, ZH),
      ...(five ? [stars(c.stars_computed), stars(c.stars_claimed), stars(c.stars_recommended), stars(c.stars_decided)] : []),
      c.meeting_on ?? '', c.vote_eligible ?? '', c.vote_present ?? '', c.vote_in_favour ?? '', c.vote_against ?? '', c.vote_abstain ?? '',
    ]);
  }

  const path = addTable(wb, '评选过程', [{ header: '候选人编号' }, { header: '姓名/组织', width: 24 }, { header: '时间', width: 20 }, { header: '环节', width: 22 }, { header: '原状态', width: 14 }, { header: '新状态', width: 14 }, { header: '办理人', width: 18 }, { header: '理由', width: 40 }]);
  const names = new Map(candidates.map((c) => [c.id, displayName(c)]));
  const events = await db
    .selectFrom('candidate_event as e')
    .innerJoin('candidate as c', 'c.id', 'e.candidate_id')
    .select(['e.candidate_id', 'e.created_at', 'e.action', 'e.from_state', 'e.to_state', 'e.actor_name', 'e.reason'])
    .where('c.campaign_id', '=', campaignId)
    .orderBy('e.candidate_id')
    .orderBy('e.id')
    .execute();
  for (const e of events) {
    path.addRow([e.candidate_id, names.get(e.candidate_id) ?? '', beijingDateTime(e.created_at, true), label('action', e.action, ZH), e.from_state ? label('state', e.from_state, ZH) : '', label('state', e.to_state, ZH), e.actor_name ?? '', e.reason ?? '']);
  }

  const objections = addTable(wb, '异议处理', [{ header: '候选人编号' }, { header: '姓名/组织', width: 24 }, { header: '提出时间', width: 20 }, { header: '异议内容', width: 50 }, { header: '状态' }, { header: '处理结果', width: 24 }, { header: '答复', width: 40 }, { header: '处理时间', width: 20 }]);
  const rows = await db.selectFrom('objection').select(['candidate_id', 'created_at', 'content', 'state', 'outcome', 'reply', 'handled_at']).where('campaign_id', '=', campaignId).orderBy('id').execute();
  for (const o of rows) {
    objections.addRow([o.candidate_id, names.get(o.candidate_id) ?? '', beijingDateTime(o.created_at, true), o.content, label('objection', o.state, ZH), o.outcome ? label('outcome', o.outcome, ZH) : '', o.reply ?? '', o.handled_at ? beijingDateTime(o.handled_at, true) : '']);
  }
  return { buffer: await workbookBuffer(wb), name: `${campaign.title}评选结果` };
}

export async function exportHonorRoll(ctx: RequestCtx, campaignId: number) {
  const campaign = await campaignFor(ctx, campaignId, 'evaluation.read');
  if (campaign.status !== 'closed') throw unprocessable('results.not_closed');
  const db = ctx.deps.database.db;
  const organizer = await db.selectFrom('unit').select('name').where('id', '=', campaign.unit_id).executeTakeFirstOrThrow();
  const wb = await newWorkbook();
  const ws = addTable(wb, '光荣榜', [{ header: '序号' }, { header: '类别', width: 16 }, { header: '姓名/组织', width: 24 }, { header: '所在组织', width: 30 }, ...(campaign.kind === 'five_star' ? [{ header: '星数' }, { header: '星级', width: 40 }] : [{ header: '证书编号', width: 18 }]), { header: '授予日期', width: 12 }]);
  let n = 0;
  for (const f of await finals(db, campaignId)) {
    const awarded = f.awardedAt ?? campaign.closed_at;
    ws.addRow([
      ++n, label('category', f.category, ZH), f.name, f.unitName,
      ...(campaign.kind === 'five_star' ? [f.stars?.length ?? 0, starLabels(f.stars ?? [], ZH)] : [f.certificateNo ?? '']),
      awarded ? todayYmd(new Date(awarded)) : '',
    ]);
  }
  ws.addRow([]);
  ws.addRow([`${organizer.name} ${campaign.title}`]);
  return { buffer: await workbookBuffer(wb), name: `${campaign.title}光荣榜` };
}
