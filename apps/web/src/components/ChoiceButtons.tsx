// Big radio buttons in two columns, for choosing a kind with a thumb on a phone (an alarm's kind,
// a hazard's category). A Form.Item control: value and onChange come from the form.
import { Button } from 'antd';

export interface ChoiceButtonsProps {
  options: ReadonlyArray<{ value: string; label: string }>;
  /** data-testid of each button: `${testIdPrefix}-${value}`. */
  testIdPrefix: string;
  /** The chosen button in red (an alarm). */
  danger?: boolean;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}

export function ChoiceButtons({ options, testIdPrefix, danger, value, onChange, id }: ChoiceButtonsProps) {
  return (
    <div id={id} role="radiogroup" style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}>
      {options.map((o) => {
        const chosen = value === o.value;
        return (
          <Button
            key={o.value}
            role="radio"
            aria-checked={chosen}
            autoInsertSpace={false}
            type={chosen ? 'primary' : 'default'}
            danger={danger && chosen}
            onClick={() => onChange?.(o.value)}
            style={{ height: 56, fontSize: 16, fontWeight: chosen ? 700 : 400, whiteSpace: 'normal', lineHeight: 1.2, paddingInline: 6 }}
            data-testid={`${testIdPrefix}-${o.value}`}
          >
            {o.label}
          </Button>
        );
      })}
    </div>
  );
}
