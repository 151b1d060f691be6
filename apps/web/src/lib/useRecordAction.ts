// Acting on a record shown on its detail page (an alarm, a hazard) where others act too.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client.ts';

/**
 * Returns `run(action, doneKey)`: on success the page shows the record the server returned, says
 * `doneKey` and closes the dialog; when someone else moved the record first (409) it says why,
 * closes the dialog and reloads the record as it stands now. Other errors stay with the dialog.
 */
export function useRecordAction<T>(queryKey: QueryKey, invalidate: () => Promise<unknown>, closeDialog: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return async function run(action: () => Promise<T>, doneKey: string) {
    try {
      qc.setQueryData<T>(queryKey, await action());
      message.success(t(doneKey));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      message.error(errorMessage(e));
    }
    closeDialog();
    void invalidate();
  };
}
