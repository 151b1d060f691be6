import { ArrowLeftOutlined, EditOutlined, EyeOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import type { MemberDetail } from '../../api/types.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { MemberFormDrawer } from './MemberFormDrawer.tsx';
import { statusColor } from './statusColor.ts';
import { TransferModal } from './TransferModal.tsx';
import { useCan } from '../../auth/session.ts';
import { Stars } from '../stars/Stars.tsx';
import { StarProgressCard } from '../stars/StarProgressCard.tsx';

interface Unmasked {
  idNumber: string | null;
  mobile: string | null;
}

export default function MemberDetailPage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const can = useCan();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [unmasked, setUnmasked] = useState<Unmasked | null>(null);
  const [unmasking, setUnmasking] = useState(false);
  const { data: m, isPending, error } = useQuery({
    queryKey: ['member', id],
    queryFn: () => api.get<MemberDetail>(`/api/members/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });

  if (!Number.isInteger(id) || id <= 0 || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('members.notFound')} extra={<Link to="/members">{t('members.backToList')}</Link>} />;
  }
  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;

  const updated = async (next: MemberDetail) => {
    qc.setQueryData(['member', id], next);
    setUnmasked(null);
    await qc.invalidateQueries({ queryKey: ['members'] });
    await qc.invalidateQueries({ queryKey: ['unit'] });
  };

  const unmask = () =>
    modal.confirm({
      title: t('members.unmaskTitle'),
      content: t('members.unmaskConfirm'),
      okText: t('members.unmask'),
      onOk: async () => {
        setUnmasking(true);
        try {
          const [idNumber, mobile] = await Promise.all([
            api.post<{ value: string | null }>(`/api/members/${m.id}/unmask`, { field: 'idNumber' }),
            m.mobile ? api.post<{ value: string | null }>(`/api/members/${m.id}/unmask`, { field: 'mobile' }) : Promise.resolve({ value: null }),
          ]);
          setUnmasked({ idNumber: idNumber.value, mobile: mobile.value });
          message.info(t('members.unmaskRecorded'));
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setUnmasking(false);
        }
      },
    });

  const transfers = [...m.transfers].sort((a, b) => (a.transferredOn < b.transferredOn ? 1 : a.transferredOn > b.transferredOn ? -1 : b.id - a.id));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>
        {t('common.back')}
      </Button>
      <Card
        data-testid="member-detail"
        title={
          <Space wrap size={6}>
            <span data-testid="member-detail-name">{m.name}</span>
            <Tag color={statusColor(m.status)}>{label('memberStatus', m.status)}</Tag>
          </Space>
        }
        extra={
          m.canEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'unit', label: t('members.unit'), children: <Link to={`/units?unit=${m.unit.id}`}>{m.unit.name}</Link> },
            { key: 'gender', label: t('members.gender'), children: label('gender', m.gender) },
            { key: 'ethnicity', label: t('members.ethnicity'), children: m.ethnicity ? label('ethnicity', m.ethnicity) : t('common.none') },
            { key: 'birthDate', label: t('members.birthDate'), children: m.birthDate },
            {
              key: 'idNumber',
              label: t('members.idNumber'),
              children: <span data-testid="member-id-number-value" style={{ wordBreak: 'break-all' }}>{unmasked?.idNumber ?? m.idNumber}</span>,
            },
            {
              key: 'mobile',
              label: t('members.mobile'),
              children: <span data-testid="member-mobile-value">{(unmasked?.mobile ?? m.mobile) || t('common.none')}</span>,
            },
            { key: 'joinDate', label: t('members.joinDate'), children: m.joinDate },
            { key: 'fullMemberDate', label: t('members.fullMemberDate'), children: m.fullMemberDate || t('common.none') },
            { key: 'education', label: t('members.education'), children: m.education ? label('education', m.education) : t('common.none') },
            { key: 'occupation', label: t('members.occupation'), children: m.occupation || t('common.none') },
            {
              key: 'specialties',
              label: t('members.specialties'),
              children: m.specialties.length ? m.specialties.map((s) => <Tag key={s}>{s}</Tag>) : t('common.none'),
            },
            {
              key: 'stars',
              label: t('stars.record'),
              children: m.stars ? (
                <Space size={8} wrap data-testid="member-stars">
                  <Stars stars={m.stars.stars} />
                  <span>{t('stars.recordOf', { period: m.stars.period })}</span>
                </Space>
              ) : t('common.none'),
            },
            { key: 'updatedAt', label: t('members.updatedAt'), children: formatDateTime(m.updatedAt) },
          ]}
        />
        <Space wrap style={{ marginTop: 16 }}>
          {m.canUnmask && !unmasked && (
            <Button icon={<EyeOutlined />} loading={unmasking} onClick={unmask} data-testid="unmask-button">
              {t('members.unmask')}
            </Button>
          )}
          {m.canEdit && (
            <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="transfer-button">
              {t('transfer.button')}
            </Button>
          )}
        </Space>
        {m.canUnmask && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {unmasked ? t('members.unmaskRecorded') : t('members.unmaskHint')}
          </Typography.Paragraph>
        )}
      </Card>
      {can('evaluation.read') && <StarProgressCard memberId={m.id} />}
      <Card title={t('transfer.history')} data-testid="transfer-history">
        {transfers.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transfer.none')} />
        ) : (
          <Timeline
            items={transfers.map((tr) => ({
              key: tr.id,
              title: tr.transferredOn,
              content: (
                <div data-testid="transfer-item">
                  <div>
                    {t('transfer.line', { from: tr.fromUnit.name, to: tr.toUnit.name })}
                  </div>
                  {tr.reason && <Typography.Text type="secondary">{t('transfer.reason')}{t('common.colon')}{tr.reason}</Typography.Text>}
                </div>
              ),
            }))}
          />
        )}
      </Card>
      <MemberFormDrawer
        open={editing}
        member={m}
        onClose={() => setEditing(false)}
        onSaved={async (next) => {
          setEditing(false);
          await updated(next);
        }}
      />
      <TransferModal
        open={transferring}
        member={m}
        onClose={() => setTransferring(false)}
        onDone={async (next) => {
          setTransferring(false);
          await updated(next);
        }}
      />
    </Space>
  );
}
