// 佐证材料: photos or PDFs, one request per file (POST /api/points/evidence), checked for type and
// size before they leave the phone. The value is the list of uploaded files, whose ids go with the
// claim or report.
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from '@xianfeng/domain';
import { App, Button, Progress, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, upload, type UploadHandle } from '../../api/client.ts';
import { EvidenceThumb } from './EvidenceLinks.tsx';
import type { Evidence } from './types.ts';

interface Running {
  uid: string;
  name: string;
  percent: number;
}

const EVIDENCE_ACCEPT = 'image/*,application/pdf';

export function EvidenceUpload({ value, onChange, id, 'data-testid': testId }: { value?: Evidence[]; onChange?: (v: Evidence[]) => void; id?: string; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [running, setRunning] = useState<Running[]>([]);
  const handles = useRef(new Map<string, UploadHandle<Evidence>>());
  // Several files may finish in any order: each adds itself to the latest list.
  const latest = useRef<Evidence[]>(value ?? []);
  latest.current = value ?? [];

  useEffect(() => {
    const all = handles.current;
    return () => all.forEach((h) => h.abort());
  }, []);

  function accept(file: File): boolean {
    if (file.type && !(EVIDENCE_TYPES as readonly string[]).includes(file.type)) {
      message.error(t('points.evidence.wrongType', { name: file.name }));
      return false;
    }
    if (file.size > MAX_EVIDENCE_BYTES) {
      message.error(t('points.evidence.tooLarge', { name: file.name, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }));
      return false;
    }
    if (latest.current.length + handles.current.size >= MAX_EVIDENCE_FILES) {
      message.error(t('points.evidence.tooMany', { max: MAX_EVIDENCE_FILES }));
      return false;
    }
    return true;
  }

  async function send(file: File, uid: string) {
    setRunning((r) => [...r, { uid, name: file.name, percent: 0 }]);
    const handle = upload<Evidence>('/api/points/evidence', file, undefined, (p) =>
      setRunning((r) => r.map((x) => (x.uid === uid ? { ...x, percent: p.percent } : x))),
    );
    handles.current.set(uid, handle);
    try {
      const saved = await handle.promise;
      const next = [...latest.current, saved];
      latest.current = next;
      onChange?.(next);
    } catch (e) {
      if ((e as Error)?.name !== 'AbortError') message.error(errorMessage(e));
    } finally {
      handles.current.delete(uid);
      setRunning((r) => r.filter((x) => x.uid !== uid));
    }
  }

  const files = value ?? [];
  return (
    <div id={id} data-testid={testId}>
      <Upload
        accept={EVIDENCE_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          if (accept(file)) void send(file, file.uid);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={files.length >= MAX_EVIDENCE_FILES}>
          {t('points.evidence.add')}
        </Button>
      </Upload>
      <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 4 }}>
        {t('points.evidence.hint', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024, max: MAX_EVIDENCE_FILES })}
      </div>
      {running.map((r) => (
        <div key={r.uid} style={{ marginTop: 8 }} data-testid="evidence-uploading">
          <div className="xf-ellipsis" style={{ fontSize: 13 }}>
            <PaperClipOutlined /> {r.name}
          </div>
          <Progress percent={r.percent} size="small" status="active" />
        </div>
      ))}
      {files.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
          {files.map((f) => (
            <div key={f.id} style={{ position: 'relative' }} data-testid="evidence-uploaded">
              <EvidenceThumb file={f} />
              <Button
                size="small"
                shape="circle"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('points.evidence.remove', { name: f.filename })}
                style={{ position: 'absolute', top: -8, right: -8 }}
                onClick={() => onChange?.(files.filter((x) => x.id !== f.id))}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
