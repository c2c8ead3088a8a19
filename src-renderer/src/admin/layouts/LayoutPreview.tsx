// The live preview: the draft placed exactly as the server stores it (common/layout-draft.ts) and
// drawn by the counter's own map drawing.
import { useMemo } from 'react';
import type { LayoutDraft } from '../../../../common/api/admin-layouts.js';
import type { StationSeat } from '../../../../common/contract/station.js';
import { placeDraft } from '../../../../common/layout-draft.js';
import { MapDrawing } from '../../components/MapDrawing.js';
import { mapGeometry } from '../../lib/seat-geometry.js';

const KIND = { standard: '', wheelchair: ' · wheelchair space', companion: ' · companion seat' };

/** The preview of a draft. */
export function LayoutPreview({ draft }: { draft: LayoutDraft }) {
  const { seats, rows, blocks } = useMemo(() => {
    const placed = placeDraft(draft);
    const seatsOut: StationSeat[] = placed.seats.map((s) => ({
      id: `${String(s.row)}:${String(s.column)}`,
      label: s.label,
      rowLabel: s.rowLabel,
      number: s.number,
      x: s.x,
      y: s.y,
      categoryId: s.category,
      kind: s.kind,
      ...(s.restrictedView ? { restrictedView: true } : {}),
      state: 'available',
      mine: false,
      pending: false,
    }));
    return {
      seats: seatsOut,
      rows: placed.rows.map((r) => ({ label: r.label, y: r.y })),
      blocks: placed.blocks,
    };
  }, [draft]);
  const geo = useMemo(() => mapGeometry({ rows, seats }), [rows, seats]);
  const colors = new Map(draft.categories.map((c) => [c.code, c.color]));
  const names = new Map(draft.categories.map((c) => [c.code, c.name]));
  return (
    <figure className="layout-preview">
      <figcaption>Preview: the counter’s map of this layout</figcaption>
      <div className="map-box preview-box">
        <MapDrawing
          geo={geo}
          seats={seats}
          blocks={blocks}
          colorOf={(s) => colors.get(s.categoryId) ?? '#666'}
          lookOf={() => 'free'}
          focusId={null}
          titleOf={(s) =>
            `${s.label} · ${names.get(s.categoryId) ?? s.categoryId}${KIND[s.kind]}${s.restrictedView ? ' · restricted view' : ''}`
          }
          onPick={() => undefined}
        />
      </div>
    </figure>
  );
}
