// Everything that happened to the warning, newest at the top, one readable sentence per entry.
import { Button, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timelineColor, timelineSentence } from './format.ts';
import { useWarningLabels } from './LevelTag.tsx';
import type { TimelineEntry } from './types.ts';

const STEP = 100;

function when(iso: string) {
  const d = dayjs(iso);
  return d.isSame(dayjs(), 'day') ? d.format('HH:mm:ss') : d.format('MM-DD HH:mm');
}

export function WarningTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const { tr, locale } = useWarningLabels();
  const [shown, setShown] = useState(STEP);
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.dashboard.noEvents')} />;
  const newestFirst = [...entries].reverse();
  return (
    <div data-testid="warning-timeline">
      <Timeline
        items={newestFirst.slice(0, shown).map((e) => ({
          key: e.id,
          color: timelineColor(e.kind),
          content: (
            <div data-testid="timeline-entry" data-kind={e.kind}>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 8, fontVariantNumeric: 'tabular-nums' }}>
                {when(e.at)}
              </Typography.Text>
              <span style={{ wordBreak: 'break-word' }}>{timelineSentence(e, tr, locale)}</span>
              {e.actorName && e.kind === 'acknowledged' && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {e.actorName}
                </Typography.Text>
              )}
            </div>
          ),
        }))}
      />
      {newestFirst.length > shown && (
        <Button type="link" size="small" onClick={() => setShown((n) => n + STEP)}>
          {t('warnings.dashboard.moreEvents', { count: newestFirst.length - shown })}
        </Button>
      )}
    </div>
  );
}
