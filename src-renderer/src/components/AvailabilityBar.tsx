// How full a show is, as a bar and as words (the bar alone would say nothing to a screen reader).
type Props = { total: number; available: number; mine: number };

/** The availability bar of a show. */
export function AvailabilityBar({ total, available, mine }: Props) {
  const share = total === 0 ? 0 : available / total;
  const tone = available === 0 ? 'none' : share < 0.2 ? 'low' : share < 0.5 ? 'mid' : 'high';
  return (
    <span className="availability">
      <span className={`bar bar-${tone}`} aria-hidden="true">
        <span className="bar-fill" style={{ width: `${String(Math.round((1 - share) * 100))}%` }} />
      </span>
      <span className="availability-text">
        {available === 0 ? 'Sold out' : `${String(available)} of ${String(total)} free`}
        {mine > 0 && <span className="mine-count"> · ◆ {mine} here</span>}
      </span>
    </span>
  );
}
