// E-mail over SMTP, in Chinese (the installation's language), plain text with a simple HTML
// alternative. nodemailer is loaded on the first e-mail only: an installation without an e-mail
// channel never pays its memory.
import { hazardLabel, isWarningLevel, WARNING_LEVEL_INFO } from '@xianfeng/domain';
import type { EmailSettings } from './config.ts';
import type { OutboundDelivery, SendContext, Sender } from './sender.ts';

const EVENT_LABELS: Record<string, string> = {
  'warning.issued': '预警发布',
  'warning.updated': '预警更新',
  'warning.cancelled': '预警解除',
  'warning.escalated': '逾期未签收',
  'warning.acknowledged': '预警签收',
  'alarm.raised': '紧急上报',
  test: '测试消息',
};

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const names = (v: unknown) => (Array.isArray(v) ? v.map(str).filter(Boolean).join('、') : '');

/** Absolute links when the operator says where the web app lives (XIANFENG_PUBLIC_URL). */
function absolute(link: string) {
  const base = process.env.XIANFENG_PUBLIC_URL?.replace(/\/+$/, '');
  return base && link.startsWith('/') ? `${base}${link}` : link;
}

/** Subject and lines of the message; fields the payload does not carry are left out. */
export function emailContent(d: OutboundDelivery) {
  const p = d.payload;
  const label = EVENT_LABELS[d.eventKind] ?? d.eventKind;
  const headline = str(p.headline) || str(p.title) || str(p.message) || label;
  const subject = `【${label}】${headline}${p.exercise === true ? '（演练）' : ''}`;
  const level = str(p.level);
  const overdue = p.overdueUnits as { count?: number; sample?: unknown } | undefined;
  const rows: Array<[string, string]> = [
    ['级别', isWarningLevel(level) ? `${WARNING_LEVEL_INFO[level].zh}（${WARNING_LEVEL_INFO[level].grade}级）` : ''],
    ['灾种', p.hazard ? hazardLabel(str(p.hazard), 'zh-CN') : ''],
    ['发布单位', str(p.issuingUnit)],
    ['覆盖范围', names(p.areas)],
    ['逾期未签收', overdue ? `${overdue.count ?? 0} 个单位：${names(overdue.sample)}${(overdue.count ?? 0) > (Array.isArray(overdue.sample) ? overdue.sample.length : 0) ? ' 等' : ''}` : ''],
    ['单位', str(p.unit)],
    ['地点', str(p.place)],
    ['情况', str(p.description)],
    ['防御指南', str(p.instruction)],
    ['解除原因', str(p.reason)],
    ['标识', str(p.identifier)],
    ['查看', p.link ? absolute(str(p.link)) : ''],
  ];
  const lines = rows.filter(([, v]) => v !== '');
  const text = [`${label}：${headline}`, '', ...lines.map(([k, v]) => `${k}：${v}`), '', '—— 先锋平台自动发送，请勿直接回复'].join('\n');
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    `<h2>${esc(label)}：${esc(headline)}</h2>`,
    '<table cellpadding="4">',
    ...lines.map(([k, v]) => `<tr><th align="left" valign="top" nowrap>${esc(k)}</th><td>${esc(v).replace(/\n/g, '<br>')}</td></tr>`),
    '</table>',
    '<p style="color:#888">先锋平台自动发送，请勿直接回复</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export const emailSender: Sender<EmailSettings> = {
  async send(settings, delivery, ctx: SendContext) {
    const { createTransport } = await import('nodemailer');
    const transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      connectionTimeout: ctx.timeoutMs,
      greetingTimeout: ctx.timeoutMs,
      socketTimeout: ctx.timeoutMs,
    });
    try {
      const { subject, text, html } = emailContent(delivery);
      await transport.sendMail({ from: settings.from, to: settings.to, subject, text, html, headers: { 'X-Xianfeng-Event': delivery.eventKind, 'X-Xianfeng-Delivery': String(delivery.id) } });
    } finally {
      transport.close();
    }
  },
};
