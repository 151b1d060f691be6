// The lifecycle buttons of a request for whoever looks at it: accept (a matching member), start
// and resolve (the member who took it), close with a reason (the village's secretary). The server
// decides; the buttons follow what it says the caller may do.
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { helpAction, useInvalidateHelp } from './hooks.ts';
import type { HelpRequestDetail, HelpRequestRow } from './types.ts';

type Can = HelpRequestDetail['can'];

export function HelpActions({ r, can }: { r: HelpRequestRow; can: Partial<Can> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateHelp();
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'resolve' | 'close' | null>(null);

  async function run(action: 'accept' | 'start' | 'resolve' | 'close', body: Record<string, unknown> = {}) {
    setBusy(action);
    try {
      await helpAction(r.id, action, body);
      message.success(t(`help.done.${action}`));
    } catch (e) {
      message.error(errorMessage(e));
      if (action !== 'resolve' && action !== 'close') await invalidate();
      throw e;
    } finally {
      setBusy(null);
    }
    await invalidate();
  }

  return (
    <>
      <Space wrap>
        {can.accept && (
          <Button type="primary" loading={busy === 'accept'} onClick={() => run('accept').catch(() => undefined)} data-testid={`help-accept-${r.id}`}>
            {t('help.actions.accept')}
          </Button>
        )}
        {can.start && (
          <Button loading={busy === 'start'} onClick={() => run('start').catch(() => undefined)} data-testid={`help-start-${r.id}`}>
            {t('help.actions.start')}
          </Button>
        )}
        {can.resolve && (
          <Button type="primary" onClick={() => setDialog('resolve')} data-testid={`help-resolve-${r.id}`}>
            {t('help.actions.resolve')}
          </Button>
        )}
        {can.close && (
          <Button danger onClick={() => setDialog('close')} data-testid={`help-close-${r.id}`}>
            {t('help.actions.close')}
          </Button>
        )}
      </Space>
      <ReasonDialog
        open={dialog === 'resolve'}
        title={t('help.actions.resolve')}
        label={t('help.fields.resolution')}
        field="note"
        requiredMessage={t('help.resolveRequired')}
        testIdPrefix="help-resolve"
        onCancel={() => setDialog(null)}
        onSubmit={async (note) => {
          await helpAction(r.id, 'resolve', { note });
          setDialog(null);
          message.success(t('help.done.resolve'));
          await invalidate();
        }}
      />
      <ReasonDialog
        open={dialog === 'close'}
        title={t('help.actions.close')}
        label={t('help.fields.closeReason')}
        danger
        requiredMessage={t('help.reasonRequired')}
        testIdPrefix="help-close"
        onCancel={() => setDialog(null)}
        onSubmit={async (reason) => {
          await helpAction(r.id, 'close', { reason });
          setDialog(null);
          message.success(t('help.done.close'));
          await invalidate();
        }}
      />
    </>
  );
}
