// The planner's film palette (issue 16): click a film to see where it fits on every lane, drag it onto
// a lane to plan one show, or press Enter on it to add shows in a batch.
import type { FilmView } from '../../../../common/api/admin-films.js';
import { filmHue } from './planner-math.js';

/** The films that can be planned. */
export function FilmPalette({
  films,
  picked,
  readOnly,
  onPick,
  onPlan,
}: {
  films: FilmView[];
  picked: string | null;
  readOnly: boolean;
  onPick: (filmId: string | null) => void;
  onPlan: (filmId: string) => void;
}) {
  return (
    <aside className="planner-palette" aria-label="Films to drag onto a screen">
      <h3>Films</h3>
      <ul>
        {films.map((f) => (
          <li
            key={f.id}
            draggable={!readOnly}
            tabIndex={0}
            aria-label={`${f.title}, ${String(f.durationMinutes)} minutes: Enter plans it`}
            aria-current={picked === f.id ? 'true' : undefined}
            onClick={() => onPick(picked === f.id ? null : f.id)}
            onDragStart={(e) => {
              onPick(f.id);
              e.dataTransfer.setData('application/x-film', f.id);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || readOnly) return;
              e.preventDefault();
              onPlan(f.id);
            }}
            style={{ borderLeftColor: `hsl(${String(filmHue(f.id))} 60% 45%)` }}
            title={`Click to see where ${f.title} fits; drag onto a lane to plan it`}
          >
            {f.title} <span className="planner-minutes">{f.durationMinutes} min</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
