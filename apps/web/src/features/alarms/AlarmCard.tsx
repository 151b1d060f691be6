// One alarm as a card, for phones and for "my alarms": what, where, who, when, and its state.
import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/dates.ts';
import { AlarmKindTag, AlarmStatusTag } from './AlarmTags.tsx';
import { AlarmThumbs } from './AlarmThumbs.tsx';
import type { Alarm } from './types.ts';

export function AlarmCard({ alarm, showRaiser = true }: { alarm: Alarm; showRaiser?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const active = alarm.status === 'open' || alarm.status === 'handling';
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(`/alarms/${alarm.id}`)}
      style={{ borderInlineStart: active ? `4px solid ${alarm.status === 'open' ? '#d9001b' : '#fa8c16'}` : undefined }}
      data-testid="alarm-row"
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
        <AlarmKindTag kind={alarm.kind} />
        <AlarmStatusTag status={alarm.status} />
      </div>
      <div style={{ marginTop: 6, fontSize: 15, wordBreak: 'break-word' }}>
        <EnvironmentOutlined style={{ color: 'rgba(0,0,0,0.45)' }} /> {alarm.place || t('placeField.coordsOnly')}
      </div>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 13 }}>
        {alarm.description}
      </Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: 8, marginTop: 6 }}>
        <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12, minWidth: 0 }}>
          <div className="xf-ellipsis">{showRaiser ? `${alarm.unitName} · ${alarm.raisedBy.name}` : alarm.unitName}</div>
          <div>{formatDateTime(alarm.raisedAt)}</div>
        </div>
        <AlarmThumbs alarmId={alarm.id} count={alarm.photoCount} />
      </div>
    </Card>
  );
}
