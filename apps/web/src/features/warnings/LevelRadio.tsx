// The level as four buttons in the levels' own colours, strongest first; the chosen one is filled.
import { Radio } from 'antd';
import type { WarningLevel } from '@xianfeng/domain';
import { LEVEL_COLORS, LEVELS_STRONGEST_FIRST } from './format.ts';
import { useWarningLabels } from './LevelTag.tsx';

export function LevelRadio({ value, onChange, id }: { value?: WarningLevel; onChange?: (level: WarningLevel) => void; id?: string }) {
  const { level } = useWarningLabels();
  return (
    <Radio.Group id={id} value={value} onChange={(e) => onChange?.(e.target.value as WarningLevel)} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {LEVELS_STRONGEST_FIRST.map((l) => {
        const c = LEVEL_COLORS[l];
        const chosen = value === l;
        return (
          <Radio.Button
            key={l}
            value={l}
            style={{
              flex: '1 1 72px',
              textAlign: 'center',
              borderRadius: 6,
              borderInlineStartWidth: 1,
              borderColor: c.bg,
              background: chosen ? c.bg : c.soft,
              color: chosen ? c.fg : '#262626',
              fontWeight: chosen ? 700 : 400,
            }}
          >
            <span data-testid={`level-choice-${l}`}>{level(l)}</span>
          </Radio.Button>
        );
      })}
    </Radio.Group>
  );
}
