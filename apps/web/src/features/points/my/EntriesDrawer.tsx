// Every entry of the member's ledger, or of one period, a page at a time.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Pagination, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { EntryList } from '../EntryList.tsx';
import { usePointsFormat } from '../format.ts';
import type { Entry } from '../types.ts';

const PAGE_SIZE = 20;

function Entries({ memberId, period }: { memberId: number; period?: string }) {
  const [page, setPage] = useState(1);
  const { data, isFetching, error } = useQuery({
    queryKey: ['points', 'entries', memberId, period ?? null, page],
    queryFn: () => api.get<Page<Entry>>(`/api/points/members/${memberId}/entries`, { period, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Spin spinning={isFetching}>
      <EntryList entries={data?.items ?? []} />
      {(data?.total ?? 0) > PAGE_SIZE && (
        <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} showSizeChanger={false} onChange={setPage} style={{ textAlign: 'center', marginTop: 12 }} />
      )}
    </Spin>
  );
}

/** `period` undefined: the whole ledger. Open while `open` is true. */
export function EntriesDrawer({ open, memberId, period, onClose }: { open: boolean; memberId: number; period?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { period: label } = usePointsFormat();
  return (
    <Drawer open={open} onClose={onClose} size={isPhone ? '100%' : 480} title={period ? t('points.my.entriesOf', { period: label(period) }) : t('points.my.allEntries')} destroyOnHidden>
      <div data-testid="entries-drawer">{open && <Entries memberId={memberId} period={period} />}</div>
    </Drawer>
  );
}
