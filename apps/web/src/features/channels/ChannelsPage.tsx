// 通知渠道: where the cascade's events go besides the inbox — signed webhooks (a county's own
// systems, a loudspeaker gateway) and e-mail. Each channel can be tested at once; its deliveries
// are listed by status, and what failed for good waits in the dead-letter list to be retried.
import { ApiOutlined, EditOutlined, HistoryOutlined, MailOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Modal, Result, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { ChannelFormDrawer, eventKey } from './ChannelFormDrawer.tsx';
import { DeadLetters, DeliveriesDrawer } from './Deliveries.tsx';
import { testChannel, updateChannel, useChannels, useInvalidateChannels } from './hooks.ts';
import type { Channel, Delivery } from './types.ts';

function TestResult({ result, onClose }: { result: { channel: Channel; delivery: Delivery } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ok = result?.delivery.status === 'sent';
  return (
    <Modal open={!!result} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} title={t('channels.test.title')} destroyOnHidden>
      {result && (
        <Result
          status={ok ? 'success' : 'error'}
          title={t(ok ? 'channels.test.sent' : 'channels.test.failed', { name: result.channel.name })}
          subTitle={ok ? formatDateTime(result.delivery.sentAt) : result.delivery.lastError}
          style={{ padding: 12 }}
          data-testid="channel-test-result"
        />
      )}
    </Modal>
  );
}

export default function ChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateChannels();
  const me = useCurrentUser();
  const own = me.grants.find((g) => g.unit && roleHas(g.role, 'warning.manage'))?.unit ?? null;
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unit')) || undefined;
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: () => api.get<UnitDetail>(`/api/units/${unitId}`), enabled: !!unitId });
  const { data, isFetching, error } = useChannels(unitId);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [creating, setCreating] = useState(false);
  const [deliveriesOf, setDeliveriesOf] = useState<Channel | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);
  const [result, setResult] = useState<{ channel: Channel; delivery: Delivery } | null>(null);

  async function test(c: Channel) {
    setTesting(c.id);
    try {
      setResult({ channel: c, delivery: await testChannel(c.id) });
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setTesting(null);
    }
  }

  async function toggle(c: Channel, enabled: boolean) {
    setToggling(c.id);
    try {
      await updateChannel(c.id, { enabled });
      message.success(t(enabled ? 'channels.enabledOn' : 'channels.enabledOff', { name: c.name }));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setToggling(null);
    }
  }

  const columns: ColumnsType<Channel> = [
    {
      title: t('channels.field.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <Space size={6}>
          {c.kind === 'webhook' ? <ApiOutlined /> : <MailOutlined />}
          <Typography.Text strong>{name}</Typography.Text>
        </Space>
      ),
    },
    { title: t('channels.field.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`channels.kind.${k}`)}</Tag> },
    { title: t('channels.field.unit'), dataIndex: 'unitName', render: (n: string | null) => n ?? <Tag color="gold">{t('channels.globalTag')}</Tag> },
    {
      title: t('channels.field.target'),
      key: 'target',
      ellipsis: true,
      render: (_: unknown, c) => (c.kind === 'webhook' ? c.config.url : c.config.to.join(t('channels.listSeparator'))),
    },
    {
      title: t('channels.field.events'),
      dataIndex: 'events',
      render: (events: string[]) => (
        <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, maxWidth: 320 }}>
          {events.map((e) => (
            <Tag key={e} style={{ marginInlineEnd: 0 }}>{t(eventKey(e))}</Tag>
          ))}
        </span>
      ),
    },
    {
      title: t('channels.field.enabled'),
      dataIndex: 'enabled',
      render: (on: boolean, c) => <Switch size="small" checked={on} loading={toggling === c.id} onChange={(v) => toggle(c, v)} data-testid="channel-enabled" />,
    },
    {
      title: t('channels.field.queue'),
      key: 'queue',
      render: (_: unknown, c) => (
        <Space size={4}>
          {c.pending > 0 && <Tag color="processing">{t('channels.pendingCount', { n: c.pending })}</Tag>}
          {c.dead > 0 && <Tag color="red">{t('channels.deadCount', { n: c.dead })}</Tag>}
          {c.pending === 0 && c.dead === 0 && <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('common.none')}</span>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="channel-edit">
            {t('common.edit')}
          </Button>
          <Button size="small" icon={<SendOutlined />} loading={testing === c.id} onClick={() => test(c)} data-testid="channel-test">
            {t('channels.test.button')}
          </Button>
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setDeliveriesOf(c)} data-testid="channel-deliveries">
            {t('channels.delivery.button')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="channels-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('channels.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="channel-create">
          {t('channels.form.createTitle')}
        </Button>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={10}>
            <UnitPicker
              value={unitId ?? null}
              initialUnit={unit.data}
              placeholder={t('channels.allUnits')}
              onChange={(id) => {
                const next = new URLSearchParams(params);
                if (id) next.set('unit', String(id));
                else next.delete('unit');
                setParams(next, { replace: true });
              }}
            />
          </Col>
          <Col xs={24} md={14}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('channels.intro')}
            </Typography.Text>
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<Channel>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: <Empty description={t('channels.none')} /> }}
        data-testid="channels-table"
      />
      <Card size="small" title={t('channels.dead.title')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('channels.dead.hint')}</Typography.Text>}>
        <DeadLetters unitId={unitId} />
      </Card>
      <ChannelFormDrawer
        open={creating || !!editing}
        channel={editing}
        defaultUnit={unit.data ?? own}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onSaved={(c) => {
          setCreating(false);
          setEditing(null);
          message.success(t('channels.saved', { name: c.name }));
          void invalidate();
        }}
      />
      <DeliveriesDrawer channel={deliveriesOf} onClose={() => setDeliveriesOf(null)} />
      <TestResult result={result} onClose={() => setResult(null)} />
    </Space>
  );
}
