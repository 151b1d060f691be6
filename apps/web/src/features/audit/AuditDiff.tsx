import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '∅';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Before and after of an audit entry as `key: before → after`, one line per changed key. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  if (before == null && after == null) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    return (
      <div style={{ wordBreak: 'break-all' }}>
        <span className="xf-diff-before">{show(before)}</span> → <span className="xf-diff-after">{show(after)}</span>
      </div>
    );
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    <div data-testid="audit-diff" style={{ display: 'grid', gridTemplateColumns: 'minmax(80px, max-content) 1fr', gap: '4px 12px', alignItems: 'baseline' }}>
      {keys.map((k) => {
        const hasBefore = k in b;
        const hasAfter = k in a;
        return (
          <div key={k} style={{ display: 'contents' }}>
            <span className="xf-diff-key">{t(`audit.fields.${k}`, { defaultValue: k })}</span>
            <span style={{ minWidth: 0 }}>
              {hasBefore && <span className="xf-diff-before">{show(b[k])}</span>}
              {hasBefore && hasAfter && ' → '}
              {hasAfter && <span className="xf-diff-after">{k === 'field' ? t(`members.${String(a[k])}`, { defaultValue: show(a[k]) }) : show(a[k])}</span>}
            </span>
          </div>
        );
      })}
    </div>
  );
}
