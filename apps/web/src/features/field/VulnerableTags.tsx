// The people to move first of a household, as tags in their category's colour; with `reasons`,
// each with why it is recorded (what a grid worker needs to know at the door: a wheelchair, a
// stretcher).
import { Tag } from 'antd';
import { useFieldLabels, VULNERABLE_COLORS } from './labels.ts';
import type { VulnerablePerson } from './types.ts';

export function VulnerableTags({ people, reasons = false }: { people: VulnerablePerson[]; reasons?: boolean }) {
  const { vulnerable } = useFieldLabels();
  if (people.length === 0) return null;
  if (!reasons) {
    return (
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }} data-testid="vulnerable-tags">
        {people.map((p) => (
          <Tag key={p.id} color={VULNERABLE_COLORS[p.category] ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {vulnerable(p.category)} · {p.name}
          </Tag>
        ))}
      </span>
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="vulnerable-tags">
      {people.map((p) => (
        <div key={p.id} style={{ fontSize: 13, lineHeight: 1.5 }}>
          <Tag color={VULNERABLE_COLORS[p.category] ?? 'default'} style={{ marginInlineEnd: 6 }}>
            {vulnerable(p.category)}
          </Tag>
          <strong>{p.name}</strong>
          {p.reason && <span style={{ color: 'rgba(0,0,0,0.55)' }}> — {p.reason}</span>}
        </div>
      ))}
    </div>
  );
}
