// 群众求助 from the village's QR code: no account — a name, a phone and a small sum as the check.
// After filing the resident gets a receipt code to follow the request; photos go up with it.
import { Alert, Button, Card, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { preparePhoto } from '../../components/PhotoPicker.tsx';
import { AskForm } from '../help/AskForm.tsx';
import { filePublic, usePublicVillage, uploadPublicPhoto } from '../help/hooks.ts';

export default function HelpAskPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const { data, error, refetch } = usePublicVillage(villageCode);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<{ receiptCode: string; photoErrors: string[] } | null>(null);

  if (error) return <Result status="404" title={errorMessage(error)} data-testid="help-village-unknown" />;
  if (filed)
    return (
      <Result
        status="success"
        title={t('help.ask.filed')}
        subTitle={t('help.ask.filedHint')}
        data-testid="help-filed"
        extra={
          <Space orientation="vertical" align="center">
            <Typography.Text copyable strong style={{ fontSize: 24, letterSpacing: 3 }} data-testid="help-receipt-code">
              {filed.receiptCode}
            </Typography.Text>
            {filed.photoErrors.map((e) => (
              <Alert key={e} type="warning" showIcon title={e} />
            ))}
            <Link to={`/public/help/follow?code=${filed.receiptCode}`}>
              <Button type="primary" data-testid="help-follow-link">
                {t('help.ask.follow')}
              </Button>
            </Link>
          </Space>
        }
      />
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560, margin: '0 auto', display: 'flex' }} data-testid="help-ask-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('help.ask.title', { village: data?.village.name ?? '' })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('help.ask.intro')}</Typography.Text>
      </div>
      <Card size="small">
        {data && (
          <AskForm
            categories={data.categories}
            grids={data.grids}
            question={data.challenge.question}
            busy={busy}
            onSubmit={async (v, photos) => {
              setBusy(true);
              try {
                const res = await filePublic(villageCode, { ...v, answer: Number(v.answer), challenge: data.challenge.token });
                const photoErrors: string[] = [];
                for (const file of photos) {
                  try {
                    await uploadPublicPhoto(res.receiptCode, await preparePhoto(file), () => undefined).promise;
                  } catch (e) {
                    photoErrors.push(t('help.labelled', { label: file.name, value: errorMessage(e) }));
                  }
                }
                setFiled({ receiptCode: res.receiptCode, photoErrors });
              } catch (e) {
                // A wrong or expired answer: a fresh question for the next try.
                void refetch();
                throw e;
              } finally {
                setBusy(false);
              }
            }}
          />
        )}
      </Card>
      <Typography.Text type="secondary">
        <Link to={`/public/help/${encodeURIComponent(villageCode)}/stats`}>{t('help.stats.link')}</Link>
      </Typography.Text>
    </Space>
  );
}
