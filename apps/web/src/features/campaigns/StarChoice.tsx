// Choosing stars from the previous stage's (recommend from the claimed, decide from the recommended):
// every one of them by default; unticking narrows, adding is not possible.
import type { StarDimension } from '@xianfeng/domain';
import { Checkbox } from 'antd';
import { useCampaignLabels } from './format.ts';

export function StarChoice({ from, value, onChange, id }: { from: StarDimension[]; value?: StarDimension[]; onChange?: (v: StarDimension[]) => void; id?: string }) {
  const { star } = useCampaignLabels();
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as StarDimension[])} data-testid="star-choice">
      <div id={id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {from.map((d) => (
          <Checkbox key={d} value={d} data-testid={`star-choice-${d}`}>
            {star(d)}
          </Checkbox>
        ))}
      </div>
    </Checkbox.Group>
  );
}
