// 党员身份卡: the member as the people around them see it — the 党员 identity, name, unit, join year,
// stars and this year's commitment with its progress. `grid`: one card among many (the latest
// update only, tappable); `full`: the card's own page with every update.
import { FlagFilled, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Stars } from './Stars.tsx';
import type { CommitmentUpdate, MemberCard } from './types.ts';

const RED = '#c8161d';

function day(iso: string) {
  return iso.slice(0, 10);
}

function UpdateLine({ u }: { u: CommitmentUpdate }) {
  const { t } = useTranslation();
  return (
    <div data-testid="card-update">
      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{u.content}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {day(u.createdAt)}
        {u.byProxy && (
          <Tag style={{ marginInlineStart: 6 }} data-testid="card-update-proxy">
            {t('commitments.card.byProxy')}
          </Tag>
        )}
      </Typography.Text>
    </div>
  );
}

export function MemberCardView({ card, year, variant, onOpen, testId = 'member-card' }: { card: MemberCard; year: string; variant: 'grid' | 'full'; onOpen?: () => void; testId?: string }) {
  const { t } = useTranslation();
  const c = card.commitment;
  const open = onOpen
    ? { role: 'button', tabIndex: 0, onClick: onOpen, onKeyDown: (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && onOpen() }
    : {};
  return (
    <Card
      hoverable={!!onOpen}
      styles={{ body: { padding: 0 } }}
      style={{ overflow: 'hidden', height: variant === 'grid' ? '100%' : undefined, cursor: onOpen ? 'pointer' : undefined }}
      data-testid={testId}
      data-member-id={card.memberId}
      {...open}
    >
      <div style={{ background: RED, color: '#fff', padding: '10px 16px', display: 'flex', alignItems: 'center', gap: 8 }}>
        <FlagFilled style={{ color: '#ffd666' }} />
        <span style={{ fontWeight: 600, flex: 1 }} data-testid="card-identity">
          {t(card.status === 'probationary' ? 'commitments.card.identityProbationary' : 'commitments.card.identity')}
        </span>
        <span style={{ background: 'rgba(255,255,255,0.92)', borderRadius: 10, padding: '0 6px' }}>
          <Stars lit={card.stars?.dimensions ?? []} size={13} />
        </span>
      </div>
      <div style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
          <span style={{ fontSize: 20, fontWeight: 700 }} data-testid="card-name">
            {card.name}
          </span>
          <Typography.Text type="secondary" data-testid="card-join-year">
            {t('commitments.card.joinYear', { year: card.joinYear })}
          </Typography.Text>
          {onOpen && <RightOutlined style={{ marginInlineStart: 'auto', color: 'rgba(0,0,0,0.3)' }} />}
        </div>
        <Typography.Text type="secondary" data-testid="card-unit" className="xf-ellipsis">
          {card.unit.name}
        </Typography.Text>
        {card.stars && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('commitments.card.starsOf', { period: card.stars.period, n: card.stars.count })}
          </Typography.Text>
        )}
        <div style={{ borderTop: '1px dashed #f0f0f0', paddingTop: 8 }}>
          <div style={{ color: RED, fontWeight: 600, marginBottom: 4 }}>{t('commitments.card.commitmentOf', { year })}</div>
          {c ? (
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginBottom: 0 }}
              ellipsis={variant === 'grid' ? { rows: 4 } : false}
              data-testid="card-commitment"
            >
              {c.content}
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary" data-testid="card-no-commitment">
              {t('commitments.card.noCommitment')}
            </Typography.Text>
          )}
        </div>
        {c && (
          <div style={{ background: '#fafafa', borderRadius: 6, padding: '8px 12px' }}>
            <div style={{ fontWeight: 600, marginBottom: 4 }} data-testid="card-update-count">
              {t('commitments.card.updates', { n: c.updateCount })}
            </div>
            {c.updates.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('commitments.card.noUpdates')}
              </Typography.Text>
            ) : variant === 'grid' ? (
              <UpdateLine u={c.updates[c.updates.length - 1]} />
            ) : (
              <Timeline
                style={{ marginTop: 8, marginBottom: -16 }}
                items={[...c.updates].reverse().map((u) => ({ key: u.id, color: u.byProxy ? 'gray' : 'red', content: <UpdateLine u={u} /> }))}
              />
            )}
          </div>
        )}
      </div>
    </Card>
  );
}

export function NoCards() {
  const { t } = useTranslation();
  return <Empty description={t('commitments.cards.none')} />;
}
