// 住户导入: households of grids from Excel or CSV, for those who keep them (grid workers and
// secretaries). Upload → the server checks every row (a dry run) and lists each problem with its
// row and column → confirm. A file with any wrong row cannot be confirmed: all or nothing.
import { ArrowLeftOutlined, CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Result, Space, Spin, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, errorMessage, upload } from '../../api/client.ts';
import type { ImportError, ImportPreviewRow, ImportReport } from '../../api/types.ts';

const PREVIEW = ['unit', 'address', 'headName', 'phone', 'people', 'vulnerable'] as const;

export default function HouseholdImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setCheck(null);
    setResult(null);
    setFailure(null);
  };

  async function send(f: File, dryRun: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      return await upload<ImportReport>('/api/imports/households', f, dryRun ? { dryRun: 1 } : undefined, () => undefined).promise;
    } catch (e) {
      setFailure(errorMessage(e));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function choose(f: File) {
    reset();
    setFile(f);
    setCheck(await send(f, true));
  }

  async function confirm() {
    if (!file || !check?.ok) return;
    const report = await send(file, false);
    if (!report) return;
    if (report.ok) {
      setResult(report);
      await qc.invalidateQueries({ queryKey: ['field'] });
    } else setCheck(report);
  }

  const errorColumns: ColumnsType<ImportError> = [
    { title: t('hazards.householdImport.row'), dataIndex: 'row', width: 64 },
    { title: t('hazards.householdImport.column'), dataIndex: 'column', width: 104 },
    { title: t('hazards.householdImport.problem'), dataIndex: 'message' },
  ];
  const previewColumns: ColumnsType<ImportPreviewRow> = [
    { title: t('hazards.householdImport.row'), dataIndex: 'row', width: 64 },
    ...PREVIEW.map((k) => ({ title: t(`hazards.householdImport.preview.${k}`), dataIndex: k, render: (v: unknown) => (v === null || v === undefined ? '' : String(v)) })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="household-import-page">
      <Link to="/households">
        <ArrowLeftOutlined /> {t('hazards.householdImport.back')}
      </Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('hazards.householdImport.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary">{t('hazards.householdImport.hint')}</Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            data-testid="household-import-template"
            onClick={() => download('/api/imports/households/template', undefined, t('hazards.householdImport.templateFilename')).catch((e) => message.error(errorMessage(e)))}
          >
            {t('hazards.householdImport.template')}
          </Button>
        </Space>
      </Card>
      <Card>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="household-import-failure" action={<Button size="small" onClick={reset}>{t('hazards.householdImport.again')}</Button>} />}
        {result ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={<span data-testid="household-import-done">{t('hazards.householdImport.done', { count: result.imported })}</span>}
            extra={[
              <Button key="again" onClick={reset}>{t('hazards.householdImport.again')}</Button>,
              <Link key="go" to="/households"><Button type="primary">{t('hazards.householdImport.back')}</Button></Link>,
            ]}
          />
        ) : !file ? (
          <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} beforeUpload={(f) => { void choose(f); return false; }} data-testid="household-import-upload">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('hazards.householdImport.dropHere')}</p>
          </Upload.Dragger>
        ) : (
          <Spin spinning={busy}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {check && !check.ok && (
                <>
                  <Alert type="error" showIcon data-testid="household-import-errors-summary" title={t('hazards.householdImport.errorsFound', { count: check.errors.length, total: check.total })} description={t('hazards.householdImport.nothingImported')} />
                  <Table<ImportError>
                    size="small"
                    rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
                    columns={errorColumns}
                    dataSource={check.errors}
                    tableLayout="fixed"
                    pagination={check.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                    onRow={() => ({ 'data-testid': 'household-import-error-row' }) as HTMLAttributes<HTMLElement>}
                  />
                </>
              )}
              {check?.ok && (
                <>
                  <Alert type="success" showIcon data-testid="household-import-ok" title={t('hazards.householdImport.checkOk', { total: check.total })} />
                  <Table<ImportPreviewRow> size="small" rowKey="row" columns={previewColumns} dataSource={check.preview} scroll={{ x: 'max-content' }} pagination={false} />
                </>
              )}
              <Space wrap>
                <Button icon={<ReloadOutlined />} onClick={reset} data-testid="household-import-restart">{t('hazards.householdImport.chooseAnother')}</Button>
                {check?.ok && (
                  <Button type="primary" icon={<CloudUploadOutlined />} onClick={confirm} loading={busy} data-testid="household-import-confirm">
                    {t('hazards.householdImport.confirm', { count: check.total })}
                  </Button>
                )}
              </Space>
            </Space>
          </Spin>
        )}
      </Card>
    </Space>
  );
}
