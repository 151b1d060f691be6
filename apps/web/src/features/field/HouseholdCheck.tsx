// 逐户核查: the households of the unit, those not yet checked first, each a card a grid worker taps at
// the door — 已转移, 拒绝 (with what was said: a refusal must be explained), 不在家.
import { CheckOutlined, CloseOutlined, HomeOutlined, PhoneOutlined, QuestionOutlined, TeamOutlined, UndoOutlined } from '@ant-design/icons';
import { CHECK_STATUSES } from '@xianfeng/domain';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Pagination, Segmented, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { checkHousehold, useCheckList, useInvalidateField } from './hooks.ts';
import type { CheckedHousehold, CheckList, CheckStatus } from './types.ts';
import { VulnerableTags } from './VulnerableTags.tsx';

export const CHECK_PAGE_SIZE = 30;
export const CHECK_COLORS: Record<CheckStatus, string> = { pending: 'default', moved: 'green', refused: 'red', not_home: 'orange' };

type Filter = CheckStatus | 'all';

function HouseholdCard({ h, warningId, active, onRefuse }: { h: CheckedHousehold; warningId: number; active: boolean; onRefuse: (h: CheckedHousehold) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateField();
  const [busy, setBusy] = useState<CheckStatus | null>(null);
  const status = h.check.status;

  async function set(next: CheckStatus) {
    setBusy(next);
    try {
      await checkHousehold(warningId, h.id, next);
      message.success(t('field.check.saved', { address: h.address, status: t(`field.check.status.${next}`) }));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const big = { height: 48, fontSize: 16, paddingInline: 4 } as const;
  return (
    <Card
      size="small"
      style={{ borderInlineStart: `4px solid ${status === 'pending' ? (h.vulnerable.length ? '#fa541c' : '#d9d9d9') : status === 'moved' ? '#52c41a' : status === 'refused' ? '#ff4d4f' : '#fa8c16'}` }}
      data-testid="check-household"
      data-status={status}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ fontSize: 16, wordBreak: 'break-word' }}>
          <HomeOutlined /> {h.address}
        </Typography.Text>
        <Tag color={CHECK_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="check-status">
          {t(`field.check.status.${status}`)}
        </Tag>
      </div>
      <div style={{ fontSize: 14, color: 'rgba(0,0,0,0.7)', margin: '4px 0', display: 'flex', flexWrap: 'wrap', columnGap: 12 }}>
        <span>{t('field.household.headIs', { name: h.headName })}</span>
        {h.phone && (
          <span>
            <PhoneOutlined /> {h.phone}
          </span>
        )}
        <span>
          <TeamOutlined /> {t('field.household.peopleCount', { count: h.people })}
        </span>
      </div>
      {h.vulnerable.length > 0 && (
        <div style={{ margin: '6px 0' }}>
          <VulnerableTags people={h.vulnerable} reasons />
        </div>
      )}
      {status !== 'pending' && (
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', margin: '4px 0' }}>
          {t('field.check.by', { by: h.check.checkedBy ?? t('common.none'), at: formatDateTime(h.check.checkedAt) })}
          {h.check.note && <div style={{ color: 'rgba(0,0,0,0.75)', whiteSpace: 'pre-wrap' }}>{h.check.note}</div>}
        </div>
      )}
      {active && (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 6, marginTop: 8 }}>
            <Button
              type={status === 'moved' ? 'primary' : 'default'}
              icon={<CheckOutlined />}
              style={{ ...big, ...(status === 'moved' ? { background: '#389e0d', borderColor: '#389e0d' } : { color: '#389e0d', borderColor: '#b7eb8f' }) }}
              loading={busy === 'moved'}
              disabled={!!busy || status === 'moved'}
              onClick={() => set('moved')}
              data-testid="check-moved"
            >
              {t('field.check.action.moved')}
            </Button>
            <Button
              danger
              type={status === 'refused' ? 'primary' : 'default'}
              icon={<CloseOutlined />}
              style={big}
              disabled={!!busy}
              onClick={() => onRefuse(h)}
              data-testid="check-refused"
            >
              {t('field.check.action.refused')}
            </Button>
            <Button
              type={status === 'not_home' ? 'primary' : 'default'}
              icon={<QuestionOutlined />}
              style={{ ...big, ...(status === 'not_home' ? { background: '#d46b08', borderColor: '#d46b08' } : {}) }}
              loading={busy === 'not_home'}
              disabled={!!busy || status === 'not_home'}
              onClick={() => set('not_home')}
              data-testid="check-not-home"
            >
              {t('field.check.action.not_home')}
            </Button>
          </div>
          {status !== 'pending' && (
            <Button type="link" size="small" icon={<UndoOutlined />} disabled={!!busy} onClick={() => set('pending')} style={{ paddingInline: 0, marginTop: 4 }}>
              {t('field.check.undo')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

/** The refusal and what the household said (required: a refusal on the record must be explained). */
function RefuseDialog({ h, warningId, onClose }: { h: CheckedHousehold | null; warningId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateField();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: { note: string }) {
    if (!h) return;
    setBusy(true);
    setError(null);
    try {
      await checkHousehold(warningId, h.id, 'refused', v.note.trim());
      message.success(t('field.check.saved', { address: h.address, status: t('field.check.status.refused') }));
      void invalidate();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!h}
      title={t('field.check.refuseTitle', { address: h?.address ?? '' })}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('field.check.action.refused')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'refuse-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {/* Mounted afresh at each opening (destroyOnHidden), so the initial note is the household's own. */}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ note: h?.check.status === 'refused' ? h.check.note : '' }}>
        <Form.Item name="note" label={t('field.check.refuseNote')} extra={t('field.check.refuseHint')} rules={[{ required: true, whitespace: true, message: t('field.check.refuseRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} autoFocus data-testid="refuse-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CheckCountsBar({ counts }: { counts: CheckList['counts'] }) {
  const { t } = useTranslation();
  const cells: Array<[string, number, string, string?]> = [
    ['pending', counts.pending, '#595959'],
    ['moved', counts.moved, '#389e0d', t('field.check.people', { count: counts.peopleMoved })],
    ['refused', counts.refused, '#cf1322'],
    ['not_home', counts.notHome, '#d46b08'],
  ];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 6 }} data-testid="check-counts">
      {cells.map(([k, n, color, sub]) => (
        <div key={k} style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 4px', textAlign: 'center' }}>
          <div style={{ fontSize: 24, fontWeight: 700, color, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }}>{n}</div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{t(`field.check.status.${k}`)}</div>
          {sub && <div style={{ fontSize: 11, color: 'rgba(0,0,0,0.45)' }}>{sub}</div>}
        </div>
      ))}
    </div>
  );
}

export function HouseholdCheck({ warningId, unitId, active }: { warningId: number; unitId: number; active: boolean }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [refusing, setRefusing] = useState<CheckedHousehold | null>(null);
  const { data, isFetching, error } = useCheckList(warningId, unitId, filter === 'all' ? undefined : filter, page, CHECK_PAGE_SIZE);
  const counts = data?.counts;
  const countOf = (f: Filter) => (!counts ? undefined : f === 'all' ? counts.households : f === 'not_home' ? counts.notHome : counts[f]);

  return (
    <div data-testid="household-check">
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented<Filter>
          value={filter}
          onChange={(f) => {
            setFilter(f);
            setPage(1);
          }}
          options={(['all', ...CHECK_STATUSES] as Filter[]).map((f) => ({
            value: f,
            label: `${t(f === 'all' ? 'field.check.all' : `field.check.status.${f}`)}${countOf(f) !== undefined ? ` ${countOf(f)}` : ''}`,
          }))}
          data-testid="check-filter"
        />
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Spin spinning={isFetching}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {data && data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filter === 'all' ? 'field.check.noneAll' : 'field.check.none')} />}
          {data?.items.map((h) => (
            <HouseholdCard key={h.id} h={h} warningId={warningId} active={active} onRefuse={setRefusing} />
          ))}
        </div>
      </Spin>
      {(data?.total ?? 0) > CHECK_PAGE_SIZE && <Pagination current={page} pageSize={CHECK_PAGE_SIZE} total={data?.total} onChange={setPage} size="small" style={{ textAlign: 'center', marginTop: 8 }} />}
      <RefuseDialog h={refusing} warningId={warningId} onClose={() => setRefusing(null)} />
    </div>
  );
}
