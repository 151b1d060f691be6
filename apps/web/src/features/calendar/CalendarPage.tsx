// 节假日设置: the public holidays and 调休 make-up working days of a year, which decide how the
// working days of a public notice (公示 N 个工作日) are counted. A system administrator enters
// them when the State Council's holiday notice comes out; everyone else sees them read-only.
import { todayYmd } from '@xianfeng/domain';
import { Alert, App, Button, Card, Col, Input, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCalendar, useSaveCalendar } from './hooks.ts';
import { dayOfField, isWeekend, marksOf, nextKind, sameMarks, setKind, toInput, type MarkKind, type Marks } from './model.ts';
import { TrialBox } from './TrialBox.tsx';
import { kindOf, Legend, YearGrid } from './YearGrid.tsx';

interface SaveError {
  message: string;
  details: string[];
}

function DayPanel({ day, marks, canEdit, onChange }: { day: string | null; marks: Marks; canEdit: boolean; onChange: (marks: Marks) => void }) {
  const { t } = useTranslation();
  if (!day) {
    return (
      <Card size="small" title={t('calendar.day.title')}>
        <Typography.Text type="secondary">{canEdit ? t('calendar.day.pickHint') : t('calendar.day.pickHintReadOnly')}</Typography.Text>
      </Card>
    );
  }
  const mark = marks[day];
  const options = [
    { value: 'normal', label: t(isWeekend(day) ? 'calendar.kind.weekend' : 'calendar.kind.normal') },
    { value: 'holiday', label: t('calendar.kind.holiday') },
    // The server accepts make-up working days on weekends only: a weekday is a working day anyway.
    { value: 'workday', label: t('calendar.kind.workday'), disabled: !isWeekend(day) },
  ];
  return (
    <Card size="small" title={t('calendar.day.titleOf', { day })} data-testid="calendar-day-panel" data-day={day}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {canEdit ? (
          <Segmented
            block
            value={mark?.kind ?? 'normal'}
            options={options}
            onChange={(v) => onChange(setKind(marks, day, v === 'normal' ? undefined : (v as MarkKind)))}
            data-testid="calendar-day-kind"
          />
        ) : (
          <Tag data-testid="calendar-day-kind-text">{t(`calendar.kind.${kindOf(day, marks)}`)}</Tag>
        )}
        {mark &&
          (canEdit ? (
            <Input
              maxLength={30}
              value={mark.note}
              placeholder={t(`calendar.day.notePlaceholder.${mark.kind}`)}
              onChange={(e) => onChange({ ...marks, [day]: { ...mark, note: e.target.value } })}
              prefix={<Typography.Text type="secondary">{t('calendar.day.note')}</Typography.Text>}
              data-testid="calendar-day-note"
            />
          ) : (
            mark.note && <Typography.Text data-testid="calendar-day-note-text">{mark.note}</Typography.Text>
          ))}
      </Space>
    </Card>
  );
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayYmd().slice(0, 4));
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const { data, isPending, error } = useCalendar(year);
  const save = useSaveCalendar();
  // Edits live beside the server's answer: without any, the page shows what the server holds.
  const [edit, setEdit] = useState<{ year: number; marks: Marks } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<SaveError | null>(null);

  const saved = data ? marksOf(data) : null;
  const marks = edit?.year === year ? edit.marks : saved;
  const dirty = !!saved && !!marks && !sameMarks(marks, saved);
  const canEdit = !!data?.canEdit;

  const change = (next: Marks) => {
    setEdit({ year, marks: next });
    setSaveError(null);
  };

  const goTo = (y: number) => {
    const go = () => {
      setEdit(null);
      setSelected(null);
      setSaveError(null);
      setParams(y === thisYear ? {} : { year: String(y) });
    };
    if (!dirty) return go();
    modal.confirm({ title: t('calendar.leaveTitle'), content: t('calendar.leaveContent'), okText: t('calendar.leaveOk'), onOk: go });
  };

  const onDay = (day: string) => {
    setSelected(day);
    if (canEdit && marks) change(setKind(marks, day, nextKind(day, marks[day]?.kind)));
  };

  async function onSave() {
    if (!marks) return;
    const input = toInput(year, marks);
    setBusy(true);
    setSaveError(null);
    try {
      await save(input);
      setEdit(null);
      message.success(t('calendar.saved', { year }));
    } catch (e) {
      // The server's messages come in the user's language; the day each one is about comes from what was sent.
      const details = e instanceof ApiError ? e.details.map((d) => [dayOfField(input, d.field), d.message].filter(Boolean).join(t('common.colon'))) : [];
      setSaveError({ message: errorMessage(e), details });
    } finally {
      setBusy(false);
    }
  }

  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort();
  const count = (kind: MarkKind) => (marks ? Object.values(marks).filter((m) => m.kind === kind).length : 0);

  return (
    <div data-testid="calendar-page" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.calendar')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('calendar.explainer')} description={t('calendar.explainerDetail')} data-testid="calendar-explainer" />
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
          <Select
            style={{ width: 120 }}
            value={year}
            options={years.map((y) => ({ value: y, label: t('calendar.yearOption', { year: y }) }))}
            onChange={goTo}
            data-testid="calendar-year"
          />
          {marks && (
            <Typography.Text type="secondary" data-testid="calendar-counts">
              {t('calendar.counts', { holidays: count('holiday'), workdays: count('workday') })}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          {canEdit && (
            <Space wrap>
              {dirty && <Tag color="orange" data-testid="calendar-dirty">{t('calendar.unsaved')}</Tag>}
              <Button disabled={!dirty || busy} onClick={() => {
                  setEdit(null);
                  setSaveError(null);
                }} data-testid="calendar-undo">
                {t('calendar.undo')}
              </Button>
              <Button type="primary" loading={busy} disabled={!dirty} onClick={onSave} data-testid="calendar-save">
                {t('common.save')}
              </Button>
            </Space>
          )}
        </div>
        <div style={{ marginTop: 8 }}>
          <Legend />
        </div>
      </Card>
      {data && !canEdit && <Alert type="warning" showIcon title={t('calendar.readOnly')} data-testid="calendar-read-only" />}
      {saveError && (
        <Alert
          type="error"
          showIcon
          title={saveError.message}
          description={saveError.details.length > 0 && <ul style={{ margin: 0, paddingInlineStart: 18 }}>{saveError.details.map((d, i) => <li key={i}>{d}</li>)}</ul>}
          data-testid="calendar-error"
        />
      )}
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPending || !marks ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={16} xxl={18}>
            {canEdit && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('calendar.clickHint')}
              </Typography.Paragraph>
            )}
            {Object.keys(marks).length === 0 && (
              <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={t('calendar.emptyYear', { year })} data-testid="calendar-empty-year" />
            )}
            <YearGrid year={year} marks={marks} selected={selected} onDay={onDay} />
          </Col>
          <Col xs={24} lg={8} xxl={6}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 12, position: 'sticky', top: 12 }}>
              <DayPanel day={selected} marks={marks} canEdit={canEdit} onChange={change} />
              <TrialBox key={year} year={year} marks={marks} />
            </div>
          </Col>
        </Row>
      )}
    </div>
  );
}
