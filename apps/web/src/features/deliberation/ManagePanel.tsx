// 议事管理: what the secretary of the place does with a topic — schedule the council and record its
// minutes, open the vote (and close it early), record the decision, start and complete the
// implementation, or end the topic with a reason. Only the steps the state table allows are shown.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import {
  closeTopic, closeVote, completeTopic, decideTopic, openVote, rejectTopic, scheduleCouncil, startTopic, topicKey, updateCouncil, useAttendeeCandidates, useInvalidateDeliberation,
} from './hooks.ts';
import type { KnownPerson, TopicDetail } from './types.ts';

type Dialog = 'council' | 'minutes' | 'vote' | 'decide' | 'reject' | 'close' | null;

interface CouncilForm {
  scheduledAt?: Dayjs;
  place?: string;
  /** Picked people, keyed 'm:<member id>' or 'u:<account id>'. */
  people?: PersonValue[];
  attendees?: string[];
  minutes?: string;
}

type PersonValue = { value: string; label: string };
const personKey = (p: KnownPerson) => (p.memberId !== null ? `m:${p.memberId}` : `u:${p.userId}`);
const idsOf = (people: PersonValue[] | undefined, kind: 'm' | 'u') => (people ?? []).filter((p) => p.value.startsWith(`${kind}:`)).map((p) => Number(p.value.slice(2)));

/**
 * Picks attendees from the members and accounts of the topic's village or community, searching by
 * name on the server (a community may hold thousands); the chosen keep their labels while the
 * list changes under the search.
 */
function PeoplePicker({ topicId, value, onChange }: { topicId: number; value?: PersonValue[]; onChange?: (v: PersonValue[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  // Searching as one types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isFetching } = useAttendeeCandidates(topicId, q);
  const options = (data?.items ?? []).map((p) => ({
    value: personKey(p),
    label: p.name,
    title: `${p.name} · ${p.unitName}`,
    kind: p.memberId !== null ? 'member' : 'account',
    unitName: p.unitName,
  }));
  return (
    <Select<PersonValue[]>
      mode="multiple"
      labelInValue
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      value={value}
      onChange={(v) => {
        onChange?.(v);
        setTyped('');
      }}
      options={options}
      loading={isFetching}
      optionRender={(o) => (
        <Space size={6}>
          <span>{o.data.label}</span>
          <Typography.Text type="secondary">{o.data.unitName}</Typography.Text>
          <Tag>{t(o.data.kind === 'member' ? 'deliberation.council.member' : 'deliberation.council.account')}</Tag>
        </Space>
      )}
      data-testid="council-people"
    />
  );
}

function CouncilDialog({ topic, mode, onClose, onDone }: { topic: TopicDetail; mode: 'council' | 'minutes'; onClose: () => void; onDone: (t: TopicDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CouncilForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    form.setFieldsValue(
      topic.council
        ? {
            scheduledAt: dayjs(topic.council.scheduledAt),
            place: topic.council.place,
            people: topic.council.people.map((p) => ({ value: personKey(p), label: p.name })),
            attendees: topic.council.attendees,
            minutes: topic.council.minutes ?? undefined,
          }
        : // A council usually meets in the evening, when villagers are back from the fields.
          { scheduledAt: dayjs().add(1, 'day').hour(19).minute(0).second(0), place: undefined, people: [], attendees: [], minutes: undefined },
    );
  }, [form, topic.council]);

  async function submit(v: CouncilForm) {
    setBusy(true);
    setError(null);
    try {
      const input = { scheduledAt: v.scheduledAt!.toISOString(), place: v.place!, attendees: v.attendees ?? [], memberIds: idsOf(v.people, 'm'), userIds: idsOf(v.people, 'u') };
      onDone(mode === 'council' ? await scheduleCouncil(topic.id, input) : await updateCouncil(topic.id, { ...input, ...(v.minutes ? { minutes: v.minutes } : {}) }));
    } catch (e) {
      // The server names the two picked lists; both are the one picker here.
      setError(applyFormErrors(form, e, ['scheduledAt', 'place', 'people', 'attendees', 'minutes'], { memberIds: 'people', userIds: 'people' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t(mode === 'council' ? 'deliberation.manage.scheduleCouncil' : 'deliberation.manage.minutes')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'council-submit' }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="council-form">
        <Form.Item name="scheduledAt" label={t('deliberation.council.when')} rules={[{ required: true, message: t('deliberation.council.whenRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('deliberation.council.place')} rules={[{ required: true, min: 2, message: t('deliberation.council.placeRequired') }]}>
          <Input maxLength={200} data-testid="council-place" />
        </Form.Item>
        <Form.Item name="people" label={t('deliberation.council.people')} extra={t('deliberation.council.peopleHelp')}>
          <PeoplePicker topicId={topic.id} />
        </Form.Item>
        <Form.Item name="attendees" label={t('deliberation.council.guests')} extra={t('deliberation.council.attendeesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '\uff0c', '\u3001']} data-testid="council-guests" />
        </Form.Item>
        {mode === 'minutes' && (
          <Form.Item name="minutes" label={t('deliberation.council.minutes')} rules={[{ min: 2, message: t('deliberation.council.minutesRequired') }]}>
            <Input.TextArea rows={8} maxLength={20000} showCount data-testid="council-minutes" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function VoteDialog({ topic, onClose, onDone }: { topic: TopicDetail; onClose: () => void; onDone: (t: TopicDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ options: string[]; closesAt?: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const defaults = [t('deliberation.vote.defaultFor'), t('deliberation.vote.defaultAgainst'), t('deliberation.vote.defaultAbstain')];

  async function submit(v: { options: string[]; closesAt?: Dayjs }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await openVote(topic.id, { options: v.options, closesAt: v.closesAt!.toISOString() }));
    } catch (e) {
      setError(applyFormErrors(form, e, ['options', 'closesAt']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('deliberation.manage.openVote')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'vote-open-submit' }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ options: defaults, closesAt: dayjs().add(3, 'day').hour(18).minute(0).second(0) }}>
        <Form.Item name="options" label={t('deliberation.vote.options')} extra={t('deliberation.vote.optionsHelp')} rules={[{ required: true, type: 'array', min: 2, message: t('deliberation.vote.optionsRequired') }]}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="closesAt" label={t('deliberation.vote.closesAtLabel')} rules={[{ required: true, message: t('deliberation.vote.closesAtRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function ManagePanel({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const invalidate = useInvalidateDeliberation();
  const [dialog, setDialog] = useState<Dialog>(null);

  const done = (next: TopicDetail) => {
    qc.setQueryData(topicKey(topic.id), next);
    setDialog(null);
    message.success(t('deliberation.manage.saved'));
    void invalidate();
  };
  async function run(work: () => Promise<TopicDetail>) {
    try {
      done(await work());
    } catch (e) {
      message.error(errorMessage(e));
      void invalidate();
    }
  }

  if (!topic.rights.manage) return null;
  const can = (a: TopicDetail['nextActions'][number]) => topic.nextActions.includes(a);
  const final = ['completed', 'rejected', 'closed'].includes(topic.status);
  const allDone = topic.actions.length > 0 && topic.actions.every((a) => a.status === 'done');
  const buttons = [
    can('schedule_council') && <Button key="council" type="primary" onClick={() => setDialog('council')} data-testid="manage-council">{t('deliberation.manage.scheduleCouncil')}</Button>,
    topic.council && !final && <Button key="minutes" onClick={() => setDialog('minutes')} data-testid="manage-minutes">{t('deliberation.manage.minutes')}</Button>,
    can('open_vote') && <Button key="vote" type="primary" onClick={() => setDialog('vote')} data-testid="manage-vote">{t('deliberation.manage.openVote')}</Button>,
    topic.status === 'voting' && topic.vote?.open && (
      <Popconfirm key="closeVote" title={t('deliberation.manage.closeVoteConfirm')} onConfirm={() => run(() => closeVote(topic.id))}>
        <Button data-testid="manage-close-vote">{t('deliberation.manage.closeVote')}</Button>
      </Popconfirm>
    ),
    can('decide') && <Button key="decide" type="primary" disabled={!!topic.vote?.open} onClick={() => setDialog('decide')} data-testid="manage-decide">{t('deliberation.manage.decide')}</Button>,
    can('start') && (
      <Popconfirm key="start" title={t('deliberation.manage.startConfirm')} onConfirm={() => run(() => startTopic(topic.id))}>
        <Button type="primary" data-testid="manage-start">{t('deliberation.manage.start')}</Button>
      </Popconfirm>
    ),
    can('complete') && (
      <Popconfirm key="complete" title={t('deliberation.manage.completeConfirm')} onConfirm={() => run(() => completeTopic(topic.id))}>
        <Button type="primary" disabled={!allDone} data-testid="manage-complete">{t('deliberation.manage.complete')}</Button>
      </Popconfirm>
    ),
    can('reject') && <Button key="reject" danger onClick={() => setDialog('reject')} data-testid="manage-reject">{t('deliberation.manage.reject')}</Button>,
    can('close') && <Button key="close" danger onClick={() => setDialog('close')} data-testid="manage-close">{t('deliberation.manage.close')}</Button>,
  ].filter(Boolean);
  if (buttons.length === 0) return null;

  return (
    <Card size="small" title={t('deliberation.manage.title')} data-testid="manage-panel">
      <div style={{ display: 'grid', gridTemplateColumns: isPhone ? '1fr' : 'repeat(auto-fill, minmax(160px, 1fr))', gap: 8 }}>{buttons}</div>
      {topic.status === 'voting' && topic.vote?.open && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('deliberation.manage.decideAfterVote')} />}
      {topic.status === 'implementing' && !allDone && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('deliberation.manage.completeAfterActions')} />}
      {(dialog === 'council' || dialog === 'minutes') && <CouncilDialog topic={topic} mode={dialog} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'vote' && <VoteDialog topic={topic} onClose={() => setDialog(null)} onDone={done} />}
      <ReasonDialog
        open={dialog === 'decide'}
        title={t('deliberation.manage.decide')}
        label={t('deliberation.field.decision')}
        field="decision"
        maxLength={4000}
        requiredMessage={t('deliberation.manage.decisionRequired')}
        testIdPrefix="decide"
        onCancel={() => setDialog(null)}
        onSubmit={async (text) => done(await decideTopic(topic.id, text))}
      />
      <ReasonDialog
        open={dialog === 'reject' || dialog === 'close'}
        title={t(dialog === 'reject' ? 'deliberation.manage.reject' : 'deliberation.manage.close')}
        label={t('deliberation.field.reason')}
        danger
        requiredMessage={t('deliberation.manage.reasonRequired')}
        testIdPrefix="end"
        onCancel={() => setDialog(null)}
        onSubmit={async (text) => done(await (dialog === 'reject' ? rejectTopic(topic.id, text) : closeTopic(topic.id, text)))}
      />
    </Card>
  );
}
