// The steps of the pipeline the server says the caller may take on a candidate, as buttons. Each
// opens what the step needs: the branch meeting's vote and stars (推荐), the stars to keep (党组研究
// 通过), a reason (退回, 不推荐, 不通过), or a plain confirmation. Refusals come back in the user's
// language and are shown in the dialog.
import { Alert, App, Button, DatePicker, Form, Modal, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import { errorMessage } from '../../api/client.ts';
import { DATE_FORMAT, isFuture, toYmd, today } from '../../lib/dates.ts';
import { DANGER_ACTIONS, REASON_ACTIONS, useCampaignLabels } from './format.ts';
import { takeAction, useInvalidateCampaigns } from './hooks.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { StarChoice } from './StarChoice.tsx';
import type { Candidate, CandidateAction, CandidateDetail, StarDimension } from './types.ts';
import { VotesInput, votesRules, type VotesValue } from './VotesInput.tsx';

type Target = Pick<Candidate, 'id' | 'category' | 'state' | 'stars' | 'subject'>;

interface RecommendValues {
  votes?: VotesValue;
  meetingOn?: Dayjs | null;
  stars?: StarDimension[];
}

function RecommendModal({ target, onClose, onDone }: { target: Target; onClose: () => void; onDone: (c: CandidateDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RecommendValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const claimed = target.stars?.claimed ?? [];

  useEffect(() => {
    form.setFieldsValue({ meetingOn: today(), stars: claimed });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the dialog opens
  }, []);

  async function submit(v: RecommendValues) {
    setBusy(true);
    setError(null);
    try {
      const votes = v.votes as Required<VotesValue>;
      const c = await takeAction(target.id, {
        action: 'recommend',
        votes: { eligible: votes.eligible, present: votes.present, inFavour: votes.inFavour, against: votes.against, abstain: votes.abstain },
        meetingOn: toYmd(v.meetingOn) ?? undefined,
        ...(target.stars ? { stars: v.stars } : {}),
      });
      onDone(c);
    } catch (e) {
      setError(applyFormErrors(form, e, ['votes', 'meetingOn', 'stars']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('campaigns.recommend.title', { name: target.subject.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('campaigns.action.recommend')}
      okButtonProps={{ loading: busy, 'data-testid': 'recommend-submit' }}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="recommend-error" />}
      <Form<RecommendValues> form={form} layout="vertical" onFinish={submit} data-testid="recommend-form">
        {/* Checked when the counts are left and on submit, not at every keystroke of a half-typed vote. */}
        <Form.Item name="votes" label={t('campaigns.recommend.votes')} rules={votesRules(t, i18n.language)} validateTrigger="onBlur" extra={t('campaigns.recommend.votesHint')}>
          <VotesInput />
        </Form.Item>
        <Form.Item name="meetingOn" label={t('campaigns.recommend.meetingOn')} rules={[{ required: true, message: t('campaigns.recommend.meetingRequired') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={(d: Dayjs) => isFuture(d)} style={{ width: '100%' }} data-testid="recommend-meeting" />
        </Form.Item>
        {target.stars && (
          <Form.Item
            name="stars"
            label={t('campaigns.recommend.stars')}
            extra={t('campaigns.recommend.starsHint')}
            rules={[{ type: 'array', min: 1, message: t('campaigns.starsRequired') }]}
          >
            <StarChoice from={claimed} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function DecideModal({ target, onClose, onDone }: { target: Target; onClose: () => void; onDone: (c: CandidateDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ stars?: StarDimension[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recommended = target.stars?.recommended ?? [];

  async function submit(v: { stars?: StarDimension[] }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await takeAction(target.id, { action: 'decide', ...(target.stars ? { stars: v.stars } : {}) }));
    } catch (e) {
      setError(applyFormErrors(form, e, ['stars']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('campaigns.decide.title', { name: target.subject.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('campaigns.action.decide')}
      okButtonProps={{ loading: busy, 'data-testid': 'decide-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="decide-error" />}
      <Form form={form} layout="vertical" initialValues={{ stars: recommended }} onFinish={submit} data-testid="decide-form">
        {target.stars ? (
          <Form.Item name="stars" label={t('campaigns.decide.stars')} extra={t('campaigns.decide.starsHint')} rules={[{ type: 'array', min: 1, message: t('campaigns.starsRequired') }]}>
            <StarChoice from={recommended} />
          </Form.Item>
        ) : (
          <Typography.Paragraph>{t('campaigns.decide.confirm')}</Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

/** The buttons; `exclude` hides steps taken elsewhere on the page (the self-evaluation form submits). */
export function ActionButtons({
  candidate, actions, size = 'middle', exclude = [], onDone,
}: {
  candidate: Target;
  actions: readonly CandidateAction[];
  size?: 'small' | 'middle';
  exclude?: readonly CandidateAction[];
  onDone?: (c: CandidateDetail) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { action: label } = useCampaignLabels();
  const invalidate = useInvalidateCampaigns();
  const [open, setOpen] = useState<CandidateAction | null>(null);
  const shown = actions.filter((a) => !exclude.includes(a));

  async function done(c: CandidateDetail, a: CandidateAction) {
    setOpen(null);
    message.success(t('campaigns.actionDone', { action: label(a) }));
    onDone?.(c);
    await invalidate();
  }

  function confirm(a: CandidateAction) {
    modal.confirm({
      title: t(`campaigns.confirm.${a}`, { name: candidate.subject.name, defaultValue: label(a) }),
      content: t(`campaigns.confirmText.${a}`, { defaultValue: '' }) || undefined,
      okText: label(a),
      okButtonProps: { danger: DANGER_ACTIONS.includes(a), 'data-testid': 'action-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await done(await takeAction(candidate.id, { action: a }), a);
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  }

  function press(a: CandidateAction) {
    if (a === 'recommend' || REASON_ACTIONS.includes(a) || (a === 'decide' && candidate.stars)) setOpen(a);
    else confirm(a);
  }

  if (shown.length === 0) return null;
  return (
    <>
      <Space wrap size={[6, 6]} data-testid="candidate-actions">
        {shown.map((a) => (
          <Button
            key={a}
            size={size}
            type={a === 'recommend' || a === 'approve' || a === 'decide' || a === 'submit' ? 'primary' : 'default'}
            danger={DANGER_ACTIONS.includes(a)}
            onClick={() => press(a)}
            data-testid={`action-${a}`}
          >
            {label(a)}
          </Button>
        ))}
      </Space>
      {open === 'recommend' && <RecommendModal target={candidate} onClose={() => setOpen(null)} onDone={(c) => done(c, 'recommend')} />}
      {open === 'decide' && <DecideModal target={candidate} onClose={() => setOpen(null)} onDone={(c) => done(c, 'decide')} />}
      {open && REASON_ACTIONS.includes(open) && (
        <ReasonDialog
          testIdPrefix="campaign-reason"
          requiredMessage={t('campaigns.reasonRequired')}
          open
          danger
          title={t('campaigns.reasonTitle', { action: label(open), name: candidate.subject.name })}
          label={t('campaigns.reason')}
          okText={label(open)}
          onCancel={() => setOpen(null)}
          onSubmit={async (reason) => done(await takeAction(candidate.id, { action: open, reason }), open)}
        />
      )}
    </>
  );
}
