// One member's card with every progress update of this year's commitment.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCard } from './hooks.ts';
import { MemberCardView } from './MemberCardView.tsx';

export default function CardDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const memberId = Number(useParams().memberId) || undefined;
  const { data, isPending, error } = useCard(memberId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }} data-testid="card-detail">
      <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/cards'))} data-testid="card-back">
        {t('common.back')}
      </Button>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <MemberCardView card={data.card} year={data.year} variant="full" />
      )}
    </Space>
  );
}
