// 落实事项: the follow-up actions of a decision with who answers for them, the due date, status and
// progress; the secretary adds them and moves them on (a delay needs a note).
import { PlusOutlined } from '@ant-design/icons';
import { ACTION_STATUSES, ACTION_TRANSITIONS } from '@xianfeng/domain';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import { fromYmd, toYmd } from '../../lib/dates.ts';
import { addAction, updateAction, useInvalidateDeliberation } from './hooks.ts';
import { ACTION_COLORS, useDeliberationLabels } from './labels.ts';
import type { Action, ActionStatus, TopicDetail } from './types.ts';

interface AddForm {
  title?: string;
  responsiblePerson?: string;
  dueOn?: Dayjs | null;
}

interface UpdateForm {
  status?: ActionStatus;
  progress?: number;
  note?: string;
  dueOn?: Dayjs | null;
}

function AddDialog({ topic, onClose }: { topic: TopicDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm<AddForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: AddForm) {
    setBusy(true);
    setError(null);
    try {
      await addAction(topic.id, { title: v.title!, responsiblePerson: v.responsiblePerson!, responsibleUnitId: topic.unitId, dueOn: toYmd(v.dueOn) });
      void invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['title', 'responsiblePerson', 'dueOn']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open title={t('deliberation.actions.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'action-add-submit' }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('deliberation.actions.titleField')} rules={[{ required: true, min: 2, message: t('deliberation.actions.titleRequired') }]}>
          <Input maxLength={200} data-testid="action-title" />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('deliberation.actions.responsible')} extra={t('deliberation.actions.responsibleHelp', { unit: topic.unitName })} rules={[{ required: true, message: t('deliberation.actions.responsibleRequired') }]}>
          <Input maxLength={80} data-testid="action-responsible" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('deliberation.actions.dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function UpdateDialog({ action, onClose }: { action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDeliberation();
  const { actionStatus } = useDeliberationLabels();
  const [form] = Form.useForm<UpdateForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = Form.useWatch('status', form);
  const allowed = [action.status, ...ACTION_TRANSITIONS[action.status]];
  async function submit(v: UpdateForm) {
    setBusy(true);
    setError(null);
    try {
      await updateAction(action.id, { status: v.status!, progress: v.status === 'done' ? undefined : v.progress, note: v.note ?? '', dueOn: toYmd(v.dueOn) });
      void invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['status', 'progress', 'note', 'dueOn']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open title={action.title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'action-update-submit' }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ status: action.status, progress: action.progress, note: action.note, dueOn: fromYmd(action.dueOn) }}>
        <Form.Item name="status" label={t('deliberation.actions.status')}>
          <Select options={ACTION_STATUSES.filter((s) => allowed.includes(s)).map((s) => ({ value: s, label: actionStatus(s) }))} data-testid="action-status" />
        </Form.Item>
        {status !== 'done' && (
          <Form.Item name="progress" label={t('deliberation.actions.progress')}>
            <InputNumber min={0} max={99} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('deliberation.actions.note')} rules={status === 'delayed' ? [{ required: true, min: 2, message: t('deliberation.actions.delayNote') }] : []}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="action-note" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('deliberation.actions.dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function ActionsPanel({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const { actionStatus } = useDeliberationLabels();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Action | null>(null);
  const editable = topic.rights.manage && (topic.status === 'decided' || topic.status === 'implementing');
  if (!editable && topic.actions.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('deliberation.actions.title')}
      extra={editable && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="action-add">{t('deliberation.actions.add')}</Button>}
      data-testid="actions-panel"
    >
      {topic.actions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deliberation.actions.empty')} />
      ) : (
        <>
          <Progress percent={topic.progress} data-testid="topic-progress" />
          <List
            dataSource={topic.actions}
            renderItem={(a) => (
              <List.Item
                data-testid="action"
                actions={editable && a.status !== 'done' ? [<Button key="edit" size="small" onClick={() => setEditing(a)} data-testid="action-edit">{t('deliberation.actions.update')}</Button>] : []}
              >
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{a.title}</Typography.Text>
                    <Tag color={ACTION_COLORS[a.status]} data-testid="action-status-tag">{actionStatus(a.status)}</Tag>
                    {a.overdue && <Tag color="red">{t('deliberation.actions.overdue')}</Tag>}
                  </Space>
                  <Typography.Text type="secondary">
                    {[a.responsibleUnit?.name, a.responsiblePerson].filter(Boolean).join(' ')}
                    {a.dueOn ? ` · ${t('deliberation.actions.due', { day: a.dueOn })}` : ''}
                  </Typography.Text>
                  {a.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a.note}</Typography.Text>}
                  <Progress percent={a.progress} size="small" status={a.status === 'delayed' ? 'exception' : undefined} />
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {adding && <AddDialog topic={topic} onClose={() => setAdding(false)} />}
      {editing && <UpdateDialog action={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
