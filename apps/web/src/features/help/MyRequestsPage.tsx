// 我的求助: a resident with an account asks for help where they live and follows what they asked.
import { App, Button, Card, Empty, Result, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { HELP_CATEGORIES } from '@xianfeng/domain';
import { api, errorMessage, upload } from '../../api/client.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { preparePhoto } from '../../components/PhotoPicker.tsx';
import { AskForm } from './AskForm.tsx';
import { useInvalidateHelp, useMyHelpRequests, usePlacesToAsk } from './hooks.ts';
import { useHelpLabels } from './labels.ts';
import { RequestCard } from './RequestCard.tsx';
import type { HelpRequestDetail } from './types.ts';

export default function MyRequestsPage() {
  const { t } = useTranslation();
  const { data } = useMyHelpRequests();
  const navigate = useNavigate();
  const can = useCan();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }} data-testid="help-mine-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('help.mine.title')}</Typography.Title>
        {can('help.request') && (
          <Button type="primary" onClick={() => navigate('/help/new')} data-testid="help-new">
            {t('help.mine.new')}
          </Button>
        )}
      </Space>
      {!data?.items.length ? <Empty description={t('help.mine.empty')} /> : data.items.map((r) => <RequestCard key={r.id} r={r} />)}
    </Space>
  );
}

/** Asking for help logged in: where one has a role (the village of one's branch) or registered to live. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const { data: me } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateHelp();
  const { data: places, isLoading } = usePlacesToAsk();
  const [chosen, setChosen] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  if (isLoading || !places) return <Spin />;
  if (!places.length) return <Result status="info" title={t('help.mine.noPlace')} />;
  const unitId = chosen ?? places[0]!.id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="help-new-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('help.mine.new')}</Typography.Title>
      <Card size="small">
        <Typography.Text>{t('help.mine.where')}</Typography.Text>
        <Select value={unitId} onChange={setChosen} style={{ width: '100%', margin: '4px 0 12px' }} options={places.map((p) => ({ value: p.id, label: [p.kind === 'grid' && p.parentName ? `${p.parentName} · ${p.name}` : p.name, p.residence ? t('help.mine.residence') : ''].filter(Boolean).join(' ') }))} data-testid="help-new-place" />
        <AskForm
          categories={HELP_CATEGORIES.map((c) => ({ value: c.value, label: labels.category(c.value) }))}
          initialName={me?.displayName}
          busy={busy}
          onSubmit={async (v, photos) => {
            setBusy(true);
            try {
              const r = await api.post<HelpRequestDetail>('/api/help/requests', { ...v, unitId });
              for (const file of photos) {
                // The request stands without a refused photo: say which one and why, then go on.
                await upload(`/api/help/requests/${r.id}/photos`, await preparePhoto(file), undefined, () => undefined).promise.catch((e: unknown) => message.warning(t('help.labelled', { label: file.name, value: errorMessage(e) })));
              }
              await invalidate();
              navigate(`/help/requests/${r.id}`);
            } finally {
              setBusy(false);
            }
          }}
        />
      </Card>
    </Space>
  );
}
