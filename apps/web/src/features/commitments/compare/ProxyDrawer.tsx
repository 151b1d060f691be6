// A secretary enters a commitment and its progress on behalf of a member (an elderly member without
// a phone of their own). The card is read as anyone in scope reads it; writes go to /members/:id.
import { Alert, Drawer, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { CommitmentEditor } from '../CommitmentEditor.tsx';
import { useCard, useCommitmentWrites } from '../hooks.ts';

export function ProxyDrawer({ member, onClose }: { member: { id: number; name: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useCard(member?.id);
  const writes = useCommitmentWrites(member?.id);
  return (
    <Drawer open={!!member} onClose={onClose} size={520} title={member ? t('commitments.proxy.title', { name: member.name }) : ''} destroyOnHidden data-testid="proxy-drawer">
      <Alert type="info" showIcon title={t('commitments.proxy.hint')} style={{ marginBottom: 12 }} />
      {isPending ? <Skeleton active /> : error ? <Alert type="error" showIcon title={errorMessage(error)} /> : <CommitmentEditor card={data.card} year={data.year} writes={writes} />}
    </Drawer>
  );
}
