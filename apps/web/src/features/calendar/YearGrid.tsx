// Twelve months of one year, Monday first as calendars are printed in China. Each day shows what it
// is for the count of working days: 法定节假日 (red), 调休上班 (blue), weekend (grey) or ordinary.
import { addDays, todayYmd } from '@xianfeng/domain';
import { Card, Col, Row } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { isWeekend, type Marks } from './model.ts';

export const KIND_STYLE = {
  holiday: { background: '#fff1f0', color: '#cf1322', borderColor: '#ffa39e' },
  workday: { background: '#e6f4ff', color: '#0958d9', borderColor: '#91caff' },
  weekend: { background: '#fafafa', color: '#8c8c8c', borderColor: 'transparent' },
  normal: { background: '#fff', color: 'rgba(0,0,0,0.88)', borderColor: 'transparent' },
} satisfies Record<string, CSSProperties>;

export type DayKind = keyof typeof KIND_STYLE;

export function kindOf(day: string, marks: Marks): DayKind {
  return marks[day]?.kind ?? (isWeekend(day) ? 'weekend' : 'normal');
}

const pad = (n: number) => String(n).padStart(2, '0');

function Month({ year, month, marks, selected, onDay }: { year: number; month: number; marks: Marks; selected: string | null; onDay: (day: string) => void }) {
  const { t, i18n } = useTranslation();
  const first = `${year}-${pad(month)}-01`;
  const days: string[] = [];
  for (let d = first; d.slice(5, 7) === pad(month); d = addDays(d, 1)) days.push(d);
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const title = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(`${first}T00:00:00Z`));
  // 2024-01-01 was a Monday: the seven days from it give the weekday names in the user's language.
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );
  const today = todayYmd();
  return (
    <Card size="small" title={title} data-testid="calendar-month" data-month={month} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center' }}>
        {weekdays.map((w, i) => (
          <div key={i} style={{ fontSize: 12, color: i >= 5 ? '#8c8c8c' : 'rgba(0,0,0,0.55)' }}>
            {w}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {days.map((day) => {
          const kind = kindOf(day, marks);
          const mark = marks[day];
          const label = [day, t(`calendar.kind.${kind}`), mark?.note].filter(Boolean).join(' · ');
          return (
            <button
              key={day}
              type="button"
              onClick={() => onDay(day)}
              title={label}
              aria-label={label}
              aria-pressed={selected === day}
              data-testid="calendar-day"
              data-day={day}
              data-kind={kind}
              style={{
                ...KIND_STYLE[kind],
                position: 'relative',
                height: 32,
                minWidth: 0,
                padding: 0,
                borderWidth: 1,
                borderStyle: 'solid',
                borderRadius: 4,
                cursor: 'pointer',
                fontSize: 13,
                fontWeight: day === today ? 700 : 400,
                textDecoration: day === today ? 'underline' : undefined,
                boxShadow: selected === day ? '0 0 0 2px #c8161d' : undefined,
              }}
            >
              {Number(day.slice(8))}
              {(kind === 'holiday' || kind === 'workday') && (
                <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 9, lineHeight: '11px' }}>{t(`calendar.badge.${kind}`)}</span>
              )}
            </button>
          );
        })}
      </div>
    </Card>
  );
}

export function YearGrid({ year, marks, selected, onDay }: { year: number; marks: Marks; selected: string | null; onDay: (day: string) => void }) {
  return (
    <Row gutter={[12, 12]} data-testid="calendar-grid">
      {Array.from({ length: 12 }, (_, i) => (
        <Col key={i} xs={24} sm={12} xl={8} xxl={6}>
          <Month year={year} month={i + 1} marks={marks} selected={selected} onDay={onDay} />
        </Col>
      ))}
    </Row>
  );
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12 }} data-testid="calendar-legend">
      {(['holiday', 'workday', 'weekend', 'normal'] as const).map((k) => (
        <span key={k} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span style={{ ...KIND_STYLE[k], display: 'inline-block', width: 14, height: 14, borderRadius: 3, border: `1px solid ${k === 'normal' ? '#d9d9d9' : KIND_STYLE[k].borderColor}` }} />
          {t(`calendar.kind.${k}`)}
        </span>
      ))}
    </div>
  );
}
