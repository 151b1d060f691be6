// 我的承诺 (亮身份、亮承诺): the member's own page, made for a phone — write or revise this year's
// commitment, add progress as it is kept, and see the card exactly as the village sees it.
import { Alert, Result, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { CommitmentEditor } from './CommitmentEditor.tsx';
import { useCommitmentWrites, useMyCommitment } from './hooks.ts';
import { MemberCardView } from './MemberCardView.tsx';

export default function MyCommitmentPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { data, isPending, error } = useMyCommitment();
  const writes = useCommitmentWrites();

  if (!me.memberId) return <Result status="info" title={t('commitments.my.notMemberTitle')} subTitle={t('commitments.my.notMember')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-commitment">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.commitmentsMe')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('commitments.slogan')}</Typography.Text>
      </div>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <>
          <CommitmentEditor card={data.card} year={data.year} writes={writes} maxUpdates={data.maxUpdates} />
          <div>
            <Typography.Title level={5}>{t('commitments.my.asOthersSee')}</Typography.Title>
            <MemberCardView card={data.card} year={data.year} variant="grid" testId="my-card" />
          </div>
        </>
      )}
    </Space>
  );
}
