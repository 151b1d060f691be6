// An alarm's kind and status as tags: open ones in red, the ones being handled in orange.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldLabels } from '../field/labels.ts';

const STATUS_COLOR: Record<string, string> = { open: 'red', handling: 'orange', promoted: 'purple', closed: 'default' };

export function AlarmStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="alarm-status">
      {t(`alarms.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function AlarmKindTag({ kind }: { kind: string }) {
  const { alarmKind } = useFieldLabels();
  return (
    <Tag color="volcano" variant="outlined" style={{ marginInlineEnd: 0, fontWeight: 600 }} data-testid="alarm-kind">
      {alarmKind(kind)}
    </Tag>
  );
}
