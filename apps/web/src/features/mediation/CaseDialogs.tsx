// The dialogs of a case: a step of its life (with what that step records), a session, and the
// declaration-then-assignment of a mediator (also in another mediator's place).
import { Alert, Form, Input, Modal, Radio, Select, Space, Steps, Tag, Typography, DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_VALUES } from '@xianfeng/domain';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { toYmd } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { addSession, assign, declare, reassign, step, useCandidates } from './hooks.ts';
import { useMediationLabels } from './labels.ts';
import type { Candidate, CaseAction, CaseDetail } from './types.ts';

const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function StepDialog({ c, action, onClose, onDone }: { c: CaseDetail; action: CaseAction; onClose: () => void; onDone: (next: CaseDetail) => void }) {
  const { t } = useTranslation();
  const labels = useMediationLabels();
  const isPhone = useIsPhone();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: { note?: string; referral?: string; visitOn?: Dayjs; outcome?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = action === 'visit' ? { visitOn: toYmd(v.visitOn), outcome: v.outcome } : action === 'fail' ? { referral: v.referral, note: v.note ?? '' } : { note: v.note ?? '' };
      onDone(await step(c.id, action, body));
    } catch (e) {
      setProblem(applyFormErrors(form, e, ['note', 'referral', 'visitOn', 'outcome']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t(`mediation.action.${action}`)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('mediation.common.confirm')} cancelText={t('mediation.common.cancel')} okButtonProps={{ 'data-testid': 'mediation-step-ok' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(`mediation.actionHint.${action}`)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ visitOn: dayjs() }}>
        {action === 'fail' && (
          <Form.Item name="referral" label={t('mediation.detail.referral')} rules={[{ required: true, message: t('mediation.detail.referralRequired') }]}>
            <Select options={REFERRAL_VALUES.map((r) => ({ value: r, label: labels.referral(r) }))} data-testid="mediation-referral" />
          </Form.Item>
        )}
        {action === 'visit' ? (
          <>
            <Form.Item name="visitOn" label={t('mediation.detail.visitOn')} rules={[{ required: true, message: t('mediation.detail.dateRequired') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={noFuture} inputReadOnly={isPhone} />
            </Form.Item>
            <Form.Item name="outcome" label={t('mediation.detail.visitOutcome')} rules={[{ required: true, min: 2, message: t('mediation.detail.visitOutcomeRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="mediation-visit-outcome" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="note" label={t('mediation.detail.note')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="mediation-step-note" />
          </Form.Item>
        )}
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}

export function SessionDialog({ c, onClose, onDone }: { c: CaseDetail; onClose: () => void; onDone: (next: CaseDetail) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: { heldOn: Dayjs; place: string; attendees: string; notes: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await addSession(c.id, { heldOn: toYmd(v.heldOn)!, place: v.place, attendees: v.attendees, notes: v.notes }));
    } catch (e) {
      setProblem(applyFormErrors(form, e, ['heldOn', 'place', 'attendees', 'notes']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('mediation.session.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('mediation.common.save')} cancelText={t('mediation.common.cancel')} okButtonProps={{ 'data-testid': 'mediation-session-ok' }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ heldOn: dayjs() }} data-testid="mediation-session-form">
        <Form.Item name="heldOn" label={t('mediation.session.heldOn')} rules={[{ required: true, message: t('mediation.detail.dateRequired') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={noFuture} inputReadOnly={isPhone} />
        </Form.Item>
        <Form.Item name="place" label={t('mediation.session.place')} rules={[{ required: true, message: t('mediation.session.required') }]}>
          <Input maxLength={200} data-testid="mediation-session-place" />
        </Form.Item>
        <Form.Item name="attendees" label={t('mediation.session.attendees')} rules={[{ required: true, message: t('mediation.session.required') }]}>
          <Input maxLength={500} data-testid="mediation-session-attendees" />
        </Form.Item>
        <Form.Item name="notes" label={t('mediation.session.notes')} rules={[{ required: true, message: t('mediation.session.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="mediation-session-notes" />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}

/** Busy from this many open cases: the picker marks them so a supervisor spreads the work. */
const BUSY_FROM = 3;

/**
 * Choosing a mediator in three steps: who (every serving mediator whose area contains the
 * village, from whichever pool — the rule the server assigns by — with how busy each is), what
 * they declare about the parties (recorded either way), then the assignment, refused by the server
 * for a declared conflict or a name or phone shared with a party. Taking the case over from a
 * mediator (`from`) goes the same way, with the reason asked first: whoever comes in declares
 * exactly as a first mediator does.
 */
export function AssignDialog({ c, from, onClose, onDone }: { c: CaseDetail; from?: CaseDetail['mediators'][number]; onClose: () => void; onDone: (next: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const [mediatorId, setMediatorId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [conflict, setConflict] = useState(false);
  const [statement, setStatement] = useState(t('mediation.assign.defaultStatement'));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { data, isLoading } = useCandidates(c.id);
  const options = (data?.items ?? []).filter((m) => !m.assigned).map((m) => ({ value: m.id, label: <CandidateLabel m={m} caseUnitId={c.unitId} /> }));
  const reasonOk = !from || reason.trim().length >= 2;

  const next = async () => {
    setProblem(null);
    if (current === 0) {
      if (mediatorId && reasonOk) setCurrent(1);
      return;
    }
    setBusy(true);
    try {
      if (current === 1) {
        const after = await declare(c.id, { mediatorId: mediatorId!, conflict, statement });
        // A declared conflict is recorded, and ends the assignment here.
        if (conflict) {
          onDone(after);
          return;
        }
        setCurrent(2);
      } else {
        onDone(from ? await reassign(c.id, { fromMediatorId: from.id, toMediatorId: mediatorId!, reason: reason.trim() }) : await assign(c.id, mediatorId!));
      }
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const last = from ? 'mediation.reassign.confirm' : 'mediation.assign.assign';

  return (
    <Modal
      open
      title={from ? t('mediation.reassign.title', { name: from.name }) : t('mediation.assign.title')}
      onCancel={onClose}
      onOk={() => void next()}
      confirmLoading={busy}
      okText={t(current === 0 ? 'mediation.assign.next' : current === 1 ? 'mediation.assign.record' : last)}
      cancelText={t('mediation.common.cancel')}
      okButtonProps={{ disabled: current === 0 && (!mediatorId || !reasonOk), 'data-testid': 'mediation-assign-ok' }}
      destroyOnHidden
    >
      <Steps size="small" current={current} items={[{ title: t('mediation.assign.choose') }, { title: t('mediation.assign.declare') }, { title: t(last) }]} style={{ marginBottom: 16 }} />
      {current === 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select<number>
            style={{ width: '100%' }}
            value={mediatorId}
            onChange={setMediatorId}
            options={options}
            loading={isLoading}
            placeholder={t('mediation.assign.choosePlaceholder')}
            notFoundContent={t('mediation.assign.noneCovering')}
            data-testid="mediation-assign-mediator"
          />
          {from && (
            <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} showCount placeholder={t('mediation.reassign.reasonHint')} data-testid="mediation-reassign-reason" />
          )}
        </Space>
      )}
      {current === 1 && (
        <>
          <Typography.Paragraph>{t('mediation.assign.declareIntro')}</Typography.Paragraph>
          <Typography.Paragraph strong>{c.parties.map((p) => p.name).join(t('common.separator'))}</Typography.Paragraph>
          <Radio.Group value={conflict} onChange={(e) => setConflict(e.target.value as boolean)} style={{ marginBottom: 12 }} data-testid="mediation-declare-conflict">
            <Radio value={false}>{t('mediation.assign.noConflict')}</Radio>
            <Radio value={true}>{t('mediation.assign.hasConflict')}</Radio>
          </Radio.Group>
          <Input.TextArea rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={1000} data-testid="mediation-declare-statement" />
        </>
      )}
      {current === 2 && <Alert type="success" showIcon title={t('mediation.assign.declared')} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** “name · specialties (· the pool, when not the village's own)” and how busy they are. */
function CandidateLabel({ m, caseUnitId }: { m: Candidate; caseUnitId: number }) {
  const { t } = useTranslation();
  const what = [m.specialties.join(t('common.separator')) || t('mediation.assign.noSpecialty'), ...(m.unitId === caseUnitId ? [] : [m.unitName])].join(' · ');
  return (
    <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }} data-testid="mediation-candidate">
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{`${m.name} · ${what}`}</span>
      <span style={{ flex: 'none' }}>
        {m.declaration?.conflict && <Tag color="red">{t('mediation.assign.declaredConflict')}</Tag>}
        <Tag color={m.openCases === 0 ? 'green' : m.openCases >= BUSY_FROM ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {m.openCases === 0 ? t('mediation.assign.free') : t(m.openCases >= BUSY_FROM ? 'mediation.assign.busyN' : 'mediation.pool.openCasesN', { count: m.openCases })}
        </Tag>
      </span>
    </span>
  );
}
