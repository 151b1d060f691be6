// 积分超市 of the unit: its items (add, edit, 补货, 上架/下架) and its orders.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { useInvalidatePoints, useShopItems } from '../hooks.ts';
import type { ShopItem } from '../types.ts';
import { ItemFormDrawer } from './ItemFormDrawer.tsx';
import { ShopOrders } from './ShopOrders.tsx';
import { StockModal } from './StockModal.tsx';

const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export function ShopTab({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const { data, isFetching, error } = useShopItems(unitId);
  const [editing, setEditing] = useState<{ item?: ShopItem } | null>(null);
  const [restocking, setRestocking] = useState<ShopItem | null>(null);
  const items = data?.items ?? [];

  async function toggle(item: ShopItem) {
    try {
      await api.patch(`/api/points/shop/items/${item.id}`, { active: !item.active });
      message.success(item.active ? t('points.shopAdmin.offShelfDone') : t('points.shopAdmin.onShelfDone'));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const shelf = (i: ShopItem) => <Tag color={i.active ? 'green' : 'default'}>{i.active ? t('points.shopAdmin.onShelf') : t('points.shopAdmin.offShelf')}</Tag>;
  const actions = (i: ShopItem) => (
    <Space size={4} wrap>
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ item: i })} data-testid="item-edit">
        {t('common.edit')}
      </Button>
      <Button size="small" onClick={() => setRestocking(i)} data-testid="item-restock">
        {t('points.shopAdmin.restock')}
      </Button>
      <Button size="small" onClick={() => toggle(i)} data-testid="item-toggle">
        {i.active ? t('points.shopAdmin.takeOff') : t('points.shopAdmin.putOn')}
      </Button>
    </Space>
  );

  const columns: ColumnsType<ShopItem> = [
    { title: t('points.shopAdmin.name'), dataIndex: 'name', render: (v: string, i) => (<span>{v}{i.description && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{i.description}</Typography.Text>}</span>) },
    { title: t('points.shop.price'), dataIndex: 'price', render: (p: number) => t('points.pointsValue', { count: p }) },
    { title: t('points.shopAdmin.stock'), dataIndex: 'stock', render: (s: number) => (s === 0 ? <Tag color="red">0</Tag> : s) },
    { title: t('points.shopAdmin.limitPerPeriod'), dataIndex: 'limitPerPeriod', render: (l: number | null) => l ?? t('common.none') },
    { title: t('points.shopAdmin.shelf'), key: 'active', render: (_, i) => shelf(i) },
    { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, i) => actions(i) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="item-create">
        {t('points.shopAdmin.create')}
      </Button>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {items.length === 0 && !isFetching && <Empty description={t('points.shop.empty')} />}
            {items.map((i) => (
              <Card key={i.id} size="small" {...rowProps('item-row')}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong>{i.name}</Typography.Text>
                  {shelf(i)}
                </div>
                <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
                  {t('points.pointsValue', { count: i.price })} · {t('points.shop.stockLeft', { count: i.stock })}
                  {i.limitPerPeriod !== null ? ` · ${t('points.shop.limitHint', { limit: i.limitPerPeriod })}` : ''}
                </div>
                <div style={{ marginTop: 6 }}>{actions(i)}</div>
              </Card>
            ))}
          </div>
        </Spin>
      ) : (
        <Table<ShopItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={() => rowProps('item-row')}
          locale={{ emptyText: <Empty description={t('points.shop.empty')} /> }}
        />
      )}
      <ShopOrders unitId={unitId} />
      <ItemFormDrawer open={!!editing} unitId={unitId} item={editing?.item} onClose={() => setEditing(null)} />
      <StockModal item={restocking} onClose={() => setRestocking(null)} />
    </Space>
  );
}
