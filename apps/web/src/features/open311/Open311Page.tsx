// Open311 接入 (system administrator): the client applications trusted to file hazard reports and
// help requests through GeoReport v2 — a county's 随手拍 mini-program, a hotline's system. Each is
// registered with a contact and gets an API key, shown once; a key can be revoked for good. The
// addresses to give a client's developers are shown above the list.
import { ApiOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, Modal, Popconfirm, Result, Skeleton, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { isOpen311Admin } from './access.ts';
import { registerClient, revokeClient, useInvalidateOpen311, useOpen311Clients } from './hooks.ts';
import type { NewClientInput, Open311Client, RegisteredClient } from './types.ts';

const MONO = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

function StatusTag({ client }: { client: Open311Client }) {
  const { t } = useTranslation();
  return client.active ? <Tag color="green" data-testid="open311-status">{t('open311.active')}</Tag> : <Tag data-testid="open311-status">{t('open311.revoked')}</Tag>;
}

/** "2026-11-29 10:00:00 · admin", or just the time when nobody is named. */
function when(time: string | null, who: string | null) {
  if (!time) return null;
  return who ? `${formatDateTime(time)} · ${who}` : formatDateTime(time);
}

/** A time with who did it below, for the narrow columns of the table. */
function Stamp({ time, who, prefix }: { time: string; who: string | null; prefix?: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <span style={{ whiteSpace: 'nowrap' }}>{prefix ? `${prefix} ${formatDateTime(time)}` : formatDateTime(time)}</span>
      {who && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{who}</Typography.Text>}
    </Space>
  );
}

export default function Open311Page() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const me = useCurrentUser();
  const admin = isOpen311Admin(me);
  const { data, error, isPending, isFetching } = useOpen311Clients(admin);
  const invalidate = useInvalidateOpen311();
  const [adding, setAdding] = useState(false);
  const [registered, setRegistered] = useState<RegisteredClient | null>(null);
  const [revoking, setRevoking] = useState<number | null>(null);

  if (!admin) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('open311.adminOnly')} data-testid="open311-forbidden" />;

  async function revoke(c: Open311Client) {
    setRevoking(c.id);
    try {
      await revokeClient(c.id);
      message.success(t('open311.revokedDone', { name: c.name }));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setRevoking(null);
    }
  }

  const revokeButton = (c: Open311Client) =>
    c.active ? (
      <Popconfirm title={t('open311.revokeConfirm', { name: c.name })} okText={t('open311.revoke')} okButtonProps={{ danger: true, 'data-testid': 'open311-revoke-confirm' }} onConfirm={() => revoke(c)}>
        <Button size="small" danger icon={<StopOutlined />} loading={revoking === c.id} data-testid="open311-revoke">
          {t('open311.revoke')}
        </Button>
      </Popconfirm>
    ) : null;

  const columns: ColumnsType<Open311Client> = [
    {
      title: t('open311.field.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <Space orientation="vertical" size={0}>
          <Space size={6}>
            <Typography.Text strong>{name}</Typography.Text>
            <StatusTag client={c} />
          </Space>
          {c.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.note}</Typography.Text>}
          <Typography.Text type="secondary" style={{ ...MONO, fontSize: 12 }}>{t('open311.field.key')}{t('common.colon')}{c.keyHint}</Typography.Text>
        </Space>
      ),
    },
    { title: t('open311.field.contact'), dataIndex: 'contact', render: (v: string | null) => v ?? t('common.none') },
    { title: t('open311.field.created'), key: 'created', render: (_: unknown, c) => <Stamp time={c.createdAt} who={c.createdBy} /> },
    { title: t('open311.field.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => <span data-testid="open311-last-used">{v ? formatDateTime(v) : <Typography.Text type="secondary">{t('open311.neverUsed')}</Typography.Text>}</span> },
    {
      title: t('common.actions'), key: 'actions',
      // A revoked key stays revoked: instead of a button, when and by whom.
      render: (_: unknown, c) => revokeButton(c) ?? (c.revokedAt && <Stamp time={c.revokedAt} who={c.revokedBy} prefix={t('open311.revoked')} />),
    },
  ];

  const items = data?.items ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="open311-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="open311-title">
          {t('open311.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="open311-add">
          {t('open311.add')}
        </Button>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('open311.intro')}
        </Typography.Paragraph>
        {isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : (
          data && (
            <Descriptions size="small" column={1} data-testid="open311-urls">
              <Descriptions.Item label={t('open311.urls.discovery')}>
                <Typography.Text copyable style={{ ...MONO, wordBreak: 'break-all' }} data-testid="open311-url-discovery">{data.urls.discovery}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('open311.urls.endpoint')}>
                <Typography.Text copyable style={{ ...MONO, wordBreak: 'break-all' }} data-testid="open311-url-endpoint">{data.urls.endpoint}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          )
        )}
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="open311-list">
            {items.length === 0 && !isFetching && <Empty description={t('open311.none')} />}
            {items.map((c) => (
              <Card
                key={c.id}
                size="small"
                title={
                  <Space size={6}>
                    <ApiOutlined />
                    <span className="xf-ellipsis">{c.name}</span>
                    <StatusTag client={c} />
                  </Space>
                }
                extra={revokeButton(c)}
                data-testid="open311-card"
              >
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('open311.field.contact')}>{c.contact ?? t('common.none')}</Descriptions.Item>
                  {c.note ? <Descriptions.Item label={t('open311.field.note')}>{c.note}</Descriptions.Item> : null}
                  <Descriptions.Item label={t('open311.field.key')}><span style={MONO}>{c.keyHint}</span></Descriptions.Item>
                  <Descriptions.Item label={t('open311.field.created')}>{when(c.createdAt, c.createdBy)}</Descriptions.Item>
                  <Descriptions.Item label={t('open311.field.lastUsed')}><span data-testid="open311-last-used">{c.lastUsedAt ? formatDateTime(c.lastUsedAt) : t('open311.neverUsed')}</span></Descriptions.Item>
                  {c.revokedAt ? <Descriptions.Item label={t('open311.field.revoked')}>{when(c.revokedAt, c.revokedBy)}</Descriptions.Item> : null}
                </Descriptions>
              </Card>
            ))}
          </div>
        </Spin>
      ) : (
        <Table<Open311Client>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('open311.none')} /> }}
          data-testid="open311-table"
        />
      )}
      {adding && (
        <RegisterDrawer
          onClose={() => setAdding(false)}
          onRegistered={async (r) => {
            setAdding(false);
            setRegistered(r);
            await invalidate();
          }}
        />
      )}
      <KeyOnce registered={registered} onClose={() => setRegistered(null)} />
    </Space>
  );
}

const FIELDS = ['name', 'contact', 'note'] as const;

function RegisterDrawer({ onClose, onRegistered }: { onClose: () => void; onRegistered: (r: RegisteredClient) => Promise<void> }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<NewClientInput>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(v: NewClientInput) {
    setSaving(true);
    setProblem(null);
    try {
      await onRegistered(await registerClient({ name: v.name, contact: v.contact, note: v.note ?? '' }));
    } catch (e) {
      setProblem(applyFormErrors(form, e, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer mask={{ closable: false }} open onClose={onClose} size={isPhone ? '100%' : 480} title={t('open311.addTitle')} destroyOnHidden>
      <Form<NewClientInput> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="open311-form">
        <Form.Item name="name" label={t('open311.field.name')} extra={t('open311.nameHint')} rules={[{ required: true, whitespace: true, message: t('open311.nameRequired') }]}>
          <Input maxLength={60} data-testid="open311-name" />
        </Form.Item>
        <Form.Item name="contact" label={t('open311.field.contact')} extra={t('open311.contactHint')} rules={[{ required: true, whitespace: true, min: 2, message: t('open311.contactRequired') }]}>
          <Input maxLength={200} data-testid="open311-contact" />
        </Form.Item>
        <Form.Item name="note" label={t('open311.field.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="open311-note" />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving} block data-testid="open311-save">
          {t('open311.register')}
        </Button>
      </Form>
    </Drawer>
  );
}

/** The new key, shown this once: the server keeps only its hash. */
function KeyOnce({ registered, onClose }: { registered: RegisteredClient | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!registered}
      title={registered ? t('open311.keyTitle', { name: registered.client.name }) : ''}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('open311.keyNoted')}
      okButtonProps={{ 'data-testid': 'open311-key-noted' }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('open311.shownOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: registered?.apiKey ?? '' }} style={{ ...MONO, fontSize: 16, wordBreak: 'break-all' }} data-testid="open311-key">
        {registered?.apiKey}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('open311.keyUsage')}</Typography.Text>
    </Modal>
  );
}
