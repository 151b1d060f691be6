import { KeyOutlined, PlusOutlined, SearchOutlined, StopOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Input, Pagination, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import type { Page, User, UserGrant } from '../../api/types.ts';
import { useCan, useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { OneTimePassword } from './OneTimePassword.tsx';
import { AddGrantModal, CreateUserModal } from './UserFormModals.tsx';

const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export default function UsersPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const can = useCan();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const isPhone = useIsPhone();
  const manage = can('user.manage');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [unitId, setUnitId] = useState<number | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<User | null>(null);
  const [secret, setSecret] = useState<{ title: string; password: string } | null>(null);

  const query = { q: q || undefined, unitId, ...paging };
  const { data, isFetching, error } = useQuery({
    queryKey: ['users', query],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', query, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const removeGrant = (u: User, g: UserGrant) =>
    modal.confirm({
      title: t('users.revokeTitle'),
      content: t('users.revokeConfirm', { role: t(`enums.role.${g.role}`), unit: g.unit?.name ?? t('users.wholeSystem'), name: u.displayName }),
      okButtonProps: { danger: true },
      onOk: () => act(() => api.del(`/api/users/${u.id}/grants/${g.id}`), t('users.grantRemoved')),
    });

  const resetPassword = (u: User) =>
    modal.confirm({
      title: t('users.resetTitle', { name: u.displayName }),
      content: t('users.resetConfirm'),
      onOk: async () => {
        try {
          const res = await api.post<{ temporaryPassword: string }>(`/api/users/${u.id}/reset-password`);
          setSecret({ title: t('users.temporaryPassword', { name: u.displayName }), password: res.temporaryPassword });
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const toggleDisabled = (u: User) =>
    modal.confirm({
      title: u.disabled ? t('users.enableTitle', { name: u.displayName }) : t('users.disableTitle', { name: u.displayName }),
      content: u.disabled ? undefined : t('users.disableConfirm'),
      okButtonProps: { danger: !u.disabled },
      onOk: () => act(() => api.post(`/api/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`), u.disabled ? t('users.enabled') : t('users.disabledDone')),
    });

  const grants = (u: User) => (
    <Space size={[4, 4]} wrap>
      {u.grants.map((g) => (
        <Tag
          key={g.id}
          color={g.role === 'admin' || g.role === 'unit_admin' ? 'red' : g.role === 'secretary' ? 'orange' : undefined}
          closable={manage && u.id !== me.id}
          onClose={(e) => {
            e.preventDefault();
            removeGrant(u, g);
          }}
          data-testid="user-grant"
        >
          {t(`enums.role.${g.role}`)} · {g.unit?.name ?? t('users.wholeSystem')}
        </Tag>
      ))}
    </Space>
  );

  const actions = (u: User) =>
    manage && (
      <Space size={4} wrap>
        <Button size="small" icon={<UserAddOutlined />} onClick={() => setGranting(u)} data-testid="user-add-grant">
          {t('users.addGrant')}
        </Button>
        <Button size="small" icon={<KeyOutlined />} onClick={() => resetPassword(u)} data-testid="user-reset-password">
          {t('users.resetPassword')}
        </Button>
        {u.id !== me.id && (
          <Button size="small" danger={!u.disabled} icon={u.disabled ? <UnlockOutlined /> : <StopOutlined />} onClick={() => toggleDisabled(u)} data-testid="user-toggle-disabled">
            {u.disabled ? t('users.enable') : t('users.disable')}
          </Button>
        )}
      </Space>
    );

  const columns: ColumnsType<User> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (v: string, u) => (
        <Space size={4}>
          {v}
          {u.disabled && <Tag>{t('users.disabled')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.username'), dataIndex: 'username', render: (v: string | null) => v ?? '' },
    { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '' },
    { title: t('users.roles'), key: 'grants', render: (_: unknown, u) => grants(u) },
    ...(manage ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, u: User) => actions(u) }] : []),
  ];

  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total: number) => t('common.total', { count: total }),
    onChange: (page: number, pageSize: number) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
  };
  const items = data?.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.users')}
        </Typography.Title>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={10}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('users.searchPlaceholder')}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              data-testid="user-search"
            />
          </Col>
          <Col xs={24} md={8}>
            <UnitPicker value={unitId ?? null} placeholder={t('users.filterUnit')} onChange={(id) => { setUnitId(id); setPaging((p) => ({ ...p, page: 1 })); }} />
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {items.length === 0 && !isFetching && <Empty />}
            {items.map((u) => (
              <Card key={u.id} size="small" {...rowProps('user-row')}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{u.displayName}</Typography.Text>
                    {u.disabled && <Tag>{t('users.disabled')}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {[u.username, u.phone].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {grants(u)}
                  {actions(u)}
                </Space>
              </Card>
            ))}
            {(data?.total ?? 0) > 0 && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          onRow={() => rowProps('user-row')}
        />
      )}
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={async (u, password) => {
          setCreating(false);
          if (password) setSecret({ title: t('users.initialPassword', { name: u.displayName }), password });
          await refresh();
        }}
      />
      <AddGrantModal
        user={granting}
        onClose={() => setGranting(null)}
        onSaved={async () => {
          setGranting(null);
          await refresh();
        }}
      />
      <OneTimePassword password={secret?.password ?? null} title={secret?.title ?? ''} onClose={() => setSecret(null)} />
    </Space>
  );
}
