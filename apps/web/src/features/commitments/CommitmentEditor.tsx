// Writing a commitment and its progress, made for a phone: publish or revise this year's 承诺事项,
// then add 践诺进展 as things get done. Used by the member themself and by a secretary entering
// for an elderly member (`writes` decides which).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { useCommitmentWrites } from './hooks.ts';
import type { MemberCard } from './types.ts';

type Writes = ReturnType<typeof useCommitmentWrites>;

function CommitmentForm({ initial, writes, onDone }: { initial: string; writes: Writes; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ content }: { content: string }) => {
    setError(null);
    try {
      await writes.publish.mutateAsync(content);
      message.success(t(initial ? 'commitments.my.revised' : 'commitments.my.published'));
      onDone();
    } catch (e) {
      setError(applyFormErrors(form, e, ['content']));
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ content: initial }} onFinish={submit} data-testid="commitment-form" requiredMark={false}>
      <Form.Item
        name="content"
        label={t('commitments.my.contentLabel')}
        extra={t('commitments.my.contentHint')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 10, max: 500, message: t('commitments.my.contentLength') }]}
      >
        <Input.TextArea rows={5} maxLength={500} showCount placeholder={t('commitments.my.contentPlaceholder')} data-testid="commitment-input" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={writes.publish.isPending} data-testid="commitment-submit">
          {t(initial ? 'commitments.my.saveRevision' : 'commitments.my.publish')}
        </Button>
        {initial && <Button onClick={onDone}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}

function UpdateForm({ writes }: { writes: Writes }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ content }: { content: string }) => {
    setError(null);
    try {
      await writes.addUpdate.mutateAsync(content);
      form.resetFields();
      message.success(t('commitments.my.updateAdded'));
    } catch (e) {
      setError(applyFormErrors(form, e, ['content']));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="update-form" requiredMark={false}>
      <Form.Item name="content" rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 2, max: 500, message: t('commitments.my.updateLength') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('commitments.my.updatePlaceholder')} data-testid="update-input" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" ghost htmlType="submit" icon={<PlusOutlined />} loading={writes.addUpdate.isPending} data-testid="update-submit">
        {t('commitments.my.addUpdate')}
      </Button>
    </Form>
  );
}

export function CommitmentEditor({ card, year, writes, maxUpdates }: { card: MemberCard; year: string; writes: Writes; maxUpdates?: number }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const c = card.commitment;
  const full = maxUpdates !== undefined && !!c && c.updateCount >= maxUpdates;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('commitments.card.commitmentOf', { year })} data-testid="commitment-card">
        {!c || editing ? (
          <>
            {!c && <Typography.Paragraph type="secondary">{t('commitments.my.intro')}</Typography.Paragraph>}
            <CommitmentForm key={c?.updatedAt ?? 'new'} initial={c?.content ?? ''} writes={writes} onDone={() => setEditing(false)} />
          </>
        ) : (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 16 }} data-testid="commitment-text">
              {c.content}
            </Typography.Paragraph>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('commitments.my.publishedOn', { day: c.publishedAt.slice(0, 10) })}
                {c.revised && ` · ${t('commitments.my.revisedOn', { day: c.updatedAt.slice(0, 10) })}`}
              </Typography.Text>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="commitment-edit">
                {t('commitments.my.revise')}
              </Button>
            </div>
          </>
        )}
      </Card>
      <Card size="small" title={t('commitments.my.progress')} data-testid="progress-card">
        {!c ? (
          <Typography.Text type="secondary">{t('commitments.my.publishFirst')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {full ? <Alert type="info" showIcon title={t('commitments.my.updatesFull', { max: maxUpdates })} /> : <UpdateForm writes={writes} />}
            {c.updates.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('commitments.card.noUpdates')} />
            ) : (
              <Timeline
                items={[...c.updates].reverse().map((u) => ({
                  key: u.id,
                  color: u.byProxy ? 'gray' : 'red',
                  content: (
                    <div data-testid="update-item">
                      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{u.content}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {u.createdAt.slice(0, 10)}
                      </Typography.Text>
                      {u.byProxy && <Tag style={{ marginInlineStart: 6 }}>{t('commitments.card.byProxy')}</Tag>}
                    </div>
                  ),
                }))}
              />
            )}
          </Space>
        )}
      </Card>
    </Space>
  );
}
