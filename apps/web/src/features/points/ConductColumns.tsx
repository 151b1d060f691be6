// The ten do's (十为) and ten don'ts (十不为) side by side on a desk, one after the other on a phone.
import { Card, Col, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConductItem } from './types.ts';

function Column({ title, items, color, showRules }: { title: string; items: ConductItem[]; color: string; showRules?: boolean }) {
  return (
    <Card size="small" title={<span style={{ color }}>{title}</span>} style={{ height: '100%' }}>
      <ol style={{ margin: 0, paddingInlineStart: 22 }}>
        {items.map((i) => (
          <li key={i.id} style={{ padding: '4px 0' }} data-testid={`conduct-${i.kind}`}>
            {i.text}
            {showRules && i.ruleCode && <Tag style={{ marginInlineStart: 6 }}>{i.ruleCode}</Tag>}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function ConductColumns({ items, showRules }: { items: ConductItem[]; showRules?: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12}>
        <Column title={t('points.conduct.dos')} items={items.filter((i) => i.kind === 'do')} color="#389e0d" />
      </Col>
      <Col xs={24} md={12}>
        <Column title={t('points.conduct.donts')} items={items.filter((i) => i.kind === 'dont')} color="#cf1322" showRules={showRules} />
      </Col>
    </Row>
  );
}
