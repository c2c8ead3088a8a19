// An amount field that takes what cashiers type ("500", "12.50") and says when it is not an amount.
import { parseMoney } from '../../../common/money.js';

type Props = {
  id: string;
  label: string;
  value: string;
  currency: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
};

/** Parses a typed amount into minor units; null when empty or not an amount. */
export function amountOf(value: string, currency: string): number | null {
  return value.trim() === '' ? null : parseMoney(value, currency);
}

/** A labelled amount input. */
export function MoneyField({ id, label, value, currency, onChange, autoFocus }: Props) {
  const bad = value.trim() !== '' && parseMoney(value, currency) === null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        autoFocus={autoFocus}
        value={value}
        aria-invalid={bad}
        aria-describedby={bad ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {bad && (
        <span id={`${id}-err`} className="inline-error">
          Type digits, with a decimal point for cents/paise if needed.
        </span>
      )}
    </div>
  );
}
