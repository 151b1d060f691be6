// 记分: the secretary books points directly for a member (attendance at a meeting, a deduction under
// a rule, on behalf of an elderly member), or records a violation of a "十不为", which books the
// deduction linked to it. Caps and cycles are checked by the server as for any claim.
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { DATE_FORMAT, isFuture, toYmd, today } from '../../../lib/dates.ts';
import { MemberPicker } from '../../users/MemberPicker.tsx';
import { EvidenceUpload } from '../EvidenceUpload.tsx';
import { ACCOUNT_COLOR, signed, usePointsFormat } from '../format.ts';
import { useInvalidatePoints, useUnitConduct, useUnitRules } from '../hooks.ts';
import type { Entry, Evidence, Rule } from '../types.ts';

interface EntryForm {
  memberId?: number;
  ruleId?: number;
  occurredOn?: Dayjs | null;
  points?: number | null;
  reason?: string;
}

function PointsField({ rule, name }: { rule: Rule | undefined; name: string }) {
  const { t } = useTranslation();
  if (!rule || rule.pointsMin === rule.pointsMax) return null;
  const hint = t('points.claim.pointsRange', { min: rule.pointsMin, max: rule.pointsMax });
  return (
    <Form.Item name={name} label={t('points.claim.points')} extra={hint} rules={[{ required: true, message: hint }]}>
      <InputNumber min={rule.pointsMin} max={rule.pointsMax} precision={0} style={{ width: '100%' }} data-testid="book-points" />
    </Form.Item>
  );
}

function BookEntryForm({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account, rulePoints } = usePointsFormat();
  const invalidate = useInvalidatePoints();
  const rules = useUnitRules(unitId, false);
  const [form] = Form.useForm<EntryForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ruleId = Form.useWatch('ruleId', form);
  const rule = rules.data?.items.find((r) => r.id === ruleId);

  async function submit(v: EntryForm) {
    setBusy(true);
    setError(null);
    try {
      const entry = await api.post<Entry>('/api/points/entries', {
        memberId: v.memberId, ruleId: v.ruleId, occurredOn: toYmd(v.occurredOn), points: v.points ?? null, reason: v.reason?.trim(),
      });
      message.success(t('points.book.booked', { points: signed(entry.points) }));
      await invalidate();
      form.resetFields(['ruleId', 'points', 'reason']);
    } catch (e) {
      setError(applyFormErrors(form, e, ['memberId', 'ruleId', 'occurredOn', 'points', 'reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('points.book.entryTitle')} data-testid="book-entry">
      <Alert type="info" title={t('points.book.entryHint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<EntryForm> form={form} layout="vertical" onFinish={submit} initialValues={{ occurredOn: today() }} data-testid="book-entry-form">
        <Form.Item name="memberId" label={t('points.review.member')} rules={[{ required: true, message: t('common.required') }]}>
          <MemberPicker unitId={unitId} placeholder={t('points.book.memberPlaceholder')} data-testid="book-member" />
        </Form.Item>
        <Form.Item name="ruleId" label={t('points.review.rule')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            loading={rules.isFetching}
            onChange={() => form.setFieldValue('points', null)}
            options={(rules.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.code} ${r.name} (${rulePoints(r)})`, search: `${r.code} ${r.name}`, rule: r }))}
            optionRender={(o) => (
              <span>
                <Tag color={ACCOUNT_COLOR[o.data.rule.account]}>{account(o.data.rule.account)}</Tag>
                {o.data.label}
              </span>
            )}
            data-testid="book-rule"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="occurredOn" label={t('points.claim.date')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker format={DATE_FORMAT} disabledDate={(d: Dayjs) => isFuture(d)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <PointsField rule={rule} name="points" />
          </Col>
        </Row>
        <Form.Item name="reason" label={t('points.reason')} rules={[{ required: true, whitespace: true, message: t('points.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="book-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="book-submit">
          {t('points.book.submit')}
        </Button>
      </Form>
    </Card>
  );
}

interface ViolationForm {
  memberId?: number;
  conductItemId?: number;
  occurredOn?: Dayjs | null;
  points?: number | null;
  remark?: string;
  evidenceIds?: Evidence[];
}

function ViolationFormCard({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { rulePoints } = usePointsFormat();
  const invalidate = useInvalidatePoints();
  const conduct = useUnitConduct(unitId);
  const rules = useUnitRules(unitId, false);
  const [form] = Form.useForm<ViolationForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const itemId = Form.useWatch('conductItemId', form);
  const donts = (conduct.data?.list?.items ?? []).filter((i) => i.kind === 'dont');
  const item = donts.find((i) => i.id === itemId);
  const rule = item?.ruleCode ? rules.data?.items.find((r) => r.code === item.ruleCode) : undefined;

  async function submit(v: ViolationForm) {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ id: number; entry: Entry }>('/api/points/violations', {
        memberId: v.memberId, conductItemId: v.conductItemId, occurredOn: toYmd(v.occurredOn), points: v.points ?? null, remark: v.remark?.trim(),
        evidenceIds: (v.evidenceIds ?? []).map((e) => e.id),
      });
      message.success(t('points.book.violationBooked', { points: signed(res.entry.points) }));
      await invalidate();
      form.resetFields(['conductItemId', 'points', 'remark', 'evidenceIds']);
    } catch (e) {
      setError(applyFormErrors(form, e, ['memberId', 'conductItemId', 'occurredOn', 'points', 'remark', 'evidenceIds']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('points.book.violationTitle')} data-testid="book-violation">
      {!conduct.isPending && donts.length === 0 && <Alert type="warning" showIcon title={t('points.book.noDonts')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<ViolationForm> form={form} layout="vertical" onFinish={submit} initialValues={{ occurredOn: today(), evidenceIds: [] }} data-testid="violation-form">
        <Form.Item name="memberId" label={t('points.review.member')} rules={[{ required: true, message: t('common.required') }]}>
          <MemberPicker unitId={unitId} placeholder={t('points.book.memberPlaceholder')} data-testid="violation-member" />
        </Form.Item>
        <Form.Item
          name="conductItemId"
          label={t('points.book.dont')}
          extra={item ? (rule ? t('points.book.dontRule', { code: rule.code, name: rule.name, points: rulePoints(rule) }) : t('points.book.dontNoRule')) : undefined}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            loading={conduct.isFetching}
            onChange={() => form.setFieldValue('points', null)}
            options={donts.map((i) => ({ value: i.id, label: i.text }))}
            data-testid="violation-item"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="occurredOn" label={t('points.claim.date')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker format={DATE_FORMAT} disabledDate={(d: Dayjs) => isFuture(d)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <PointsField rule={rule} name="points" />
          </Col>
        </Row>
        <Form.Item name="remark" label={t('points.book.violationRemark')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="violation-remark" />
        </Form.Item>
        <Form.Item name="evidenceIds" label={t('points.claim.evidence')}>
          <EvidenceUpload />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={busy} data-testid="violation-submit">
          {t('points.book.violationSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

export function BookTab({ unitId }: { unitId: number }) {
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <BookEntryForm unitId={unitId} />
      </Col>
      <Col xs={24} lg={12}>
        <ViolationFormCard unitId={unitId} />
      </Col>
    </Row>
  );
}
