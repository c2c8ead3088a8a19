// Drawing a seat layout: paint cells with a tool by mouse drag or keyboard (arrows move, Shift+arrows
// select a rectangle, Space paints, 1–9 pick a tool), rows and columns, labels and numbering,
// categories; undo and redo; the rules checked live; the counter's map previewed beside it.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  layoutDraft,
  type LayoutCell,
  type LayoutDraft,
  type LayoutView,
} from '../../../../common/api/admin-layouts.js';
import { draftCounts, draftProblems } from '../../../../common/layout-draft.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { AdminError } from '../api.js';
import { fieldErrorsOf } from '../kit/fields.js';
import * as E from './editor-state.js';
import { CategoryPanel, ProblemList } from './EditorPanels.js';
import { LayoutPreview } from './LayoutPreview.js';

type Props = {
  screenName: string;
  layout: LayoutView | null;
  initial: LayoutDraft;
  readOnly: boolean;
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
  onCancel: () => void;
  onSave: (draft: LayoutDraft) => Promise<void>;
};

const KIND_TOOLS: { tool: E.Tool; label: string }[] = [
  { tool: { t: 'floor' }, label: 'Floor (aisle or gap)' },
  { tool: { t: 'pillar' }, label: 'Pillar' },
  { tool: { t: 'wheelchair' }, label: 'Wheelchair place' },
  { tool: { t: 'companion' }, label: 'Companion seat' },
  { tool: { t: 'standard' }, label: 'Ordinary seat' },
  { tool: { t: 'restricted' }, label: 'Restricted view (toggle)' },
];

function cellText(cell: LayoutCell, names: Map<string, string>): string {
  if (cell === null) return 'floor';
  if (cell.t === 'pillar') return 'pillar';
  const kind =
    cell.kind === 'standard'
      ? 'seat'
      : cell.kind === 'wheelchair'
        ? 'wheelchair place'
        : 'companion seat';
  return `${names.get(cell.category) ?? cell.category} ${kind}${cell.restricted ? ', restricted view' : ''}`;
}

/** The editor. */
export function LayoutEditor({
  screenName,
  layout,
  initial,
  readOnly,
  onDirtyChange,
  onCancel,
  onSave,
}: Props) {
  const [s, setS] = useState(() => E.start(initial));
  const [tool, setTool] = useState<E.Tool>({
    t: 'category',
    code: initial.categories[0]?.code ?? 'STD',
  });
  const [cursor, setCursor] = useState<E.Cell>({ r: 0, c: 0 });
  const [anchor, setAnchor] = useState<E.Cell | null>(null);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [confirmVersion, setConfirmVersion] = useState(false);
  const dragging = useRef(false);
  const grid = useRef<HTMLDivElement>(null);
  const d = s.draft;
  const dirty = d !== initial;
  useEffect(() => {
    onDirtyChange?.(dirty);
    return () => onDirtyChange?.(false);
  }, [dirty, onDirtyChange]);
  useEffect(() => {
    const up = () => {
      if (!dragging.current) return;
      dragging.current = false;
      setS((x) => E.endStroke(x));
    };
    window.addEventListener('pointerup', up);
    return () => window.removeEventListener('pointerup', up);
  }, []);

  const problems = useMemo(
    () => ({ ...fieldErrorsOf(layoutDraft, d), ...draftProblems(d), ...serverFields }),
    [d, serverFields],
  );
  const problemCells = new Set(
    Object.keys(problems)
      .map((k) => /^\/rows\/(\d+)\/cells\/(\d+)$/.exec(k))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1] ?? ''}:${m[2] ?? ''}`),
  );
  const counts = draftCounts(d);
  const names = new Map(d.categories.map((c) => [c.code, c.name]));
  const colors = new Map(d.categories.map((c) => [c.code, c.color]));
  const tools: { tool: E.Tool; label: string }[] = [
    ...d.categories.map((c) => ({
      tool: { t: 'category' as const, code: c.code },
      label: `${c.name} seat`,
    })),
    ...KIND_TOOLS,
  ];
  const same = (a: E.Tool, b: E.Tool) => JSON.stringify(a) === JSON.stringify(b);
  const change = (next: LayoutDraft) => {
    setServerFields({});
    setS((x) => E.commit(x, next));
  };
  const selection = anchor ? E.rect(anchor, cursor) : [cursor];
  const inSelection = (r: number, c: number) =>
    anchor !== null && selection.some((x) => x.r === r && x.c === c);

  const focusCell = (cell: E.Cell) => {
    setCursor(cell);
    grid.current
      ?.querySelector<HTMLElement>(`[data-cell="${String(cell.r)}:${String(cell.c)}"]`)
      ?.focus();
  };
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const next = {
        r: Math.min(d.rows.length - 1, Math.max(0, cursor.r + m[0])),
        c: Math.min(d.columns - 1, Math.max(0, cursor.c + m[1])),
      };
      if (e.shiftKey) setAnchor(anchor ?? cursor);
      else setAnchor(null);
      focusCell(next);
      return;
    }
    if ((e.key === ' ' || e.key === 'Enter') && !readOnly) {
      e.preventDefault();
      change(E.paint(d, selection, tool));
      // The selection is used up: the next paint is the cursor's cell again.
      setAnchor(null);
      return;
    }
    if (e.key === 'Escape' && anchor) {
      e.preventDefault();
      setAnchor(null);
    }
  };
  const onEditorKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const typing =
      target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      setS((x) => (e.shiftKey ? E.redo(x) : E.undo(x)));
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y' && !typing) {
      e.preventDefault();
      setS((x) => E.redo(x));
    } else if (!typing && !e.ctrlKey && !e.altKey && /^[1-9]$/.test(e.key)) {
      const t = tools[Number(e.key) - 1];
      if (t) {
        e.preventDefault();
        setTool(t.tool);
      }
    }
  };
  const save = async () => {
    setSaving(true);
    setServerError(null);
    try {
      await onSave(d);
    } catch (err) {
      const a = err instanceof AdminError ? err : null;
      setServerError(a?.message ?? String(err));
      setServerFields(a?.fields ?? {});
    } finally {
      setSaving(false);
    }
  };
  const problemList = Object.entries(problems);
  const off = readOnly || saving;
  return (
    <section
      aria-labelledby="editor-h"
      className="admin-section layout-editor"
      onKeyDown={onEditorKey}
    >
      <header className="admin-head">
        <h2 id="editor-h">
          {layout ? `${layout.name} (version ${String(layout.version)})` : 'New layout'} ·{' '}
          {screenName}
        </h2>
        <div className="admin-actions">
          <button type="button" onClick={() => setS(E.undo)} disabled={off || s.past.length === 0}>
            Undo
          </button>
          <button
            type="button"
            onClick={() => setS(E.redo)}
            disabled={off || s.future.length === 0}
          >
            Redo
          </button>
          <button
            type="button"
            className="primary"
            disabled={off || problemList.length > 0 || (!dirty && layout !== null)}
            onClick={() => (layout && layout.showCount > 0 ? setConfirmVersion(true) : void save())}
          >
            {saving ? 'Saving…' : 'Save layout'}
          </button>
          <button type="button" onClick={onCancel}>
            Close editor
          </button>
        </div>
      </header>
      {layout && layout.showCount > 0 && (
        <p className="admin-note">
          {String(layout.showCount)} shows use this version ({String(layout.soldCount)} seats sold
          or held). Saving makes version {String(layout.version + 1)} for new shows; those shows
          keep this one.
        </p>
      )}
      {serverError && (
        <p className="admin-error" role="alert">
          {serverError}
        </p>
      )}
      <div className="editor-top">
        <label className="editor-name">
          Layout name
          <input
            value={d.name}
            disabled={off}
            onChange={(e) => change({ ...d, name: e.target.value })}
          />
        </label>
        <div role="radiogroup" aria-label="Painting tool" className="editor-tools">
          {tools.map((t, i) => (
            <button
              key={JSON.stringify(t.tool)}
              type="button"
              role="radio"
              aria-checked={same(t.tool, tool)}
              className={`tool${same(t.tool, tool) ? ' active' : ''}`}
              onClick={() => setTool(t.tool)}
            >
              {t.tool.t === 'category' && (
                <span
                  className="swatch"
                  style={{ background: colors.get(t.tool.code) }}
                  aria-hidden="true"
                />
              )}
              <kbd aria-hidden="true">{i + 1}</kbd> {t.label}
            </button>
          ))}
        </div>
      </div>
      <div className="editor-body">
        <div className="editor-left">
          <div
            ref={grid}
            role="grid"
            aria-label={`Seat grid of ${screenName}: arrow keys move, Shift+arrows select, Space paints with the tool, 1–9 pick a tool, Ctrl+Z undoes`}
            aria-readonly={readOnly}
            className="editor-grid"
            style={{ gridTemplateColumns: `5.5em repeat(${String(d.columns)}, 1.6em)` }}
            onKeyDown={onGridKey}
          >
            {d.rows.map((row, r) => (
              <div role="row" key={r} className="editor-row">
                <span role="rowheader" className="editor-rowhead">
                  <input
                    className="row-label-input"
                    aria-label={`Label of row ${String(r + 1)}`}
                    value={row.label}
                    disabled={off}
                    onChange={(e) =>
                      change(E.setRow(d, r, { label: e.target.value.toUpperCase() }))
                    }
                  />
                  <button
                    type="button"
                    className="numbering"
                    disabled={off}
                    aria-label={`Row ${row.label} numbered ${row.numbering === 'ltr' ? 'left to right' : 'right to left'}; change`}
                    onClick={() =>
                      change(E.setRow(d, r, { numbering: row.numbering === 'ltr' ? 'rtl' : 'ltr' }))
                    }
                  >
                    {row.numbering === 'ltr' ? '1→' : '←1'}
                  </button>
                </span>
                {row.cells.map((cell, c) => {
                  const key = `${String(r)}:${String(c)}`;
                  const isCursor = cursor.r === r && cursor.c === c;
                  return (
                    <span
                      key={c}
                      role="gridcell"
                      data-cell={key}
                      tabIndex={isCursor ? 0 : -1}
                      aria-selected={inSelection(r, c) || undefined}
                      aria-label={`Row ${row.label}, column ${String(c + 1)}: ${cellText(cell, names)}`}
                      className={`ecell ecell-${cell === null ? 'floor' : cell.t === 'pillar' ? 'pillar' : cell.kind}${cell?.t === 'seat' && cell.restricted ? ' restricted' : ''}${isCursor ? ' cursor' : ''}${inSelection(r, c) ? ' selected' : ''}${problemCells.has(key) ? ' problem' : ''}`}
                      style={
                        cell?.t === 'seat'
                          ? { background: colors.get(cell.category) ?? '#999' }
                          : undefined
                      }
                      onFocus={() => setCursor({ r, c })}
                      onPointerDown={(e) => {
                        if (off || e.button !== 0) return;
                        e.preventDefault();
                        dragging.current = true;
                        setCursor({ r, c });
                        setAnchor(null);
                        setServerFields({});
                        setS((x) => E.strokeTo(E.beginStroke(x), [{ r, c }], tool));
                      }}
                      onPointerEnter={() => {
                        if (dragging.current) setS((x) => E.strokeTo(x, [{ r, c }], tool));
                      }}
                    >
                      {cell?.t === 'seat' && cell.kind === 'wheelchair'
                        ? '♿'
                        : cell?.t === 'seat' && cell.kind === 'companion'
                          ? 'C'
                          : ''}
                    </span>
                  );
                })}
              </div>
            ))}
          </div>
          <div className="admin-actions editor-size">
            <button type="button" disabled={off} onClick={() => change(E.addRow(d))}>
              Add row
            </button>
            <button type="button" disabled={off} onClick={() => change(E.removeRow(d))}>
              Remove last row
            </button>
            <button type="button" disabled={off} onClick={() => change(E.addColumn(d))}>
              Add column
            </button>
            <button type="button" disabled={off} onClick={() => change(E.removeColumn(d))}>
              Remove last column
            </button>
          </div>
          <p className="editor-counts" aria-live="polite">
            {String(counts.seats)} seats
            {d.categories.map((c) => {
              const n = d.rows
                .flatMap((r) => r.cells)
                .filter((x) => x?.t === 'seat' && x.category === c.code).length;
              return ` · ${c.name} ${String(n)}`;
            })}
            {` · ${String(counts.wheelchair)} wheelchair places · ${String(counts.companion)} companion seats · ${String(counts.restricted)} restricted view`}
          </p>
        </div>
        <div className="editor-right">
          <ProblemList draft={d} problems={problemList} onGo={focusCell} />
          <CategoryPanel draft={d} disabled={off} onChange={change} />
          <LayoutPreview draft={d} />
        </div>
      </div>
      {confirmVersion && layout && (
        <ConfirmDialog
          id="new-version"
          title={`Save as version ${String(layout.version + 1)}?`}
          actions={[
            {
              label: 'Save new version',
              kind: 'primary',
              run: () => {
                setConfirmVersion(false);
                void save();
              },
            },
          ]}
          onEscape={() => setConfirmVersion(false)}
          escapeLabel="Keep editing"
        >
          <p>
            Shows already use version {String(layout.version)}, so it is not changed: the{' '}
            {String(layout.showCount)} shows keep their seat map, and new shows get the new version.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
