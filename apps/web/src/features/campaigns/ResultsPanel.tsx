// 评选结果: the finals by category (with their stars or certificate numbers), the exports (.xlsx),
// the certificates (荣誉证书, PDF) of a closed commendation campaign, and the public honor roll.
import { DownloadOutlined, FilePdfOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, errorMessage } from '../../api/client.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useCampaignLabels } from './format.ts';
import { useResults } from './hooks.ts';
import { Stars } from '../stars/Stars.tsx';
import type { Final } from './types.ts';

const rowProps = () => ({ 'data-testid': 'result-row' }) as HTMLAttributes<HTMLElement>;

export function ResultsPanel({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const { category } = useCampaignLabels();
  const { data, isPending, error } = useResults(campaignId);
  const [busy, setBusy] = useState<string | null>(null);

  async function save(kind: 'results' | 'honor-roll') {
    setBusy(kind);
    try {
      await download(`/api/campaigns/${campaignId}/${kind === 'results' ? 'results' : 'honor-roll'}/export`, undefined, `${kind}.xlsx`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const { campaign } = data;
  const closed = campaign.status === 'closed';
  const commendation = campaign.kind === 'commendation';

  const columns: ColumnsType<Final> = [
    { title: t('campaigns.results.name'), dataIndex: 'name', render: (n: string, f) => <Link to={`/campaigns/candidates/${f.candidateId}`}>{n}</Link> },
    ...(isPhone ? [] : [{ title: t('campaigns.results.unit'), dataIndex: 'unitName', ellipsis: true }]),
    commendation
      ? {
          title: t('campaigns.results.certificate'),
          key: 'certificate',
          render: (_: unknown, f: Final) =>
            f.commendationId ? (
              <a href={`/api/campaigns/commendations/${f.commendationId}/certificate.pdf`} target="_blank" rel="noopener noreferrer" data-testid="result-certificate">
                <FilePdfOutlined /> {f.certificateNo}
              </a>
            ) : (
              t('common.none')
            ),
        }
      : { title: t('campaigns.results.stars'), key: 'stars', render: (_: unknown, f: Final) => <Stars stars={f.stars ?? []} size={14} data-testid="result-stars" /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="results-panel">
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={busy === 'results'} onClick={() => save('results')} data-testid="results-export">
          {t('campaigns.results.export')}
        </Button>
        {closed && (
          <Button icon={<DownloadOutlined />} loading={busy === 'honor-roll'} onClick={() => save('honor-roll')} data-testid="honor-roll-export">
            {t('campaigns.results.exportHonorRoll')}
          </Button>
        )}
        {closed && commendation && (
          <a href={`/api/campaigns/${campaignId}/certificates.pdf`} target="_blank" rel="noopener noreferrer">
            <Button icon={<FilePdfOutlined />} data-testid="certificates-pdf">
              {t('campaigns.results.certificates')}
            </Button>
          </a>
        )}
        {closed && (
          <Link to={`/public/honor-roll?unit=${encodeURIComponent(campaign.organizer.code)}&year=${campaign.period.slice(0, 4)}`}>
            <Button icon={<TrophyOutlined />} data-testid="honor-roll-link">
              {t('campaigns.results.honorRoll')}
            </Button>
          </Link>
        )}
      </Space>
      {!closed && <Alert type="info" showIcon title={t('campaigns.results.notClosed')} />}
      {data.groups.map((g) => (
        <Card key={g.category} size="small" title={`${category(g.category)} (${g.items.length})`}>
          {g.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.results.none')} />
          ) : (
            <Table<Final> rowKey="candidateId" size="small" columns={columns} dataSource={g.items} pagination={false} onRow={rowProps} />
          )}
        </Card>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('campaigns.results.hint')}
      </Typography.Text>
    </Space>
  );
}
