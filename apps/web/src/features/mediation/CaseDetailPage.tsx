// 案件详情: one dispute case for its supervisors and its assigned mediators — the parties (phones
// masked, shown in full on request, which the server audits), the mediators and their
// declarations, the sessions, the agreement's terms with the PDF for signing, the steps of its
// life and its timeline. Every text the parties or the mediators wrote is rendered as text.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Result, Row, Skeleton, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { AssignDialog, SessionDialog, StepDialog } from './CaseDialogs.tsx';
import { caseKey, downloadAgreement, revealPhone, saveAgreement, unassign, useCase, useInvalidateMediation } from './hooks.ts';
import { STATUS_COLORS, useMediationLabels } from './labels.ts';
import type { CaseAction, CaseDetail, CaseStatus } from './types.ts';

const PATH: CaseStatus[] = ['accepted', 'mediating', 'agreed', 'followed_up', 'closed'];
/** Which step buttons a state offers (the server's table decides; this only avoids buttons that would be refused). */
const OFFERED: Record<CaseStatus, CaseAction[]> = {
  accepted: ['start', 'withdraw'],
  mediating: ['agree', 'fail'],
  agreed: ['visit'],
  failed: ['visit'],
  followed_up: ['close'],
  closed: [],
};

export default function CaseDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: c, error } = useCase(id);
  const qc = useQueryClient();
  const invalidate = useInvalidateMediation();
  const labels = useMediationLabels();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<CaseAction | 'assign' | 'session' | null>(null);
  /** A mediator the supervisor is taking the case from: to give it to another, or back to the queue. */
  const [taking, setTaking] = useState<{ action: 'reassign' | 'unassign'; mediator: CaseDetail['mediators'][number] } | null>(null);

  if (!(id > 0) || (error instanceof ApiError && error.status === 404)) return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('mediation.detail.notFound')} data-testid="mediation-case-not-found" />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!c) return <Skeleton active />;

  const updated = (next: CaseDetail) => {
    qc.setQueryData(caseKey(id), next);
    setDialog(null);
    setTaking(null);
    void invalidate();
  };
  const may = (a: 'assign' | 'reassign' | 'unassign') => c.you.staffing.includes(a);
  const actions = OFFERED[c.status].filter((a) => c.you.actions.includes(a));
  const path = c.outcome === 'failed' ? PATH.map((s) => (s === 'agreed' ? 'failed' : s)) : PATH;
  const current = Math.max(0, path.indexOf(c.status));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mediation-case-page">
      <Link to={c.you.supervisor ? '/mediation/cases' : '/mediation/mine'}>{t('mediation.detail.back')}</Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Title level={isPhone ? 4 : 3} style={{ margin: 0 }}>{c.number}</Typography.Title>
          <Tag color={STATUS_COLORS[c.status]} data-testid="mediation-case-status">{labels.status(c.status)}</Tag>
        </Space>
        <Space wrap>
          {actions.map((a) => (
            <Button key={a} type={a === 'withdraw' ? 'default' : 'primary'} danger={a === 'fail' || a === 'withdraw'} onClick={() => setDialog(a)} data-testid={`mediation-action-${a}`}>
              {t(`mediation.action.${a}`)}
            </Button>
          ))}
          {c.agreementReady && (
            <Button icon={<DownloadOutlined />} onClick={() => void downloadAgreement(c.id, c.number).catch((e: unknown) => message.error(errorMessage(e)))} data-testid="mediation-pdf">
              {t('mediation.agreement.pdf')}
            </Button>
          )}
        </Space>
      </div>
      {c.status !== 'closed' || c.outcome ? (
        <Steps size="small" direction={isPhone ? 'vertical' : 'horizontal'} current={current} items={path.map((s) => ({ title: labels.status(s) }))} />
      ) : (
        <Alert type="info" showIcon title={t('mediation.detail.withdrawn')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('mediation.detail.facts')}>
              <Descriptions size="small" column={isPhone ? 1 : 2}>
                <Descriptions.Item label={t('mediation.list.type')}>{labels.type(c.type)}</Descriptions.Item>
                <Descriptions.Item label={t('mediation.list.village')}>{c.unitName}</Descriptions.Item>
                <Descriptions.Item label={t('mediation.list.accepted')}>{formatDateTime(c.acceptedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('mediation.detail.registeredBy')}>{c.registeredBy ?? '—'}</Descriptions.Item>
                {c.referral && <Descriptions.Item label={t('mediation.detail.referral')}>{labels.referral(c.referral)}{c.referralNote ? ` (${c.referralNote})` : ''}</Descriptions.Item>}
                {c.visitOn && <Descriptions.Item label={t('mediation.detail.visitOn')}>{c.visitOn}</Descriptions.Item>}
                {c.visitOutcome && <Descriptions.Item label={t('mediation.detail.visitOutcome')}>{c.visitOutcome}</Descriptions.Item>}
                {c.closeNote && <Descriptions.Item label={t('mediation.detail.closeNote')}>{c.closeNote}</Descriptions.Item>}
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="mediation-summary">{c.summary}</Typography.Paragraph>
            </Card>
            <Card size="small" title={t('mediation.detail.parties')}>
              <List dataSource={c.parties} renderItem={(p) => <PartyRow caseId={c.id} p={p} roleLabel={labels.role(p.role)} />} />
            </Card>
            {(c.status === 'mediating' || c.terms.length > 0) && <AgreementCard c={c} onSaved={updated} />}
            <Card size="small" title={t('mediation.session.title')} extra={c.status === 'mediating' && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('session')} data-testid="mediation-session-add">{t('mediation.session.add')}</Button>}>
              {c.sessions.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.session.none')} /> : (
                <List
                  dataSource={c.sessions}
                  renderItem={(s) => (
                    <List.Item data-testid="mediation-session">
                      <Space orientation="vertical" size={0}>
                        <Typography.Text strong>{s.heldOn} · {s.place}</Typography.Text>
                        <Typography.Text type="secondary">{t('mediation.session.attendees')}: {s.attendees}</Typography.Text>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.notes}</Typography.Paragraph>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('mediation.detail.mediators')} extra={may('assign') && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('assign')} data-testid="mediation-assign">{t('mediation.assign.title')}</Button>}>
              {c.mediators.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.detail.noMediator')} /> : (
                <List
                  dataSource={c.mediators}
                  renderItem={(m) => (
                    <List.Item
                      data-testid="mediation-mediator"
                      actions={[
                        may('reassign') && <Button key="reassign" size="small" type="link" onClick={() => setTaking({ action: 'reassign', mediator: m })} data-testid="mediation-reassign">{t('mediation.reassign.action')}</Button>,
                        may('unassign') && <Button key="unassign" size="small" type="link" danger onClick={() => setTaking({ action: 'unassign', mediator: m })} data-testid="mediation-unassign">{t('mediation.unassign.action')}</Button>,
                      ].filter(Boolean)}
                    >
                      <Space><Typography.Text strong>{m.name}</Typography.Text><Typography.Text type="secondary">{m.phoneMasked}</Typography.Text></Space>
                    </List.Item>
                  )}
                />
              )}
              {c.declarations.length > 0 && (
                <>
                  <Typography.Title level={5} style={{ marginTop: 12 }}>{t('mediation.detail.declarations')}</Typography.Title>
                  <List
                    size="small"
                    dataSource={c.declarations}
                    renderItem={(d) => (
                      <List.Item>
                        <Space orientation="vertical" size={0}>
                          <Space><Typography.Text>{d.mediatorName}</Typography.Text><Tag color={d.conflict ? 'red' : 'green'}>{t(d.conflict ? 'mediation.assign.hasConflict' : 'mediation.assign.noConflict')}</Tag></Space>
                          <Typography.Text type="secondary">{d.statement}</Typography.Text>
                          <Typography.Text type="secondary">{formatDateTime(d.declaredAt)}</Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                </>
              )}
            </Card>
            <Card size="small" title={t('mediation.detail.timeline')}>
              <Timeline
                items={c.timeline.map((e) => ({
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text>{labels.action(e.action)}</Typography.Text>
                      <Typography.Text type="secondary">{formatDateTime(e.at)}{e.actor ? ` · ${e.actor}` : ''}</Typography.Text>
                      {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                    </Space>
                  ),
                }))}
                data-testid="mediation-timeline"
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {dialog === 'assign' && <AssignDialog c={c} onClose={() => setDialog(null)} onDone={updated} />}
      {taking?.action === 'reassign' && <AssignDialog c={c} from={taking.mediator} onClose={() => setTaking(null)} onDone={updated} />}
      <ReasonDialog
        open={taking?.action === 'unassign'}
        title={t('mediation.unassign.title', { name: taking?.mediator.name ?? '' })}
        description={t('mediation.unassign.hint')}
        label={t('mediation.unassign.reason')}
        danger
        requiredMessage={t('mediation.unassign.reasonRequired')}
        testIdPrefix="mediation-unassign"
        onCancel={() => setTaking(null)}
        onSubmit={async (reason) => updated(await unassign(c.id, { mediatorId: taking!.mediator.id, reason }))}
      />
      {dialog === 'session' && <SessionDialog c={c} onClose={() => setDialog(null)} onDone={updated} />}
      {dialog && dialog !== 'assign' && dialog !== 'session' && <StepDialog c={c} action={dialog} onClose={() => setDialog(null)} onDone={updated} />}
    </Space>
  );
}

function PartyRow({ caseId, p, roleLabel }: { caseId: number; p: CaseDetail['parties'][number]; roleLabel: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [phone, setPhone] = useState<string | null>(null);
  const show = async () => {
    try {
      setPhone((await revealPhone(caseId, p.id)).phone);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <List.Item>
      <Space orientation="vertical" size={0}>
        <Space wrap><Tag>{roleLabel}</Tag><Typography.Text strong>{p.name}</Typography.Text>{p.relation && <Typography.Text type="secondary">{p.relation}</Typography.Text>}</Space>
        {p.address && <Typography.Text type="secondary">{p.address}</Typography.Text>}
        {p.phoneMasked && (
          <Space>
            {phone ? <a href={`tel:${phone}`}>{phone}</a> : <Typography.Text>{p.phoneMasked}</Typography.Text>}
            {!phone && <Button size="small" type="link" onClick={() => void show()} data-testid="mediation-party-reveal">{t('mediation.detail.showPhone')}</Button>}
          </Space>
        )}
      </Space>
    </List.Item>
  );
}

/** The terms while mediation goes on (editable by its mediators and supervisors), fixed afterwards. */
function AgreementCard({ c, onSaved }: { c: CaseDetail; onSaved: (next: CaseDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ terms: string[]; performance: string }>();
  const [busy, setBusy] = useState(false);
  const editable = c.status === 'mediating';
  if (!editable) {
    return (
      <Card size="small" title={t('mediation.agreement.title')}>
        <ol style={{ paddingInlineStart: 20 }}>{c.terms.map((term, i) => <li key={i}>{term}</li>)}</ol>
        <Typography.Paragraph><Typography.Text strong>{t('mediation.agreement.performance')}: </Typography.Text>{c.performance}</Typography.Paragraph>
      </Card>
    );
  }
  const save = async (v: { terms: string[]; performance: string }) => {
    setBusy(true);
    try {
      onSaved(await saveAgreement(c.id, { terms: v.terms ?? [], performance: v.performance ?? '' }));
      message.success(t('mediation.agreement.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('mediation.agreement.title')}>
      <Form form={form} layout="vertical" initialValues={{ terms: c.terms.length ? c.terms : [''], performance: c.performance }} onFinish={(v) => void save(v)} data-testid="mediation-agreement-form">
        <Form.List name="terms">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space.Compact key={f.key} style={{ width: '100%' }}>
                  <Form.Item name={f.name} noStyle>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('mediation.agreement.termN', { n: i + 1 })} data-testid={`mediation-term-${i}`} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t('mediation.common.remove')}</Button>
                </Space.Compact>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>{t('mediation.agreement.addTerm')}</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="performance" label={t('mediation.agreement.performance')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('mediation.agreement.performanceHint')} data-testid="mediation-performance" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="mediation-agreement-save">{t('mediation.agreement.save')}</Button>
      </Form>
    </Card>
  );
}
