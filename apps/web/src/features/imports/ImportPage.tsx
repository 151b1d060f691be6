// The import wizard: upload → the server checks every row (dry run) → confirm. A file with any
// wrong row cannot be confirmed: the import is all or nothing.
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Result, Segmented, Space, Spin, Steps, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, download, errorMessage, upload, type UploadHandle } from '../../api/client.ts';
import type { ImportError, ImportPreviewRow, ImportReport } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';

type Kind = 'members' | 'units';
type Phase = 'idle' | 'uploading' | 'checking' | 'done' | 'failed';

const PREVIEW_KEYS: Record<Kind, string[]> = {
  members: ['name', 'gender', 'birthDate', 'idNumber', 'joinDate', 'status', 'unit'],
  units: ['code', 'name', 'kind', 'parentCode'],
};

function ErrorTable({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation();
  // Narrow fixed columns and a wrapping message: the table fits a phone without scrolling.
  const columns: ColumnsType<ImportError> = [
    { title: t('import.row'), dataIndex: 'row', width: 64 },
    { title: t('import.column'), dataIndex: 'column', width: 104 },
    { title: t('import.problem'), dataIndex: 'message' },
  ];
  return (
    <div data-testid="import-errors">
      <Table<ImportError>
        size="small"
        rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
        columns={columns}
        dataSource={errors}
        tableLayout="fixed"
        pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={() => ({ 'data-testid': 'import-error-row' }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

function PreviewTable({ kind, rows }: { kind: Kind; rows: ImportPreviewRow[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ImportPreviewRow> = [
    { title: t('import.row'), dataIndex: 'row', width: 70 },
    ...PREVIEW_KEYS[kind].map((k) => ({ title: t(`import.preview.${kind}.${k}`), dataIndex: k, render: (v: unknown) => (v === null || v === undefined ? '' : String(v)) })),
  ];
  return (
    <div data-testid="import-preview">
      <Table<ImportPreviewRow> size="small" rowKey="row" columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} pagination={false} />
    </div>
  );
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const kinds: Kind[] = [...(can('member.import') ? (['members'] as const) : []), ...(can('unit.write') ? (['units'] as const) : [])];
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'members');
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const running = useRef<UploadHandle<ImportReport> | null>(null);
  const isPhone = useIsPhone();

  useEffect(() => () => running.current?.abort(), []);

  const reset = () => {
    running.current?.abort();
    setStep(0);
    setFile(null);
    setPhase('idle');
    setPercent(0);
    setCheck(null);
    setResult(null);
    setFailure(null);
  };

  async function send(f: File, dryRun: boolean) {
    setPhase('uploading');
    setPercent(0);
    setFailure(null);
    const handle = upload<ImportReport>(
      `/api/imports/${kind}`,
      f,
      dryRun ? { dryRun: 1 } : undefined,
      (p) => setPercent(p.percent),
      () => {
        setPercent(100);
        setPhase('checking');
      },
    );
    running.current = handle;
    try {
      const report = await handle.promise;
      setPhase('done');
      return report;
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return null;
      setPhase('failed');
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'error.unknown', errorMessage(e)));
      return null;
    } finally {
      running.current = null;
    }
  }

  async function choose(f: File) {
    setFile(f);
    setCheck(null);
    setResult(null);
    setStep(1);
    const report = await send(f, true);
    if (report) setCheck(report);
  }

  async function confirm() {
    if (!file || !check?.ok) return;
    setStep(2);
    const report = await send(file, false);
    if (!report) return;
    if (report.ok) {
      setResult(report);
      await qc.invalidateQueries();
    } else {
      // Someone changed the data meanwhile: show what is wrong now.
      setCheck(report);
      setStep(1);
    }
  }

  async function template() {
    try {
      await download(`/api/imports/${kind}/template`, undefined, t(`import.templateFilename.${kind}`));
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const busy = phase === 'uploading' || phase === 'checking';
  const progress = busy && (
    <div data-testid="import-progress" style={{ padding: '16px 0' }}>
      {phase === 'uploading' ? (
        <>
          <Typography.Text>{t('import.uploading', { name: file?.name })}</Typography.Text>
          <Progress percent={percent} status="active" />
        </>
      ) : (
        <Spin>
          <div style={{ padding: 24, textAlign: 'center' }}>
            <Progress percent={100} showInfo={false} />
            <Typography.Text>{step === 2 ? t('import.importing') : t('import.checking')}</Typography.Text>
          </div>
        </Spin>
      )}
    </div>
  );

  const failed = phase === 'failed' && failure && (
    <Alert
      type="error"
      showIcon
      data-testid="import-failure"
      title={failure.message}
      description={failure.details.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{failure.details.map((d, i) => <li key={i}>{d.message}</li>)}</ul> : undefined}
      action={<Button size="small" onClick={reset}>{t('import.again')}</Button>}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.import')}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Segmented<Kind>
            value={kind}
            disabled={busy || step > 0}
            onChange={(k) => {
              setKind(k);
              reset();
            }}
            options={kinds.map((k) => ({ value: k, label: <span data-testid={`import-kind-${k}`}>{t(`import.kind.${k}`)}</span> }))}
          />
          <Button icon={<DownloadOutlined />} onClick={template} data-testid="import-template">
            {t('import.template')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {kind === 'members' ? t('import.membersHint') : t('import.unitsHint')}
        </Typography.Paragraph>
      </Card>
      <Card>
        <Steps
          current={step}
          size="small"
          responsive={false}
          titlePlacement={isPhone ? 'vertical' : 'horizontal'}
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.step.upload') }, { title: t('import.step.check') }, { title: t('import.step.confirm') }]}
        />
        {step === 0 && (
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.dropHere')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
        )}
        {step === 1 && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {progress}
            {failed}
            {check && !check.ok && (
              <>
                <Alert
                  type="error"
                  showIcon
                  data-testid="import-error-summary"
                  title={t('import.errorsFound', { count: check.errors.length, total: check.total })}
                  description={t('import.nothingImported')}
                />
                <ErrorTable errors={check.errors} />
              </>
            )}
            {check?.ok && (
              <>
                <Alert type="success" showIcon data-testid="import-check-ok" title={t('import.checkOk', { total: check.total })} description={check.total > check.preview.length ? t('import.previewFirst', { count: check.preview.length }) : undefined} />
                <PreviewTable kind={kind} rows={check.preview} />
              </>
            )}
            {!busy && (
              <Space wrap>
                <Button icon={<ReloadOutlined />} onClick={reset} data-testid="import-restart">
                  {t('import.chooseAnother')}
                </Button>
                {/* A file with any wrong row cannot be confirmed: the button is not even offered. */}
                {check?.ok && (
                  <Button type="primary" icon={<CloudUploadOutlined />} onClick={confirm} data-testid="import-confirm">
                    {t('import.confirm', { count: check.total })}
                  </Button>
                )}
              </Space>
            )}
          </Space>
        )}
        {step === 2 && (
          <>
            {progress}
            {failed}
            {result && (
              <Result
                status="success"
                icon={<CheckCircleOutlined />}
                title={<span data-testid="import-done">{t(`import.done.${kind}`, { count: result.imported })}</span>}
                extra={[
                  <Button key="again" onClick={reset}>
                    {t('import.again')}
                  </Button>,
                  <Button key="go" type="primary" onClick={() => navigate(kind === 'members' ? '/members' : '/units')}>
                    {kind === 'members' ? t('import.goMembers') : t('import.goUnits')}
                  </Button>,
                ]}
              />
            )}
          </>
        )}
      </Card>
    </Space>
  );
}
