// Ledger entries as a narrow list (fits a phone): what, when, the account in its colour, the signed
// points; a reversed entry is greyed and marked 已冲正, a reversing one marked 冲正.
import { Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_COLOR, ACCOUNT_TEXT_COLOR, signed, usePointsFormat } from './format.ts';
import type { Entry } from './types.ts';

export function EntryTags({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const { account } = usePointsFormat();
  return (
    <>
      <Tag color={ACCOUNT_COLOR[entry.account]} data-testid="entry-account">
        {account(entry.account)}
      </Tag>
      {entry.veto && <Tag color="magenta">{t('points.veto')}</Tag>}
      {entry.reversedBy !== null && <Tag data-testid="entry-reversed">{t('points.entry.reversed')}</Tag>}
      {entry.reversesId !== null && <Tag color="orange">{t('points.entry.reversal')}</Tag>}
    </>
  );
}

export function EntryPoints({ entry }: { entry: Entry }) {
  return (
    <span
      style={{
        color: ACCOUNT_TEXT_COLOR[entry.account], fontWeight: 600, whiteSpace: 'nowrap',
        textDecoration: entry.reversedBy !== null ? 'line-through' : undefined,
      }}
      data-testid="entry-points"
    >
      {signed(entry.points)}
    </span>
  );
}

export function EntryList({ entries }: { entries: Entry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.entry.none')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column' }} data-testid="entry-list">
      {entries.map((e) => (
        <div
          key={e.id}
          data-testid="entry-row"
          style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '8px 0', borderBottom: '1px solid #f0f0f0', opacity: e.reversedBy !== null ? 0.6 : 1 }}
        >
          <div style={{ flex: 1, minWidth: 0 }}>
            <div className="xf-ellipsis">{e.rule?.name ?? e.reason}</div>
            {e.rule?.name && e.reason && e.reason !== e.rule.name && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} className="xf-ellipsis">
                {e.reason}
              </Typography.Text>
            )}
            <div style={{ marginTop: 2, display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
                {e.occurredOn}
              </Typography.Text>
              <EntryTags entry={e} />
            </div>
          </div>
          <EntryPoints entry={e} />
        </div>
      ))}
    </div>
  );
}
