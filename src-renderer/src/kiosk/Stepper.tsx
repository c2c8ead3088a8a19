// A quantity with large − and + buttons, for ticket types and food: touch-first, labelled for
// screen readers, and the count announced as it changes.
export function Stepper({
  label,
  value,
  min = 0,
  max,
  lessLabel,
  moreLabel,
  onChange,
}: {
  label: string;
  value: number;
  min?: number;
  max: number;
  lessLabel: string;
  moreLabel: string;
  onChange: (n: number) => void;
}) {
  return (
    <div className="k-stepper" role="group" aria-label={label}>
      <button
        type="button"
        className="k-round"
        aria-label={lessLabel}
        disabled={value <= min}
        onClick={() => onChange(value - 1)}
      >
        −
      </button>
      <output className="k-count" aria-live="polite">
        {value}
      </output>
      <button
        type="button"
        className="k-round"
        aria-label={moreLabel}
        disabled={value >= max}
        onClick={() => onChange(value + 1)}
      >
        +
      </button>
    </div>
  );
}
