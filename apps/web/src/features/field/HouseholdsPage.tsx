// 网格住户: the households of a grid (or a whole village), those with people to move first at the
// top, with a count per category. Sensitive: seen only by those responsible for the grid and the
// duty officers above, and every look is recorded — the page says so.
import { CloudUploadOutlined, EyeOutlined, HomeOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Row, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { ResponsiveList } from '../../components/ResponsiveList.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { useHouseholds, useInvalidateField } from './hooks.ts';
import { HouseholdDrawer } from './HouseholdDrawer.tsx';
import { HouseholdFormDrawer } from './HouseholdFormDrawer.tsx';
import { FIELD_UNIT_KINDS, useFieldLabels, VULNERABLE_COLORS } from './labels.ts';
import type { Household } from './types.ts';
import { VulnerableTags } from './VulnerableTags.tsx';

const PAGE_SIZE = 20;

export default function HouseholdsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { vulnerable } = useFieldLabels();
  const invalidate = useInvalidateField();
  const { unitId, unit, params, setParam } = useUnitChoice('household.read');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const archived = params.get('archived') === '1';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 350);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setParam({ q: q || undefined, page: undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this
  }, [q]);

  const { data, isFetching, error } = useHouseholds({ unitId, q: params.get('q') || undefined, archived, page, pageSize: PAGE_SIZE });
  const fieldUnit = data && FIELD_UNIT_KINDS.includes(data.unit.kind) ? { id: data.unit.id, name: data.unit.name, code: '' } : null;

  const columns: ColumnsType<Household> = [
    { title: t('field.household.address'), dataIndex: 'address', render: (a: string) => <Typography.Text strong>{a}</Typography.Text> },
    { title: t('field.household.head'), dataIndex: 'headName' },
    { title: t('field.household.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '' },
    { title: t('field.household.people'), dataIndex: 'people', align: 'right' },
    { title: t('field.person.title'), dataIndex: 'vulnerable', render: (_: unknown, h) => <VulnerableTags people={h.vulnerable} /> },
    { title: t('field.household.grid'), dataIndex: 'unitName', ellipsis: true },
    { title: t('field.household.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
  ];

  const counted = Object.entries(data?.categories ?? {}).filter(([, n]) => n > 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="households-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('field.household.pageTitle')}
        </Typography.Title>
        <Space wrap>
          {can('warning.ack') && (
            <Link to={unitId ? `/shelters?unit=${unitId}` : '/shelters'}>
              <Button icon={<HomeOutlined />} data-testid="to-shelters">
                {t('field.shelters.title')}
              </Button>
            </Link>
          )}
          {can('household.write') && (
            <Link to="/households/import">
              <Button icon={<CloudUploadOutlined />} data-testid="household-import">
                {t('hazards.householdImport.button')}
              </Button>
            </Link>
          )}
          {can('household.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="household-create">
              {t('field.household.create')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={8}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setParam({ unit: id, page: undefined })} data-testid="households-unit" />
          </Col>
          <Col xs={24} md={10}>
            <Input allowClear prefix={<SearchOutlined />} placeholder={t('field.household.search')} value={search} onChange={(e) => setSearch(e.target.value)} aria-label={t('field.household.search')} data-testid="households-search" />
          </Col>
          <Col xs={24} md={6}>
            <Segmented
              block
              value={archived ? 'archived' : 'current'}
              onChange={(v) => setParam({ archived: v === 'archived' ? 1 : undefined, page: undefined })}
              options={[
                { value: 'current', label: t('field.household.current') },
                { value: 'archived', label: t('field.household.archivedList') },
              ]}
            />
          </Col>
        </Row>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginTop: 10 }} data-testid="category-counts">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('field.household.categoryCounts')}
          </Typography.Text>
          {counted.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          {counted.map(([c, n]) => (
            <Tag key={c} color={VULNERABLE_COLORS[c] ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {vulnerable(c)} {n}
            </Tag>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }} data-testid="households-audited">
            <EyeOutlined /> {t('field.household.audited')}
          </Typography.Text>
        </div>
      </Card>
      {!unitId && <Alert type="info" showIcon title={t('field.household.pickUnit')} />}
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {unitId && (
        <ResponsiveList<Household>
          data={data}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => setParam({ page: p === 1 ? undefined : p })}
          loading={isFetching}
          empty={t('field.household.none')}
          card={(h) => (
            <Card size="small" hoverable onClick={() => setOpenId(h.id)} data-testid="household-row">
              <Typography.Text strong style={{ fontSize: 15 }}>
                {h.address}
              </Typography.Text>
              <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
                {[t('field.household.headIs', { name: h.headName }), h.phone, t('field.household.peopleCount', { count: h.people })].filter(Boolean).join(' · ')}
              </div>
              <div className="xf-ellipsis" style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{h.unitName}</div>
              {h.vulnerable.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  <VulnerableTags people={h.vulnerable} />
                </div>
              )}
            </Card>
          )}
          columns={columns}
          onOpen={(h) => setOpenId(h.id)}
          row={() => ({ testId: 'household-row' })}
          testId="households"
        />
      )}
      <HouseholdDrawer id={openId} onClose={() => setOpenId(null)} />
      <HouseholdFormDrawer
        open={creating}
        defaultUnit={fieldUnit}
        onClose={() => setCreating(false)}
        onSaved={(h) => {
          setCreating(false);
          message.success(t('field.household.saved'));
          void invalidate();
          setOpenId(h.id);
        }}
      />
    </Space>
  );
}
