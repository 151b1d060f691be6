// 险情上报: the alarms of one's units, those still needing someone first (the default filter), with
// where, what and who, and their photos. A duty officer opens one to take it up.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PlaceText } from '../../components/PlaceField.tsx';
import { ListFilters, ResponsiveList, useListParams } from '../../components/ResponsiveList.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { AlarmCard } from './AlarmCard.tsx';
import { AlarmKindTag, AlarmStatusTag } from './AlarmTags.tsx';
import { AlarmThumbs } from './AlarmThumbs.tsx';
import { useAlarms } from './hooks.ts';
import type { Alarm, AlarmFilter } from './types.ts';

const FILTERS: AlarmFilter[] = ['active', 'open', 'handling', 'promoted', 'closed', 'all'];
const PAGE_SIZE = 20;

export default function AlarmsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const params = useListParams(FILTERS, 'active');
  const { status, unitId, page, set } = params;
  const { data, isFetching, error } = useAlarms({ status, unitId, page, pageSize: PAGE_SIZE });

  const columns: ColumnsType<Alarm> = [
    { title: t('alarms.field.raisedAt'), dataIndex: 'raisedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('alarms.field.kind'), dataIndex: 'kind', render: (k: string) => <AlarmKindTag kind={k} /> },
    { title: t('alarms.field.place'), dataIndex: 'place', render: (place: string, a) => <PlaceText place={place} latitude={a.latitude} /> },
    { title: t('alarms.field.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('alarms.field.raiser'), dataIndex: ['raisedBy', 'name'], ellipsis: true },
    { title: t('alarms.field.status'), dataIndex: 'status', render: (s: string) => <AlarmStatusTag status={s} /> },
    { title: t('alarms.field.photos'), dataIndex: 'photoCount', render: (n: number, a) => <AlarmThumbs alarmId={a.id} count={n} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="alarms-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('alarms.list.title')}
        </Typography.Title>
        {can('alarm.raise') && (
          <Link to="/alarms/new">
            <Button type="primary" danger icon={<PlusOutlined />} data-testid="alarms-raise">
              {t('alarms.raise.title')}
            </Button>
          </Link>
        )}
      </div>
      <ListFilters params={params} filters={FILTERS} label={(f) => t(`alarms.filter.${f}`)} unitPlaceholder={t('alarms.list.allUnits')} testId="alarms-filter" />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <ResponsiveList<Alarm>
        data={data}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: p })}
        loading={isFetching}
        empty={t(status === 'active' ? 'alarms.list.noneActive' : 'alarms.list.none')}
        card={(a) => <AlarmCard alarm={a} />}
        columns={columns}
        onOpen={(a) => navigate(`/alarms/${a.id}`)}
        row={(a) => ({ testId: 'alarm-row', background: a.status === 'open' ? '#fff1f0' : undefined })}
        testId="alarms"
      />
    </Space>
  );
}
