// 试算: when would a notice started on a day end, counted in the calendar as it is being edited
// (unsaved changes included), so an administrator sees the effect of a holiday before saving.
import { noticeEnd, todayYmd } from '@xianfeng/domain';
import { Alert, Card, DatePicker, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromYmd, toYmd } from '../../lib/dates.ts';
import { useCalendars } from './hooks.ts';
import { marksOf, toWorkCalendar, type Marks } from './model.ts';

export function TrialBox({ year, marks }: { year: number; marks: Marks }) {
  const { t } = useTranslation();
  const today = todayYmd();
  const [start, setStart] = useState(today.startsWith(`${year}-`) ? today : `${year}-01-01`);
  const [days, setDays] = useState<number | null>(5);
  // The start's year and the next (a notice runs at most 60 working days); the edited year is taken
  // from the page, not from the server.
  const startYear = Number(start.slice(0, 4));
  const others = [startYear, startYear + 1].filter((y) => y !== year && y >= 2000 && y <= 2100);
  const answers = useCalendars(others);
  const pending = answers.some((a) => a.isPending);
  const calendar = toWorkCalendar(...answers.map((a) => (a.data ? marksOf(a.data) : {})), marks);

  let end: string | null = null;
  try {
    if (days && !pending) end = noticeEnd(start, days, calendar);
  } catch {
    end = null;
  }
  // A year the notice runs into whose holidays nobody has entered yet counts weekends only.
  const marksOfYear = (y: number): Marks | null => {
    if (y === year) return marks;
    const data = answers[others.indexOf(y)]?.data;
    return data ? marksOf(data) : null;
  };
  const unset = end
    ? [...new Set([startYear, Number(end.slice(0, 4))])].filter((y) => {
        const m = marksOfYear(y);
        return m !== null && Object.keys(m).length === 0;
      })
    : [];

  return (
    <Card size="small" title={t('calendar.trial.title')} data-testid="calendar-trial">
      <Form layout="vertical" component="div">
        <Form.Item label={t('calendar.trial.start')} style={{ marginBottom: 12 }}>
          <DatePicker
            style={{ width: '100%' }}
            format={DATE_FORMAT}
            allowClear={false}
            value={fromYmd(start)}
            onChange={(d) => d && setStart(toYmd(d)!)}
            data-testid="calendar-trial-start"
          />
        </Form.Item>
        <Form.Item label={t('calendar.trial.days')} style={{ marginBottom: 12 }}>
          <InputNumber
            style={{ width: '100%' }}
            min={1}
            max={60}
            precision={0}
            value={days}
            onChange={(v) => setDays(v)}
            suffix={t('calendar.trial.daysUnit')}
            data-testid="calendar-trial-days"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t('calendar.trial.endLabel')}
        <Typography.Text strong data-testid="calendar-trial-end" data-end={end ?? ''}>
          {end ?? t('common.none')}
        </Typography.Text>
      </Typography.Paragraph>
      {unset.length > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('calendar.trial.unset', { years: unset.join(t('calendar.listSeparator')) })} />}
    </Card>
  );
}
